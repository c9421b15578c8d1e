#!/usr/bin/env bash
# tests/fuzz/campaign.sh — `make fuzz`: every libFuzzer target of tests/fuzz for a set time.
#
#   tests/fuzz/campaign.sh BUILD_DIR [TARGET...]     (FUZZ_SECONDS per target, default 600)
#
# BUILD_DIR is a check build (clang, -DFOYER_FUZZ=ON: `make fuzz` makes build-check). Each
# target fuzz_NAME starts from three kinds of seed: its small corpus in tests/fuzz/corpus/NAME,
# the real feeds of its format in ../shared/feeds (when that folder is there) and the tests'
# own files of that format, copied into BUILD_DIR/tests/fuzz/fuzz-seeds/NAME; it runs with
# tests/fuzz/NAME.dict. What it learns stays in BUILD_DIR/tests/fuzz/fuzz-corpus/NAME (the
# next campaign goes on from there). It runs in fork mode and goes on past a crash, so one
# campaign finds several; every crash, leak, timeout or out-of-memory input is copied to
# tests/fuzz/regressions/NAME/, which `make check` replays (ctest fuzz_NAME_regressions):
# fix the bug, then commit the input. The exit status is 1 when anything was found. With
# FUZZ_README=FILE (`make fuzz` sets README.md) a table of the campaign replaces the text between
# FILE's "make fuzz" markers.
set -uo pipefail

build=${1:?usage: campaign.sh BUILD_DIR [TARGET...]}
shift
seconds=${FUZZ_SECONDS:-600}
max_len=${FUZZ_MAX_LEN:-65536}
src=$(cd "$(dirname "$0")/../.." && pwd)
here=$src/tests/fuzz
shared=${FOYER_SHARED_DIR:-$src/../shared}/feeds
bin=$build/tests/fuzz

# Where a target's seeds come from besides its own corpus: shell globs, missing ones skipped.
seeds_of() {
	local d=$src/tests/data
	case $1 in
	text)       echo "$src/config/demo-agenda.txt $d/*.txt $d/roundtrip/agenda.txt" ;;
	csv)        echo "$d/roundtrip/agenda.csv" ;;
	frab_xml)   echo "$shared/frab-xml/*.xml $d/roundtrip/agenda.frab.xml" ;;
	pentabarf)  echo "$shared/pentabarf/*.xml $d/roundtrip/agenda.pentabarf.xml" ;;
	frab_json)  echo "$shared/frab-json/*.json $d/roundtrip/agenda.frab.json" ;;
	schedule2)  echo "$d/feeds/schedule2/*.json" ;;
	sessionize) echo "$shared/sessionize/*.json $d/feeds/sessionize/*.json $d/roundtrip/agenda.sessionize.json" ;;
	ical)       echo "$shared/ical/*.ics $d/roundtrip/agenda.ics" ;;
	html)       echo "$d/feeds/html/*.html" ;;
	inifile)    echo "$src/config/foyer.conf $src/themes/*/theme.conf" ;;
	override)   echo "" ;;
	text_wrap)  echo "$d/titles-scripts.txt $d/scripts-*.txt" ;;
	esac
}

if [ $# -eq 0 ]; then
	set -- $(cd "$bin" 2>/dev/null && ls fuzz_* 2>/dev/null | grep -v '\.' | sed 's/^fuzz_//')
fi
if [ $# -eq 0 ]; then
	echo "fuzz: no fuzz targets in $bin (a check build with -DFOYER_FUZZ=ON and clang)" >&2
	exit 2
fi

echo "fuzz: $# targets, $seconds s each: $*"
found=0
table="| target | inputs run | coverage (edges) | corpus | found |
|---|---|---|---|---|"
for name in "$@"; do
	target=$bin/fuzz_$name
	[ -x "$target" ] || { echo "fuzz: no $target" >&2; found=1; continue; }
	seeds=$bin/fuzz-seeds/$name
	corpus=$bin/fuzz-corpus/$name
	crashes=$bin/fuzz-crashes/$name
	rm -rf "$seeds" "$crashes"
	mkdir -p "$seeds" "$corpus" "$crashes"
	for f in $(seeds_of "$name"); do
		[ -f "$f" ] && cp "$f" "$seeds/"
	done
	dict=()
	[ -f "$here/$name.dict" ] && dict=(-dict="$here/$name.dict")
	echo "== fuzz_$name: $(ls "$seeds" "$here/corpus/$name" | grep -vc ':$') seed files, ${dict[*]:-no dictionary}"
	# fork mode: a crash is saved and the campaign goes on; ASan's leak check is on
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		"$target" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
		-max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$crashes/" "${dict[@]}" "$corpus" "$seeds" "$here/corpus/$name" \
		>"$bin/fuzz-$name.log" 2>&1
	last=$(grep -E '^#[0-9]+: cov' "$bin/fuzz-$name.log" | tail -1)
	echo "   $last"
	n_found=$(find "$crashes" -type f | wc -l)
	table+="
| fuzz_$name | $(echo "$last" | sed -E 's/^#([0-9]+):.*/\1/') | $(echo "$last" | sed -E 's/.* cov: ([0-9]+) .*/\1/') | $(echo "$last" | sed -E 's/.* corp: ([0-9]+) .*/\1/') | $n_found |"
	for f in "$crashes"/*; do
		[ -f "$f" ] || continue
		mkdir -p "$here/regressions/$name"
		cp "$f" "$here/regressions/$name/"
		echo "   FOUND $(basename "$f") -> tests/fuzz/regressions/$name/ (log: $bin/fuzz-$name.log)"
		found=1
	done
done
[ $found -eq 0 ] && echo "fuzz: nothing found"
if [ -n "${FUZZ_README:-}" ]; then
	python3 - "$FUZZ_README" "$seconds" "$table" <<'PY'
import os, sys, time
readme, seconds, table = sys.argv[1:4]
begin, end = "<!-- make fuzz: begin -->\n", "<!-- make fuzz: end -->\n"
text = open(readme).read()
if begin in text and end in text:
    head, rest = text.split(begin, 1)
    block = (f"Last campaign: {time.strftime('%Y-%m-%d', time.gmtime())}, {seconds} s per target "
             f"on {os.cpu_count()} shared CPUs.\n\n{table}\n")
    open(readme, "w").write(head + begin + block + end + rest.split(end, 1)[1])
    print(f"fuzz: the campaign's table is in {readme}")
PY
fi
exit $found
