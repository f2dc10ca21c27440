#!/usr/bin/env bash
# Interoperability test: ns-3's Homa against the Linux kernel's (HomaModule), loaded in a QEMU
# guest. Everything runs inside one network namespace this script creates and removes: a
# bridge joins the guest's tap device, an ns-3 server (homa-emu, EmuFdNetDevice on a veth
# pair) and an ns-3 client (homa-tap, TapFdNetDevice on a tap device). No packet leaves it.
#
#   a  ns-3 client -> Linux server (HomaModule's util/server): RPCs of 8 B .. 1 MB requests
#      and 1 B .. 1 MB responses, every response byte-exact
#   b  Linux client (utils/interop/peer/homa-rpc-client.c, built against the checkout's
#      homa.h) -> ns-3 server: 1 B .. 1 MB, byte-exact
#   c  a and b again with netem loss in the guest and a RateErrorModel on the ns-3 side
#   d  the Linux server killed and restarted, then the module reloaded, during a run of
#      ns-3 client RPCs: every RPC completes byte-exact or fails with an error, none hangs,
#      no RPC left in ns-3's tables
#   e  every capture decoded by utils/wireshark/homa.lua with tshark: every packet of both
#      sides decodes, no expert info; the header checks of check-homa-pcap.py
#
#   HOMA_LINUX_SRC=<HomaModule checkout> utils/interop-test.sh NS3_DIR
#   HOMA_INTEROP_RPCS (200), HOMA_INTEROP_LOSS (0.02), HOMA_INTEROP_KEEP=DIR (keep logs and
#   captures there), HOMA_INTEROP_CASES ("ab c d": the boots to run)
# Without HOMA_LINUX_SRC, root or QEMU it prints one line saying why and exits 0.
set -uo pipefail

ns3="${1:?usage: interop-test.sh NS3_DIR}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
name="interop-test"
skip() {
    echo "$name: SKIPPED: $*"
    exit 0
}
[ -n "${HOMA_LINUX_SRC:-}" ] || skip "HOMA_LINUX_SRC is not set (give the path of a PlatformLab/HomaModule checkout)"
[ "$(id -u)" = 0 ] || skip "needs root (network namespaces, tap devices, QEMU's tap)"
[ -f "$HOMA_LINUX_SRC/homa_wire.h" ] || {
    echo "$name: FAILED: $HOMA_LINUX_SRC is not a HomaModule checkout (no homa_wire.h)"
    exit 1
}
[ -c /dev/net/tun ] || skip "needs /dev/net/tun"
command -v ip >/dev/null || skip "needs iproute2"
emu=$(ls "$ns3"/build/contrib/homa/examples/ns3*-homa-emu-default 2>/dev/null | head -n1)
tap=$(ls "$ns3"/build/contrib/homa/examples/ns3*-homa-tap-default 2>/dev/null | head -n1)
[ -x "$emu" ] && [ -x "$tap" ] || skip "homa-emu and homa-tap are not built in $ns3"
guest="$here/utils/interop/guest.sh"
rpcs="${HOMA_INTEROP_RPCS:-200}"
loss="${HOMA_INTEROP_LOSS:-0.02}"
cases="${HOMA_INTEROP_CASES:-ab c d}"
restart_rpcs=600 # case d, paced at 50 a second
# Requests of 8 B .. 1 MB (util/server reads the response length from bytes 4-7) and responses
# of 1 B .. 1 MB, most far above the unscheduled bytes; the Linux client also sends 1 B.
req_sizes="8,100,1000,1500,5000,20000,64000,100000,300000,500000,1000000,200000,10,50000"
resp_sizes="1,100,1000,1400,5000,20000,64000,100000,300000,500000,1000000,10,200000,50000"
linux_req="1,100,1000,1500,5000,20000,64000,100000,300000,500000,1000000,7,200000,50000"

start_time=$(date +%s)
echo "$name: preparing the guest (kernel, homa.ko, utilities) from $HOMA_LINUX_SRC"
"$guest" prepare || {
    echo "$name: FAILED: could not prepare the guest"
    exit 1
}
command -v tshark >/dev/null || skip "needs tshark (make setup installs it)"

ns="homa-interop-$$"
work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    ip netns del "$ns" 2>/dev/null
    if [ -n "${HOMA_INTEROP_KEEP:-}" ]; then
        mkdir -p "$HOMA_INTEROP_KEEP" && cp -r "$work"/. "$HOMA_INTEROP_KEEP"/
    fi
    rm -rf "$work"
}
trap cleanup EXIT

ip netns add "$ns" || skip "cannot create a network namespace"
ip -n "$ns" link set lo up
ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip -n "$ns" link add br0 type bridge || skip "cannot create a bridge"
ip -n "$ns" link set br0 up
ip -n "$ns" addr add 10.0.0.3/24 dev br0 # the namespace's own address: tells the guest "done"
# The ns-3 server's wire: a veth pair, one end on the bridge, the other read by EmuFdNetDevice.
ip -n "$ns" link add e-srv type veth peer name e-srv-br || skip "cannot create a veth pair"
ip -n "$ns" link set e-srv-br master br0 up
ip -n "$ns" link set e-srv up promisc on
if command -v ethtool >/dev/null; then
    ip netns exec "$ns" ethtool -K e-srv tx off rx off tso off gso off gro off >/dev/null 2>&1
fi

# Wait until interface $1 exists in the namespace, then put it on the bridge.
attach() {
    for _ in $(seq 500); do
        if ip -n "$ns" link show "$1" >/dev/null 2>&1; then
            ip -n "$ns" link set "$1" master br0 && ip -n "$ns" link set "$1" up
            return $?
        fi
        sleep 0.02
    done
    echo "$name: $1 did not appear"
    return 1
}

# Wait until the guest's console shows line $2 (file $1), at most $3 seconds.
wait_console() {
    for _ in $(seq $(($3 * 10))); do
        grep -q "^$2" "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "$name: the guest did not print $2 within $3 s"
    return 1
}

# Send the guest a command (kill, start, reload, done); it listens on TCP port 7000.
tell_guest() {
    for _ in $(seq 20); do
        ip netns exec "$ns" bash -c "echo $1 >/dev/tcp/10.0.0.10/7000" 2>/dev/null && return 0
        sleep 0.5
    done
    echo "$name: could not reach the guest to tell it '$1'"
    return 1
}

# The guest side of a boot: $1 = netem loss (percent, 0: none), $2 = rpc|restart. After its
# own part it takes commands from the host (tell_guest): kill (the server process), start (a
# new one), reload (the module), done.
guest_script() {
    cat <<EOF
#!/bin/sh
metrics() {
    grep -E '^(packets_sent_|packets_rcvd_|resent_packets |unknown_rpcs |server_rpcs_unknown )' \\
        /proc/net/homa_metrics | while read -r k v rest; do echo "linux-metric \$k \$v"; done
}
start_server() {
    server --port 4000 >/tmp/server.log 2>&1 &
    SERVER=\$!
}
[ "$1" != 0 ] && tc qdisc add dev eth0 root netem loss $1% && echo "netem loss $1% on eth0"
start_server
echo INTEROP-READY
EOF
    if [ "$2" = rpc ]; then
        cat <<EOF
homa-rpc-client 10.0.0.1 9000 $rpcs $linux_req $resp_sizes 4 60 >/tmp/client.log 2>&1
echo "INTEROP-CLIENT-EXIT \$?"
sed 's/^/linux-client: /' /tmp/client.log | tail -n 20
EOF
    fi
    # Then commands from the host on TCP port 7000, one per connection.
    cat <<EOF
while true; do
    cmd=\$(nc -l -p 7000)
    case \$cmd in
    kill) kill \$SERVER; wait \$SERVER; echo INTEROP-SERVER-KILLED ;;
    start) start_server; echo INTEROP-SERVER-STARTED ;;
    reload) homa-reload && echo INTEROP-MODULE-RELOADED ;;
    done) break ;;
    esac
done
kill \$SERVER 2>/dev/null
metrics
echo INTEROP-GUEST-DONE
EOF
}

# Counts of RESEND, BUSY and RPC_UNKNOWN packets sent and received by the Linux side.
linux_counts() {
    local log=$1 out=""
    for t in RESEND BUSY RPC_UNKNOWN NEED_ACK; do
        s=$(awk -v k="packets_sent_$t" '$1=="linux-metric" && $2==k {print $3}' "$log")
        r=$(awk -v k="packets_rcvd_$t" '$1=="linux-metric" && $2==k {print $3}' "$log")
        out="$out $t ${s:-0}/${r:-0}"
    done
    echo "$out"
}

# ns-3's counts from a homa-emu log ("homa packets: DATA s/r GRANT s/r ...").
ns3_counts() {
    sed -n 's/^homa packets: //p' "$1" | tr ' ' '\n' | paste - - |
        awk '$1=="RESEND"||$1=="BUSY"||$1=="RPC_UNKNOWN"||$1=="NEED_ACK" {printf " %s %s", $1, $2}'
}

status=0
result() { # case, PASSED|FAILED, details
    printf '%s: case %-2s %s  %s\n' "$name" "$1" "$2" "$3"
    [ "$2" = PASSED ] || status=1
}

# Checks that a homa-emu log ended as it should: $1 log, $2 expected summary pattern.
ns3_ok() {
    grep -qE "$2" "$1" && grep -q "homa state: 0 RPCs left" "$1"
}

# One boot of the guest. $1 = label, $2 = loss percent, $3 = rpc|restart.
run_boot() {
    local lossp=$2 kind=$3 d="$work/$1"
    mkdir -p "$d"
    local lossfrac
    lossfrac=$(awk -v p="$lossp" 'BEGIN {print p / 100}')
    guest_script "$lossp" "$kind" >"$d/guest.sh"
    ip netns exec "$ns" tcpdump -i br0 -U -s 0 -w "$d/capture.pcap" 'ip proto 146' \
        2>"$d/tcpdump.err" &
    local dump=$!
    pids+=("$dump")
    # The ns-3 server (Linux client's RPCs) first, so that it is up when the guest starts.
    local srv=""
    if [ "$kind" = rpc ]; then
        ip netns exec "$ns" "$emu" --mode=server --device=e-srv --address=10.0.0.1 \
            --port=9000 --sizeInRequest=true --requests="$rpcs" --linger=2 --duration=600 \
            --linkRate=1Gbps --lossRate="$lossfrac" >"$d/ns3-server.log" 2>&1 &
        srv=$!
        pids+=("$srv")
    fi
    sleep 1
    HOMA_GUEST_TIMEOUT=900 "$guest" boot "$ns" gtap 10.0.0.10/24 "$d/guest.sh" \
        "$d/console.log" >"$d/boot.log" 2>&1 &
    local vm=$!
    pids+=("$vm")
    attach gtap || return 1
    wait_console "$d/console.log" INTEROP-READY 180 || return 1
    local nrpcs=$rpcs extra=""
    if [ "$kind" = restart ]; then
        # Paced RPCs (50 a second) so that the run spans the restarts ordered below.
        nrpcs=$restart_rpcs
        extra="--allowFailed=true --interval=0.02"
    fi
    ip netns exec "$ns" "$tap" --mode=client --device=htap-c --address=10.0.0.2 \
        --server=10.0.0.10 --port=4000 --rpcs="$nrpcs" --sizes="$req_sizes" \
        --responses="$resp_sizes" --outstanding=4 --start=1 --duration=600 \
        --linkRate=1Gbps --lossRate="$lossfrac" --clientLinger=1 $extra \
        >"$d/ns3-client.log" 2>&1 &
    local cli=$!
    pids+=("$cli")
    attach htap-c || return 1
    if [ "$kind" = restart ]; then
        # The server process killed and started again; killed again, the module reloaded
        # and a server started; all while the client's RPCs keep coming.
        sleep 3
        tell_guest kill && wait_console "$d/console.log" INTEROP-SERVER-KILLED 30
        sleep 1
        tell_guest start && wait_console "$d/console.log" INTEROP-SERVER-STARTED 30
        sleep 3
        tell_guest kill && sleep 1 && tell_guest reload &&
            wait_console "$d/console.log" INTEROP-MODULE-RELOADED 30
        sleep 1
        tell_guest start
    fi
    wait "$cli"
    echo "ns3-client-exit $?" >>"$d/ns3-client.log"
    if [ "$kind" = rpc ]; then
        wait_console "$d/console.log" INTEROP-CLIENT-EXIT 600
        # The server stops on its own after the last request; give up on it 20 s after the
        # Linux client ended (its RPCs then did not all arrive).
        for _ in $(seq 200); do
            kill -0 "$srv" 2>/dev/null || break
            sleep 0.1
        done
        kill "$srv" 2>/dev/null
        wait "$srv"
        echo "ns3-server-exit $?" >>"$d/ns3-server.log"
    fi
    tell_guest "done"
    wait "$vm"
    echo "guest-exit $?" >>"$d/boot.log"
    sleep 0.5
    kill "$dump" 2>/dev/null
    wait "$dump" 2>/dev/null
    return 0
}

# Case e on one capture: the dissector decodes every packet, no expert info, counts per type.
check_capture() {
    local d="$work/$1" out
    out=$(tshark -X "lua_script:$here/utils/wireshark/homa.lua" -r "$d/capture.pcap" -T fields \
        -E separator=';' -e ip.src -e homa.type -e _ws.expert.message 2>"$d/tshark.err")
    local total decoded experts
    total=$(echo "$out" | grep -c . || true)
    decoded=$(echo "$out" | awk -F';' '$2 != ""' | grep -c . || true)
    experts=$(echo "$out" | awk -F';' '$3 != ""' | grep -c . || true)
    local types
    types=$(echo "$out" | awk -F';' '$2 != "" {n[$2]++} END {for (t in n) printf " %s:%d", t, n[t]}')
    local hdr
    hdr=$(python3 "$here/utils/check-homa-pcap.py" --ignore 10.0.0.3 --checksum 10.0.0.1,10.0.0.2 \
        "$d/capture.pcap" 2>&1)
    echo "$hdr" >"$d/check-homa-pcap.log"
    local bad
    bad=$(echo "$hdr" | sed -n 's/.* \([0-9]*\) bad$/\1/p')
    local linux ns3pk
    linux=$(echo "$out" | awk -F';' '$1=="10.0.0.10"' | grep -c . || true)
    ns3pk=$((total - linux))
    local state=PASSED
    [ "$total" -gt 0 ] && [ "$decoded" = "$total" ] && [ "$experts" = 0 ] && [ "${bad:-1}" = 0 ] ||
        state=FAILED
    result "e" "$state" "$1 capture: $total packets ($linux from Linux, $ns3pk from ns-3), $decoded decoded, $experts expert infos, ${bad:-?} bad headers; types (0x10 DATA .. 0x18 ACK):$types"
}

for c in $cases; do
    case $c in
    ab)
        run_boot ab 0 rpc || status=1
        d="$work/ab"
        ns3_ok "$d/ns3-client.log" "summary: $rpcs of $rpcs RPCs byte-exact, 0 failed, 0 differing" &&
            r=PASSED || r=FAILED
        result a $r "$(grep '^summary' "$d/ns3-client.log"); ns-3 sent/rcvd:$(ns3_counts "$d/ns3-client.log"); Linux sent/rcvd:$(linux_counts "$d/console.log")"
        grep -q "^linux-client: summary: $rpcs of $rpcs RPCs byte-exact, 0 failed, 0 differing" \
            "$d/console.log" && ns3_ok "$d/ns3-server.log" "server: $rpcs requests answered" &&
            r=PASSED || r=FAILED
        result b $r "$(sed -n 's/^linux-client: summary/summary/p' "$d/console.log"); ns-3 server sent/rcvd:$(ns3_counts "$d/ns3-server.log")"
        check_capture ab
        ;;
    c)
        run_boot c "$(awk -v l="$loss" 'BEGIN {print l * 100}')" rpc || status=1
        d="$work/c"
        resends_ns3=$(sed -n 's/.*resent_packets \([0-9]*\).*/\1/p' "$d/ns3-client.log" "$d/ns3-server.log" |
            awk '{s += $1} END {print s + 0}')
        resends_linux=$(awk '$1=="linux-metric" && $2=="resent_packets" {print $3}' "$d/console.log")
        ns3_ok "$d/ns3-client.log" "summary: $rpcs of $rpcs RPCs byte-exact, 0 failed, 0 differing" &&
            grep -q "^linux-client: summary: $rpcs of $rpcs RPCs byte-exact, 0 failed, 0 differing" \
                "$d/console.log" && ns3_ok "$d/ns3-server.log" "server: $rpcs requests answered" &&
            [ "$resends_ns3" -gt 0 ] && [ "${resends_linux:-0}" -gt 0 ] && r=PASSED || r=FAILED
        result c $r "loss $loss each way; ns-3 client $(grep '^summary' "$d/ns3-client.log"); Linux client $(sed -n 's/^linux-client: summary/summary/p' "$d/console.log"); DATA resent: ns-3 $resends_ns3, Linux ${resends_linux:-0}; ns-3 sent/rcvd:$(ns3_counts "$d/ns3-client.log") (client),$(ns3_counts "$d/ns3-server.log") (server); Linux sent/rcvd:$(linux_counts "$d/console.log"); dropped by ns-3's error model: $(sed -n 's/.*, \([0-9]*\) packets dropped by the error model/\1/p' "$d/ns3-client.log" "$d/ns3-server.log" | awk '{s += $1} END {print s + 0}')"
        check_capture c
        ;;
    d)
        run_boot d 0 restart || status=1
        d="$work/d"
        ok=$(grep -c ' ok$' "$d/ns3-client.log" || true)
        failed=$(sed -n 's/^summary: [0-9]* of [0-9]* RPCs byte-exact, \([0-9]*\) failed.*/\1/p' "$d/ns3-client.log")
        last_ok=$(grep '^rpc ' "$d/ns3-client.log" | tail -n 20 | grep -c ' ok$' || true)
        ns3_ok "$d/ns3-client.log" "summary: [0-9]+ of $restart_rpcs RPCs byte-exact, [0-9]+ failed, 0 differing" &&
            grep -q "ns3-client-exit 0" "$d/ns3-client.log" &&
            [ "$(grep -c '^INTEROP-SERVER-KILLED' "$d/console.log")" = 2 ] &&
            grep -q INTEROP-MODULE-RELOADED "$d/console.log" && [ "$last_ok" = 20 ] && r=PASSED || r=FAILED
        result d $r "$restart_rpcs RPCs across two server restarts and a module reload: $ok byte-exact, ${failed:-?} failed with an error, last 20 all byte-exact: $last_ok; $(sed -n 's/^homa counters: //p' "$d/ns3-client.log" | grep -o 'rpc_timeouts [0-9]*, rpc_restarts [0-9]*, icmp_aborts [0-9]*'); ns-3 sent/rcvd:$(ns3_counts "$d/ns3-client.log"); Linux sent/rcvd:$(linux_counts "$d/console.log"); $(grep '^homa state' "$d/ns3-client.log")"
        check_capture d
        ;;
    *) echo "$name: unknown case $c" ;;
    esac
done

echo "$name: $(cat "$("$guest" env | sed -n 's/^versions=//p')" 2>/dev/null | paste -sd ';' | sed 's/;/; /g')"
echo "$name: $(($(date +%s) - start_time)) s in all"
[ $status = 0 ] && echo "$name: PASSED" || echo "$name: FAILED"
exit $status
