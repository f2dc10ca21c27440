#!/usr/bin/env bash
# Emulation test: two ns-3 processes running Homa exchange real Homa packets, each process
# one emulated node, inside network namespaces this script creates (and removes, whatever
# happens); no traffic leaves them.
#
#   veth: each node in its own namespace on one end of a veth pair (EmuFdNetDevice, raw
#         socket on the interface);
#   tap:  both nodes in one namespace, each on a tap device it creates (TapFdNetDevice),
#         the two taps joined by a Linux bridge.
#
# Checks that every RPC of a mix of sizes (1 B .. 1 MB) is byte-exact, that a capture holds
# only IP protocol 146 packets with the Linux header sizes, and that a barrage of malformed
# Homa packets is counted and dropped while the server keeps serving.
#
#   utils/emu-test.sh veth|tap NS3_DIR     (root; exit 77 = skipped, with the reason)
#   HOMA_EMU_RPCS (200), HOMA_EMU_RATE (1Gbps), HOMA_EMU_ARGS (extra homa-emu options)
set -uo pipefail

mode="${1:?usage: emu-test.sh veth|tap NS3_DIR}"
ns3="${2:?usage: emu-test.sh veth|tap NS3_DIR}"
case "$mode" in
veth) prog=homa-emu ;;
tap) prog=homa-tap ;;
*) echo "usage: emu-test.sh veth|tap NS3_DIR" >&2; exit 2 ;;
esac
# The example binary of whichever ns-3 release the tree is (ns3.37-..., ns3.48-...).
bin=$(ls "$ns3"/build/contrib/homa/examples/ns3*-"$prog"-default 2>/dev/null | head -n1)
bin="${bin:-$ns3/build/contrib/homa/examples/ns3.37-$prog-default}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rpcs="${HOMA_EMU_RPCS:-200}"
rate="${HOMA_EMU_RATE:-1Gbps}"
name="emu-test ($mode)"

skip() { echo "$name: SKIPPED: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root"
command -v ip >/dev/null || skip "needs iproute2 (ip netns)"
[ -x "$bin" ] || skip "$prog is not built (fd-net-device with emulation support needed)"
command -v tcpdump >/dev/null || skip "needs tcpdump"
[ "$mode" = veth ] || [ -c /dev/net/tun ] || skip "needs /dev/net/tun"

a="homa-emu-a-$$" # server's namespace (tap: both nodes)
b="homa-emu-b-$$" # client's namespace (veth only)
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

# Wait until interface $2 exists in namespace $1 (the tap processes create theirs).
wait_link() {
    for _ in $(seq 200); do
        ip -n "$1" link show "$2" >/dev/null 2>&1 && return 0
        sleep 0.02
    done
    return 1
}

ip netns add "$a" || skip "cannot create network namespaces"
ip -n "$a" link set lo up
if [ "$mode" = veth ]; then
    ip netns add "$b" || skip "cannot create network namespaces"
    ip -n "$b" link set lo up
    ip link add va netns "$a" type veth peer name vb netns "$b" || skip "cannot create a veth pair"
    ip -n "$a" link set va up promisc on
    ip -n "$b" link set vb up promisc on
    # The ns-3 nodes build every frame themselves; keep the kernel from offloading anything.
    if command -v ethtool >/dev/null; then
        ip netns exec "$a" ethtool -K va tx off rx off tso off gso off gro off >/dev/null 2>&1
        ip netns exec "$b" ethtool -K vb tx off rx off tso off gso off gro off >/dev/null 2>&1
    fi
    sdev=va cdev=vb cns="$b" capdev=va
    # Linux in the client's namespace gets its own address, used only for the barrage.
    ip -n "$b" addr add 10.0.0.3/24 dev vb
else
    ip netns exec "$a" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    ip -n "$a" link add br0 type bridge || skip "cannot create a bridge"
    ip -n "$a" link set br0 up
    sdev=htap-s cdev=htap-c cns="$a" capdev=br0
    ip -n "$a" addr add 10.0.0.3/24 dev br0 # Linux's own address, for the barrage
fi

ip netns exec "$a" tcpdump -i "$capdev" -U -w "$work/capture.pcap" 'ip proto 146' 2>"$work/tcpdump.err" &
tcpdump_pid=$!
pids+=($tcpdump_pid)
sleep 1

# Tap only: put a node's tap device on the bridge as soon as the node has created it.
attach() {
    [ "$mode" = tap ] || return 0
    wait_link "$a" "$1" || { echo "$name: $1 did not appear"; return 1; }
    ip -n "$a" link set "$1" master br0 && ip -n "$a" link set "$1" up
}

ip netns exec "$a" "$bin" --mode=server --device="$sdev" --address=10.0.0.1 --requests="$rpcs" \
    --linger=3 --duration=300 --linkRate="$rate" ${HOMA_EMU_ARGS:-} >"$work/server.log" 2>&1 &
server=$!
pids+=($server)
attach "$sdev" || exit 1
sleep 1

ip netns exec "$cns" "$bin" --mode=client --device="$cdev" --address=10.0.0.2 --server=10.0.0.1 \
    --rpcs="$rpcs" --start=1 --duration=280 --linkRate="$rate" ${HOMA_EMU_ARGS:-} \
    >"$work/client.log" 2>&1 &
client=$!
pids+=($client)
attach "$cdev" || exit 1

ip netns exec "$cns" python3 "$here/utils/homa-barrage.py" --dst 10.0.0.1 --count 2000 --delay 0.002 \
    >"$work/barrage.log" 2>&1 &
barrage=$!
pids+=($barrage)

wait "$client"
client_rc=$?
wait "$barrage"
barrage_rc=$?
wait "$server"
server_rc=$?
sleep 1
kill "$tcpdump_pid" 2>/dev/null
wait "$tcpdump_pid" 2>/dev/null

status=0
echo "--- client (last lines)"; grep -E '^rpc ' "$work/client.log" | tail -n 3
grep -vE '^rpc ' "$work/client.log"
echo "--- server"; cat "$work/server.log"
echo "--- barrage"; cat "$work/barrage.log"
[ $client_rc -eq 0 ] || { echo "$name: client failed ($client_rc)"; status=1; }
[ $server_rc -eq 0 ] || { echo "$name: server failed ($server_rc)"; status=1; }
[ $barrage_rc -eq 0 ] || { echo "$name: barrage failed ($barrage_rc)"; status=1; }
grep -q "summary: $rpcs of $rpcs RPCs byte-exact, 0 failed, 0 differing" "$work/client.log" ||
    { echo "$name: not every RPC was byte-exact"; status=1; }
grep -qE "malformed_packets [1-9]" "$work/server.log" ||
    { echo "$name: the server counted no malformed packet: did the barrage reach it?"; status=1; }
# Every truncation of every header (371 packets) is at least counted as too short.
truncated=$(sed -n 's/.*sent *\([0-9]*\) truncated at every byte boundary.*/\1/p' "$work/barrage.log")
short=$(sed -n 's/.*short_packets \([0-9]*\).*/\1/p' "$work/server.log" | tail -n 1)
[ -n "$truncated" ] && [ -n "$short" ] && [ "$short" -ge "$truncated" ] ||
    { echo "$name: $truncated truncated headers sent, ${short:-no} short packets counted"; status=1; }
echo "--- capture"
python3 "$here/utils/check-homa-pcap.py" --checksum 10.0.0.1,10.0.0.2 "$work/capture.pcap" || { echo "$name: capture check failed"; status=1; }
[ $status -eq 0 ] && echo "$name: PASSED"
exit $status
