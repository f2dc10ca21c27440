# -*- Mode: python; py-indent-offset: 4; indent-tabs-mode: nil; coding: utf-8; -*-
# Build description for waf-era ns-3 (3.35 and older); CMakeLists.txt is the one used by
# ns-3.36 and later. Keep the two file lists in step.


def build(bld):
    deps = ['internet', 'traffic-control', 'point-to-point']
    if bld.env['ENABLE_MPI']:
        # HomaMpiHelper uses the mpi module when ns-3 was configured with --enable-mpi.
        deps.append('mpi')
    module = bld.create_ns3_module('homa', deps)
    if bld.env['ENABLE_MPI']:
        module.use.append('MPI')
    # Where HomaWorkload finds the shipped workloads W1..W5 by name.
    module.env.append_value('DEFINES',
                            'HOMA_WORKLOAD_DIR="%s"' % bld.path.find_dir('workloads').abspath())
    module.source = [
        'helper/homa-app-helper.cc',
        'helper/homa-datacenter-helper.cc',
        'helper/homa-fabric-link-helper.cc',
        'helper/homa-helper.cc',
        'helper/homa-mpi-helper.cc',
        'model/homa-client.cc',
        'model/homa-cutoffs.cc',
        'model/homa-fabric-channel.cc',
        'model/homa-fabric-net-device.cc',
        'model/homa-fabric-routing.cc',
        'model/homa-fabric-switch.cc',
        'model/homa-grant.cc',
        'model/homa-header.cc',
        'model/homa-incoming.cc',
        'model/homa-l4-protocol.cc',
        'model/homa-message.cc',
        'model/homa-metrics.cc',
        'model/homa-outgoing.cc',
        'model/homa-pacer.cc',
        'model/homa-peer.cc',
        'model/homa-priority-device-queue.cc',
        'model/homa-priority-queue-disc.cc',
        'model/homa-rpc-lifecycle.cc',
        'model/homa-rpc.cc',
        'model/homa-server.cc',
        'model/homa-socket-factory.cc',
        'model/homa-socket.cc',
        'model/homa-stats.cc',
        'model/homa-tcp-baseline.cc',
        'model/homa-tcp-dctcp.cc',
        'model/homa-tcp-demux.cc',
        'model/homa-timer.cc',
        'model/homa-wire-queue-limits.cc',
        'model/homa-workload.cc',
    ]

    module_test = bld.create_ns3_module_test_library('homa')
    module_test.source = [
        'test/homa-datacenter-test-suite.cc',
        'test/homa-dctcp-test-suite.cc',
        'test/homa-fabric-link-test-suite.cc',
        'test/homa-fabric-routing-test-suite.cc',
        'test/homa-fabric-switch-test-suite.cc',
        'test/homa-grant-control-test-suite.cc',
        'test/homa-grant-test-suite.cc',
        'test/homa-header-test-suite.cc',
        'test/homa-incast-test-suite.cc',
        'test/homa-loss-test-suite.cc',
        'test/homa-message-test-suite.cc',
        'test/homa-pacer-test-suite.cc',
        'test/homa-queue-disc-test-suite.cc',
        'test/homa-rpc-test-suite.cc',
        'test/homa-srpt-test-suite.cc',
        'test/homa-tcp-baseline-test-suite.cc',
        'test/homa-test-util.cc',
        'test/homa-workload-test-suite.cc',
    ]

    headers = bld(features='ns3header')
    headers.module = 'homa'
    headers.source = [
        'helper/homa-app-helper.h',
        'helper/homa-datacenter-helper.h',
        'helper/homa-fabric-link-helper.h',
        'helper/homa-helper.h',
        'helper/homa-mpi-helper.h',
        'model/homa-client.h',
        'model/homa-cutoffs.h',
        'model/homa-fabric-channel.h',
        'model/homa-fabric-net-device.h',
        'model/homa-fabric-routing.h',
        'model/homa-fabric-switch.h',
        'model/homa-grant.h',
        'model/homa-header.h',
        'model/homa-l4-protocol.h',
        'model/homa-message.h',
        'model/homa-metrics.h',
        'model/homa-ns3-compat.h',
        'model/homa-pacer.h',
        'model/homa-peer.h',
        'model/homa-priority-device-queue.h',
        'model/homa-priority-queue-disc.h',
        'model/homa-rpc.h',
        'model/homa-server.h',
        'model/homa-socket-factory.h',
        'model/homa-socket.h',
        'model/homa-stats.h',
        'model/homa-tcp-baseline.h',
        'model/homa-tcp-dctcp.h',
        'model/homa-tcp-demux.h',
        'model/homa-timer.h',
        'model/homa-wire-queue-limits.h',
        'model/homa-workload.h',
    ]

    if bld.env.ENABLE_EXAMPLES:
        bld.recurse('examples')
