# Thin wrapper around CMake: `make demo` and `make check` set up a fresh Debian 12 machine.
BUILD ?= build
CHECK_BUILD ?= build-check
JOBS ?= $(shell nproc)

.PHONY: all deps build demo check deb vm-test clean

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

# The Debian package (foyer_VERSION_ARCH.deb in $(BUILD)): a release build installed under
# /usr, its Depends worked out by dpkg-shlibdeps. Install it with `dpkg -i` or `apt install ./`.
deb: build
	cd $(BUILD) && cpack -G DEB

# foyer's .deb on a real Debian 12 boot in QEMU (virtio GPU, KMSDRM, tty1, the watchdog):
# see README.md, "Trying it in a virtual machine". Not part of `check`: it needs root, the
# Debian archive and several minutes. Its own packages come from .ci/install-deps-vm.
VM_DIR = $(BUILD)/vm

vm-test: deb
	@./.ci/install-deps-vm
	cmake --build $(BUILD) -j $(JOBS) --target png_compare
	tests/vm/build-image.sh $(BUILD)/foyer_*.deb $(VM_DIR)
	python3 tests/vm/vm_test.py $(BUILD)

clean:
	rm -rf $(BUILD) $(CHECK_BUILD)
