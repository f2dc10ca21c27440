#!/bin/sh
metrics() {
    grep -E '^(packets_sent_|packets_rcvd_|resent_packets |unknown_rpcs |server_rpcs_unknown )' \
        /proc/net/homa_metrics | while read -r k v rest; do echo "linux-metric $k $v"; done
}
start_server() {
    server --port 4000 >/tmp/server.log 2>&1 &
    SERVER=$!
}
[ "2" != 0 ] && tc qdisc add dev eth0 root netem loss 2% && echo "netem loss 2% on eth0"
start_server
echo INTEROP-READY
homa-rpc-client 10.0.0.1 9000 200 1,100,1000,1500,5000,20000,64000,100000,300000,500000,1000000,7,200000,50000 1,100,1000,1400,5000,20000,64000,100000,300000,500000,1000000,10,200000,50000 4 60 >/tmp/client.log 2>&1
echo "INTEROP-CLIENT-EXIT $?"
sed 's/^/linux-client: /' /tmp/client.log | tail -n 20
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
