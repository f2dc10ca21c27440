#! /usr/bin/env python3
# A list of C++ examples to run in order to ensure that they remain buildable and
# runnable over time. Each tuple is (example_name with arguments, do_run, do_valgrind_run).
# homa-incast, homa-fanout and homa-datacenter exit non-zero unless every message completes.
# See test.py for more information.

cpp_examples = [
    ("homa-first", "True", "False"),
    ("homa-incast", "True", "False"),
    ("homa-incast --transport=tcp --csv=none --plot=none", "True", "False"),
    ("homa-incast --timeline --timelineInterval=50 --csv=none --plot=none", "True", "False"),
    ("homa-incast --transport=homa --profile=linux --csv=none --plot=none", "True", "False"),
    ("homa-incast --senders=16 --racks=2 --rounds=2 --csv=none --plot=none", "True", "False"),
    ("homa-incast --transport=homa --learnCutoffs=true --csv=none --plot=none", "True", "False"),
    ("homa-incast --senders=16 --size=1 --rounds=4 --priorities=false --transport=homa --csv=none --plot=none", "True", "False"),
    ("homa-fanout --servers=64 --rounds=2 --csv=none --plot=none", "True", "False"),
    ("homa-fanout --servers=8 --perServer=8 --rounds=2 --switchBuffer=2000000 --incast=on --csv=none --plot=none", "True", "False"),
    ("homa-datacenter", "True", "False"),
    ("homa-soak --rpcs=300 --outstanding=4", "True", "False"),
    ("homa-datacenter --racks=2 --hostsPerRack=4 --spines=2 --fabricRate=20Gbps --workload=W5 --load=0.5 --time=0.01", "True", "False"),
    ("homa-datacenter --racks=2 --hostsPerRack=4 --spines=2 --workload=W2 --load=0.8 --time=0.001 --transport=tcp", "True", "False"),
    ("homa-datacenter --racks=2 --hostsPerRack=4 --spines=2 --workload=W2 --load=0.8 --time=0.001 --transport=dctcp", "True", "False"),
    ("homa-datacenter --racks=2 --hostsPerRack=4 --spines=2 --workload=W3 --load=0.5 --time=0.001 --transport=udp", "True", "False"),
    ("homa-datacenter --racks=2 --hostsPerRack=4 --spines=2 --workload=W3 --load=0.5 --time=0.001 --switches=ip --queues=qdisc", "True", "False"),
    ("homa-datacenter --racks=2 --hostsPerRack=4 --spines=2 --workload=W1 --load=0.5 --time=0.001 --paper=true", "True", "False"),
    ("homa-datacenter --racks=2 --hostsPerRack=4 --spines=2 --workload=W5 --load=0.5 --time=0.002 --paper=true --distinctDelays=true --traceLengths=9329:30000 --traceFile=/dev/null", "True", "False"),
    ("homa-datacenter --racks=2 --hostsPerRack=4 --spines=2 --workload=W3 --load=0.5 --time=0.001 --profile=linux", "True", "False"),
    ("homa-datacenter --racks=2 --hostsPerRack=4 --spines=2 --workload=W3 --load=0.5 --time=0.001 --links=p2p", "True", "False"),
    ("homa-datacenter --racks=2 --hostsPerRack=4 --spines=2 --workload=W3 --load=0.5 --time=0.001 --fabricDelay=2us --unschedRack=7500", "True", "False"),
    ("homa-datacenter --racks=2 --hostsPerRack=4 --spines=2 --workload=W3 --load=0.8 --time=0.001 --switchBuffer=500000", "True", "False"),
    ("homa-datacenter --racks=2 --hostsPerRack=4 --spines=2 --workload=W3 --load=0.8 --time=0.001 --switchBuffer=500000 --bufferPolicy=static --portLimit=100000 --transport=tcp", "True", "False"),
    ("homa-datacenter --racks=2 --hostsPerRack=4 --spines=2 --workload=W3 --load=0.8 --time=0.001 --switchChip=sn2410 --transport=dctcp --tcpBuffer=10000", "True", "False"),
    ("homa-datacenter --racks=2 --hostsPerRack=4 --spines=2 --workload=W4 --load=0.5 --time=0.01 --faults=link:0:0:2:6,spine:1:4:5 --faultDetection=0.5", "True", "False"),
    ("homa-datacenter --racks=2 --hostsPerRack=4 --spines=2 --workload=W4 --load=0.8 --time=0.005 --timeline=busiest --timelineStart=1 --timelineLength=2", "True", "False"),
    ("homa-datacenter --racks=2 --hostsPerRack=4 --spines=2 --workload=W4 --load=0.8 --time=0.005 --transport=dctcp --switchBuffer=1000000 --timeline=3", "True", "False"),
]

# A list of Python examples to run in order to ensure that they remain runnable over time.
python_examples = []
