#!/usr/bin/env bash
# Coverage-guided fuzzing of the module's parsers with libFuzzer (clang, Debian's clang-14).
#
#   utils/fuzz.sh NS3_DIR [SECONDS]
#
# Builds the targets of test/fuzz/ with clang: the module's own sources (and the tests'
# shared fixtures) compiled with libFuzzer's coverage instrumentation, AddressSanitizer and
# UndefinedBehaviorSanitizer, linked against the ns-3 libraries of NS3_DIR (the test tree:
# its asserts stay on). Then runs each target for SECONDS (default 60) from its committed seed
# corpus (test/fuzz/corpus/TARGET) plus the inputs found so far (kept in the cache). Fails on
# any crash, assertion, sanitizer report, leak or timeout; the input that did it is left in
# $HOMA_FUZZ_DIR/artifacts and named in the output.
#
# HOMA_FUZZ_DIR: where objects, binaries and found inputs go (~/.cache/homa-ns3/fuzz).
# HOMA_FUZZ_TARGETS: which targets (default: all of test/fuzz/homa-fuzz-*.cc).
# Exits 77 (skipped) without clang++.
set -euo pipefail

NS3=${1:?usage: utils/fuzz.sh NS3_DIR [SECONDS]}
SECONDS_PER_TARGET=${2:-60}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${HOMA_FUZZ_DIR:-$HOME/.cache/homa-ns3/fuzz}
CXX=${HOMA_FUZZ_CXX:-clang++}

if ! command -v "$CXX" >/dev/null; then
    echo "fuzz: SKIPPED: $CXX not found (the set-up script installs clang)"
    exit 77
fi
CORE=$(ls "$NS3/build/lib" | grep -E '^libns3[.0-9]*-core(-[a-z]+)?\.so$' | head -1)
[ -n "$CORE" ] || { echo "fuzz: no ns-3 core library in $NS3/build/lib (build the tree first)"; exit 1; }
PREFIX=${CORE#lib}
PREFIX=${PREFIX%%core*}  # ns3- (3.37) or ns3.48-
SUFFIX=${CORE#*core}
SUFFIX=${SUFFIX%.so}     # -default, or nothing (release)
VERSION=$(cat "$NS3/VERSION" 2>/dev/null || echo "${PREFIX//[!0-9.]/}")
VERSION=${VERSION#.}
NUM=$(awk -F. '{print $1 * 100 + $2}' <<<"$VERSION")

SAN=(-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
FLAGS=(-std=c++17 -O1 -g "${SAN[@]}" -DNS3_ASSERT_ENABLE -DNS3_LOG_ENABLE
    -DHOMA_NS3_VERSION="$NUM" "-DHOMA_WORKLOAD_DIR=\"$ROOT/workloads\"" -I"$NS3/build/include" -w)
LIBS=()
for m in core network internet point-to-point traffic-control applications stats bridge mpi; do
    if [ -e "$NS3/build/lib/lib$PREFIX$m$SUFFIX.so" ]; then LIBS+=("-l$PREFIX$m$SUFFIX"); fi
done

mkdir -p "$OUT/obj" "$OUT/bin" "$OUT/artifacts"
echo "fuzz: building the targets with $CXX (ns-$VERSION libraries of $NS3)"
SOURCES=$(cd "$ROOT" && ls model/*.cc helper/homa-helper.cc test/homa-test-util.cc)
# The module's objects, instrumented for coverage, one per source (ccache makes reruns fast).
LAUNCH=()
if command -v ccache >/dev/null; then LAUNCH=(ccache); fi
pids=()
for src in $SOURCES; do
    "${LAUNCH[@]}" "$CXX" "${FLAGS[@]}" -fsanitize=fuzzer-no-link -c "$ROOT/$src" \
        -o "$OUT/obj/${src//\//_}.o" &
    pids+=($!)
    while [ "$(jobs -rp | wc -l)" -ge "$(nproc)" ]; do sleep 0.2; done
done
for pid in "${pids[@]}"; do wait "$pid"; done
TARGETS=${HOMA_FUZZ_TARGETS:-$(cd "$ROOT/test/fuzz" && ls homa-fuzz-*.cc | sed 's/\.cc$//')}
for t in $TARGETS; do
    "${LAUNCH[@]}" "$CXX" "${FLAGS[@]}" -fsanitize=fuzzer -c "$ROOT/test/fuzz/$t.cc" -o "$OUT/obj/$t.o"
    "$CXX" "${SAN[@]}" -fsanitize=fuzzer "$OUT/obj/$t.o" "$OUT"/obj/model_*.o "$OUT"/obj/helper_*.o \
        "$OUT"/obj/test_*.o -L"$NS3/build/lib" "${LIBS[@]}" -Wl,-rpath,"$NS3/build/lib" -o "$OUT/bin/$t"
done

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
for t in $TARGETS; do
    seeds="$ROOT/test/fuzz/corpus/${t#homa-fuzz-}"
    found="$OUT/found/${t#homa-fuzz-}"
    mkdir -p "$found"
    log="$OUT/$t.log"
    echo "fuzz: $t for $SECONDS_PER_TARGET s (seeds: $(ls "$seeds" 2>/dev/null | wc -l), found so far: $(ls "$found" | wc -l))"
    if "$OUT/bin/$t" -max_total_time="$SECONDS_PER_TARGET" -timeout=20 -rss_limit_mb=4096 \
        -print_final_stats=1 -artifact_prefix="$OUT/artifacts/$t-" "$found" "$seeds" >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
        cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
        echo "fuzz: $t passed: $runs inputs, $speed per second, $cov edges, corpus $(ls "$found" | wc -l) + $(ls "$seeds" | wc -l) seeds"
    else
        status=1
        echo "fuzz: $t FAILED; the report:"
        grep -B2 -A30 -m1 "ERROR\|runtime error\|assert\|abort\|deadly signal" "$log" | head -60
        ls -t "$OUT/artifacts/$t-"* 2>/dev/null | head -1 | sed 's/^/fuzz: input: /'
    fi
done
exit $status
