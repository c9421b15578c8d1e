# CMake toolchain for the Raspberry Pi's architecture (64-bit Raspberry Pi OS, Debian arm64),
# cross-built on Debian 12 with its multiarch packages (`.ci/install-deps arm64`):
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=.ci/aarch64-linux-gnu.cmake
# The compiler is crossbuild-essential-arm64's gcc, the libraries are the LIB-dev:arm64 packages
# in /usr/lib/aarch64-linux-gnu (and /usr/local/lib/aarch64-linux-gnu for those install-deps
# unpacks), the tests run under qemu-user (CMAKE_CROSSCOMPILING_EMULATOR).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)

# pkg-config reads only the arm64 .pc files (and the architecture-independent ones).
set(ENV{PKG_CONFIG_LIBDIR}
	"/usr/local/lib/aarch64-linux-gnu/pkgconfig:/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")

# Libraries and headers for the target; programs (python3, gzip, dpkg-deb) from the host.
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)

# ctest runs each test program through qemu-user. The arm64 loader and libc are libc6:arm64's
# (/lib/ld-linux-aarch64.so.1, /usr/lib/aarch64-linux-gnu), which the :arm64 libraries pull in,
# not `-L /usr/aarch64-linux-gnu`: with -L, qemu 7.2's forked children hang before their first
# system call (test_service_notify's watchdog child, test_fetch's server).
find_program(FOYER_QEMU_AARCH64 qemu-aarch64-static REQUIRED)
set(CMAKE_CROSSCOMPILING_EMULATOR "${FOYER_QEMU_AARCH64}")

# The .deb's Architecture (CPack would ask dpkg, which answers for the build machine).
set(FOYER_DEB_ARCHITECTURE arm64)
