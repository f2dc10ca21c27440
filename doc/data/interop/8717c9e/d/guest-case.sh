#!/bin/sh
metrics() {
    grep -E '^(packets_sent_|packets_rcvd_|resent_packets |unknown_rpcs |server_rpcs_unknown )' \
        /proc/net/homa_metrics | while read -r k v rest; do echo "linux-metric $k $v"; done
}
start_server() {
    server --port 4000 >/tmp/server.log 2>&1 &
    SERVER=$!
}
[ "0" != 0 ] && tc qdisc add dev eth0 root netem loss 0% && echo "netem loss 0% on eth0"
start_server
echo INTEROP-READY
while true; do
    cmd=$(nc -l -p 7000)
    case $cmd in
    kill) kill $SERVER; wait $SERVER; echo INTEROP-SERVER-KILLED ;;
    start) start_server; echo INTEROP-SERVER-STARTED ;;
    reload) homa-reload && echo INTEROP-MODULE-RELOADED ;;
    done) break ;;
    esac
done
kill $SERVER 2>/dev/null
metrics
echo INTEROP-GUEST-DONE
