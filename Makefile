# Homa for ns-3: build, run and test this module in an ns-3.37 tree.
#
#   make run                       set up ns-3 on first use, then run homa-incast
#                                  (its CSV and plot land in ./results)
#   make run EXAMPLE=name ARGS="--opt=value"
#   make test                      test.py suites, example tests, emulation tests (veth and
#                                  tap; skipped, and said so, without root), clang-format
#   make test-emu                  the emulation tests alone
#   HOMA_LINUX_SRC=<HomaModule checkout> make test-interop
#                                  ns-3 against Linux Homa in a QEMU guest (root; without
#                                  HOMA_LINUX_SRC it says why it skips and exits 0)
#   make test-sanitize             every homa suite and simulated example test with the module
#                                  built by clang with ASan, LSan and UBSan (a few minutes)
#   make test-sanitize-tree        the same in an ns-3 tree built with --enable-sanitizers
#                                  (built once; hours on 2 cores)
#   make fuzz [FUZZ_SECONDS=600]    libFuzzer targets of test/fuzz (clang, ASan, UBSan) for
#                                  FUZZ_SECONDS each (default 300)
#   make bench                     build (once) a second ns-3 tree in the release profile and
#                                  run utils/benchmark.sh there (BENCH_* variables: see it)
#   make build | format | clean-ns3
#
# NS3_DIR=/path/to/ns-3 uses your own ns-3 tree instead of the cached ns-3.37.

EXAMPLE ?= homa-incast
ARGS ?=
ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
NS3 = $(shell cat $(ROOT)/.ns3-dir)

.PHONY: setup build run test test-emu test-interop test-sanitize test-sanitize-tree fuzz bench check-format format clean-ns3

setup:
	@$(ROOT)/utils/setup-ns3.sh

build: setup

# Output files (CSV, plots) go to ./results.
run: setup
	@mkdir -p "$(CURDIR)/results"
	@cd "$(NS3)" && ./ns3 run --no-build --cwd "$(CURDIR)/results" "$(EXAMPLE) $(ARGS)"

test: setup
	@$(ROOT)/utils/run-tests.sh "$(NS3)"

# Emulation over a veth pair and over tap devices, inside network namespaces (root).
test-emu: setup
	@$(ROOT)/utils/emu-test.sh veth "$(NS3)" && $(ROOT)/utils/emu-test.sh tap "$(NS3)"

# ns-3 (homa-emu, homa-tap) against HomaModule built from $HOMA_LINUX_SRC, in a QEMU guest.
test-interop: setup
	@$(ROOT)/utils/interop-test.sh "$(NS3)"

test-sanitize: setup
	@$(ROOT)/utils/sanitize-tests.sh "$(NS3)"

test-sanitize-tree:
	@HOMA_NS3_PROFILE=sanitize $(ROOT)/utils/setup-ns3.sh
	@$(ROOT)/utils/sanitize-tests.sh "$$(cat $(ROOT)/.ns3-dir-sanitize)" tree

FUZZ_SECONDS ?= 300
fuzz: setup
	@$(ROOT)/utils/fuzz.sh "$(NS3)" $(FUZZ_SECONDS)

# Benchmarks run in ns-3's release profile (-O3, no asserts, no logging), in a tree of their
# own; the test tree keeps asserts and logs.
bench:
	@HOMA_NS3_PROFILE=release $(ROOT)/utils/setup-ns3.sh
	@$(ROOT)/utils/benchmark.sh

check-format: setup
	@python3 "$(NS3)/utils/check-style-clang-format.py" "$(ROOT)"

format: setup
	@python3 "$(NS3)/utils/check-style-clang-format.py" --fix "$(ROOT)"

clean-ns3:
	rm -rf "$${HOMA_NS3_CACHE:-$$HOME/.cache/homa-ns3}" $(ROOT)/.ns3-dir
