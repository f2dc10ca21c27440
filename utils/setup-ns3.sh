#!/usr/bin/env bash
# Take a fresh Debian 12 machine to a built ns-3.37 with this module linked in as contrib/homa.
#
#   utils/setup-ns3.sh            install packages (if root), fetch ns-3.37, configure, build
#
# Environment:
#   NS3_DIR         use this existing ns-3 tree instead of the cached one
#   HOMA_NS3_CACHE  where the ns-3.37 source is kept (default: ~/.cache/homa-ns3)
#   HOMA_SKIP_APT=1 never call apt-get (all packages already present)
#   HOMA_NS3_PROFILE=release
#                   a second tree for benchmarks: a copy of the test tree's source (the
#                   cached ns-3.37, or NS3_DIR) in ns-3's release profile (-O3, no asserts,
#                   no logging), examples only, in $HOMA_NS3_CACHE/release/<name> (or
#                   HOMA_NS3_RELEASE_DIR) and recorded in .ns3-dir-release; with root it
#                   also installs tcmalloc (libtcmalloc-minimal4), which make bench preloads
#   HOMA_NS3_PROFILE=sanitize
#                   a third tree for `make test-sanitize`: the same kind of copy, built with
#                   ns-3's sanitizers (--enable-sanitizers: AddressSanitizer, LeakSanitizer,
#                   UndefinedBehaviorSanitizer; default profile), only this module's library,
#                   tests and examples and what they need, in $HOMA_NS3_CACHE/sanitize/<name>,
#                   recorded in .ns3-dir-sanitize
#   HOMA_MPI=0      build without ns-3's mpi module (distributed simulation) and without
#                   OpenMPI; by default (HOMA_MPI=auto) the default and release trees have it
#                   (packages libopenmpi-dev, openmpi-bin, installed when root; without root
#                   only if mpicxx is already there); HOMA_MPI=1 insists; the sanitize tree
#                   never has it
#
# Running it again rebuilds only what changed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${HOMA_NS3_CACHE:-$HOME/.cache/homa-ns3}"
modules="homa;core;network;internet;traffic-control;point-to-point;stats;applications;csma;flow-monitor;fd-net-device;config-store"
packages=(build-essential cmake ninja-build ccache python3 dpkg-dev gnuplot-nox tcpdump iproute2
    clang-format-14 libsqlite3-dev tshark clang)

log() { printf '[setup-ns3] %s\n' "$*"; }

# ns-3 builds with precompiled headers; let ccache reuse objects built with them.
export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}"

install_packages() {
    [ "${HOMA_SKIP_APT:-0}" = 1 ] && return 0
    local missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" != 0 ]; then
        log "missing packages: ${missing[*]} (run as root or install them)"; exit 1
    fi
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

enable_deb_src() {
    if grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then
        return 0
    fi
    [ "$(id -u)" = 0 ] || { log "no deb-src entry in apt sources and not root"; exit 1; }
    log "enabling deb-src for bookworm"
    cat >/etc/apt/sources.list.d/homa-deb-src.sources <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
}

fetch_ns3() {
    local dir="$cache/ns-allinone-3.37/ns-3.37"
    if [ ! -x "$dir/ns3" ]; then
        enable_deb_src
        mkdir -p "$cache"
        log "fetching the ns-3.37 source (Debian source package ns3) into $cache"
        (cd "$cache" && rm -rf ns3-* ns-allinone-3.37 && apt-get source -qq ns3 >/dev/null 2>&1 || apt-get source ns3)
        local src
        src=$(find "$cache" -maxdepth 4 -type f -name ns3 -path '*ns-3.37/ns3' | head -n1)
        [ -n "$src" ] || { log "could not find ns-3.37 in the unpacked source"; exit 1; }
        if [ "$src" != "$dir/ns3" ]; then
            mkdir -p "$cache/ns-allinone-3.37"
            mv "$(dirname "$src")" "$dir"
        fi
    fi
    echo "$dir"
}

# The release tree: a copy of the test tree's ns-3 source (no build output) beside it, so
# that the test tree keeps its profile (HOMA_NS3_RELEASE_DIR chooses where).
release_tree() {
    local src="$1" dir="${HOMA_NS3_RELEASE_DIR:-$cache/release/$(basename "$1")}"
    [ "$profile" = sanitize ] && dir="$cache/sanitize/$(basename "$1")"
    if [ ! -x "$dir/ns3" ]; then
        log "copying the ns-3 source of $src to $dir for the $profile profile"
        mkdir -p "$dir"
        tar -C "$src" --exclude=./build --exclude=./cmake-cache --exclude=./contrib/homa \
            --exclude='./.lock-ns3*' -cf - . |
            tar -C "$dir" -xf -
    fi
    echo "$dir"
}

profile="${HOMA_NS3_PROFILE:-default}"
mpi="${HOMA_MPI:-auto}"
if [ "$mpi" = auto ]; then
    # With root the packages get installed; without, MPI only if it is already there.
    if [ "$(id -u)" = 0 ] && [ "${HOMA_SKIP_APT:-0}" != 1 ] || command -v mpicxx >/dev/null; then
        mpi=1
    else
        mpi=0
        log "no OpenMPI (mpicxx) and not root: building without the mpi module"
    fi
fi
[ "$profile" = sanitize ] && mpi=0
if [ "$mpi" = 1 ]; then
    packages+=(libopenmpi-dev openmpi-bin)
    modules="$modules;mpi"
fi
# make bench preloads gperftools' tcmalloc (utils/benchmark.sh, BENCH_MALLOC).
if [ "$profile" = release ]; then packages+=(libtcmalloc-minimal4); fi
case "$profile" in
default) dir_file="$here/.ns3-dir"; tests=ON; targets=() ;;
release) dir_file="$here/.ns3-dir-release"; tests=OFF; targets=(--target homa-datacenter homa-incast) ;;
sanitize)
    dir_file="$here/.ns3-dir-sanitize"; tests=ON
    targets=(--target libhoma-test homa-datacenter homa-incast homa-emu homa-tap) ;;
*) log "HOMA_NS3_PROFILE must be default, release or sanitize, not '$profile'"; exit 1 ;;
esac

install_packages
if [ -z "${NS3_DIR:-}" ]; then
    NS3_DIR="$(fetch_ns3 | tail -n1)"
fi
if [ "$profile" != default ]; then
    # Never reconfigure the test tree (yours with NS3_DIR, or the cached one): copy it.
    NS3_DIR="$(release_tree "$NS3_DIR" | tail -n1)"
fi
[ -x "$NS3_DIR/ns3" ] || { log "NS3_DIR=$NS3_DIR is not an ns-3 tree"; exit 1; }

# Link this repository in as contrib/homa.
link="$NS3_DIR/contrib/homa"
if [ "$(readlink -f "$link" 2>/dev/null)" != "$here" ]; then
    rm -rf "$link"
    ln -s "$here" "$link"
    log "linked $here as $link"
    # While the link pointed nowhere (a removed clone), a build's glob check may have
    # regenerated the build files without the module: let CMake find it again.
    if [ -f "$NS3_DIR/cmake-cache/CMakeCache.txt" ]; then
        cmake "$NS3_DIR/cmake-cache" >/dev/null
    fi
fi
# ns-3 writes one stub per module header into build/include/ns3 when it configures and never
# rewrites a stub that exists: drop the stubs of this module whose header moved or went away
# (a checkout of another commit), so that CMake writes them again.
stale=0
for stub in "$NS3_DIR"/build/include/ns3/*.h; do
    [ -f "$stub" ] || continue
    target=$(sed -n 's|^#include "\(.*/contrib/homa/.*\)"$|\1|p' "$stub")
    if [ -n "$target" ] && [ ! -e "$target" ]; then
        rm -f "$stub"
        stale=1
    fi
done
if [ $stale = 1 ] && [ -f "$NS3_DIR/cmake-cache/CMakeCache.txt" ]; then
    log "headers of this module moved: reconfiguring"
    cmake "$NS3_DIR/cmake-cache" >/dev/null
fi

# Configure once per set of options.
stamp="$NS3_DIR/cmake-cache/.homa-configure"
want="modules=$modules;examples=ON;tests=$tests;ninja;mpi=$mpi"
[ "$profile" = default ] || want="$want;profile=$profile"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || [ ! -f "$NS3_DIR/cmake-cache/CMakeCache.txt" ]; then
    log "configuring ns-3 ($profile profile)"
    if [ "$tests" = ON ]; then test_flag=--enable-tests; else test_flag=--disable-tests; fi
    build_profile=$profile
    extra=()
    if [ "$profile" = sanitize ]; then build_profile=default; extra=(--enable-sanitizers); fi
    if [ "$mpi" = 1 ]; then extra+=(--enable-mpi); else extra+=(--disable-mpi); fi
    (cd "$NS3_DIR" && ./ns3 configure -G Ninja -d "$build_profile" --enable-examples "$test_flag" \
        --enable-modules="$modules" "${extra[@]}" >/dev/null)
    echo "$want" >"$stamp"
fi

log "building ns-3 in $NS3_DIR (-j$(nproc)); the first build takes 15-30 minutes on 2 cores (ccache makes later ones take seconds); progress below"
# ninja prints "[done/total] ..." per step: report every 5 % (the full log goes to a file).
build_log="$NS3_DIR/cmake-cache/homa-build.log"
set +o pipefail
cmake --build "$NS3_DIR/cmake-cache" -j"$(nproc)" "${targets[@]}" 2>&1 | tee "$build_log" | {
    last=-5
    start=$(date +%s)
    while IFS= read -r line; do
        if [[ "$line" =~ ^\[([0-9]+)/([0-9]+)\] ]]; then
            # ninja restarts its count after regenerating the build files.
            if [ "${BASH_REMATCH[2]}" != "${total:-}" ]; then total=${BASH_REMATCH[2]}; last=-5; fi
            pct=$((100 * BASH_REMATCH[1] / BASH_REMATCH[2]))
            if [ $pct -ge $((last + 5)) ]; then
                last=$pct
                log "  $pct % (${BASH_REMATCH[1]}/${BASH_REMATCH[2]} steps, $(($(date +%s) - start)) s)"
            fi
        fi
    done
}
rc=${PIPESTATUS[0]}
set -o pipefail
if [ "$rc" -ne 0 ]; then
    grep -E 'error|Error|FAILED' -A5 "$build_log" | head -n 80
    log "build failed; full log: $build_log"
    exit 1
fi
echo "$NS3_DIR" >"$dir_file"
log "ready: $NS3_DIR"
