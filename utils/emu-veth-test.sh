#!/usr/bin/env bash
# Emulation test: two ns-3 processes running Homa talk over a veth pair through
# EmuFdNetDevice, each end in a network namespace this script creates (and removes,
# whatever happens). Checks that every RPC of a mix of sizes is byte-exact, that the
# capture holds IP protocol 146 packets with the Linux header sizes, and that a barrage of
# malformed Homa packets is counted and dropped while the server keeps serving.
#
#   utils/emu-veth-test.sh NS3_DIR        (root; exits 77 = skipped when it cannot run)
set -uo pipefail

ns3="${1:?usage: emu-veth-test.sh NS3_DIR}"
bin="$ns3/build/contrib/homa/examples/ns3.37-homa-emu-default"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rpcs="${HOMA_EMU_RPCS:-200}"

skip() { echo "emu-veth-test: SKIPPED: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root"
command -v ip >/dev/null || skip "needs iproute2 (ip netns)"
[ -x "$bin" ] || skip "homa-emu is not built (fd-net-device with emulation support needed)"
command -v tcpdump >/dev/null || skip "needs tcpdump"

a="homa-emu-a-$$"
b="homa-emu-b-$$"
work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    ip netns del "$a" 2>/dev/null
    ip netns del "$b" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

ip netns add "$a" && ip netns add "$b" || skip "cannot create network namespaces"
ip link add va netns "$a" type veth peer name vb netns "$b" || skip "cannot create a veth pair"
for ns in "$a" "$b"; do
    ip -n "$ns" link set lo up
done
ip -n "$a" link set va up promisc on
ip -n "$b" link set vb up promisc on
# The ns-3 nodes build every frame themselves; keep the kernel from offloading anything.
if command -v ethtool >/dev/null; then
    ip netns exec "$a" ethtool -K va tx off rx off tso off gso off gro off >/dev/null 2>&1
    ip netns exec "$b" ethtool -K vb tx off rx off tso off gso off gro off >/dev/null 2>&1
fi
# Linux in namespace b gets its own address, used only to send the malformed barrage.
ip -n "$b" addr add 10.0.0.3/24 dev vb

ip netns exec "$a" tcpdump -i va -U -w "$work/capture.pcap" 'ip proto 146' 2>"$work/tcpdump.err" &
pids+=($!)
sleep 1

ip netns exec "$a" "$bin" --mode=server --device=va --address=10.0.0.1 --requests="$rpcs" \
    --linger=3 --duration=300 --linkRate="${HOMA_EMU_RATE:-1Gbps}" ${HOMA_EMU_ARGS:-} >"$work/server.log" 2>&1 &
server=$!
pids+=($server)
sleep 1

ip netns exec "$b" python3 "$here/utils/homa-barrage.py" --dst 10.0.0.1 --count 2000 --delay 0.002 \
    >"$work/barrage.log" 2>&1 &
barrage=$!
pids+=($barrage)

ip netns exec "$b" "$bin" --mode=client --device=vb --address=10.0.0.2 --server=10.0.0.1 \
    --rpcs="$rpcs" --duration=280 --linkRate="${HOMA_EMU_RATE:-1Gbps}" ${HOMA_EMU_ARGS:-} >"$work/client.log" 2>&1
client_rc=$?
wait "$barrage"
barrage_rc=$?
wait "$server"
server_rc=$?
sleep 1
kill "${pids[0]}" 2>/dev/null
wait "${pids[0]}" 2>/dev/null

status=0
echo "--- client (last lines)"; grep -E '^rpc ' "$work/client.log" | tail -n 3
grep -vE '^rpc ' "$work/client.log"
echo "--- server"; cat "$work/server.log"
echo "--- barrage"; cat "$work/barrage.log"
[ $client_rc -eq 0 ] || { echo "emu-veth-test: client failed ($client_rc)"; status=1; }
[ $server_rc -eq 0 ] || { echo "emu-veth-test: server failed ($server_rc)"; status=1; }
[ $barrage_rc -eq 0 ] || { echo "emu-veth-test: barrage failed ($barrage_rc)"; status=1; }
grep -q "summary: $rpcs of $rpcs RPCs byte-exact, 0 failed, 0 differing" "$work/client.log" ||
    { echo "emu-veth-test: not every RPC was byte-exact"; status=1; }
echo "--- capture"
python3 "$here/utils/check-homa-pcap.py" "$work/capture.pcap" || { echo "emu-veth-test: capture check failed"; status=1; }
[ $status -eq 0 ] && echo "emu-veth-test: PASSED"
exit $status
