/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HOMA_PEER_H
#define HOMA_PEER_H

#include "homa-cutoffs.h"
#include "homa-header.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-route.h"
#include "ns3/nstime.h"

#include <array>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ns3
{

/**
 * \ingroup homa
 * \brief What a host knows about one remote host.
 *
 * Kept on purpose for the life of the node (the protocol never forgets a peer's
 * cutoffs, as the kernel and the RFC advise): the unscheduled cutoffs the peer sent
 * us, and the acknowledgements we still owe it.
 */
class HomaPeer
{
  public:
    /// \param address the peer's IPv4 address
    explicit HomaPeer(Ipv4Address address);

    /// \return the peer's address
    Ipv4Address GetAddress() const;

    /**
     * \brief Unscheduled priority for a message to this peer.
     * \param length message length in bytes
     * \param numPriorities priority levels in use (1..8)
     * \return the largest level i < numPriorities whose cutoff is at least \p length
     */
    uint8_t UnscheduledPriority(uint32_t length, uint8_t numPriorities) const;

    /**
     * \brief Install cutoffs received in a CUTOFFS packet.
     * \param cutoffs cutoffs[i] = largest message length using level i
     * \param version their version
     */
    void SetCutoffs(const HomaCutoffs::Array& cutoffs, uint16_t version);
    /// \return the cutoffs in use for this peer
    const HomaCutoffs::Array& GetCutoffs() const;
    /// \return the version of the cutoffs (0 = never received)
    uint16_t GetCutoffVersion() const;

    /**
     * \brief Record an acknowledgement to give this peer (piggy-backed on a later DATA packet
     * or sent in an ACK packet).
     * \param ack the ack
     */
    void AddAck(const HomaAck& ack);
    /**
     * \brief Take one pending acknowledgement to piggy-back on a DATA packet.
     * \return the ack, or an ack with clientId 0 if none is pending
     */
    HomaAck TakeAck();
    /**
     * \brief Take all pending acknowledgements (at most HomaAckHeader::MAX_ACKS).
     * \return the acks
     */
    std::vector<HomaAck> TakeAcks();
    /// \return the number of acknowledgements waiting to be sent
    size_t GetPendingAcks() const;

    /**
     * \brief Remember the route to this peer (so that packets need no lookup each).
     * \param route the route (null: forget)
     * \param mtu the MTU of its output interface
     */
    void SetRoute(Ptr<Ipv4Route> route, uint32_t mtu);
    /// \return the remembered route, or null
    Ptr<Ipv4Route> GetRoute() const;
    /// \return the MTU of the remembered route's interface
    uint32_t GetMtu() const;

    /// \return when a packet last arrived from this peer
    Time GetLastHeard() const;
    /// \param t when a packet arrived from this peer
    void SetLastHeard(Time t);
    /// \return when the peer was last looked up, to send or on receipt (Linux access_jiffies)
    Time GetLastUsed() const;
    /// \param t when the peer is looked up
    void SetLastUsed(Time t);

    /**
     * \brief A round trip to this peer: from handing it a message to its first GRANT.
     * \param rtt the sample
     */
    void AddRttSample(Time rtt);
    /// \return the least round trip measured (0: none yet)
    Time GetMinRtt() const;

    /// \return when a CUTOFFS packet was last sent to this peer
    Time GetLastCutoffsSent() const;
    /// \param t when a CUTOFFS packet was sent to this peer
    void SetLastCutoffsSent(Time t);

  private:
    Ipv4Address m_address;        //!< the peer
    Time m_minRtt{0};             //!< least round trip measured (0: none)
    HomaCutoffs::Array m_cutoffs; //!< its cutoffs for messages we send it
    uint16_t m_cutoffVersion;     //!< their version
    std::vector<HomaAck> m_acks;  //!< acks owed to the peer
    Time m_lastCutoffsSent;       //!< rate limit for CUTOFFS
    Time m_lastHeard;             //!< last packet from the peer
    Time m_lastUsed;              //!< last look-up
    Ptr<Ipv4Route> m_route;       //!< cached route to the peer
    uint32_t m_mtu;               //!< MTU toward the peer
};

/**
 * \ingroup homa
 * \brief The per-node table of peers, by IPv4 address.
 */
class HomaPeerTable
{
  public:
    /**
     * \brief Find or create a peer, and mark it used now.
     * \param address the peer's address
     * \return the peer (valid until the next Collect)
     */
    HomaPeer& Get(Ipv4Address address);
    /**
     * \param idleMin as for Collect
     * \param idleMax as for Collect
     * \param threshold as for Collect
     * \return true if some peer has been idle long enough for Collect to consider it
     */
    bool HasIdle(Time idleMin, Time idleMax, size_t threshold) const;
    /**
     * \brief Forget idle peers, as Linux homa_peer_gc: a peer unused for at least \p idleMax,
     * or for at least \p idleMin while the table holds \p threshold peers or more, is
     * removed unless an RPC still refers to it or it has acknowledgements to send.
     * \param idleMin the least idle time of any removed peer (Linux peer_idle_secs_min)
     * \param idleMax the idle time after which a peer is removed whatever the table's size
     *        (Linux peer_idle_secs_max)
     * \param threshold the table size from which peers idle for idleMin are removed (Linux
     *        peer_gc_threshold)
     * \param inUse addresses (Ipv4Address::Get) of the peers that RPCs refer to
     * \return the number of peers removed
     */
    size_t Collect(Time idleMin,
                   Time idleMax,
                   size_t threshold,
                   const std::unordered_set<uint32_t>& inUse);
    /// \return the number of known peers
    size_t GetSize() const;
    /// \return the total number of acknowledgements waiting in all peers
    size_t GetPendingAcks() const;

  private:
    /**
     * \param idleMin as for Collect \param idleMax as for Collect \param threshold as for
     * Collect \return how long a peer must have been unused for Collect to consider it
     */
    Time IdleLimit(Time idleMin, Time idleMax, size_t threshold) const;

    std::unordered_map<uint32_t, HomaPeer> m_peers; //!< address -> peer
};

} // namespace ns3

#endif /* HOMA_PEER_H */
