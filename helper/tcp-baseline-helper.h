/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_BASELINE_HELPER_H
#define TCP_BASELINE_HELPER_H

#include "ns3/leaf-spine-helper.h"
#include "ns3/queue-size.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup homa
 * \brief Port queues of a leaf-spine fabric for the TCP and DCTCP baselines.
 */
class TcpBaselineHelper
{
  public:
    /**
     * \brief Set up a fabric's ports for TCP (before its Install): one FIFO per port that
     * drops at its limit, or for DCTCP a RED queue disc that marks ECN above K on the
     * instantaneous queue (RED with QW 1 and MaxTh = MinTh + 1, no hard drops).
     * \param fabric the fabric (its rates already set: K scales with them)
     * \param buffer each port's limit
     * \param queueDiscs FIFO queue discs (FifoQueueDisc) instead of device queues
     *        (PriorityDeviceQueue: one FIFO for TCP's level-0 packets, which a shared buffer
     *        can hold); ignored with ecn, which needs queue discs
     * \param ecn RED marking for DCTCP
     * \param ecnK DCTCP's marking threshold K at 10 Gbps, in packets (65 in DCTCP's paper);
     *        a port of rate R marks above K x R / 10 Gbps
     */
    static void ConfigureFabric(LeafSpineHelper& fabric,
                                QueueSize buffer,
                                bool queueDiscs,
                                bool ecn,
                                uint32_t ecnK = 65);
};

} // namespace ns3

#endif /* TCP_BASELINE_HELPER_H */
