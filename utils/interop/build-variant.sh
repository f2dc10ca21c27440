#!/usr/bin/env bash
# Build homa-emu and homa-tap of any checkout of this module (another commit, a patched copy)
# outside the ns-3 tree, so that utils/interop-test.sh can compare versions on one machine
# without rebuilding the tree:
#
#   utils/interop/build-variant.sh NS3_DIR MODULE_CHECKOUT OUT
#   HOMA_LINUX_SRC=... HOMA_INTEROP_CASES=ab utils/interop-test.sh OUT
#
# MODULE_CHECKOUT's sources (model/, helper/, examples/homa-emu.cc) are compiled with clang
# -O2 (no sanitizers) against the headers and libraries of the built tree NS3_DIR; its own
# headers, flattened into OUT/include/ns3 with a homa-module.h of its own, come before the
# tree's. OUT then holds build/contrib/homa/examples/ns3-variant-homa-{emu,tap}-default, where
# interop-test.sh looks for them. Both versions of a comparison should be built by this script
# (the tree's own binaries are built differently). Used for doc/data/interop/same-machine.txt.
set -euo pipefail

NS3=${1:?usage: build-variant.sh NS3_DIR MODULE_CHECKOUT OUT}
SRC=$(cd "${2:?usage: build-variant.sh NS3_DIR MODULE_CHECKOUT OUT}" && pwd)
OUT=${3:?usage: build-variant.sh NS3_DIR MODULE_CHECKOUT OUT}
HERE=$(cd "$(dirname "$0")/../.." && pwd)

# shellcheck source=utils/clang-module.sh
. "$HERE/utils/clang-module.sh"
clang_module_setup "$NS3" "$SRC" || { echo "build-variant: cannot build against $NS3"; exit 1; }
# clang_module_setup's flags without its sanitizers and debug level; optimised like a tree.
OPT=(-O2 -g0 -fPIC -I"$OUT/include")
for f in "${FLAGS[@]}"; do
    case "$f" in
    -fsanitize=* | -fno-sanitize* | -fno-omit-frame-pointer | -O1 | -g) ;;
    *) OPT+=("$f") ;;
    esac
done
# The fd-net-device library (EmuFdNetDevice, TapFdNetDevice) with the tree's name pattern.
core=${LIBS[0]#-l}
fdnet="-l${core/core/fd-net-device}"

rm -rf "$OUT/include" "$OUT/obj"
mkdir -p "$OUT/include/ns3" "$OUT/obj" "$OUT/build/contrib/homa/examples"
headers=$(cd "$SRC" && ls model/*.h model/*/*.h helper/*.h 2>/dev/null || true)
for h in $headers; do cp "$SRC/$h" "$OUT/include/ns3/"; done
(cd "$OUT/include/ns3" && for h in *.h; do echo "#include \"ns3/$h\""; done) >"$OUT/homa-module.h"
mv "$OUT/homa-module.h" "$OUT/include/ns3/homa-module.h"

# clang_module_compile compiles ROOT's sources with FLAGS, nproc at a time, through ccache.
# shellcheck disable=SC2034 # read by clang_module_compile
ROOT=$SRC
FLAGS=("${OPT[@]}")
sources=$(cd "$SRC" && ls model/*.cc model/*/*.cc helper/*.cc 2>/dev/null || true)
# shellcheck disable=SC2086
clang_module_compile "$OUT/obj" "" $sources
clang_module_compile "$OUT/obj/emu" "" examples/homa-emu.cc
clang_module_compile "$OUT/obj/tap" -DHOMA_EMU_USE_TAP=1 examples/homa-emu.cc
for kind in emu tap; do
    "$CXX" "$OUT/obj/$kind/examples_homa-emu.cc.o" "$OUT"/obj/model_*.o "$OUT"/obj/helper_*.o \
        -L"$LIBDIR" "${LIBS[@]}" "$fdnet" -Wl,-rpath,"$LIBDIR" \
        -o "$OUT/build/contrib/homa/examples/ns3-variant-homa-$kind-default"
done
echo "build-variant: $(ls "$OUT"/build/contrib/homa/examples/*) from $SRC"
