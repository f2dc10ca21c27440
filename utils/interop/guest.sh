#!/usr/bin/env bash
# A QEMU guest running the Linux Homa module (PlatformLab/HomaModule) for interop tests with
# ns-3: Debian 12's 6.12 kernel (from the apt archive, extracted, never installed), homa.ko
# and HomaModule's util programs built from $HOMA_LINUX_SRC, a busybox initramfs.
#
#   guest.sh prepare   download/build everything (cached; needs root and HOMA_LINUX_SRC)
#   guest.sh boot NETNS TAP GUEST_IP/PREFIX CASE_SCRIPT CONSOLE_LOG
#                      boot the guest in NETNS on tap TAP (created and put on the bridge
#                      $HOMA_GUEST_BRIDGE, br0, if it exists), run CASE_SCRIPT in it (sh, cwd
#                      /tmp, homa.ko loaded, eth0 up, /bin/server, homa_test, cp_node, the
#                      programs of utils/interop/peer/, tc with netem, homa-reload,
#                      guest-put) and wait until it powers off. Exit status: the case
#                      script's; 124 on timeout; 125 if the guest panicked or died.
#                      Files sent with guest-put land in CONSOLE_LOG.files/.
#   guest.sh env       key=value lines: kernel, initramfs, homa.ko, programs, versions file
#
# HOMA_INTEROP_CACHE (~/.cache/homa-ns3/interop), HOMA_GUEST_TIMEOUT (300 s),
# HOMA_GUEST_MEM (1024 MB), HOMA_GUEST_APPEND (extra kernel arguments),
# HOMA_GUEST_KVER (a kernel release, e.g. 6.12.117+deb12-amd64, instead of apt's newest 6.12).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${HOMA_INTEROP_CACHE:-$HOME/.cache/homa-ns3/interop}
build=$cache/build
envfile=$cache/env.sh
utils=(server homa_test cp_node)
guest_modules=(virtio_net sch_netem)

step() { printf 'guest.sh: %s\n' "$*"; }
die() {
    printf 'guest.sh: error: %s\n' "$*" >&2
    exit 1
}
usage() {
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
    exit 2
}

install_packages() {
    local pkgs=(qemu-system-x86 busybox-static cpio rsync kmod xz-utils iproute2 gcc-12 g++
        make libc6-dev binutils) missing=() p
    for p in "${pkgs[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
    done
    if ((${#missing[@]})); then
        step "installing ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
            "${missing[@]}" >"$cache/apt.log" 2>&1 || die "apt-get install failed, see $cache/apt.log"
    fi
}

# Depends of the candidate of package $1 matching pattern $2.
apt_dep() { apt-cache depends "$1" 2>/dev/null | sed -n "s/^ *|\{0,1\}Depends: \($2\)\$/\1/p" | head -n1; }

# Sets kver (e.g. 6.12.117+deb12-amd64) and kroot (its extracted packages), downloading them.
fetch_kernel() {
    kver=${HOMA_GUEST_KVER:-}
    if [[ -z $kver ]]; then
        kver=$(apt_dep linux-image-6.12-amd64 'linux-image-.*' | sed 's/^linux-image-//')
        if [[ -z $kver ]]; then
            step "apt-get update (no candidate for linux-image-6.12-amd64)"
            apt-get update >"$cache/apt.log" 2>&1 || true
            kver=$(apt_dep linux-image-6.12-amd64 'linux-image-.*' | sed 's/^linux-image-//')
        fi
        if [[ -z $kver ]]; then # offline: the newest kernel already extracted
            kver=$(find "$cache/kernel" -mindepth 2 -maxdepth 2 -name .done -printf '%h\n' \
                2>/dev/null | sed 's|.*/||' | sort -V | tail -n1)
        fi
        [[ -n $kver ]] || die "cannot resolve linux-image-6.12-amd64 (apt-cache) and none cached"
    fi
    kroot=$cache/kernel/$kver
    if [[ -f $kroot/.done ]]; then
        step "kernel $kver: cached in $kroot"
        return
    fi
    local dl=$cache/dl common kbuild image deb
    common=$(apt_dep "linux-headers-$kver" 'linux-headers-.*-common')
    kbuild=$(apt_dep "linux-headers-$kver" 'linux-kbuild-.*')
    [[ -n $common && -n $kbuild ]] || die "cannot resolve the dependencies of linux-headers-$kver"
    image=linux-image-$kver-unsigned
    apt-cache show "$image" >/dev/null 2>&1 || image=linux-image-$kver
    step "kernel $kver: downloading $image linux-headers-$kver $common $kbuild"
    rm -rf "$dl" "$kroot.tmp"
    mkdir -p "$dl" "$kroot.tmp"
    (cd "$dl" && apt-get download -o APT::Sandbox::User=root "$image" "linux-headers-$kver" \
        "$common" "$kbuild" >"$cache/apt.log" 2>&1) || die "apt-get download failed, see $cache/apt.log"
    for deb in "$dl"/*.deb; do dpkg-deb -x "$deb" "$kroot.tmp"; done
    echo "$image $(dpkg-deb -f "$dl/$image"_*.deb Version)" >"$kroot.tmp/.done.tmp"
    # The headers' Makefile includes the common headers by absolute path (/usr/src/...).
    sed -i "s|^include /usr/src/|include $kroot/usr/src/|" "$kroot.tmp/usr/src/linux-headers-$kver/Makefile"
    [[ -f $kroot.tmp/boot/vmlinuz-$kver ]] || die "no /boot/vmlinuz-$kver in $image"
    rm -rf "$dl" "$kroot"
    mv "$kroot.tmp" "$kroot"
    mv "$kroot/.done.tmp" "$kroot/.done"
}

build_homa() {
    local src=$build/homa-src flags
    step "homa.ko: building $HOMA_LINUX_SRC (copy in $src)"
    mkdir -p "$src"
    # Sources only, no build products; changed files get a new mtime (--checksum, no -t), so
    # make rebuilds exactly what changed, even after switching checkouts.
    rsync -rlp --checksum --prune-empty-dirs --exclude=.git/ --exclude='*.mod.c' --include='*/' \
        --include='*.[ch]' --include='*.cc' --include='Makefile*' --include=Kconfig \
        --exclude='*' "$HOMA_LINUX_SRC/" "$src/"
    # No BTF for the module: that needs pahole, and is of no use here.
    make -C "$kroot/usr/src/linux-headers-$kver" M="$src" CONFIG_DEBUG_INFO_BTF_MODULES= \
        -j"$(nproc)" modules >"$build/homa.log" 2>&1 || { tail -n 30 "$build/homa.log" >&2; die "homa.ko build failed"; }
    step "utilities: building ${utils[*]} (static)"
    flags=$(make -s -C "$src/util" print-CFLAGS | sed 's/^CFLAGS = //')
    make -C "$src/util" -j"$(nproc)" "${utils[@]}" CFLAGS="$flags -static" >"$build/util.log" 2>&1 ||
        { tail -n 30 "$build/util.log" >&2; die "util build failed"; }
    peers=()
    local c out
    for c in "$here"/peer/*.c; do
        [[ -f $c ]] || continue
        out=$build/peer/$(basename "$c" .c)
        peers+=("$out")
        [[ $out -nt $c && $out -nt $src/homa.h ]] && continue
        step "peer: building $(basename "$c") (static)"
        mkdir -p "$build/peer"
        gcc -O2 -Wall -Werror -static -I"$src" -o "$out" "$c" -lpthread ||
            die "cannot build $c"
    done
}

# Module $1 and (first) its dependencies, as names, from the extracted image.
mod_path() { find "$kroot/lib/modules/$kver/kernel" -name "$1.ko*" -print -quit; }
mod_closure() {
    local m=$1 f d
    [[ " ${mods[*]:-} " == *" $m "* ]] && return
    f=$(mod_path "$m")
    [[ -n $f ]] || f=$(mod_path "${m//_/-}")
    [[ -n $f ]] || die "module $m not in linux-image-$kver"
    for d in $(modinfo -F depends "$f" | tr ',' ' '); do mod_closure "$d"; done
    mods+=("$m")
    modfiles+=("$f")
}

# Copies executable $1 to the same path under $2, with its shared libraries and loader.
copy_dynamic() {
    local f
    for f in "$1" $(ldd "$1" | grep -o '/[^ ]*'); do
        mkdir -p "$2/$(dirname "$f")"
        cp -L "$f" "$2/$f"
    done
}

build_initramfs() {
    local st=$build/initramfs sum i a
    mods=() modfiles=()
    for i in "${guest_modules[@]}"; do mod_closure "$i"; done
    local inputs=("$here/guest.sh" "$here/guest-init.sh" /bin/busybox /bin/dash /usr/sbin/tc /usr/sbin/ip
        "$build/homa-src/homa.ko" "${modfiles[@]}" "${peers[@]}")
    for i in "${utils[@]}"; do inputs+=("$build/homa-src/util/$i"); done
    sum=$(sha256sum "${inputs[@]}" | sha256sum | cut -c1-64)
    if [[ -f $cache/initramfs.cpio && $(cat "$cache/initramfs.sum" 2>/dev/null) == "$sum" ]]; then
        step "initramfs: cached ($cache/initramfs.cpio)"
        return
    fi
    step "initramfs: busybox, dash, tc, ip, ${mods[*]}, homa.ko, ${utils[*]}${peers[*]:+ ${peers[*]##*/}}"
    rm -rf "$st"
    mkdir -p "$st"/{bin,sbin,etc,lib/modules,proc,sys,dev,tmp,root}
    cp /bin/busybox "$st/bin/"
    for a in $(/bin/busybox --list); do
        [[ $a == busybox || $a == sh || $a == tc || $a == ip ]] || ln -s busybox "$st/bin/$a"
    done
    # iproute2's own tc (busybox's lacks netem) and ip, with their libraries; and dash as sh,
    # since busybox's sh runs its own applets (tc, ip) before any program in PATH.
    copy_dynamic /usr/sbin/tc "$st"
    copy_dynamic /usr/sbin/ip "$st"
    copy_dynamic /bin/dash "$st"
    ln -s dash "$st/bin/sh"
    mkdir -p "$st/usr/lib/x86_64-linux-gnu/tc"
    cp /usr/lib/x86_64-linux-gnu/tc/*.dist "$st/usr/lib/x86_64-linux-gnu/tc/" 2>/dev/null || true
    for i in "${!mods[@]}"; do
        case ${modfiles[$i]} in
        *.xz) xz -dc "${modfiles[$i]}" >"$st/lib/modules/${mods[$i]}.ko" ;;
        *.zst) zstd -qdc "${modfiles[$i]}" >"$st/lib/modules/${mods[$i]}.ko" ;;
        *) cp "${modfiles[$i]}" "$st/lib/modules/${mods[$i]}.ko" ;;
        esac
        echo "${mods[$i]}" >>"$st/etc/modules.order"
    done
    strip --strip-debug -o "$st/lib/homa.ko" "$build/homa-src/homa.ko"
    for i in "${utils[@]}"; do cp "$build/homa-src/util/$i" "$st/bin/"; done
    for i in "${peers[@]}"; do cp "$i" "$st/bin/"; done
    install -m 755 "$here/guest-init.sh" "$st/init"
    ln -s ../init "$st/bin/guest-put"
    ln -s ../init "$st/bin/homa-reload"
    printf '127.0.0.1 localhost\n' >"$st/etc/hosts"
    printf 'root:x:0:0:root:/root:/bin/sh\n' >"$st/etc/passwd"
    mknod -m 600 "$st/dev/console" c 5 1
    mknod -m 666 "$st/dev/null" c 1 3
    (cd "$st" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) >"$cache/initramfs.cpio.tmp"
    mv "$cache/initramfs.cpio.tmp" "$cache/initramfs.cpio"
    echo "$sum" >"$cache/initramfs.sum"
}

prepare() {
    [[ $(id -u) == 0 ]] || die "prepare needs root (apt-get)"
    [[ -n ${HOMA_LINUX_SRC:-} ]] || die "set HOMA_LINUX_SRC to a PlatformLab/HomaModule checkout"
    [[ -f $HOMA_LINUX_SRC/homa.h && -d $HOMA_LINUX_SRC/util ]] || die "$HOMA_LINUX_SRC is not a HomaModule checkout"
    HOMA_LINUX_SRC=$(cd "$HOMA_LINUX_SRC" && pwd)
    mkdir -p "$cache" "$build"
    install_packages
    fetch_kernel
    build_homa
    build_initramfs
    local commit digest
    commit=$(git -C "$HOMA_LINUX_SRC" rev-parse HEAD 2>/dev/null) || commit=unknown
    digest=$(cd "$HOMA_LINUX_SRC" && find . -path ./.git -prune -o -type f \( -name '*.[ch]' \
        -o -name '*.cc' \) ! -name '*.mod.c' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum)
    printf 'kernel %s (%s)\nHomaModule %s (%s, sources sha256 %s)\n' "$kver" "$(cat "$kroot/.done")" \
        "$commit" "$HOMA_LINUX_SRC" "${digest:0:16}" >"$cache/versions.txt"
    {
        echo "kernel=$kroot/boot/vmlinuz-$kver"
        echo "kernel_version=$kver"
        echo "initramfs=$cache/initramfs.cpio"
        echo "homa_ko=$build/homa-src/homa.ko"
        for i in "${utils[@]}"; do echo "$i=$build/homa-src/util/$i"; done
        for i in "${peers[@]}"; do echo "peer_$(basename "$i" | tr -c 'a-zA-Z0-9\n' _)=$i"; done
        echo "versions=$cache/versions.txt"
        echo "cache=$cache"
    } >"$envfile"
    step "ready: kernel $kver, HomaModule $commit"
}

boot() {
    (($# == 5)) || usage
    local ns=$1 tap=$2 addr=$3 case=$4 log=$5 bridge=${HOMA_GUEST_BRIDGE:-br0}
    local timeout=${HOMA_GUEST_TIMEOUT:-300} mac kernel initramfs o qrc rc
    rm -rf "$log.files"
    : >"$log" # a fresh log at once: callers wait for lines in it
    [[ -f $envfile ]] || die "run 'guest.sh prepare' first"
    kernel=$(sed -n 's/^kernel=//p' "$envfile")
    initramfs=$(sed -n 's/^initramfs=//p' "$envfile")
    [[ -f $kernel && -f $initramfs ]] || die "run 'guest.sh prepare' first"
    [[ -f $case ]] || die "no case script $case"
    [[ $addr =~ ^([0-9]+)\.([0-9]+)\.([0-9]+)\.([0-9]+)/[0-9]+$ ]] || die "GUEST_IP/PREFIX: $addr"
    mac=$(printf '52:54:%02x:%02x:%02x:%02x' "${BASH_REMATCH[@]:1:4}")
    ip netns exec "$ns" true 2>/dev/null || die "no network namespace $ns"
    tmp=$(mktemp -d) created_tap="" qpid="" boot_ns=$ns boot_tap=$tap
    trap boot_cleanup EXIT
    trap 'exit 143' TERM INT HUP
    # The per-boot archive (/case.sh) after the cached one: the kernel unpacks both.
    mkdir "$tmp/root"
    cp "$case" "$tmp/root/case.sh"
    (cd "$tmp/root" && echo case.sh | cpio -o -H newc -R 0:0 --quiet) >"$tmp/case.cpio"
    cat "$initramfs" "$tmp/case.cpio" >"$tmp/initrd"
    if ! ip -n "$ns" link show "$tap" >/dev/null 2>&1; then
        ip -n "$ns" tuntap add dev "$tap" mode tap
        created_tap=1
    fi
    if ip -n "$ns" link show "$bridge" >/dev/null 2>&1; then
        ip -n "$ns" link set "$tap" master "$bridge"
    fi
    ip -n "$ns" link set "$tap" up
    step "booting $addr (mac $mac) in netns $ns on $tap, console: $log, timeout ${timeout}s"
    # vnet_hdr stays on: with vnet_hdr=off the guest panics sending multi-packet responses.
    timeout -k 5 "$timeout" ip netns exec "$ns" qemu-system-x86_64 -accel tcg -cpu max \
        -m "${HOMA_GUEST_MEM:-1024}" -smp 1 -nodefaults -no-user-config -display none \
        -no-reboot -kernel "$kernel" -initrd "$tmp/initrd" \
        -append "console=ttyS0 quiet panic=-1 oops=panic homa_guest_ip=$addr ${HOMA_GUEST_APPEND:-}" \
        -serial "file:$log" -serial "file:$tmp/data" \
        -netdev "tap,id=n0,ifname=$tap,script=no,downscript=no,vnet_hdr=on" \
        -device "virtio-net-pci,netdev=n0,mac=$mac" </dev/null &
    qpid=$!
    qrc=0
    wait "$qpid" || qrc=$?
    qpid=""
    # Files from guest-put.
    if [[ -s $tmp/data ]]; then
        mkdir -p "$log.files"
        tr -d '\r' <"$tmp/data" | awk -v d="$log.files" '
            /^HOMA-GUEST-FILE-BEGIN / { n = $2; gsub(/[^A-Za-z0-9._-]/, "_", n); f = d "/" n ".b64"; next }
            /^HOMA-GUEST-FILE-END/ { close(f); f = ""; next }
            f != "" { print > f }'
        for o in "$log.files"/*.b64; do
            [[ -f $o ]] && base64 -d "$o" >"${o%.b64}" && rm "$o"
        done
    fi
    rc=$(tr -d '\r' <"$log" | sed -n 's/^HOMA-GUEST-EXIT \([0-9]*\)$/\1/p' | tail -n1)
    if ((qrc == 124 || qrc == 137)); then
        step "timeout: killed the guest after ${timeout}s"
        return 124
    elif grep -aq 'Kernel panic' "$log"; then
        step "the guest kernel panicked (see $log)"
        return 125
    elif [[ -z $rc ]]; then
        step "the guest stopped without finishing its case script (qemu status $qrc, see $log)"
        return 125
    fi
    step "guest done: case script exit status $rc"
    return "$rc"
}

boot_cleanup() {
    [[ -n ${qpid:-} ]] && kill "$qpid" 2>/dev/null && wait "$qpid" 2>/dev/null
    [[ -n ${created_tap:-} ]] && ip -n "$boot_ns" link del "$boot_tap" 2>/dev/null
    rm -rf "${tmp:?}"
}

case ${1:-} in
prepare) prepare ;;
boot) shift && boot "$@" ;;
env)
    [[ -f $envfile ]] || die "run 'guest.sh prepare' first"
    cat "$envfile"
    ;;
*) usage ;;
esac
