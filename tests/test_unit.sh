#!/bin/sh
# test_unit.sh — the systemd unit as systemd 252 reads it: `systemd-analyze verify` (with
# the binary it names and its man pages present, from an install into a DESTDIR) and
# `systemd-analyze security`, whose exposure score must stay in the "OK" band.
#   test_unit.sh BUILD_DIR PREFIX UNIT_DIR
# Exits 77 (skipped) where systemd-analyze is missing.
set -eu
build=$1 prefix=$2 unit_dir=$3
# The exposure score foyer.service may not exceed: systemd calls up to 2.0 "OK" (the unit
# scores 1.6 as written; PrivateNetwork, PrivateDevices and the DRM/input devices it must
# keep are most of what is left). Raising this needs a reason in the README.
threshold=2.0

if ! command -v systemd-analyze >/dev/null 2>&1; then
	echo "skipped: systemd-analyze is not installed"
	exit 77
fi
dest=$(mktemp -d /tmp/foyer-unit-XXXXXX)
trap 'rm -rf "$dest"' EXIT
DESTDIR=$dest cmake --install "$build" >/dev/null
unit=$dest/foyer.service
sed "s|^ExecStart=$prefix/bin/foyer|ExecStart=$dest$prefix/bin/foyer|" \
	"$dest$unit_dir/foyer.service" >"$unit"
grep -q "^ExecStart=$dest" "$unit" || { echo "the unit has no ExecStart=$prefix/bin/foyer"; exit 1; }

failed=0 passed=0
# verify also runs `man` for each Documentation= page: MANPATH finds the installed ones.
if out=$(MANPATH=$dest$prefix/share/man systemd-analyze verify "$unit" 2>&1) && [ -z "$out" ]; then
	echo "systemd-analyze verify: clean"
	passed=$((passed + 1))
else
	echo "systemd-analyze verify found problems:"
	echo "$out"
	failed=$((failed + 1))
fi

report=$(systemd-analyze security --offline=yes "$unit" 2>&1) || true
score=$(echo "$report" | sed -n 's/.*Overall exposure level for foyer.service: \([0-9.]*\).*/\1/p')
if [ -z "$score" ]; then
	echo "systemd-analyze security gave no score:"
	echo "$report"
	failed=$((failed + 1))
else
	echo "systemd-analyze security: exposure $score (threshold $threshold)"
	echo "$report" | grep '✗' || true
	if awk -v s="$score" -v t="$threshold" 'BEGIN { exit !(s <= t) }'; then
		passed=$((passed + 1))
	else
		echo "exposure $score is above $threshold"
		failed=$((failed + 1))
	fi
fi

# The contract of issue 7 and DESIGN.md section 8, line by line.
for line in Type=notify Restart=always StartLimitIntervalSec=0 \
	Conflicts=getty@tty1.service TTYPath=/dev/tty1 StandardInput=tty User=foyer \
	'SupplementaryGroups=video render input' StateDirectory=foyer CacheDirectory=foyer \
	ConfigurationDirectory=foyer RuntimeDirectory=foyer DevicePolicy=closed \
	'DeviceAllow=char-drm rw' ProtectSystem=strict NoNewPrivileges=yes \
	'ExecReload=/bin/kill -HUP $MAINPID'; do
	if grep -qxF "$line" "$unit"; then
		passed=$((passed + 1))
	else
		echo "the unit lacks: $line"
		failed=$((failed + 1))
	fi
done
grep -q '^WatchdogSec=[1-9]' "$unit" && passed=$((passed + 1)) ||
	{ echo "the unit has no WatchdogSec="; failed=$((failed + 1)); }
for bad in PrivateDevices=yes network-online.target time-sync.target; do
	if grep -v '^#' "$unit" | grep -qF "$bad"; then
		echo "the unit must not have: $bad"
		failed=$((failed + 1))
	else
		passed=$((passed + 1))
	fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
