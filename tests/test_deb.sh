#!/bin/sh
# test_deb.sh — the .deb that `cpack -G DEB` builds: its control data (Depends from
# dpkg-shlibdeps, the maintainer scripts, the conffile), its file list and modes, and its
# contents unpacked into a temporary directory (the binary runs, the conffile is the shipped
# config, the maintainer scripts are valid sh). None of that touches the machine.
#
# Installing it for real changes the machine, so it is opt-in: only with FOYER_TEST_INSTALL=1
# (.ci/run sets it: CI runs on a throwaway machine), as root, on Debian, with no foyer
# installed or configured, `dpkg -i`, `dpkg -r` and `dpkg -P` of it: the user is created, the
# unit installed and enabled, and everything gone after the purge.
#   test_deb.sh BUILD_DIR PREFIX UNIT_DIR SYSCONF_DIR UDEV_RULES_DIR
# Exits 77 (skipped) where dpkg-deb is missing.
set -eu
build=$1 prefix=$2 unit_dir=$3 sysconf_dir=$4 udev_rules_dir=$5
if ! command -v dpkg-deb >/dev/null 2>&1 || ! command -v cpack >/dev/null 2>&1; then
	echo "skipped: dpkg-deb or cpack is not installed"
	exit 77
fi
out=$(mktemp -d /tmp/foyer-deb-XXXXXX)
trap 'rm -rf "$out"' EXIT
passed=0 failed=0
check() {
	if "$@"; then passed=$((passed + 1)); else echo "failed: $*"; failed=$((failed + 1)); fi
}

cpack -G DEB --config "$build/CPackConfig.cmake" -B "$out" >"$out/cpack.log" 2>&1 ||
	{ cat "$out/cpack.log"; echo "0 passed, 1 failed"; exit 1; }
deb=$(ls "$out"/foyer_*.deb)
info=$(dpkg-deb -I "$deb")
files=$(dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's|^\./|/|')
echo "$deb:"
dpkg-deb -f "$deb" Package Version Architecture Depends

check test "$(dpkg-deb -f "$deb" Package)" = foyer
depends=$(dpkg-deb -f "$deb" Depends)
for dep in adduser libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsdl2-image-2.0-0 libcurl4 libmosquitto1 libjansson4 \
	libexpat1 libical3 libinih1 libfontconfig1 fonts-dejavu-core libegl1 libgles2 \
	libgl1-mesa-dri; do
	check sh -c "echo '$depends' | grep -q '\\b$dep\\b'"
done
for script in postinst prerm postrm conffiles; do
	check sh -c "echo \"\$1\" | grep -q \" $script\"" _ "$info"
done
check sh -c "dpkg-deb -I '$deb' conffiles | grep -qx '$sysconf_dir/foyer.conf'"
check sh -c "dpkg-deb -I '$deb' postinst | grep -q 'adduser --system'"
for f in "$prefix/bin/foyer" "$sysconf_dir/foyer.conf" "$unit_dir/foyer.service" \
	"$udev_rules_dir/60-foyer-drm.rules" "$prefix/share/man/man1/foyer.1.gz" \
	"$prefix/share/man/man5/foyer.conf.5.gz"; do
	check sh -c "echo \"\$1\" | grep -qx '$f'" _ "$files"
done
listing=$(dpkg-deb -c "$deb")
check sh -c "echo \"\$1\" | grep -q '^-rwxr-xr-x root/root .* \\./${prefix#/}/bin/foyer\$'" _ "$listing"
check sh -c "echo \"\$1\" | grep -q '^-rw-r--r-- root/root .* \\./${sysconf_dir#/}/foyer.conf\$'" _ "$listing"

# What it would install, unpacked where it harms nothing.
root=$out/root
mkdir "$root" "$out/control"
dpkg-deb -x "$deb" "$root"
dpkg-deb -e "$deb" "$out/control"
check sh -c "'$root$prefix/bin/foyer' --version | grep -q '^foyer '"
check cmp -s "$root$sysconf_dir/foyer.conf" "$(dirname "$0")/../config/foyer.conf"
# the packaged config and default theme, as the packaged binary reads them
check "$root$prefix/bin/foyer" --check -c "$root$sysconf_dir/foyer.conf" \
	--theme "$root$prefix/share/foyer/themes/default" \
	--feed "$(dirname "$0")/../config/demo-agenda.txt" --timezone Europe/London
for script in postinst prerm postrm; do
	check sh -n "$out/control/$script"
	check test -x "$out/control/$script"
done
check test -f "$root$prefix/share/foyer/themes/default/theme.conf"

# Installing it for real changes the machine: only when asked (FOYER_TEST_INSTALL=1), as
# root, on Debian, and never over a foyer that is installed or configured already.
skip=""
if [ "${FOYER_TEST_INSTALL:-0}" != 1 ]; then
	skip="it would change this machine; FOYER_TEST_INSTALL=1 installs it (CI does)"
elif [ "$(id -u)" != 0 ]; then
	skip="not root"
elif [ ! -f /etc/debian_version ] || ! command -v dpkg >/dev/null 2>&1; then
	skip="not Debian"
elif dpkg-query -W -f='${Status}' foyer 2>/dev/null | grep -qv 'not-installed'; then
	skip="a foyer package is on this machine already"
elif [ -e "$sysconf_dir" ] || [ -e "$unit_dir/foyer.service" ] || [ -e /etc/systemd/system/foyer.service ]; then
	skip="$sysconf_dir or a foyer unit exists already"
fi
if [ -n "$skip" ]; then
	echo "skipped dpkg -i/-r/-P: $skip"
else
	# One foyer test at a time may hold dpkg (a second checkout may run this test too).
	exec 9>/tmp/foyer-test-dpkg.lock
	flock 9
	log=$out/dpkg.log
	if dpkg -i "$deb" >"$log" 2>&1; then
		passed=$((passed + 1))
		check sh -c "getent passwd foyer >/dev/null"
		check test -x "$prefix/bin/foyer"
		check test -f "$unit_dir/foyer.service"
		check test -L /etc/systemd/system/multi-user.target.wants/foyer.service
		check test -f "$sysconf_dir/foyer.conf"
		check sh -c "'$prefix/bin/foyer' --version | grep -q '^foyer '"
		for group in video render input; do
			check sh -c "getent group $group >/dev/null"
		done
		check dpkg -r foyer >>"$log" 2>&1
		check test ! -e "$prefix/bin/foyer"
		check test ! -e "$unit_dir/foyer.service"
		check test -f "$sysconf_dir/foyer.conf" # a conffile stays until the purge
		check dpkg -P foyer >>"$log" 2>&1
		check test ! -e "$sysconf_dir"
		check test ! -e /etc/systemd/system/multi-user.target.wants/foyer.service
		check test ! -e /etc/systemd/system/foyer.service
		check test ! -e /var/lib/foyer
		check test ! -e /var/cache/foyer
		echo "dpkg -i, -r, -P: done (log below)"
		cat "$log"
	else
		echo "dpkg -i failed:"
		cat "$log"
		failed=$((failed + 1))
	fi
	# Whatever failed above, leave no foyer package behind.
	if dpkg-query -W -f='${Status}' foyer 2>/dev/null | grep -qv 'not-installed'; then
		dpkg -P foyer >/dev/null 2>&1 || true
	fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
