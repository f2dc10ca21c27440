/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-baseline-helper.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/traffic-control-helper.h"
#include "ns3/uinteger.h"

namespace ns3
{

namespace
{

/// \param rate a port's rate \param buffer its limit \param ecnK K at 10 Gbps \return RED
TrafficControlHelper
Red(DataRate rate, QueueSize buffer, uint32_t ecnK)
{
    // DCTCP marking: instantaneous queue (QW 1), mark every ECN-capable packet above K.
    double k = ecnK * rate.GetBitRate() / 10e9;
    TrafficControlHelper tch;
    tch.SetRootQueueDisc("ns3::RedQueueDisc",
                         "MaxSize",
                         QueueSizeValue(buffer),
                         "UseEcn",
                         BooleanValue(true),
                         "UseHardDrop",
                         BooleanValue(false),
                         "QW",
                         DoubleValue(1),
                         "MinTh",
                         DoubleValue(k),
                         "MaxTh",
                         DoubleValue(k + 1),
                         "MeanPktSize",
                         UintegerValue(1500));
    return tch;
}

} // namespace

void
TcpBaselineHelper::ConfigureFabric(LeafSpineHelper& fabric,
                                   QueueSize buffer,
                                   bool queueDiscs,
                                   bool ecn,
                                   uint32_t ecnK)
{
    if (ecn)
    {
        TrafficControlHelper host = Red(fabric.GetHostRate(), buffer, ecnK);
        fabric.SetQueueDiscs(host, host, Red(fabric.GetFabricRate(), buffer, ecnK));
    }
    else if (queueDiscs)
    {
        TrafficControlHelper fifo;
        fifo.SetRootQueueDisc("ns3::FifoQueueDisc", "MaxSize", QueueSizeValue(buffer));
        fabric.SetQueueDiscs(fifo, fifo, fifo);
    }
    else
    {
        // TCP's packets all travel at level 0: one FIFO, dropping at the limit, that a
        // switch's shared buffer can also hold (LeafSpineHelper::SetSharedBuffer).
        fabric.SetPortQueue("ns3::PriorityDeviceQueue", "MaxSize", QueueSizeValue(buffer));
        fabric.SetHostQueue("ns3::PriorityDeviceQueue", "MaxSize", QueueSizeValue(buffer));
    }
}

} // namespace ns3
