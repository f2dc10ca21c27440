/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HOMA_PRIORITY_QUEUE_DISC_H
#define HOMA_PRIORITY_QUEUE_DISC_H

#include "homa-header.h"

#include "ns3/queue-disc.h"

#include <array>

namespace ns3
{

/**
 * \ingroup homa
 * \brief Eight strict-priority FIFO bands chosen by the top three bits of the IPv4 TOS byte.
 *
 * A packet whose TOS is t goes to priority level t >> 5 (7 highest), which is how Homa
 * marks its packets; TCP and UDP packets are classified by the same rule (TOS 0 is the
 * lowest level), so all transports can share the network. Packets that are not IPv4
 * (e.g. ARP) go to the highest level. Dequeue always serves the highest non-empty level.
 *
 * With ControlFirst (for host NICs), Homa control packets (GRANT, RESEND, ACK, ...) go to a
 * queue served before every level, so they never wait behind data that a host queued at the
 * same level; they are counted as level 7.
 *
 * Limits: MaxSize bounds the whole queue disc, BandMaxSize each level (both in packets or
 * bytes). A packet that would exceed either is dropped before enqueue and counted for its
 * level (GetDrops()).
 */
class HomaPriorityQueueDisc : public QueueDisc
{
  public:
    static constexpr uint32_t NUM_BANDS = HomaWire::NUM_PRIORITIES; //!< priority levels

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    HomaPriorityQueueDisc();
    ~HomaPriorityQueueDisc() override;

    /**
     * \param priority a priority level (0..7)
     * \return packets of that level dropped so far
     */
    uint64_t GetDrops(uint8_t priority) const;
    /**
     * \param priority a priority level (0..7)
     * \return packets of that level enqueued so far
     */
    uint64_t GetEnqueued(uint8_t priority) const;
    /**
     * \param priority a priority level (0..7)
     * \return packets of that level waiting now
     */
    uint32_t GetBandPackets(uint8_t priority) const;

    /**
     * \brief The level a packet is classified to.
     * \param item the packet
     * \return its priority level (0..7)
     */
    static uint8_t Classify(Ptr<const QueueDiscItem> item);

    /**
     * \brief Whether a packet is a Homa packet other than DATA (read from its type byte).
     * \param item the packet
     * \return true for IPv4 protocol 146 packets whose Homa type is not DATA
     */
    static bool IsHomaControl(Ptr<const QueueDiscItem> item);

    /// Drop reason when the whole queue disc is full.
    static constexpr const char* LIMIT_EXCEEDED_DROP = "Queue disc limit exceeded";
    /// Drop reason when the band's own limit is exceeded.
    static constexpr const char* BAND_LIMIT_EXCEEDED_DROP = "Band limit exceeded";

  protected:
    void DoDispose() override;

  private:
    bool DoEnqueue(Ptr<QueueDiscItem> item) override;
    Ptr<QueueDiscItem> DoDequeue() override;
    Ptr<const QueueDiscItem> DoPeek() override;
    bool CheckConfig() override;
    void InitializeParams() override;

    QueueSize m_bandMaxSize;                      //!< per-band limit
    bool m_controlFirst;                          //!< ControlFirst attribute
    std::array<uint64_t, NUM_BANDS> m_drops{};    //!< drops per level
    std::array<uint64_t, NUM_BANDS> m_enqueued{}; //!< enqueues per level
    /// The internal queues (control, then levels 7..0), held by the base class; cached
    /// here so that a dequeue does not copy a Ptr per band.
    std::array<InternalQueue*, NUM_BANDS + 1> m_bands{};
    uint32_t m_nonEmpty{0}; //!< bit b set when m_bands[b] holds a packet
};

} // namespace ns3

#endif /* HOMA_PRIORITY_QUEUE_DISC_H */
