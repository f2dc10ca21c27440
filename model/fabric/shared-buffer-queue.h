/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SHARED_BUFFER_QUEUE_H
#define SHARED_BUFFER_QUEUE_H

#include "shared-buffer.h"

#include "ns3/queue-item.h"
#include "ns3/queue.h"

namespace ns3
{

/**
 * \ingroup fabric
 * \brief A queue disc's FIFO internal queue that takes its bytes from a switch's
 * SharedBuffer: the shared pool under RED (DCTCP's marking) or FifoQueueDisc.
 *
 * A packet is admitted if it fits the queue's own MaxSize and the buffer admits it at the
 * packet's level (its IPv4 DS field >> 5, as PriorityDeviceQueue classifies); it gives its
 * bytes back when it leaves. A refused packet is dropped before enqueue, so the queue disc
 * counts it as an internal-queue drop and the buffer counts it by cause.
 *
 * LeafSpineHelper::SetSharedBuffer with SetQueueDiscs makes one per switch port and gives it
 * to the port's queue disc, which must take a single internal queue (RED, FIFO).
 */
class SharedBufferQueue : public Queue<QueueDiscItem>
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SharedBufferQueue();
    ~SharedBufferQueue() override;

    /**
     * \brief Take packets only as a switch's shared buffer admits them.
     * \param buffer the switch's buffer
     * \param port this queue's port in it (SharedBuffer::AddPort)
     */
    void SetSharedBuffer(Ptr<SharedBuffer> buffer, uint32_t port);
    /// \return the buffer (null: none, a plain FIFO)
    Ptr<SharedBuffer> GetSharedBuffer() const;

    /**
     * \param item a queue disc item
     * \return its level: the DS field's top three bits (0 without an IP header)
     */
    static uint8_t Level(Ptr<const QueueDiscItem> item);

    bool Enqueue(Ptr<QueueDiscItem> item) override;
    Ptr<QueueDiscItem> Dequeue() override;
    Ptr<QueueDiscItem> Remove() override;
    Ptr<const QueueDiscItem> Peek() const override;

  protected:
    void DoDispose() override;

  private:
    /// A packet left: its bytes go back to the buffer. \param item it (may be null)
    void GiveBack(Ptr<const QueueDiscItem> item);

    Ptr<SharedBuffer> m_buffer; //!< the switch's buffer
    uint32_t m_port{0};         //!< this queue's port in it
};

} // namespace ns3

#endif /* SHARED_BUFFER_QUEUE_H */
