# Thin wrapper around CMake: `make demo` and `make check` set up a fresh Debian 12 machine.
BUILD ?= build
CHECK_BUILD ?= build-check
JOBS ?= $(shell nproc)

.PHONY: all deps build demo check deb clean fuzz soak bench

all: build

deps:
	@./.ci/install-deps

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD) -j $(JOBS)

# The reference conference with a simulated clock from 14:10 on 10 December 2018, fast
# enough (x240) to walk through the afternoon in about a minute. With a display: a window.
# Without one: a screenshot of the slide at several moments, and the state at 14:50.
DEMO = ./$(BUILD)/foyer -c /dev/null --feed config/demo-agenda.txt --timezone Europe/London
DEMO_TIMES = 14:10 14:50 15:30 16:05 16:20 17:20 17:45

demo: build
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] || [ -e /dev/dri/card0 -a -z "$$SSH_TTY" -a -t 0 ]; then \
		echo "demo: the afternoon of 10 December 2018 at 240x speed (q or Esc quits)"; \
		$(DEMO) --at 2018-12-10T14:10 --speed 240 $${DISPLAY:+--windowed}; \
	else \
		mkdir -p $(BUILD)/demo; \
		for t in $(DEMO_TIMES); do \
			$(DEMO) --at 2018-12-10T$$t --size 1920x1080 \
				--screenshot $(BUILD)/demo/slide-$$(echo $$t | tr -d :).png || exit 1; \
			echo "demo: wrote $(BUILD)/demo/slide-$$(echo $$t | tr -d :).png"; \
		done; \
		echo "demo: the state at 14:50:"; \
		$(DEMO) --at 2018-12-10T14:50 --state; \
	fi

# The check build uses clang so that the libFuzzer targets build beside the tests,
# all under AddressSanitizer and UndefinedBehaviorSanitizer, warnings as errors.
check: deps
	CC=clang cmake -S . -B $(CHECK_BUILD) -DCMAKE_BUILD_TYPE=Debug \
		-DFOYER_SANITIZE=ON -DFOYER_WERROR=ON -DFOYER_FUZZ=ON
	cmake --build $(CHECK_BUILD) -j $(JOBS)
	cd $(CHECK_BUILD) && ctest --output-on-failure -j $(JOBS)

# Fuzz campaigns: every libFuzzer target of tests/fuzz for FUZZ_SECONDS each (default 600),
# seeded from its corpus, ../shared/feeds and the tests' data; what they find is copied to
# tests/fuzz/regressions/NAME/, which `make check` replays. FUZZ_TARGETS="csv ical" picks some.
FUZZ_SECONDS ?= 600
CHECK_CONFIGURE = CC=clang cmake -S . -B $(CHECK_BUILD) -DCMAKE_BUILD_TYPE=Debug \
	-DFOYER_SANITIZE=ON -DFOYER_WERROR=ON -DFOYER_FUZZ=ON
fuzz: deps
	$(CHECK_CONFIGURE)
	cmake --build $(CHECK_BUILD) -j $(JOBS)
	FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/campaign.sh $(CHECK_BUILD) $(FUZZ_TARGETS)

# The three-day soak (tests/soak/soak.py) on the check build, ASan on: about SOAK_MINUTES (10).
SOAK_MINUTES ?= 10
soak: deps
	$(CHECK_CONFIGURE)
	cmake --build $(CHECK_BUILD) -j $(JOBS) --target foyer
	python3 tests/soak/soak.py $(CHECK_BUILD)/foyer tests/lsan.supp --minutes $(SOAK_MINUTES)

# The benchmarks, each figure beside its reference (tests/bench/run.sh): they rewrite the
# README's Performance section. Nothing passes or fails; about ten minutes.
BENCH_SECONDS ?= 60
BENCH_RUNS ?= 3
bench: deps
	tests/bench/run.sh $(BENCH_SECONDS) $(BENCH_RUNS)

# The Debian package (foyer_VERSION_ARCH.deb in $(BUILD)): a release build installed under
# /usr, its Depends worked out by dpkg-shlibdeps. Install it with `dpkg -i` or `apt install ./`.
deb: build
	cd $(BUILD) && cpack -G DEB

clean:
	rm -rf $(BUILD) $(CHECK_BUILD)
