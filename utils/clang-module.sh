# Sourced by utils/fuzz.sh and utils/sanitize-tests.sh: compile this module's sources with
# clang, AddressSanitizer and UndefinedBehaviorSanitizer, against the headers and libraries of
# a built ns-3 tree (its own code is not instrumented; every allocation still goes through
# ASan's allocator).
#
#   clang_module_setup NS3_DIR ROOT        sets CXX, SAN, FLAGS, LIBS, LIBDIR (or fails)
#   clang_module_compile OUT EXTRA SOURCE...
#                                          objects OUT/<path with / as _>.o, nproc at a time;
#                                          EXTRA: one more flag ("" for none)

clang_module_setup() {
    local ns3=$1 root=$2 core prefix suffix version num m
    CXX=${HOMA_CLANG_CXX:-clang++}
    if ! command -v "$CXX" >/dev/null; then
        echo "$CXX not found (the set-up script installs clang)"
        return 77
    fi
    LIBDIR="$ns3/build/lib"
    core=$(ls "$LIBDIR" 2>/dev/null | grep -E '^libns3[.0-9]*-core(-[a-z]+)?\.so$' | head -1)
    if [ -z "$core" ]; then
        echo "no ns-3 core library in $LIBDIR (build the tree first)"
        return 1
    fi
    prefix=${core#lib}
    prefix=${prefix%%core*} # ns3- (3.37) or ns3.48-
    suffix=${core#*core}
    suffix=${suffix%.so} # -default, or nothing (release)
    version=$(cat "$ns3/VERSION" 2>/dev/null || echo "${prefix//[!0-9.]/}")
    version=${version#.}
    num=$(awk -F. '{print $1 * 100 + $2}' <<<"$version")
    SAN=(-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    FLAGS=(-std=c++17 -O1 -g "${SAN[@]}" -DNS3_ASSERT_ENABLE -DNS3_LOG_ENABLE
        -DHOMA_NS3_VERSION="$num" "-DHOMA_WORKLOAD_DIR=\"$root/workloads\""
        "-DNS_TEST_SOURCEDIR=\"$root/test\"" -I"$ns3/build/include" -w)
    LIBS=()
    for m in core network internet point-to-point traffic-control applications stats bridge csma mpi; do
        if [ -e "$LIBDIR/lib$prefix$m$suffix.so" ]; then LIBS+=("-l$prefix$m$suffix"); fi
    done
    NS3_VERSION=$version
}

clang_module_compile() {
    local out=$1 extra=$2 src launch=() pids=() pid rc=0
    shift 2
    mkdir -p "$out"
    if command -v ccache >/dev/null; then launch=(ccache); fi
    for src in "$@"; do
        # shellcheck disable=SC2086
        "${launch[@]}" "$CXX" "${FLAGS[@]}" $extra -c "$ROOT/$src" -o "$out/${src//\//_}.o" &
        pids+=($!)
        while [ "$(jobs -rp | wc -l)" -ge "$(nproc)" ]; do sleep 0.2; done
    done
    for pid in "${pids[@]}"; do wait "$pid" || rc=1; done
    return $rc
}
