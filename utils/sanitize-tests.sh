#!/usr/bin/env bash
# Run every homa test suite and the simulated examples of test/examples-to-run.py under
# AddressSanitizer (with LeakSanitizer) and UndefinedBehaviorSanitizer (`make test-sanitize`).
#
#   utils/sanitize-tests.sh NS3_DIR            module mode: this module's sources (model,
#                                              helper, tests, examples) compiled with clang and
#                                              the sanitizers, linked against NS3_DIR's ns-3
#                                              libraries (built as they are: ns-3's own code is
#                                              not instrumented, but every allocation goes
#                                              through ASan's allocator); a few minutes
#   utils/sanitize-tests.sh NS3_DIR tree       tree mode: NS3_DIR was built with ns-3's
#                                              --enable-sanitizers (HOMA_NS3_PROFILE=sanitize
#                                              utils/setup-ns3.sh; hours on 2 cores), ns-3
#                                              instrumented too
#
# Any sanitizer report fails the run (the sanitizers halt on the first error, and the output
# is searched for reports as well). Prints a line per suite and example, then the totals.
# HOMA_SANITIZE_DIR: where module mode puts its objects (~/.cache/homa-ns3/sanitize-module).
set -uo pipefail

ns3="$(cd "${1:?usage: sanitize-tests.sh NS3_DIR [module|tree]}" && pwd)"
mode="${2:-module}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lib="$ns3/build/lib"
runner_args=()
# ns-3's TestRunner alone: only the suites linked in (this module's) are listed and run.
runner_source='#include "ns3/test.h"
int main(int argc, char** argv) { return ns3::TestRunner::Run(argc, argv); }'

if [ "$mode" = module ]; then
    out=${HOMA_SANITIZE_DIR:-$HOME/.cache/homa-ns3/sanitize-module}
    # shellcheck source=utils/clang-module.sh
    . "$ROOT/utils/clang-module.sh"
    rc=0
    clang_module_setup "$ns3" "$ROOT" || rc=$?
    [ $rc -eq 77 ] && { echo "sanitize: SKIPPED (reason above)"; exit 77; }
    [ $rc -eq 0 ] || exit 1
    echo "sanitize: compiling the module, its tests and examples with $CXX, ASan and UBSan"
    sources=$(cd "$ROOT" && ls model/*/*.cc helper/*.cc test/*.cc)
    # Objects of moved or deleted sources must not be linked in: start from an empty folder
    # (ccache keeps recompiling cheap).
    rm -rf "$out/obj"
    clang_module_compile "$out/obj" "" $sources examples/homa-datacenter.cc \
        examples/homa-incast.cc examples/homa-soak.cc || { echo "sanitize: compile failed"; exit 1; }
    echo "$runner_source" >"$out/runner.cc"
    "$CXX" "${FLAGS[@]}" -c "$out/runner.cc" -o "$out/runner.o" &&
        "$CXX" "${SAN[@]}" "$out/runner.o" "$out"/obj/model_*.o "$out"/obj/helper_*.o \
            "$out"/obj/test_*.o -L"$lib" "${LIBS[@]}" -Wl,-rpath,"$lib" -o "$out/runner" ||
        { echo "sanitize: cannot link the test runner"; exit 1; }
    examples="$out/examples"
    mkdir -p "$examples"
    for e in homa-datacenter homa-incast homa-soak; do
        "$CXX" "${SAN[@]}" "$out/obj/examples_$e.cc.o" "$out"/obj/model_*.o "$out"/obj/helper_*.o \
            -L"$lib" "${LIBS[@]}" -Wl,-rpath,"$lib" -o "$examples/$e" ||
            { echo "sanitize: cannot link $e"; exit 1; }
    done
    runner="$out/runner"
    # Each suite names its own data directory in module mode (test.py is not there to).
    runner_args=(--tempdir="$out/tmp")
    mkdir -p "$out/tmp"
else
    out="$ns3/build/homa-sanitize"
    mkdir -p "$out"
    name() { local n=${1#lib}; echo "${n%.so}"; }
    homa_test=$(ls "$lib" | grep -E '^libns3[.0-9]*-homa-test.*\.so$' | head -1)
    core=$(ls "$lib" | grep -E '^libns3[.0-9]*-core(-[a-z]+)?\.so$' | head -1)
    [ -n "$homa_test" ] || { echo "sanitize: no homa test library in $lib"; exit 1; }
    echo "$runner_source" >"$out/runner.cc"
    g++ -std=c++17 -fsanitize=address,leak,undefined -fno-omit-frame-pointer -I"$ns3/build/include" \
        "$out/runner.cc" -o "$out/runner" -L"$lib" -Wl,--no-as-needed -l"$(name "$homa_test")" \
        -l"$(name "${core/core/homa}")" -l"$(name "$core")" -Wl,-rpath,"$lib" ||
        { echo "sanitize: cannot link the test runner"; exit 1; }
    runner="$out/runner"
    examples="$ns3/build/contrib/homa/examples"
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
reports='ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:'
passed=0
failed=0
found=0

check() { # name, rc, log
    local n
    n=$(grep -cE "$reports" "$3")
    found=$((found + n))
    if [ "$2" -eq 0 ] && [ "$n" -eq 0 ]; then
        passed=$((passed + 1))
        echo "[PASS] $1 ($(($(date +%s) - t0)) s)"
    else
        failed=$((failed + 1))
        echo "[FAIL] $1 (exit $2, $n sanitizer reports); the first report:"
        grep -m1 -A25 -E "$reports|FAIL" "$3" | head -40
    fi
}

cd "$ns3" || exit 1
suites=$("$runner" --list 2>/dev/null | grep -E '^homa-' | sort)
[ -n "$suites" ] || { echo "sanitize: the runner lists no homa suite"; exit 1; }
for s in $suites; do
    t0=$(date +%s)
    "$runner" --test-name="$s" --stop-on-failure "${runner_args[@]}" >"$out/$s.log" 2>&1
    check "suite $s" $? "$out/$s.log"
done

k=0
while IFS= read -r command; do
    k=$((k + 1))
    name=${command%% *}
    args=${command#"$name"}
    bin=$(ls "$examples" | grep -E "^(ns3[.0-9]*-)?$name(-[a-z]+)?$" | head -1)
    [ -n "$bin" ] || continue # not built in this mode (emulation)
    tmp=$(mktemp -d)
    t0=$(date +%s)
    # shellcheck disable=SC2086
    (cd "$tmp" && "$examples/$bin" $args) >"$out/example-$k.log" 2>&1
    check "example $command" $? "$out/example-$k.log"
    rm -rf "$tmp"
done < <(python3 - "$ROOT" <<'PY'
import sys
scope = {}
exec(open(sys.argv[1] + "/test/examples-to-run.py").read(), scope)
for command, do_run, _ in scope["cpp_examples"]:
    if eval(do_run):
        print(command)
PY
)

echo "sanitize ($mode mode): $passed passed, $failed failed, $found sanitizer reports (logs in $out)"
[ "$failed" -eq 0 ]
