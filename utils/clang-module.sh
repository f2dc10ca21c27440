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
    local ns3=$1 root=$2 core prefix suffix version num m std
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
    # The C++ standard the tree was built with (ns-3.37: 17; newer releases: 20, 23).
    std=$(sed -n 's/^set(CMAKE_CXX_STANDARD_MINIMUM \([0-9]*\)).*/\1/p' \
        "$ns3/build-support/macros-and-definitions.cmake" 2>/dev/null | head -1)
    case "${std:-17}" in
    23) std=c++2b ;;
    *) std=c++${std:-17} ;;
    esac
    SAN=(-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    FLAGS=(-std=$std -O1 -g "${SAN[@]}" -DNS3_ASSERT_ENABLE -DNS3_LOG_ENABLE
        -DNS3_COMPAT_VERSION="$num" "-DHOMA_WORKLOAD_DIR=\"$root/workloads\""
        "-DNS_TEST_SOURCEDIR=\"$root/test\"" -I"$ns3/build/include" -w)
    LIBS=()
    for m in core network internet point-to-point traffic-control applications stats bridge csma mpi; do
        if [ -e "$LIBDIR/lib$prefix$m$suffix.so" ]; then LIBS+=("-l$prefix$m$suffix"); fi
    done
    NS3_VERSION=$version
    # Can this clang read this ns-3's headers at that standard?
    if ! echo '#include "ns3/core-module.h"' |
        "$CXX" "${FLAGS[@]}" -fsyntax-only -x c++ - >/dev/null 2>&1; then
        echo "$CXX cannot compile against ns-$version's headers (-std=$std)"
        return 77
    fi
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
