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
set -euo pipefail

deb=$(realpath "$1")
out=$2
here=$(cd "$(dirname "$0")" && pwd)
[ "$(id -u)" -eq 0 ] || { echo "build-image: needs root (mmdebstrap, mke2fs -d)" >&2; exit 1; }

mirror=${VM_MIRROR:-http://deb.debian.org/debian}
security=${VM_SECURITY_MIRROR:-http://deb.debian.org/debian-security}

rm -rf "$out/root" "$out/vmlinuz" "$out/initrd.img"
mkdir -p "$out"
start=$(date +%s)
mmdebstrap --variant=apt --mode=root --format=directory \
	--include=systemd,systemd-sysv,udev,linux-image-amd64 \
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
echo "build-image: $out/root in $(( $(date +%s) - start )) s," \
	"$(wc -l < "$out/packages.txt") packages, $(du -sm "$out/root" | cut -f1) MiB"
