# Thin wrapper around CMake: `make demo` and `make check` set up a fresh Debian 12 machine.
BUILD ?= build
CHECK_BUILD ?= build-check
JOBS ?= $(shell nproc)

.PHONY: all deps build demo check deb clean

all: build

deps:
	@./.ci/install-deps

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	./tests/demo.sh $(BUILD)/foyer

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

clean:
	rm -rf $(BUILD) $(CHECK_BUILD)
