/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef WIRE_QUEUE_LIMITS_H
#define WIRE_QUEUE_LIMITS_H

#include "ns3/queue-limits.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup fabric
 * \brief Device queue limits that let one packet into the device at a time, from the moment
 * it is handed to the device until its transmission ends.
 *
 * ns-3's traffic-control layer stops feeding a device while its queue limits report no room
 * (the mechanism of Byte Queue Limits). These limits count a packet from its enqueue in the
 * device (Queued) until TransmissionEnded, which the owner calls when the device reports the
 * end of the transmission (FabricLinkHelper::LimitDeviceQueues connects it to PhyTxEnd); the
 * device's own dequeue (Completed, at the start of the transmission) does not count. So the
 * queue disc chooses every packet when the link is free, and no FIFO is left under it.
 */
class WireQueueLimits : public QueueLimits
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    WireQueueLimits();

    void Reset() override;
    void Completed(uint32_t count) override;
    int32_t Available() const override;
    void Queued(uint32_t count) override;

    /// The device finished transmitting a packet: room for the next one.
    void TransmissionEnded();
    /// \return packets handed to the device whose transmission has not ended
    uint32_t GetInDevice() const;

  private:
    uint32_t m_inDevice; //!< packets in the device (queued or on the wire)
};

} // namespace ns3

#endif /* WIRE_QUEUE_LIMITS_H */
