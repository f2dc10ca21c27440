/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HOMA_NIC_QUEUE_H
#define HOMA_NIC_QUEUE_H

#include "ns3/priority-device-queue.h"

namespace ns3
{

/**
 * \ingroup homa
 * \brief A host NIC's transmit queue for Homa: the fabric's 8 strict priority levels, with
 * Homa's control packets (every type but DATA: GRANT, RESEND, ACK, ...) before all of them
 * while ControlFirst is on, as HomaPriorityQueueDisc's ControlFirst does in the queue-disc
 * layer. A grant that waits behind a NIC's data delays a whole message's sender.
 *
 * With DataByLevel false, DATA packets leave in the order Homa handed them over, whatever
 * their level, as from a Linux host (the NIC's queue is FIFO; HomaModule's pacer and
 * homa_qdisc keep it short so that the pacer's SRPT order holds) and from the paper's
 * simulator (the transport hands its NIC one packet at a time). By level, a packet of a short
 * message granted at a low scheduled level waits while the pacer hands over packets of other
 * messages at higher levels: the pacer's estimate of the backlog counts its bytes as gone.
 */
class HomaNicQueue : public PriorityDeviceQueue
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    HomaNicQueue();
    ~HomaNicQueue() override;

  protected:
    bool IsUrgent(uint8_t protocol, const uint8_t* payload, uint32_t size) const override;

  private:
    /**
     * \brief Set the ControlFirst attribute.
     * \param on whether control packets go first
     */
    void SetControlFirst(bool on);
    /**
     * \return the ControlFirst attribute
     */
    bool GetControlFirst() const;
    /**
     * \brief Set the DataByLevel attribute.
     * \param on whether DATA packets are served by level
     */
    void SetDataByLevel(bool on);
    /**
     * \return the DataByLevel attribute
     */
    bool GetDataByLevel() const;

    bool m_controlFirst;      //!< ControlFirst attribute
    bool m_dataByLevel{true}; //!< DataByLevel attribute
};

} // namespace ns3

#endif /* HOMA_NIC_QUEUE_H */
