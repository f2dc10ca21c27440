/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_HASH_DEMUX_H
#define TCP_HASH_DEMUX_H

#include "ns3/ip-l4-protocol.h"
#include "ns3/ipv4-address.h"

#include <cstdint>
#include <unordered_map>

namespace ns3
{

class Ipv4EndPoint;
class Node;
class Socket;
class TcpL4Protocol;
class TcpSocketBase;

/**
 * \ingroup homa
 * \brief A hashed demultiplexer in front of a node's ns-3 TCP, for the TCP baselines.
 *
 * ns-3's TcpL4Protocol finds the socket of every segment it receives by walking all of the
 * node's TCP endpoints (Ipv4EndPointDemux::Lookup). A datacenter host with a connection pool
 * to each of hundreds of peers has thousands of them: in homa-datacenter's TCP runs on W3 at
 * 80 % load that walk was more than half of the simulation's time. This object takes TCP's
 * place in the node's IPv4 dispatch (IP protocol 6) and delivers a segment of a registered
 * connection straight to its endpoint, found by a hash of the four-tuple; every other
 * segment (handshakes, unregistered sockets, closed connections, bad checksums, ICMP, IPv6)
 * goes to the node's TcpL4Protocol as before.
 *
 * It delivers to the endpoint ns-3 would have chosen: ns-3 prefers the endpoint matching all
 * four of local address and port, peer address and port, and the fast path takes only such
 * an endpoint, after the same checks (receiving enabled, bound device), so a run's results
 * are the same with or without it (tested). Registration is explicit (Add, once a socket is
 * connected or accepted); TcpMessageBaseline does it for its connections.
 */
class TcpHashDemux : public IpL4Protocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    TcpHashDemux();
    ~TcpHashDemux() override;

    /**
     * \brief Put a demultiplexer in front of the node's TCP (after its internet stack is
     * installed), or find the one already there.
     * \param node a node with IPv4 and TCP
     * \return the node's demultiplexer
     */
    static Ptr<TcpHashDemux> Install(Ptr<Node> node);

    /**
     * \brief Deliver a connected TCP socket's segments directly from now on.
     * \param socket a TcpSocketBase of this node's TCP, connected or accepted
     * \return false if the socket has no connected IPv4 endpoint (nothing registered)
     */
    bool Add(Ptr<Socket> socket);

    /// \return segments delivered by the hashed lookup
    uint64_t GetFastDeliveries() const;

    /// \return segments handed to the node's TcpL4Protocol
    uint64_t GetSlowDeliveries() const;

    /// \return registered connections (closed ones leave at their next segment)
    size_t GetSize() const;

    // IpL4Protocol
    int GetProtocolNumber() const override;
    IpL4Protocol::RxStatus Receive(Ptr<Packet> p,
                                   const Ipv4Header& header,
                                   Ptr<Ipv4Interface> incomingInterface) override;
    IpL4Protocol::RxStatus Receive(Ptr<Packet> p,
                                   const Ipv6Header& header,
                                   Ptr<Ipv6Interface> incomingInterface) override;
    void ReceiveIcmp(Ipv4Address icmpSource,
                     uint8_t icmpTtl,
                     uint8_t icmpType,
                     uint8_t icmpCode,
                     uint32_t icmpInfo,
                     Ipv4Address payloadSource,
                     Ipv4Address payloadDestination,
                     const uint8_t payload[8]) override;
    void ReceiveIcmp(Ipv6Address icmpSource,
                     uint8_t icmpTtl,
                     uint8_t icmpType,
                     uint8_t icmpCode,
                     uint32_t icmpInfo,
                     Ipv6Address payloadSource,
                     Ipv6Address payloadDestination,
                     const uint8_t payload[8]) override;
    void SetDownTarget(IpL4Protocol::DownTargetCallback cb) override;
    void SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb) override;
    IpL4Protocol::DownTargetCallback GetDownTarget() const override;
    IpL4Protocol::DownTargetCallback6 GetDownTarget6() const override;

  protected:
    void DoDispose() override;

  private:
    /// A connection's four-tuple, as seen from this node.
    struct Key
    {
        uint32_t local;     //!< local address
        uint32_t peer;      //!< peer address
        uint16_t localPort; //!< local port
        uint16_t peerPort;  //!< peer port

        /// \param o another key \return whether they are the same tuple
        bool operator==(const Key& o) const
        {
            return local == o.local && peer == o.peer && localPort == o.localPort &&
                   peerPort == o.peerPort;
        }
    };

    /**
     * \param ep an endpoint (not const: ns-3.37's getters are not)
     * \return the key of its four-tuple
     */
    static Key KeyOf(Ipv4EndPoint& ep);

    /// Hash of a Key.
    struct KeyHash
    {
        /// \param k a key \return its hash
        size_t operator()(const Key& k) const
        {
            uint64_t a = (uint64_t(k.local) << 32) | k.peer;
            uint64_t b = (uint64_t(k.localPort) << 16) | k.peerPort;
            uint64_t h = (a ^ (b * 0x9e3779b97f4a7c15ULL)) * 0xff51afd7ed558ccdULL;
            return static_cast<size_t>(h ^ (h >> 32));
        }
    };

    Ptr<TcpL4Protocol> m_tcp;                                       //!< the node's TCP
    std::unordered_map<Key, Ptr<TcpSocketBase>, KeyHash> m_sockets; //!< connected sockets
    uint64_t m_fast;                                                //!< direct deliveries
    uint64_t m_slow;                                                //!< to TcpL4Protocol
};

} // namespace ns3

#endif /* TCP_HASH_DEMUX_H */
