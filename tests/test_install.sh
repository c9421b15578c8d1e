#!/bin/sh
# test_install.sh — `cmake --install` into a DESTDIR lays out exactly the files a Debian
# service needs, and the installed unit names the installed binary.
#   test_install.sh BUILD_DIR PREFIX UNIT_DIR SYSCONF_DIR UDEV_RULES_DIR
set -eu
build=$1 prefix=$2 unit_dir=$3 sysconf_dir=$4 udev_rules_dir=$5
dest=$(mktemp -d /tmp/foyer-install-XXXXXX)
trap 'rm -rf "$dest"' EXIT
DESTDIR=$dest cmake --install "$build" >/dev/null

# Every file but the themes' and the docs' own, which their authors add to.
want=$(printf '%s\n' \
	"$prefix/bin/foyer" \
	"$sysconf_dir/foyer.conf" \
	"$unit_dir/foyer.service" \
	"$udev_rules_dir/60-foyer-drm.rules" \
	"$prefix/share/man/man1/foyer.1.gz" \
	"$prefix/share/man/man5/foyer.conf.5.gz" \
	"$prefix/share/locale/de/LC_MESSAGES/foyer.mo" \
	"$prefix/share/locale/es/LC_MESSAGES/foyer.mo" \
	"$prefix/share/locale/fr/LC_MESSAGES/foyer.mo" \
	"$prefix/share/locale/nl/LC_MESSAGES/foyer.mo" | sort)
got=$(cd "$dest" && find . ! -type d | sed 's|^\.||' |
	grep -v -e "^$prefix/share/foyer/themes/" -e "^$prefix/share/doc/foyer/" | sort)
failed=0
if [ "$got" != "$want" ]; then
	echo "installed files differ from the expected list:"
	printf '%s\n' "$want" >"$dest/want" && printf '%s\n' "$got" >"$dest/got"
	diff -u "$dest/want" "$dest/got" || true
	failed=$((failed + 1))
fi
check() {
	if "$@"; then :; else echo "failed: $*"; failed=$((failed + 1)); fi
}
check test -x "$dest$prefix/bin/foyer"
if [ -d "$(dirname "$0")/../themes/default" ]; then
	check test -d "$dest$prefix/share/foyer/themes/default"
fi
check grep -qx "ExecStart=$prefix/bin/foyer" "$dest$unit_dir/foyer.service"
# The man pages are gzipped, with the version filled in.
check sh -c "gzip -dc '$dest$prefix/share/man/man1/foyer.1.gz' | grep -q '^\.TH FOYER 1 .*foyer [0-9]'"
check sh -c "gzip -dc '$dest$prefix/share/man/man5/foyer.conf.5.gz' | grep -q '^\.TH FOYER.CONF 5'"
# The catalogues are compiled message catalogues (msgunfmt reads them back).
if command -v msgunfmt >/dev/null; then
	check sh -c "msgunfmt '$dest$prefix/share/locale/de/LC_MESSAGES/foyer.mo' | grep -q 'Als Nächstes'"
fi
# The config installed is the repository's, every key at its default.
check cmp -s "$dest$sysconf_dir/foyer.conf" "$(dirname "$0")/../config/foyer.conf"
if [ "$failed" -eq 0 ]; then
	echo "install: $(echo "$got" | wc -l) files as expected under $prefix"
	echo "1 passed, 0 failed"
else
	echo "0 passed, 1 failed"
	exit 1
fi
