/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef PRIORITY_DEVICE_QUEUE_H
#define PRIORITY_DEVICE_QUEUE_H

#include "fabric-wire.h"
#include "shared-buffer.h"

#include "ns3/packet.h"
#include "ns3/queue.h"

#include <array>

namespace ns3
{

/**
 * \ingroup fabric
 * \brief 8 strict priority levels as a point-to-point device's own transmit queue: what a
 * datacenter switch port does, with no queue disc above and no FIFO below.
 *
 * The device takes the next packet from this queue when a transmission ends, in the same
 * event: no queue disc, traffic-control layer or device-queue wake per packet per hop.
 * Packets are framed (PointToPointNetDevice's 2-byte PPP header in front of the IPv4
 * header); the level is the IPv4 TOS >> 5; frames that are not IPv4 go to the highest level.
 * A subclass may send some packets before every level (IsUrgent: e.g. a transport's control
 * packets on host NICs). Within a level, FIFO. MaxSize bounds the whole
 * queue; a packet that does not fit is dropped (counted per level). With a SharedBuffer
 * (SetSharedBuffer: a switch port), a packet must also be admitted by the switch's buffer,
 * and gives its bytes back when it leaves.
 *
 * LeafSpineHelper uses it with DEVICE_QUEUES; the queue-disc form stays the choice where
 * queue-disc traces or statistics are wanted.
 */
class PriorityDeviceQueue : public Queue<Packet>
{
  public:
    /// Priority levels.
    static constexpr uint32_t NUM_LEVELS = FabricWire::NUM_PRIORITIES;
    /// Bytes after the IPv4 header that IsUrgent may read.
    static constexpr uint32_t URGENT_PEEK = 16;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    PriorityDeviceQueue();
    ~PriorityDeviceQueue() override;

    bool Enqueue(Ptr<Packet> item) override;
    Ptr<Packet> Dequeue() override;
    Ptr<Packet> Remove() override;
    Ptr<const Packet> Peek() const override;

    /**
     * \param priority a level (0-7)
     * \return packets of that level dropped because the queue was full
     */
    uint64_t GetDrops(uint8_t priority) const;
    /**
     * \param priority a level (0-7)
     * \return packets of that level enqueued
     */
    uint64_t GetEnqueued(uint8_t priority) const;

    /**
     * \brief Classify a framed packet.
     * \param packet a packet with its PPP and IPv4 headers
     * \return its level (0-7)
     */
    static uint8_t Classify(Ptr<const Packet> packet);

    /**
     * \brief Take packets only as the switch's shared buffer admits them.
     * \param buffer the switch's buffer
     * \param port this queue's port in it (SharedBuffer::AddPort)
     */
    void SetSharedBuffer(Ptr<SharedBuffer> buffer, uint32_t port);
    /// \return the shared buffer (null if none)
    Ptr<SharedBuffer> GetSharedBuffer() const;

  protected:
    /**
     * \brief Whether a packet goes before every level (none here).
     * \param protocol its IPv4 protocol number
     * \param payload the first bytes after its IPv4 header
     * \param size how many there are (at most URGENT_PEEK)
     * \return true to send it before all levels
     */
    virtual bool IsUrgent(uint8_t protocol, const uint8_t* payload, uint32_t size) const;

    /**
     * \brief Whether Enqueue asks IsUrgent (off by default: no cost for switch ports).
     * \param check true to ask
     */
    void SetCheckUrgent(bool check);

    /**
     * \brief Whether packets that are not urgent are served by level (the default) or all in
     * one FIFO band, in the order they came, whatever their level (drops and enqueues are
     * still counted per level).
     * \param byLevel false for one band
     */
    void SetByLevel(bool byLevel);

  protected:
    void DoDispose() override;

  private:
    /// Give a packet that leaves back to the shared buffer (if any). \param p the packet
    void ReleaseToBuffer(Ptr<const Packet> p);

    /**
     * \brief Classify a framed packet and ask IsUrgent.
     * \param packet a packet with its PPP and IPv4 headers
     * \param urgent set to IsUrgent's answer (false for frames that are not IPv4)
     * \param askUrgent whether to call IsUrgent at all
     * \return its level (0-7)
     */
    uint8_t Classify(Ptr<const Packet> packet, bool& urgent, bool askUrgent) const;

    /// Remove the first packet's band from the bookkeeping (it is about to leave).
    void ForgetFront();

    bool m_checkUrgent{false};                           //!< whether Enqueue asks IsUrgent
    bool m_byLevel{true};                                //!< bands by level, or one band
    Ptr<SharedBuffer> m_buffer;                          //!< the switch's buffer (or null)
    uint32_t m_bufferPort{0};                            //!< this queue's port in it
    std::array<uint32_t, NUM_LEVELS + 1> m_count{};      //!< packets per band
    std::array<ConstIterator, NUM_LEVELS + 1> m_first{}; //!< first packet of each non-empty band
    uint32_t m_nonEmpty{0};                              //!< bit b set when band b has packets
    std::array<uint64_t, NUM_LEVELS> m_drops{};          //!< drops per level
    std::array<uint64_t, NUM_LEVELS> m_enqueued{};       //!< enqueues per level
};

} // namespace ns3

#endif /* PRIORITY_DEVICE_QUEUE_H */
