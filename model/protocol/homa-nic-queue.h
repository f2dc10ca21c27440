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

    bool m_controlFirst; //!< ControlFirst attribute
};

} // namespace ns3

#endif /* HOMA_NIC_QUEUE_H */
