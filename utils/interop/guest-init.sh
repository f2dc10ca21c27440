#!/bin/sh
# /init of the QEMU guest built by utils/interop/guest.sh (dash, busybox, Debian's 6.12 kernel):
# mounts the pseudo file systems, loads virtio_net, sch_netem and homa.ko, configures eth0
# from homa_guest_ip= on the kernel command line, runs the host's case script (/case.sh) and
# powers off. Console lines for the host: HOMA-GUEST-READY <ip> <kernel>, HOMA-GUEST-EXIT <rc>.
# Also installed as two commands for case scripts:
#   homa-reload           rmmod homa (fails while a Homa socket is open); insmod
#                         /lib/homa.ko; set the sysctls again
#   guest-put FILE [NAME] hand FILE to the host (second serial port; guest.sh saves it as
#                         CONSOLE_LOG.files/NAME). Not from two processes at once.
export PATH=/bin:/sbin:/usr/sbin

homa_sysctls() {
    # No segmentation offload for a non-TCP protocol on virtio-net: one packet per skb.
    echo 1500 >/proc/sys/net/homa/max_gso_size
}

case ${0##*/} in
guest-put)
    [ -f "$1" ] || { echo "guest-put: no such file: $1" >&2; exit 1; }
    { echo "HOMA-GUEST-FILE-BEGIN ${2:-${1##*/}}"; base64 "$1"; echo "HOMA-GUEST-FILE-END"; } >/dev/ttyS1
    exit ;;
homa-reload)
    if grep -q '^homa ' /proc/modules; then rmmod homa || exit 1; fi
    insmod /lib/homa.ko && homa_sysctls
    exit ;;
esac

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /tmp
stty -onlcr 2>/dev/null              # "\n", not "\r\n", in the console log (printk aside)
stty -F /dev/ttyS1 raw -echo 2>/dev/null
hostname homa-guest

while read -r m; do
    insmod "/lib/modules/$m.ko" || echo "guest: insmod $m failed"
done </etc/modules.order
insmod /lib/homa.ko || echo "guest: insmod homa.ko failed"
homa_sysctls

addr=$(sed -n 's/.*homa_guest_ip=\([^ ]*\).*/\1/p' /proc/cmdline)
ip link set lo up
if ! { ip addr add "$addr" dev eth0 && ip link set eth0 up; }; then
    echo "guest: cannot configure eth0 with '$addr'"
fi

echo "HOMA-GUEST-READY $addr $(uname -r)"
cd /tmp || exit
sh /case.sh
echo "HOMA-GUEST-EXIT $?"
sync
poweroff -f
