#!/usr/bin/env python3
"""Run each example of test/examples-to-run.py in a built ns-3 tree; fail on a non-zero exit.

Each example runs once through test.py with its default arguments (-e NAME), and once with
the arguments listed in examples-to-run.py through ./ns3 run, in a scratch directory.
"""

import os
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ns3 = os.path.abspath(sys.argv[1])
    scope = {}
    with open(os.path.join(HERE, "test", "examples-to-run.py")) as f:
        exec(f.read(), scope)
    failures = 0
    seen = set()
    for command, do_run, _ in scope["cpp_examples"]:
        if not eval(do_run):
            continue
        name = shlex.split(command)[0]
        if name not in seen:
            seen.add(name)
            rc = subprocess.call(["./test.py", "--no-build", "-e", name], cwd=ns3)
            print(f"[{'PASS' if rc == 0 else 'FAIL'}] test.py -e {name}")
            failures += rc != 0
        with tempfile.TemporaryDirectory() as tmp:
            proc = subprocess.run(
                [os.path.join(ns3, "ns3"), "run", "--no-build", "--cwd", tmp, command],
                cwd=ns3,
                capture_output=True,
                text=True,
            )
        ok = proc.returncode == 0
        print(f"[{'PASS' if ok else 'FAIL'}] {command}")
        if not ok:
            print(proc.stdout[-3000:])
            print(proc.stderr[-3000:])
        failures += not ok
    print(f"examples: {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
