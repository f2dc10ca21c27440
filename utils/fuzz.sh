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
# HOMA_CLANG_CXX: the compiler (clang++).
# HOMA_FUZZ_TARGETS: which targets (default: all of test/fuzz/homa-fuzz-*.cc).
# Exits 77 (skipped) without clang++.
set -euo pipefail

NS3=${1:?usage: utils/fuzz.sh NS3_DIR [SECONDS]}
SECONDS_PER_TARGET=${2:-60}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${HOMA_FUZZ_DIR:-$HOME/.cache/homa-ns3/fuzz}

# shellcheck source=utils/clang-module.sh
. "$ROOT/utils/clang-module.sh"
rc=0
clang_module_setup "$NS3" "$ROOT" || rc=$?
if [ $rc -eq 77 ]; then echo "fuzz: SKIPPED (reason above)"; exit 77; fi
[ $rc -eq 0 ] || { echo "fuzz: cannot build against $NS3"; exit 1; }
# Objects of moved or deleted sources must not be linked in (ccache keeps this cheap).
rm -rf "$OUT/obj"
mkdir -p "$OUT/obj" "$OUT/bin" "$OUT/artifacts"
echo "fuzz: building the targets with $CXX (ns-$NS3_VERSION libraries of $NS3)"
# The module's objects, instrumented for coverage (ccache makes reruns fast).
clang_module_compile "$OUT/obj" -fsanitize=fuzzer-no-link \
    $(cd "$ROOT" && ls model/*/*.cc helper/*.cc test/homa-test-util.cc) ||
    { echo "fuzz: the module does not compile with $CXX"; exit 1; }
TARGETS=${HOMA_FUZZ_TARGETS:-$(cd "$ROOT/test/fuzz" && ls homa-fuzz-*.cc | sed 's/\.cc$//')}
for t in $TARGETS; do
    clang_module_compile "$OUT/obj" -fsanitize=fuzzer "test/fuzz/$t.cc" || exit 1
    "$CXX" "${SAN[@]}" -fsanitize=fuzzer "$OUT/obj/test_fuzz_$t.cc.o" "$OUT"/obj/model_*.o \
        "$OUT"/obj/helper_*.o "$OUT/obj/test_homa-test-util.cc.o" -L"$LIBDIR" "${LIBS[@]}" \
        -Wl,-rpath,"$LIBDIR" -o "$OUT/bin/$t" || exit 1
done

# No allocation stacks and a smaller quarantine while fuzzing: with ASan's defaults the receive
# target (an ns-3 world per input) slowed from 32 to 15 inputs per second within 1,500 inputs
# as the stack depot and quarantine grew to 0.9 GB; so, it stays at 32 per second and 0.17 GB.
# A failing input is replayed below with the full reports.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:malloc_context_size=0:quarantine_size_mb=64}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
REPORT='ERROR\|runtime error\|assert\|abort\|deadly signal\|msg=\|terminate called\|^homa-fuzz-[a-z]*: '
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
        # The first report line: a sanitizer's, an assert's, ns-3's NS_FATAL_ERROR (msg=), an
        # uncaught exception's, a target's own invariant (homa-fuzz-X: ...) or libFuzzer's.
        grep -B5 -A30 -m1 "$REPORT" "$log" | head -60
        input=$(sed -n 's/.*Test unit written to //p' "$log" | tail -1)
        if [ -n "$input" ]; then
            # The cache does not outlive the machine: the log keeps the input itself.
            echo "fuzz: input: $input ($(wc -c <"$input") bytes), base64 (base64 -d restores it):"
            base64 -w 100 "$input"
            echo "fuzz: input replayed with allocation stacks:"
            # The replay fails by design; under set -e and pipefail its exit status (libFuzzer's
            # 77 for a crash) must not end the script, which would read as "skipped".
            ASAN_OPTIONS=detect_leaks=1 "$OUT/bin/$t" "$input" 2>&1 |
                grep -B5 -A40 -m1 "$REPORT" | head -60 || true
        else
            echo "fuzz: no input was written; the end of $log:"
            tail -40 "$log"
        fi
    fi
done
exit $status
