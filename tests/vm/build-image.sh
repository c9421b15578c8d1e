#!/usr/bin/env bash
# Builds the root file system of the `make vm-test` guest: Debian 12 with systemd, udev and
# Debian's kernel, then foyer's .deb installed the way a user installs it
# (`apt install ./foyer_*.deb`, so its Depends come from the archive; mmdebstrap's apt
# leaves Recommends out, which makes it the strict test: Depends alone must give a
# display), and the test agent (agent.sh, on a virtio-serial port). No config: vm_test.py
# writes one per boot.
#
#   tests/vm/build-image.sh DEB OUTDIR
#
# OUTDIR/root is the tree (kept: each boot packs it into an ext4 image with mke2fs -d),
# OUTDIR/vmlinuz and OUTDIR/initrd.img the kernel QEMU boots directly (no boot loader).
# Needs root (mmdebstrap's root mode keeps the tree's owners for mke2fs) and the Debian
# archive; VM_MIRROR overrides where the packages come from.
#
# The image's architecture is the .deb's, with Debian's kernel for it (linux-image-amd64 or
# linux-image-arm64). A foreign one (arm64 on an amd64 host) runs its maintainer scripts
# under qemu-user-static through binfmt_misc: when the host has no handler for it, one is
# registered for the build only (binfmt_misc mounted if it was not) and removed on exit.
set -euo pipefail

deb=$(realpath "$1")
out=$2
here=$(cd "$(dirname "$0")" && pwd)
[ "$(id -u)" -eq 0 ] || { echo "build-image: needs root (mmdebstrap, mke2fs -d)" >&2; exit 1; }

arch=$(dpkg-deb -f "$deb" Architecture)
qemu_arch=$(case $arch in arm64) echo aarch64 ;; *) echo "$arch" ;; esac)

# binfmt_misc for a foreign image: qemu-user-static's own entry (/usr/share/binfmts), with
# the F flag, so the chroot needs no copy of the interpreter. Undone by the EXIT trap.
binfmt=/proc/sys/fs/binfmt_misc
binfmt_mounted=no binfmt_registered=no
binfmt_restore() {
	if [ "$binfmt_registered" = yes ]; then echo -1 > "$binfmt/qemu-$qemu_arch"; fi
	if [ "$binfmt_mounted" = yes ]; then umount "$binfmt"; fi
}
binfmt_register() {
	local spec=/usr/share/binfmts/qemu-$qemu_arch
	[ -r "$spec" ] || { echo "build-image: no $spec (qemu-user-static)" >&2; exit 1; }
	field() { sed -n "s/^$1 //p" "$spec"; }
	if [ ! -e "$binfmt/register" ]; then
		mount -t binfmt_misc binfmt_misc "$binfmt"
		binfmt_mounted=yes
	fi
	[ -e "$binfmt/qemu-$qemu_arch" ] && return
	printf ':qemu-%s:M:%s:%s:%s:%s:%s%s\n' "$qemu_arch" "$(field offset)" "$(field magic)" \
		"$(field mask)" "$(field interpreter)" \
		"$([ "$(field preserve)" = yes ] && echo P)" "$([ "$(field fix_binary)" = yes ] && echo F)" \
		> "$binfmt/register"
	binfmt_registered=yes
	echo "build-image: registered qemu-$qemu_arch in binfmt_misc for this build"
}
# An emulated image gets a small initramfs: initramfs-tools' default (MODULES=most) copies
# the kernel's modules with several processes each: under qemu-user here it had copied 750
# in 13 minutes, and a trigger runs it again. The guest needs only its disk and ext4
# (crc32c_generic is ext4's soft dependency, which manual_add_modules does not follow).
initramfs_hook=()
trap binfmt_restore EXIT
if [ "$arch" != "$(dpkg --print-architecture)" ]; then
	binfmt_register
	initramfs_hook=(
		--essential-hook="mkdir -p \"\$1\"/etc/initramfs-tools/conf.d \"\$1\"/etc/initramfs-tools/hooks"
		--essential-hook="echo MODULES=list > \"\$1\"/etc/initramfs-tools/conf.d/foyer-vm"
		--essential-hook="cp '$here/initramfs-hook' \"\$1\"/etc/initramfs-tools/hooks/foyer-vm")
fi

mirror=${VM_MIRROR:-http://deb.debian.org/debian}
security=${VM_SECURITY_MIRROR:-http://deb.debian.org/debian-security}

rm -rf "$out/root" "$out/vmlinuz" "$out/initrd.img"
mkdir -p "$out"
start=$(date +%s)
mmdebstrap --variant=apt --mode=root --format=directory \
	--architectures="$arch" --include=systemd,systemd-sysv,udev,"linux-image-$arch" \
	"${initramfs_hook[@]}" \
	--customize-hook="copy-in '$deb' /tmp" \
	--customize-hook="chroot \"\$1\" env DEBIAN_FRONTEND=noninteractive sh -c 'cd /tmp && apt-get -q -y install ./$(basename "$deb")'" \
	--customize-hook="rm \"\$1\"/tmp/$(basename "$deb")" \
	--customize-hook="copy-in '$here/agent.sh' /usr/local/sbin" \
	--customize-hook="mv \"\$1\"/usr/local/sbin/agent.sh \"\$1\"/usr/local/sbin/foyer-vm-agent" \
	--customize-hook="copy-in '$here/foyer-vm-agent.service' /etc/systemd/system" \
	--customize-hook="chroot \"\$1\" systemctl enable foyer-vm-agent.service" \
	--customize-hook="echo foyer-vm > \"\$1\"/etc/hostname" \
	--customize-hook="echo '/dev/vda / ext4 rw,errors=remount-ro 0 1' > \"\$1\"/etc/fstab" \
	--customize-hook="chroot \"\$1\" dpkg-query -W > '$out/packages.txt'" \
	bookworm "$out/root" \
	"deb $mirror bookworm main" "deb $mirror bookworm-updates main" \
	"deb $security bookworm-security main"
cp "$out"/root/boot/vmlinuz-* "$out/vmlinuz"
cp "$out"/root/boot/initrd.img-* "$out/initrd.img"
echo "build-image: $arch, $out/root in $(( $(date +%s) - start )) s," \
	"$(wc -l < "$out/packages.txt") packages, $(du -sm "$out/root" | cut -f1) MiB"
