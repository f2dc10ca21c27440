/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HOMA_PACER_H
#define HOMA_PACER_H

#include "homa-rpc.h"

#include "ns3/callback.h"
#include "ns3/data-rate.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <unordered_set>
#include <vector>

namespace ns3
{

/**
 * \ingroup homa
 * \brief Sender side: picks the next DATA packet by SRPT and keeps the NIC queue short.
 *
 * Like the Linux pacer, it keeps an estimate of when the NIC will have sent everything
 * it was given (every packet, control packets included, at the configured link rate
 * slowed by 1 %). A DATA packet goes to the NIC only while that estimated backlog is at
 * most MaxNicBacklog; otherwise the pacer waits until it is. Among the messages with a
 * packet ready, the one with the fewest bytes left to send goes first (ties: oldest
 * RPC id), so a short message overtakes a long one within about one packet. With
 * fifoFraction (Linux pacer_fifo_fraction, per mille) every pick takes fifoFraction from a
 * count that starts at 1000; when it reaches 0 or less, that pick is the oldest message
 * (handed to Homa first; ties: oldest RPC id) and the count gets 1000 back, so one pick in
 * 1000 / fifoFraction serves the oldest message. The kernel's pacer sends a burst per pick;
 * this one a packet.
 *
 * It knows nothing of the protocol: it gets its settings as a Config and sends through a
 * callback, which must call NotifyTransmit for what it hands to the NIC.
 */
class HomaPacer
{
  public:
    /// Settings, taken from HomaL4Protocol's attributes.
    struct Config
    {
        DataRate rate{"10Gbps"};          //!< the NIC's rate (LinkRate)
        Time maxBacklog{MicroSeconds(2)}; //!< most data in the NIC queue (MaxNicBacklog)
        uint32_t fifoFraction{0};         //!< picks of the oldest message, per mille
    };

    /// Sends the next DATA packet of an RPC's outgoing message.
    using TransmitCallback = Callback<void, Ptr<HomaRpc>>;

    HomaPacer();

    /// \param config the link model
    void SetConfig(const Config& config);
    /// \return the link model
    const Config& GetConfig() const;
    /**
     * \param cb called for every DATA packet the pacer lets go; it must take the packet from
     * the message (so that HasPacketReady moves on) and report it with NotifyTransmit
     */
    void SetTransmitCallback(TransmitCallback cb);

    /// \param rpc an RPC whose outgoing message has a packet ready; sent as soon as allowed
    void Add(Ptr<HomaRpc> rpc);
    /// \param rpc an RPC to forget (it ended)
    void Remove(Ptr<HomaRpc> rpc);
    /// Send what may be sent now; schedule the rest.
    void Kick();
    /// Run Kick() in an event of its own at the current time (safe from any context,
    /// including application calls made before the simulation starts).
    void KickSoon();
    /**
     * \brief Account for a packet handed to the NIC.
     * \param bytes its size at the IP layer
     */
    void NotifyTransmit(uint32_t bytes);
    /// \return the estimated NIC backlog now
    Time GetBacklog() const;
    /// \return the number of RPCs waiting to send
    size_t GetSize() const;
    /// \return picks that served the oldest message (fifoFraction)
    uint64_t GetFifoPicks() const;
    /// Cancel the pending event and forget every RPC.
    void Clear();

  private:
    Config m_config;                             //!< link model
    TransmitCallback m_transmit;                 //!< sends a DATA packet
    std::vector<Ptr<HomaRpc>> m_rpcs;            //!< RPCs with something to send
    std::unordered_set<const HomaRpc*> m_listed; //!< the same, for membership
    Time m_linkIdle;                             //!< when the NIC will be idle
    EventId m_event;                             //!< next Kick
    int32_t m_fifoCount{1000};                   //!< picks to the next FIFO pick, x fraction
    uint64_t m_fifoPicks{0};                     //!< FIFO picks so far
};

} // namespace ns3

#endif /* HOMA_PACER_H */
