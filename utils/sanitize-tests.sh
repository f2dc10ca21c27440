#!/usr/bin/env bash
# Run every homa test suite and every example of test/examples-to-run.py in the sanitizer
# tree (`make test-sanitize` builds it: utils/setup-ns3.sh with HOMA_NS3_PROFILE=sanitize,
# ns-3's --enable-sanitizers: AddressSanitizer, LeakSanitizer, UndefinedBehaviorSanitizer).
#
#   utils/sanitize-tests.sh SANITIZE_NS3_DIR
#
# A small test runner (ns-3's TestRunner) is linked against the tree's homa test library, so
# that only this module's suites are built and run. Any sanitizer report fails the run: the
# sanitizers halt on the first error, and the output is searched for reports as well. Prints
# a line per suite and example, then the totals.
set -uo pipefail

ns3="${1:?usage: sanitize-tests.sh SANITIZE_NS3_DIR}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lib="$ns3/build/lib"
out="$ns3/build/homa-sanitize"
mkdir -p "$out"

homa_test=$(ls "$lib" | grep -E '^libns3[.0-9]*-homa-test.*\.so$' | head -1)
[ -n "$homa_test" ] || { echo "sanitize: no homa test library in $lib"; exit 1; }
core=$(ls "$lib" | grep -E '^libns3[.0-9]*-core(-[a-z]+)?\.so$' | head -1)
homa=${core/core/homa}
name() { local n=${1#lib}; echo "${n%.so}"; }
flags=(-fsanitize=address,leak,undefined -fno-omit-frame-pointer)

cat >"$out/runner.cc" <<'EOF'
#include "ns3/test.h"

int
main(int argc, char** argv)
{
    return ns3::TestRunner::Run(argc, argv);
}
EOF
g++ -std=c++17 "${flags[@]}" -I"$ns3/build/include" "$out/runner.cc" -o "$out/runner" \
    -L"$lib" -Wl,--no-as-needed -l"$(name "$homa_test")" -l"$(name "$homa")" -l"$(name "$core")" \
    -Wl,-rpath,"$lib" || { echo "sanitize: cannot link the test runner"; exit 1; }

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:abort_on_error=0}
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
suites=$("$out/runner" --list 2>/dev/null | grep -E '^homa-' | sort)
[ -n "$suites" ] || { echo "sanitize: the runner lists no homa suite"; exit 1; }
for s in $suites; do
    t0=$(date +%s)
    "$out/runner" --test-name="$s" --stop-on-failure >"$out/$s.log" 2>&1
    check "suite $s" $? "$out/$s.log"
done

examples="$ns3/build/contrib/homa/examples"
k=0
while IFS= read -r command; do
    k=$((k + 1))
    name=${command%% *}
    args=${command#"$name"}
    bin=$(ls "$examples" | grep -E "^ns3[.0-9]*-$name(-[a-z]+)?$" | head -1)
    tmp=$(mktemp -d)
    t0=$(date +%s)
    # shellcheck disable=SC2086
    (cd "$tmp" && "$examples/$bin" $args) >"$out/example-$k.log" 2>&1
    check "example $command" $? "$out/example-$k.log"
    rm -rf "$tmp"
done < <(python3 - "$here" <<'PY'
import sys
scope = {}
exec(open(sys.argv[1] + "/test/examples-to-run.py").read(), scope)
for command, do_run, _ in scope["cpp_examples"]:
    if eval(do_run):
        print(command)
PY
)

echo "sanitize: $passed passed, $failed failed, $found sanitizer reports (logs in $out)"
[ "$failed" -eq 0 ]
