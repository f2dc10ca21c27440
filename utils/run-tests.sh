#!/usr/bin/env bash
# Run this module's tests in a built ns-3 tree:
#   1. every homa-* test suite, through ns-3's test.py;
#   2. every example of test/examples-to-run.py: through test.py (default arguments) and
#      with the listed arguments through ./ns3 run (test.py cannot pass arguments to one
#      module's examples without running every module's);
#   3. the emulation tests (utils/emu-test.sh veth and tap: two ns-3 processes exchange Homa
#      packets inside network namespaces the script creates); they need root and
#      `ip netns`, and are reported as SKIPPED, never silently, when they cannot run
#      (HOMA_SKIP_EMU=1 skips them on purpose);
#   3b. the distributed-simulation test (utils/mpi-test.sh: homa-datacenter serially and
#      under mpirun -np 2 give the same messages and times); SKIPPED, and said so, when
#      ns-3 has no mpi module (HOMA_MPI=0 at set-up) or mpirun is absent;
#   4. the Wireshark dissector (utils/wireshark/homa.lua) against a simulation's packets,
#      through tshark (utils/check-dissector.py);
#   5. ns-3's clang-format check of the module's files, and the self-test of
#      utils/simulator-digest.py (the paper simulator's per-range statistics);
#   6. coverage-guided fuzzing of the parsers (utils/fuzz.sh, HOMA_FUZZ_SECONDS per target,
#      default 30; 0 skips it), failing on any crash or sanitizer report;
#   7. every suite and simulated example again with the module built by clang with ASan,
#      LSan and UBSan (utils/sanitize-tests.sh; about 15 minutes here; HOMA_SANITIZE=0 skips).
# Exits non-zero on any failure.
set -uo pipefail

ns3="${1:?usage: run-tests.sh NS3_DIR}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
status=0
fail() { echo "run-tests: FAILED: $*"; status=1; }
# Run a check that exits 77 when it cannot run here: reported as SKIPPED, never silently.
check_step() { # what, command...
    local what=$1 rc
    shift
    "$@"
    rc=$?
    if [ $rc -eq 77 ]; then
        echo "run-tests: NOTE: $what was SKIPPED (reason above)"
    elif [ $rc -ne 0 ]; then
        fail "$what"
    fi
}

cd "$ns3" || exit 1

echo "== test suites: ./test.py --no-build -s 'homa-*'"
log=$(mktemp)
./test.py --no-build -s 'homa-*' 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
if [ "$rc" -ne 0 ] || ! grep -qE ' 0 failed, 0 crashed' "$log" || ! grep -qE 'PASS.*: TestSuite homa-' "$log"; then
    fail "test suites (test.py exit $rc)"
fi
rm -f "$log"

echo "== example tests"
python3 "$here/utils/run-examples.py" "$ns3" || fail "examples"

for mode in veth tap; do
    echo "== emulation test: utils/emu-test.sh $mode"
    if [ "${HOMA_SKIP_EMU:-0}" = 1 ]; then
        echo "emu-test ($mode): SKIPPED: HOMA_SKIP_EMU=1"
        continue
    fi
    check_step "the $mode emulation test" "$here/utils/emu-test.sh" "$mode" "$ns3"
done

echo "== distributed simulation: utils/mpi-test.sh"
check_step "the distributed-simulation test" "$here/utils/mpi-test.sh" "$ns3"

echo "== Wireshark dissector: utils/check-dissector.py"
check_step "the dissector check" python3 "$here/utils/check-dissector.py" "$ns3"

fuzz_seconds=${HOMA_FUZZ_SECONDS:-30}
echo "== fuzzing: utils/fuzz.sh, $fuzz_seconds s per target"
if [ "$fuzz_seconds" = 0 ]; then
    echo "run-tests: NOTE: fuzzing was SKIPPED: HOMA_FUZZ_SECONDS=0"
else
    check_step "fuzzing" "$here/utils/fuzz.sh" "$ns3" "$fuzz_seconds"
fi

echo "== sanitizers: utils/sanitize-tests.sh (module mode)"
if [ "${HOMA_SANITIZE:-1}" = 0 ]; then
    echo "run-tests: NOTE: the sanitizer run was SKIPPED: HOMA_SANITIZE=0"
else
    # One line per suite and example is too much here: only failures and the totals.
    check_step "the sanitizer run" bash -c \
        '"$0" "$1" | grep -vE "^\[PASS\]"; exit "${PIPESTATUS[0]}"' "$here/utils/sanitize-tests.sh" "$ns3"
fi

echo "== the paper simulator's digest: utils/simulator-digest.py --self-test"
python3 "$here/utils/simulator-digest.py" --self-test || fail "simulator-digest self-test"

echo "== CMakeLists.txt and wscript list the same files"
python3 - "$here" <<'PY' || fail "CMakeLists.txt and wscript differ"
import re, sys
root = sys.argv[1]
cm = set(re.findall(r"((?:model|helper|test)/[\w.-]+\.(?:cc|h))", open(root + "/CMakeLists.txt").read()))
ws = set(re.findall(r"'((?:model|helper|test)/[\w.-]+\.(?:cc|h))'", open(root + "/wscript").read()))
print("only in CMakeLists.txt:", sorted(cm - ws) or "none")
print("only in wscript:", sorted(ws - cm) or "none")
sys.exit(0 if cm == ws else 1)
PY

echo "== clang-format check"
style=$(python3 utils/check-style-clang-format.py "$here" 2>&1)
rc=$?
echo "$style"
if [ $rc -ne 0 ] && echo "$style" | grep -q "Could not find any supported version of clang-format"; then
    # Newer ns-3 releases pin a clang-format newer than Debian 12's 14; ns-3.37's check (the
    # one CI runs) uses 14.
    echo "run-tests: NOTE: the clang-format check was SKIPPED: this ns-3 release wants another clang-format"
elif [ $rc -ne 0 ]; then
    fail "clang-format"
fi

if [ $status -eq 0 ]; then
    echo "run-tests: all passed"
fi
exit $status
