# -*- Mode: python; py-indent-offset: 4; indent-tabs-mode: nil; coding: utf-8; -*-
# Build description for waf-era ns-3 (3.35 and older); CMakeLists.txt is the one used by
# ns-3.36 and later. Keep the two file lists in step.


def build(bld):
    deps = ['internet', 'traffic-control', 'point-to-point']
    if bld.env['ENABLE_MPI']:
        # MpiRankHelper uses the mpi module when ns-3 was configured with --enable-mpi.
        deps.append('mpi')
    module = bld.create_ns3_module('homa', deps)
    if bld.env['ENABLE_MPI']:
        module.use.append('MPI')
    # Where MessageWorkload finds the shipped workloads W1..W5 by name.
    module.env.append_value('DEFINES',
                            'HOMA_WORKLOAD_DIR="%s"' % bld.path.find_dir('workloads').abspath())
    module.source = [
        'helper/fabric-link-helper.cc',
        'helper/homa-app-helper.cc',
        'helper/homa-helper.cc',
        'helper/leaf-spine-helper.cc',
        'helper/leaf-spine-routes.cc',
        'helper/mpi-rank-helper.cc',
        'helper/tcp-baseline-helper.cc',
        'model/baselines/tcp-dctcp-floor.cc',
        'model/baselines/tcp-hash-demux.cc',
        'model/baselines/tcp-message-baseline.cc',
        'model/baselines/tcp-rpc-client.cc',
        'model/experiment/downlink-timeline.cc',
        'model/experiment/homa-client.cc',
        'model/experiment/homa-message-trace.cc',
        'model/experiment/homa-message-transport.cc',
        'model/experiment/homa-server.cc',
        'model/experiment/message-experiment.cc',
        'model/experiment/message-stats.cc',
        'model/experiment/message-transport.cc',
        'model/experiment/message-workload.cc',
        'model/experiment/tcp-message-transport.cc',
        'model/experiment/udp-message-transport.cc',
        'model/fabric/fabric-channel.cc',
        'model/fabric/fabric-net-device.cc',
        'model/fabric/fabric-routing.cc',
        'model/fabric/fabric-switch.cc',
        'model/fabric/priority-device-queue.cc',
        'model/fabric/shared-buffer-queue.cc',
        'model/fabric/shared-buffer-series.cc',
        'model/fabric/shared-buffer.cc',
        'model/fabric/wire-queue-limits.cc',
        'model/protocol/homa-cutoffs.cc',
        'model/protocol/homa-grant.cc',
        'model/protocol/homa-header.cc',
        'model/protocol/homa-incoming.cc',
        'model/protocol/homa-l4-protocol.cc',
        'model/protocol/homa-message.cc',
        'model/protocol/homa-metrics.cc',
        'model/protocol/homa-nic-queue.cc',
        'model/protocol/homa-outgoing.cc',
        'model/protocol/homa-pacer.cc',
        'model/protocol/homa-peer.cc',
        'model/protocol/homa-priority-queue-disc.cc',
        'model/protocol/homa-rpc-lifecycle.cc',
        'model/protocol/homa-rpc.cc',
        'model/protocol/homa-socket-factory.cc',
        'model/protocol/homa-socket.cc',
        'model/protocol/homa-timer.cc',
    ]

    module_test = bld.create_ns3_module_test_library('homa')
    module_test.source = [
        'test/homa-datacenter-test-suite.cc',
        'test/homa-dctcp-test-suite.cc',
        'test/homa-experiment-test-suite.cc',
        'test/homa-fabric-link-test-suite.cc',
        'test/homa-fabric-routing-test-suite.cc',
        'test/homa-fabric-switch-test-suite.cc',
        'test/homa-fault-test-suite.cc',
        'test/homa-grant-control-test-suite.cc',
        'test/homa-grant-test-suite.cc',
        'test/homa-header-test-suite.cc',
        'test/homa-incast-test-suite.cc',
        'test/homa-loss-test-suite.cc',
        'test/homa-message-test-suite.cc',
        'test/homa-pacer-test-suite.cc',
        'test/homa-queue-disc-test-suite.cc',
        'test/homa-rpc-test-suite.cc',
        'test/homa-shared-buffer-test-suite.cc',
        'test/homa-srpt-test-suite.cc',
        'test/homa-tcp-baseline-test-suite.cc',
        'test/homa-test-util.cc',
        'test/homa-timeline-test-suite.cc',
        'test/homa-workload-test-suite.cc',
    ]

    headers = bld(features='ns3header')
    headers.module = 'homa'
    headers.source = [
        'helper/fabric-link-helper.h',
        'helper/homa-app-helper.h',
        'helper/homa-helper.h',
        'helper/leaf-spine-helper.h',
        'helper/leaf-spine-routes.h',
        'helper/mpi-rank-helper.h',
        'helper/tcp-baseline-helper.h',
        'model/ns3-version-compat.h',
        'model/baselines/tcp-dctcp-floor.h',
        'model/baselines/tcp-hash-demux.h',
        'model/baselines/tcp-message-baseline.h',
        'model/baselines/tcp-rpc-client.h',
        'model/experiment/downlink-timeline.h',
        'model/experiment/homa-client.h',
        'model/experiment/homa-message-trace.h',
        'model/experiment/homa-message-transport.h',
        'model/experiment/homa-server.h',
        'model/experiment/message-experiment.h',
        'model/experiment/message-record.h',
        'model/experiment/message-stats.h',
        'model/experiment/message-transport.h',
        'model/experiment/message-workload.h',
        'model/experiment/tcp-message-transport.h',
        'model/experiment/udp-message-transport.h',
        'model/fabric/fabric-channel.h',
        'model/fabric/fabric-net-device.h',
        'model/fabric/fabric-routing.h',
        'model/fabric/fabric-switch.h',
        'model/fabric/fabric-wire.h',
        'model/fabric/priority-device-queue.h',
        'model/fabric/shared-buffer-queue.h',
        'model/fabric/shared-buffer-series.h',
        'model/fabric/shared-buffer.h',
        'model/fabric/wire-queue-limits.h',
        'model/protocol/homa-cutoffs.h',
        'model/protocol/homa-grant.h',
        'model/protocol/homa-header.h',
        'model/protocol/homa-l4-protocol.h',
        'model/protocol/homa-message.h',
        'model/protocol/homa-metrics.h',
        'model/protocol/homa-nic-queue.h',
        'model/protocol/homa-pacer.h',
        'model/protocol/homa-peer.h',
        'model/protocol/homa-priority-queue-disc.h',
        'model/protocol/homa-rpc.h',
        'model/protocol/homa-socket-factory.h',
        'model/protocol/homa-socket.h',
        'model/protocol/homa-timer.h',
    ]

    if bld.env.ENABLE_EXAMPLES:
        bld.recurse('examples')
