/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HOMA_GRANT_H
#define HOMA_GRANT_H

#include "homa-cutoffs.h"
#include "homa-rpc.h"

#include "ns3/callback.h"
#include "ns3/data-rate.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <unordered_set>
#include <vector>

namespace ns3
{

/**
 * \ingroup homa
 * \brief Receiver side: grants scheduled bytes in SRPT order with bounded overcommitment
 * and a receiver-wide budget of incoming bytes (Linux homa_grant.c).
 *
 * Every incoming message longer than its unscheduled part is listed from its first packet
 * until its last byte has arrived. On each change the scheduler ranks the listed messages
 * by bytes still to receive (ties: the older message first) and makes MaxOvercommit of them
 * "active": the best message of each sending host first, best host first; then, while
 * slots remain, each host's second best, and so on (the kernel's homa_grant_find_victim
 * takes a slot from the host with the most active messages first); with onePerPeer, one
 * message per host only (the Homa paper's simulator). The active messages are ranked by
 * bytes still to receive, whatever their hosts. A message stays active
 * after it is fully granted, until it is fully received, so that its last granted bytes
 * keep the highest rank and the next message is granted below it (as the kernel keeps
 * such an RPC in active_rpcs until bytes_remaining is 0).
 *
 * A message's incoming bytes are those granted (or sent unscheduled) but not yet received;
 * their sum over all listed messages is the receiver's total incoming, which never grows
 * beyond MaxIncoming (Linux max_incoming / total_incoming). Each active message, best rank
 * first, is granted up to (bytes received + window), where the window is the fixed Window
 * or, when Window is 0, MaxIncoming / (active + 1) (the kernel's dynamic window); the grant
 * is cut to what the budget has left. When the budget is spent, grants stop, and resume,
 * best rank first, as incoming bytes arrive (the kernel's "needy" RPCs). A grant is sent
 * when the granted offset grows by at least GrantIncrement or reaches the end of the
 * message. Like the kernel, a grant carries the priority of the message's rank when it is
 * sent, max_sched_prio - rank - max(0, max_sched_prio + 1 - active), floored at 0, and a
 * change of rank alone sends no grant.
 *
 * One rule goes beyond the kernel: a message whose level is above the lowest level at which
 * a better-ranked message still has granted bytes outstanding (granted before that message's
 * promotion) is not granted, nor is any message ranked below it, until those bytes are in.
 * Otherwise, when ranks shift, the next message's packets overtake the stranded low-level
 * bytes of the message ahead of it, which then finishes only when the next one does
 * (messages complete in bunches; seen with overcommitment 3). With Config::inOrder false
 * the rule is off and every active message is granted at its rank's level, as in the
 * paper's simulator (HomaTransport.cc, ReceiveScheduler: grants go to the best senders
 * whatever their earlier packets' levels).
 *
 * FIFO grants (homa_grant_check_fifo; off with fifoFraction 0): so that SRPT cannot starve
 * a long message, a share of the link (fifoFraction, per mille, at most 500) goes to the
 * oldest listed message. After an update that sent a grant, once fifoIncrement bytes'
 * time at that share (fifoIncrement x 8 / (linkRate x fifoFraction / 1000)) has passed
 * since the last such check, the oldest message (first packet first) that is not fully
 * granted and holds less than window + 2 x fifoIncrement incoming bytes gets fifoIncrement
 * more bytes, whatever its rank and the budget, at the next-to-highest level
 * (homa_high_priority). It keeps the FIFO grants while it stays eligible.
 */
class HomaGrantScheduler
{
  public:
    /// Settings, taken from HomaL4Protocol's attributes.
    struct Config
    {
        uint32_t window{10000};      //!< bytes per message beyond those received; 0: dynamic
        uint32_t maxIncoming{80000}; //!< budget of granted-but-not-received bytes
        uint32_t grantIncrement{0};  //!< smallest grant growth in bytes
        uint32_t maxOvercommit{8};   //!< most active messages
        uint8_t maxSchedPriority{0}; //!< highest scheduled priority level
        /// Tail boost: once the bytes left to grant take fewer wire bytes than this, a grant
        /// carries at least their unscheduled level (by cutoffs); 0: off
        uint32_t boostTailBytes{0};
        bool inOrder{true}; //!< hold a message whose level would overtake pending bytes
        /// Keep a boosted tail at or below the lowest level at which a better-ranked message
        /// has bytes on their way (false: boost regardless, as the paper's simulator)
        bool boostCeiling{true};
        HomaCutoffs::Array cutoffs{};                    //!< the receiver's cutoffs (tail boost)
        uint8_t numPriorities{HomaWire::NUM_PRIORITIES}; //!< levels in use (tail boost)
        uint32_t maxPayload{HomaWire::MaxPayload(1500)}; //!< bytes per packet (tail boost)
        uint32_t fifoFraction{0};      //!< FIFO grants' share of the link, per mille (0: off)
        uint32_t fifoIncrement{50000}; //!< bytes per FIFO grant
        DataRate linkRate{"10Gbps"};   //!< the link the FIFO share is of
        bool onePerPeer{false};        //!< at most one active message per sending host
    };

    /**
     * Sends a GRANT: the RPC, the granted offset, the scheduled priority.
     */
    using SendGrantCallback = Callback<void, Ptr<HomaRpc>, uint32_t, uint8_t>;

    HomaGrantScheduler();

    /// \param config the settings used by the next Update()
    void SetConfig(const Config& config);
    /// \return the settings
    const Config& GetConfig() const;
    /// \param cb called for every GRANT to send
    void SetSendGrantCallback(SendGrantCallback cb);

    /// \param rpc an RPC whose incoming message needs grants (listed until Remove())
    void Add(Ptr<HomaRpc> rpc);
    /// \param rpc an RPC to forget (fully received or ended)
    void Remove(Ptr<HomaRpc> rpc);
    /**
     * \brief Re-rank the messages and send the grants that are due.
     * \return the number of active messages
     */
    uint32_t Update();
    /// \param rpc an RPC \return true if its incoming message is listed
    bool IsListed(Ptr<const HomaRpc> rpc) const;
    /// \return the number of listed messages
    size_t GetSize() const;
    /// \return the number of active messages after the last update
    uint32_t GetNumActive() const;
    /// \return the window used by the last update (Window, or the dynamic window)
    uint32_t GetWindow() const;
    /// \return granted-but-not-received bytes over every listed message, now
    uint64_t GetTotalIncoming() const;
    /// \return the same as it stood at the end of the last Update() (no recount)
    uint64_t GetTotalIncomingAfterUpdate() const;
    /// Forget every RPC.
    void Clear();
    /// \return the time between FIFO grants (from the last SetConfig)
    Time GetFifoInterval() const;
    /// \return bytes granted by FIFO grants so far (Linux fifo_grant_bytes)
    uint64_t GetFifoGrantBytes() const;

    /**
     * \param in an incoming message
     * \return its granted (or unscheduled) bytes not yet received
     */
    static uint32_t Incoming(const HomaInboundMessage& in);

  private:
    /**
     * \brief Make a FIFO grant if one is due.
     * \return the bytes it granted (0: none)
     */
    uint64_t CheckFifo();
    /// \param in an incoming message \return whether it may take a FIFO grant
    bool FifoEligible(const HomaInboundMessage& in) const;

    Config m_config;                             //!< settings
    SendGrantCallback m_sendGrant;               //!< sends a GRANT
    uint32_t m_numActive;                        //!< active messages after the last update
    uint32_t m_window;                           //!< window of the last update
    uint64_t m_totalAfterUpdate;                 //!< total incoming after the last update
    std::vector<Ptr<HomaRpc>> m_rpcs;            //!< listed messages
    std::unordered_set<const HomaRpc*> m_listed; //!< the same, for membership
    Time m_fifoInterval{Seconds(1)};             //!< between FIFO grants
    Time m_fifoNext{0};                          //!< the next FIFO grant's earliest time
    Ptr<HomaRpc> m_fifoRpc;                      //!< the message taking FIFO grants
    uint64_t m_fifoGrantBytes{0};                //!< bytes granted by FIFO grants
};

} // namespace ns3

#endif /* HOMA_GRANT_H */
