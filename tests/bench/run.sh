#!/usr/bin/env bash
# tests/bench/run.sh — foyer's benchmarks, run by hand (not part of ctest: nothing here passes
# or fails; the figures go into README.md, section "Performance").
#
#   tests/bench/run.sh [SECONDS]      (from the source tree; SECONDS of idle measurement, 60)
#
# 1. Builds a release build with the benchmark programs into build-bench/.
# 2. Times rendering with the software renderer (bench_slide: a full now/next slide from
#    scratch and a cached redraw; bench_text: the text engine alone).
# 3. Starts Xvfb at 1920x1080 and measures, one after the other in the same run, foyer showing
#    the now/next slide of config/demo-agenda.txt with its ticking clock, then a Chromium kiosk
#    showing the same slide as a web page (tests/bench/nownext.html): CPU seconds per minute
#    (utime+stime from /proc/PID/stat, every process of the program) and memory (PSS from
#    /proc/PID/smaps_rollup, summed), after a 10 s warm-up. Chromium is installed with apt-get
#    when missing (Debian's `chromium`; CI does not run this script).
# 4. The same for a deck of four slides changing every 10 s (now-next, rooms, agenda, an
#    image; tests/data/deck/venue.csv at 1920x1080) beside the same deck as a web page
#    (tests/bench/deck.html).
# Needs: the packages of .ci/install-deps, python3, Xvfb. Takes about 6 minutes.
set -euo pipefail

seconds=${1:-60}
warmup=10
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$src/build-bench
here=$src/tests/bench
display=:${FOYER_BENCH_DISPLAY:-87}

echo "== foyer benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) CPUs, $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME")"

cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DFOYER_BENCH=ON >/dev/null
cmake --build "$build" -j 2 --target foyer bench_text bench_slide >/dev/null 2>&1

echo
echo "== rendering (software renderer, 1920x1080)"
if [ -x "$build/tests/bench/bench_slide" ]; then
	SDL_VIDEODRIVER=offscreen "$build/tests/bench/bench_slide" 200 "$src/config/demo-agenda.txt"
fi
"$build/tests/bench/bench_text" 200 "$src/tests/data/titles-scripts.txt"

if ! command -v chromium >/dev/null; then
	sudo=()
	[ "$(id -u)" -eq 0 ] || sudo=(sudo)
	"${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
	kill "$xvfb" 2>/dev/null || true
}
trap cleanup EXIT
sleep 2

echo
echo "== idle with a ticking clock, under Xvfb 1920x1080 ($seconds s after ${warmup} s warm-up)"
# One program under Xvfb, measured after the warm-up: foyer with the given arguments, or a
# Chromium kiosk on a page of tests/bench/; the figures land in $measured.
measure_foyer() {
	local log=$1
	shift
	DISPLAY=$display setsid "$build/foyer" "$@" --size 1920x1080 --windowed >"$log" 2>&1 &
	pids+=($!)
	local pid=$!
	measured=$(python3 "$here/measure.py" --session "$pid" "$warmup" "$seconds" || echo "failed (see $log)")
	kill -- "-$pid" 2>/dev/null || true
}

measure_chromium() {
	local page=$1 log=$2 profile
	profile=$(mktemp -d)
	DISPLAY=$display setsid chromium --kiosk --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--allow-file-access-from-files \
		--user-data-dir="$profile" "file://$here/$page" >"$log" 2>&1 &
	pids+=($!)
	local pid=$!
	measured=$(python3 "$here/measure.py" --session "$pid" "$warmup" "$seconds" || echo "failed (see $log)")
	kill -- "-$pid" 2>/dev/null || true
	sleep 2
	rm -rf "$profile" 2>/dev/null || true
}

ratio() {
	python3 - "$1" "$2" <<'PY'
import sys
def parse(line):
    return dict(kv.split("=") for kv in line.split() if "=" in kv)
f, c = parse(sys.argv[1]), parse(sys.argv[2])
if "cpu_s_per_min" in f and "cpu_s_per_min" in c:
    fc, cc = float(f["cpu_s_per_min"]), float(c["cpu_s_per_min"])
    fm, cm = float(f["pss_mib"]), float(c["pss_mib"])
    print(f"ratio: CPU {fc / cc if cc else float('nan'):.3f} of Chromium's (target at most 0.05), "
          f"PSS {fm / cm if cm else float('nan'):.3f} (target at most 0.1)")
PY
}

# foyer: --at puts the clock inside the first talk; simulated time then runs at real speed
measure_foyer /tmp/foyer-bench.log -c /dev/null --feed "$src/config/demo-agenda.txt" \
	--timezone Europe/London --at 2018-12-10T14:50
foyer=$measured
echo "foyer:    $foyer"
measure_chromium nownext.html /tmp/chromium-bench.log
chromium=$measured
echo "chromium: $chromium"
ratio "$foyer" "$chromium"

# The deck: four slides, 10 s each, on foyer and as a web page.
echo
echo "== a deck of 4 slides changing every 10 s, under Xvfb 1920x1080 ($seconds s after ${warmup} s warm-up)"
deck_conf=$(mktemp)
printf '[deck]\nslide = now-next 10\nslide = rooms 10\nslide = agenda 10\nslide = image 10\nimages = %s\n' \
	"$src/tests/data/deck/map.svg" >"$deck_conf"
measure_foyer /tmp/foyer-bench-deck.log -c "$deck_conf" --feed "$src/tests/data/deck/venue.csv" \
	--timezone Europe/London --at 2018-12-10T11:20
foyer=$measured
rm -f "$deck_conf"
echo "foyer:    $foyer"
measure_chromium deck.html /tmp/chromium-bench-deck.log
chromium=$measured
echo "chromium: $chromium"
ratio "$foyer" "$chromium"
