# Thin wrapper around CMake: `make demo` and `make check` set up a fresh Debian 12 machine.
BUILD ?= build
CHECK_BUILD ?= build-check
ARM64_BUILD ?= build-arm64
JOBS ?= $(shell nproc)

.PHONY: all deps deps-arm64 build build-arm64 demo check check-arm64 deb vm-test clean fuzz soak \
	bench

all: build

deps:
	@./.ci/install-deps

# The cross build's packages: dpkg's arm64 architecture, the cross compiler, qemu-user, and the
# libraries of .ci/install-deps as LIBRARY:arm64.
deps-arm64: deps
	@./.ci/install-deps arm64

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD) -j $(JOBS)

# The reference conference with a simulated clock from 14:10 on 10 December 2018, fast
# enough (x240) to walk through the afternoon in about a minute. With a display: a window.
# Without one: a screenshot of the slide at several moments, and the state at 14:50.
DEMO_ARGS = -c /dev/null --feed config/demo-agenda.txt --timezone Europe/London
DEMO = ./$(BUILD)/foyer $(DEMO_ARGS)
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
# FOYER_CHECK_ARM64=1 adds `make check-arm64` after it.
check: deps
	CC=clang cmake -S . -B $(CHECK_BUILD) -DCMAKE_BUILD_TYPE=Debug \
		-DFOYER_SANITIZE=ON -DFOYER_WERROR=ON -DFOYER_FUZZ=ON
	cmake --build $(CHECK_BUILD) -j $(JOBS)
	cd $(CHECK_BUILD) && ctest --output-on-failure -j $(JOBS)
	@# Opt-in, since it adds the arm64 architecture and its packages to the machine (CI sets it).
	@if [ "$${FOYER_CHECK_ARM64:-0}" = 1 ]; then $(MAKE) --no-print-directory check-arm64; fi

# foyer for the Raspberry Pi's architecture, cross-built (.ci/aarch64-linux-gnu.cmake): gcc,
# no sanitizers (they are unreliable under qemu-user). Warnings are errors in `make check`
# (clang) only: gcc's are shown here.
build-arm64: deps-arm64
	cmake -S . -B $(ARM64_BUILD) -DCMAKE_TOOLCHAIN_FILE=.ci/aarch64-linux-gnu.cmake \
		-DCMAKE_BUILD_TYPE=RelWithDebInfo -DFOYER_WERROR=OFF
	cmake --build $(ARM64_BUILD) -j $(JOBS)

# The arm64 build's tests under qemu-user (ctest: the unit tests, the packaging scripts, the
# golden images), then the demo's screenshots and state, arm64 beside the native build in the
# same run, then its .deb. The Python end-to-end tests are disabled there (README: "The
# Raspberry Pi's architecture"). Emulated, a TLS handshake can still outlast test_fetch's 2 s
# connect timeout on a loaded machine: a failed test runs once more (and fails if it fails again).
DEMO_EXES = $(BUILD)/foyer $(ARM64_BUILD)/foyer-emulated
check-arm64: build build-arm64
	cd $(ARM64_BUILD) && ctest --output-on-failure -j $(JOBS) --repeat until-pass:2
	@mkdir -p $(BUILD)/demo $(ARM64_BUILD)/demo
	@for t in $(DEMO_TIMES); do \
		png=slide-$$(echo $$t | tr -d :).png; \
		for exe in $(DEMO_EXES); do \
			$$exe $(DEMO_ARGS) --at 2018-12-10T$$t --size 1920x1080 \
				--screenshot $$(dirname $$exe)/demo/$$png || exit 1; \
		done; \
		set -- $$($(BUILD)/tests/png_compare diff $(BUILD)/demo/$$png $(ARM64_BUILD)/demo/$$png) && \
		echo "check-arm64: $$png: $$3 of $$1x$$2 pixels differ from the native build" \
			"(largest channel difference $$4, a pixel differs above 24)" && \
		[ "$$3" -le $$(($$1 * $$2 / 500)) ] || exit 1; \
	done
	@# The state at 14:50, the same but for "updated" (when the feed was read: the wall clock).
	@for exe in $(DEMO_EXES); do \
		$$exe $(DEMO_ARGS) --at 2018-12-10T14:50 --state | grep -v '"updated":' \
			>$$(dirname $$exe)/demo/state-1450.json || exit 1; \
	done
	diff $(BUILD)/demo/state-1450.json $(ARM64_BUILD)/demo/state-1450.json
	@# The .deb: for arm64, Depends from dpkg-shlibdeps of the arm64 libraries, and the packaged
	@# binary runs (under the emulator, unpacked into a temporary directory).
	cd $(ARM64_BUILD) && cpack -G DEB >/dev/null
	@deb=$$(ls $(ARM64_BUILD)/foyer_*_arm64.deb) && dpkg-deb -f $$deb Package Architecture Depends && \
	test "$$(dpkg-deb -f $$deb Architecture)" = arm64 && \
	for lib in libc6 libsdl2-2.0-0 libsdl2-ttf-2.0-0 libcurl4 libical3 libinih1; do \
		dpkg-deb -f $$deb Depends | grep -q "\b$$lib (>=" || { echo "no $$lib in Depends"; exit 1; }; \
	done && \
	root=$$(mktemp -d /tmp/foyer-arm64-deb-XXXXXX) && dpkg-deb -x $$deb $$root && \
	qemu-aarch64-static $$root/usr/bin/foyer --version; status=$$?; rm -rf $$root; exit $$status
	@echo "check-arm64: passed"

# Fuzz campaigns: every libFuzzer target of tests/fuzz for FUZZ_SECONDS each (default 600),
# seeded from its corpus, ../shared/feeds and the tests' data; what they find is copied to
# tests/fuzz/regressions/NAME/, which `make check` replays. FUZZ_TARGETS="csv ical" picks some.
FUZZ_SECONDS ?= 600
CHECK_CONFIGURE = CC=clang cmake -S . -B $(CHECK_BUILD) -DCMAKE_BUILD_TYPE=Debug \
	-DFOYER_SANITIZE=ON -DFOYER_WERROR=ON -DFOYER_FUZZ=ON
fuzz: deps
	$(CHECK_CONFIGURE)
	cmake --build $(CHECK_BUILD) -j $(JOBS)
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_README=README.md tests/fuzz/campaign.sh $(CHECK_BUILD) \
		$(FUZZ_TARGETS)

# The three-day soak (tests/soak/soak.py) on the check build, ASan on: about SOAK_MINUTES (10);
# when it passes, its figures go into the README.
SOAK_MINUTES ?= 10
soak: deps
	$(CHECK_CONFIGURE)
	cmake --build $(CHECK_BUILD) -j $(JOBS) --target foyer
	python3 tests/soak/soak.py $(CHECK_BUILD)/foyer tests/lsan.supp --minutes $(SOAK_MINUTES) \
		--readme README.md

# The benchmarks, each figure beside its reference (tests/bench/run.sh): they rewrite the
# README's Performance section. Nothing passes or fails; about ten minutes.
BENCH_SECONDS ?= 60
BENCH_RUNS ?= 3
bench: deps
	tests/bench/run.sh $(BENCH_SECONDS) $(BENCH_RUNS)

# The Debian package (foyer_VERSION_ARCH.deb in $(BUILD)): a release build installed under
# /usr, its Depends worked out by dpkg-shlibdeps. Install it with `dpkg -i` or `apt install ./`.
# `make deb ARCH=arm64`: the same for the Raspberry Pi, cross-built (in $(ARM64_BUILD)).
ifeq ($(ARCH),arm64)
deb: build-arm64
	cd $(ARM64_BUILD) && cpack -G DEB
else
deb: build
	cd $(BUILD) && cpack -G DEB
endif

# foyer's .deb on a real Debian 12 boot in QEMU (virtio GPU, KMSDRM, tty1, the watchdog):
# see README.md, "Trying it in a virtual machine". Not part of `check`: it needs root, the
# Debian archive and several minutes. Its own packages come from .ci/install-deps-vm.
# `make vm-test ARCH=arm64`: the cross-built arm64 .deb on an emulated arm64 machine, in
# $(BUILD)/vm-arm64 (the native build renders the reference screenshots either way).
ifeq ($(ARCH),arm64)
VM_DEB = $(ARM64_BUILD)/foyer_*_arm64.deb
VM_DIR = $(BUILD)/vm-arm64
vm-test: build
else
VM_DEB = $(BUILD)/foyer_*.deb
VM_DIR = $(BUILD)/vm
endif

vm-test: deb
	@./.ci/install-deps-vm $(ARCH)
	cmake --build $(BUILD) -j $(JOBS) --target png_compare
	tests/vm/build-image.sh $(VM_DEB) $(VM_DIR)
	python3 tests/vm/vm_test.py $(BUILD) $(or $(ARCH),amd64)

clean:
	rm -rf $(BUILD) $(CHECK_BUILD) $(ARM64_BUILD)
