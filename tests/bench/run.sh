#!/usr/bin/env bash
# tests/bench/run.sh — `make bench`: foyer's benchmarks, each beside its reference in the same
# run, written into README.md's "Performance" section (between its bench markers). Nothing
# here passes or fails, and `make check` runs none of it.
#
#   tests/bench/run.sh [SECONDS] [RUNS]   (from the source tree; SECONDS of idle measurement
#                                          per program, 60; RUNS per figure, 3)
#
# 1. Installs what only the benchmarks need when it is missing (Debian's chromium, xmllint,
#    GNU time, Xvfb) with apt-get, and makes a release build with the benchmark programs in
#    build-bench/.
# 2. Times rendering with the software renderer (bench_slide: a full now/next slide from
#    scratch and a cached redraw; bench_text: the text engine alone).
# 3. bench.py: parse time and peak memory beside `xmllint --noout` of the same bytes; exec to
#    first frame, memory and the --screenshot one-shot beside tests/bench/floor, a minimal SDL
#    program showing one line of text.
# 4. Starts Xvfb at 1920x1080 and measures, in turn, foyer showing the now/next slide of
#    config/demo-agenda.txt with its ticking clock and a Chromium kiosk showing the same slide
#    as a web page (tests/bench/nownext.html): CPU seconds per minute and memory (PSS), after
#    a 10 s warm-up (measure.py), RUNS times each, alternating; the medians are reported.
# 5. The same for a deck of four slides changing every 10 s (now-next, rooms, agenda, an
#    image; tests/data/deck/venue.csv) beside the same deck as a web page (tests/bench/deck.html),
#    over one whole turn of the deck's pages after a turn of warm-up.
# The tables go to build-bench/performance.md and into README.md. Takes about 30 minutes.
set -euo pipefail

seconds=${1:-60}
runs=${2:-3}
warmup=10
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$src/build-bench
here=$src/tests/bench
display=:${FOYER_BENCH_DISPLAY:-87}
out=$build/performance.md

# What only the benchmarks need; CI never runs this script.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v xmllint >/dev/null || missing+=(libxml2-utils)
[ -x /usr/bin/time ] || missing+=(time)
command -v Xvfb >/dev/null || missing+=(xvfb)
if [ ${#missing[@]} -gt 0 ]; then
	sudo=()
	[ "$(id -u)" -eq 0 ] || sudo=(sudo)
	echo "bench: installing ${missing[*]}"
	"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

machine="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) CPUs, $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME")"
echo "== foyer benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'); $machine"

cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DFOYER_BENCH=ON >/dev/null
cmake --build "$build" -j 2 --target foyer floor bench_text bench_slide >/dev/null 2>&1

echo "== rendering (software renderer, 1920x1080)"
rendering=$(SDL_VIDEODRIVER=offscreen "$build/tests/bench/bench_slide" 200 "$src/config/demo-agenda.txt"
	"$build/tests/bench/bench_text" 200 "$src/tests/data/titles-scripts.txt")
echo "$rendering"

echo "== beside the references ($runs runs each)"
python3 "$here/bench.py" "$build" "$src" "$build/compare.md" "$runs"

Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
	kill "$xvfb" 2>/dev/null || true
}
trap cleanup EXIT
sleep 2

echo "== idle with a ticking clock, under Xvfb 1920x1080 ($seconds s after ${warmup} s warm-up, $runs runs)"
idle_foyer() {
	# --at puts the clock inside the first talk; simulated time then runs at real speed
	DISPLAY=$display setsid "$build/foyer" -c /dev/null --feed "$src/config/demo-agenda.txt" \
		--timezone Europe/London --at 2018-12-10T14:50 --size 1920x1080 --windowed \
		>/tmp/foyer-bench.log 2>&1 &
	local pid=$!
	pids+=($pid)
	python3 "$here/measure.py" --session "$pid" "$warmup" "$seconds" || echo "failed (see /tmp/foyer-bench.log)"
	kill -- "-$pid" 2>/dev/null || true
}
idle_chromium() {
	local page=${1:-nownext.html} wait=${2:-$warmup} span=${3:-$seconds} profile
	profile=$(mktemp -d)
	DISPLAY=$display setsid chromium --kiosk --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--allow-file-access-from-files \
		--user-data-dir="$profile" "file://$here/$page" >/tmp/chromium-bench.log 2>&1 &
	local pid=$!
	pids+=($pid)
	python3 "$here/measure.py" --session "$pid" "$wait" "$span" || echo "failed (see /tmp/chromium-bench.log)"
	kill -- "-$pid" 2>/dev/null || true
	sleep 2
	rm -rf "$profile" 2>/dev/null || true
}
# The deck: four slides, 10 s each (its own config), on the deck's venue.
deck_conf=$build/bench-deck.conf
printf '[deck]\nslide = now-next 10\nslide = rooms 10\nslide = agenda 10\nslide = image 10\nimages = %s\n' \
	"$src/tests/data/deck/map.svg" >"$deck_conf"
deck_args=(-c "$deck_conf" --feed "$src/tests/data/deck/venue.csv" --timezone Europe/London
	--at 2018-12-10T11:20)
# One turn of the deck (its pages, 10 s each): the deck is measured over a whole turn after a
# whole turn of warm-up, when every page has been shown once (what is kept is in the PSS, and
# the start's first rasterising is not in the CPU); the web page the same way.
deck_turn=$("$build/foyer" "${deck_args[@]}" --state |
	python3 -c 'import json, sys; print(sum(s["seconds"] for s in json.load(sys.stdin)["deck"]["slides"]))')
deck_warmup=$((deck_turn + 5))
deck_foyer() {
	DISPLAY=$display setsid "$build/foyer" "${deck_args[@]}" --size 1920x1080 --windowed \
		>/tmp/foyer-bench-deck.log 2>&1 &
	local pid=$!
	pids+=($pid)
	python3 "$here/measure.py" --session "$pid" "$deck_warmup" "$deck_turn" ||
		echo "failed (see /tmp/foyer-bench-deck.log)"
	kill -- "-$pid" 2>/dev/null || true
}
idle=()
for _ in $(seq "$runs"); do
	idle+=("foyer $(idle_foyer)")
	echo "  ${idle[-1]}"
	idle+=("chromium $(idle_chromium)")
	echo "  ${idle[-1]}"
	idle+=("deckfoyer $(deck_foyer)")
	echo "  ${idle[-1]}"
	idle+=("deckchromium $(idle_chromium deck.html "$deck_warmup" "$deck_turn")")
	echo "  ${idle[-1]}"
done

chromium_version=$(chromium --version 2>/dev/null | awk '{print $2}' | cut -d. -f1)
python3 - "$out" "$machine" "$runs" "$seconds" "${chromium_version:-?}" "$build/compare.md" \
	"$rendering" "$deck_turn" "${idle[@]}" <<'PY'
import statistics, sys, time
out, machine, runs, seconds, chromium, compare, rendering, deck_turn = sys.argv[1:9]
idle = sys.argv[9:]

def parse(line):
    return dict(kv.split("=") for kv in line.split() if "=" in kv)

def median(program, key):
    values = [float(parse(l)[key]) for l in idle if l.startswith(program + " ") and key in parse(l)]
    return statistics.median(values) if values else float("nan")

names = {
    "full slide from scratch": "full slide from scratch: new renderer, fonts opened cold, layout, draw",
    "new slide, every text": "a new slide, every text rasterised again (fonts warm)",
    "cached redraw": "cached redraw: the clock and progress bar of the next minute",
    "layout, nothing changed": "a wake where nothing visible changed (layout, compare, nothing drawn)",
    "clock text only": "the clock's text alone, rasterised",
    "fit a long title": "fitting a long title into 3 lines (bisection over 43-86 px, widths remembered)",
    "one title per script": "one title in each of nine scripts, shaped and drawn (fonts warm)",
}
rows = ["| what | cost (mean of 200) |", "|---|---|"]
for line in rendering.splitlines():
    what, _, rest = line.rpartition(": ")
    for key, name in names.items():
        if what.startswith(key):
            rows.append(f"| {name} | {rest.split(' over ')[0]} |")
fc, cc = median("foyer", "cpu_s_per_min"), median("chromium", "cpu_s_per_min")
fm, cm = median("foyer", "pss_mib"), median("chromium", "pss_mib")
dfc, dcc = median("deckfoyer", "cpu_s_per_min"), median("deckchromium", "cpu_s_per_min")
dfm, dcm = median("deckfoyer", "pss_mib"), median("deckchromium", "pss_mib")
procs = [parse(l).get("processes") for l in idle if l.startswith("chromium ")]
ratio = f"1/{cc / fc:.0f}" if fc > 0 else "below what can be read"
deck_ratio = f"1/{dcc / dfc:.1f}" if dfc > 0 else "below what can be read"
text = f"""Measured on {time.strftime('%Y-%m-%d', time.gmtime())} by `make bench` (`tests/bench/run.sh`), release build, on this
project's build machine: {machine}; it is shared with other work, so expect some noise.
Every figure below is the median of {runs} runs, and each reference ran in the same run, just
before or after it.

Rendering, the now/next slide of `config/demo-agenda.txt` at 1920x1080 in the default theme
(software renderer):

{chr(10).join(rows)}

Reading a feed (`foyer --state`, the whole process: start, read, parse, now/next, JSON)
beside `xmllint --noout` of the same bytes (libxml2 reading the XML and nothing else; the
target is at most 2×), and the screen beside `tests/bench/floor`, the least an SDL program
does to show one line of text in the same window (its own window surface, no renderer):

{open(compare).read().strip()}

Idle, showing that slide with its ticking clock under Xvfb (1920x1080), {seconds} s after a
10 s warm-up, foyer and a Chromium {chromium} kiosk (Debian's `chromium`, `--kiosk --no-sandbox
--disable-gpu`) showing the same slide as a web page (`tests/bench/nownext.html`, clock and
progress bar updated by a one-second timer):

| | CPU per minute | memory (PSS) |
|---|---|---|
| foyer | {fc:.4f} CPU-s | {fm:.1f} MiB |
| Chromium kiosk ({procs[-1] if procs else '?'} processes) | {cc:.2f} CPU-s | {cm:.1f} MiB |
| foyer / Chromium | {ratio} (target: at most 1/20) | {fm / cm if cm else float('nan'):.3f} (target: at most 1/10) |

A deck of four slides changing every 10 s (now-next, rooms, agenda and an SVG image of
`tests/data/deck/`, the default `transition = auto`: a cut on this software renderer) beside
the same deck as a web page (`tests/bench/deck.html`). Its rooms and agenda are paged, so a
turn of the deck is {deck_turn} s; each is measured over one turn after a turn and 5 s of warm-up,
when every page has been shown once (the text and image kept for the next turn are in the
PSS; rasterising each page for the first time, once after a start, is not in the CPU):

| | CPU per minute | memory (PSS) |
|---|---|---|
| foyer, the deck | {dfc:.3f} CPU-s | {dfm:.1f} MiB |
| Chromium kiosk, the deck | {dcc:.2f} CPU-s | {dcm:.1f} MiB |
| foyer / Chromium | {deck_ratio} (target: at most 1/20) | {dfm / dcm if dcm else float('nan'):.3f} (target: at most 1/10) |
"""
with open(out, "w") as f:
    f.write(text)
print(text)
PY

# README.md: the section between the markers is replaced by the new tables.
python3 - "$src/README.md" "$out" <<'PY'
import sys
readme, tables = sys.argv[1], open(sys.argv[2]).read()
begin, end = "<!-- make bench: begin -->\n", "<!-- make bench: end -->\n"
text = open(readme).read()
if begin not in text or end not in text:
    sys.exit(f"bench: no {begin.strip()} ... {end.strip()} in {readme}; tables in {sys.argv[2]}")
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(readme, "w").write(head + begin + tables.rstrip("\n") + "\n" + end + tail)
print(f"bench: README.md's Performance section updated (and {sys.argv[2]})")
PY
