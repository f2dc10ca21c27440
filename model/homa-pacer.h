/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HOMA_PACER_H
#define HOMA_PACER_H

#include "homa-rpc.h"

#include "ns3/data-rate.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <vector>

namespace ns3
{

class HomaL4Protocol;

/**
 * \ingroup homa
 * \brief Sender side: picks the next DATA packet by SRPT and keeps the NIC queue short.
 *
 * Like the Linux pacer, it keeps an estimate of when the NIC will have sent everything
 * it was given (every packet, control packets included, at the configured link rate
 * slowed by 1 %). A DATA packet goes to the NIC only while that estimated backlog is at
 * most MaxNicBacklog; otherwise the pacer waits until it is. Among the messages with a
 * packet ready, the one with the fewest bytes left to send goes first (ties: oldest
 * RPC id), so a short message overtakes a long one within about one packet.
 */
class HomaPacer
{
  public:
    /// \param homa the protocol whose packets are paced
    explicit HomaPacer(HomaL4Protocol* homa);

    /**
     * \brief Configure the link model.
     * \param rate the NIC's rate
     * \param maxBacklog the most data the NIC queue may hold, in time at \p rate
     */
    void SetLink(DataRate rate, Time maxBacklog);

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
    /// Cancel the pending event and forget every RPC.
    void Clear();

  private:
    HomaL4Protocol* m_homa;           //!< the protocol
    std::vector<Ptr<HomaRpc>> m_rpcs; //!< RPCs with something to send
    DataRate m_rate;                  //!< link rate
    Time m_maxBacklog;                //!< NIC backlog limit
    Time m_linkIdle;                  //!< when the NIC will be idle
    EventId m_event;                  //!< next Kick
};

} // namespace ns3

#endif /* HOMA_PACER_H */
