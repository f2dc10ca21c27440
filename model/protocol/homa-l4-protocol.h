/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HOMA_L4_PROTOCOL_H
#define HOMA_L4_PROTOCOL_H

#include "homa-cutoffs.h"
#include "homa-grant.h"
#include "homa-header.h"
#include "homa-metrics.h"
#include "homa-pacer.h"
#include "homa-peer.h"
#include "homa-rpc.h"
#include "homa-timer.h"

#include "ns3/data-rate.h"
#include "ns3/ip-l4-protocol.h"
#include "ns3/ipv4-address.h"
#include "ns3/traced-callback.h"
#include "ns3/traced-value.h"

#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace ns3
{

class Node;
class Socket;
class HomaSocket;
enum class HomaRpcError : uint8_t;
class Ipv4Header;
class Ipv4Interface;

/**
 * \ingroup homa
 * \brief What the message traces report about one message.
 */
struct HomaMessageRecord
{
    uint64_t rpcId{0};           //!< the client's (even) RPC id
    bool isRequest{true};        //!< request (client to server) or response
    uint32_t length{0};          //!< message length in bytes
    Ipv4Address source;          //!< sending host
    uint16_t sourcePort{0};      //!< sending port
    Ipv4Address destination;     //!< receiving host
    uint16_t destinationPort{0}; //!< receiving port
    Time start;                  //!< sender: handed to Homa; receiver: first packet arrived
    Time end;                    //!< receiver: last byte arrived (sender: equal to start)
};

/**
 * \ingroup homa
 * \brief The Homa transport protocol (IP protocol 146) for one node.
 *
 * Installed beside UDP and TCP: it registers with Ipv4L3Protocol and aggregates a
 * HomaSocketFactory to the node. It owns the node's Homa state: sockets by port, the
 * peer table, the pacer (sender SRPT), the grant scheduler (receiver SRPT) and the
 * timer. Nothing is shared between nodes.
 *
 * The code is split by path: this file holds configuration and bookkeeping,
 * homa-incoming.cc what happens to a received packet, homa-outgoing.cc how packets
 * are built and sent, homa-rpc-lifecycle.cc how an RPC's message starts and how the RPC
 * ends or is aborted.
 */
class HomaL4Protocol : public IpL4Protocol
{
  public:
    static const uint8_t PROT_NUMBER; //!< IP protocol number of Homa (146)
    /// The kernel's default max_incoming, used when Window is 0 and MaxIncoming is unset.
    static constexpr uint32_t DEFAULT_MAX_INCOMING = 400000;

    /// What a sender compares with the cutoffs to pick an unscheduled level.
    enum UnschedPriorityBy
    {
        BY_LENGTH,    //!< the message length (Linux)
        BY_REMAINING, //!< the bytes the message has left (the paper's simulator)
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    HomaL4Protocol();
    ~HomaL4Protocol() override;

    /// \param node the node this protocol runs on
    void SetNode(Ptr<Node> node);
    /// \return the node
    Ptr<Node> GetNode() const;

    /// \return a new, unbound Homa socket
    Ptr<Socket> CreateSocket();

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
    void SetDownTarget(IpL4Protocol::DownTargetCallback cb) override;
    void SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb) override;
    IpL4Protocol::DownTargetCallback GetDownTarget() const override;
    IpL4Protocol::DownTargetCallback6 GetDownTarget6() const override;

    /// \name Configuration (attribute values)
    /// @{
    /// \return unscheduled bytes per message (RTTbytes)
    uint32_t GetUnschedBytes() const;
    /**
     * \brief Unscheduled bytes for messages to the hosts of one network (RTTbytes per peer,
     * for fabrics whose round trips differ: within a rack and across spines). The longest
     * matching prefix wins; hosts matched by none use UnschedBytes.
     * \param network the network
     * \param mask its mask
     * \param bytes unscheduled bytes of each message to it
     */
    void SetUnschedBytesFor(Ipv4Address network, Ipv4Mask mask, uint32_t bytes);
    /**
     * \brief The unscheduled bytes of a message to \p peer: its measured round trip times
     * LinkRate (UnschedBytesFromRtt, once measured), else the longest matching
     * SetUnschedBytesFor rule, else UnschedBytes.
     * \param peer the destination
     * \return bytes
     */
    uint32_t GetUnschedBytesFor(Ipv4Address peer);
    /// \return true if UnschedBytes is rounded up to whole packets (UnschedWholePackets)
    bool GetUnschedWholePackets() const;
    /// \return grant window per message in bytes (0: dynamic)
    uint32_t GetWindow() const;
    /// \return the receiver's budget of incoming bytes (MaxIncoming, or its default)
    uint32_t GetMaxIncoming() const;
    /// \return priority levels in use
    uint8_t GetNumPriorities() const;
    /// \return this receiver's unscheduled cutoffs
    const HomaCutoffs::Array& GetCutoffs() const;
    /// \return the version of this receiver's cutoffs
    uint16_t GetCutoffVersion() const;
    /// \return the longest message this node sends or accepts (MaxMessageLength)
    uint32_t GetMaxMessageLength() const;
    /**
     * \brief Install new unscheduled cutoffs; bumps the version so senders learn them.
     * \param cutoffs the cutoffs
     */
    void SetCutoffs(const HomaCutoffs::Array& cutoffs);
    /// @}

    /// \name State inspection
    /// @{
    /// \return the counters of this node
    const HomaMetrics& GetMetrics() const;
    /// \return the number of live RPCs over all sockets
    size_t GetNumRpcs() const;
    /// \return the peer table
    const HomaPeerTable& GetPeers() const;
    /// \return the pacer
    const HomaPacer& GetPacer() const;
    /// \return the grant scheduler
    const HomaGrantScheduler& GetGrantScheduler() const;
    /// @}

    /// \name Used by HomaSocket
    /// @{
    /**
     * \brief Bind a socket to a port.
     * \param socket the socket
     * \param port the port; 0 picks a free port at or above 0x8000
     * \return the port, or 0 if it is taken or none is free
     */
    uint16_t BindSocket(Ptr<HomaSocket> socket, uint16_t port);
    /// \param port a port to release
    void UnbindSocket(uint16_t port);
    /// \return a new client RPC id (2, 4, 6, ...)
    uint64_t AllocateRpcId();
    /**
     * \brief Find the local address and MTU used to reach a destination.
     * \param destination the destination
     * \param[out] source the local address
     * \param[out] mtu the outgoing interface's MTU
     * \return false if there is no route
     */
    bool LookupRoute(Ipv4Address destination, Ipv4Address& source, uint32_t& mtu);
    /**
     * \brief Start sending the outgoing message of an RPC.
     * \param rpc the RPC
     * \param message the message
     * \param mtu MTU toward the peer
     */
    void StartMessage(Ptr<HomaRpc> rpc, Ptr<const Packet> message, uint32_t mtu);
    /**
     * \brief Remove an RPC from the pacer, the grant scheduler and its socket.
     * \param rpc the RPC
     */
    void EndRpc(Ptr<HomaRpc> rpc);
    /// @}

    /// \name Trace signatures
    /// @{
    /**
     * TracedCallback signature for message begin/end.
     * \param record the message
     */
    typedef void (*MessageTracedCallback)(const HomaMessageRecord& record);
    /**
     * TracedCallback signature for packets sent or received.
     * \param packet the packet with its Homa header
     * \param source source address
     * \param destination destination address
     * \param priority priority level (sent packets) or TOS >> 5 (received packets)
     */
    typedef void (*PacketTracedCallback)(Ptr<const Packet> packet,
                                         Ipv4Address source,
                                         Ipv4Address destination,
                                         uint8_t priority);
    /**
     * TracedCallback signature for dropped packets.
     * \param packet the packet as received
     * \param reason why it was dropped
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, const std::string& reason);
    /**
     * TracedCallback signature for GRANTs sent.
     * \param peer the message's sender
     * \param rpcId the client's RPC id
     * \param offset the granted offset
     * \param priority the scheduled priority
     */
    typedef void (*GrantTracedCallback)(Ipv4Address peer,
                                        uint64_t rpcId,
                                        uint32_t offset,
                                        uint8_t priority);
    /**
     * TracedCallback signature for RESENDs sent.
     * \param peer the message's sender
     * \param rpcId the client's RPC id
     * \param offset first byte asked for
     * \param length bytes asked for (0xffffffff: everything sent)
     */
    typedef void (*ResendTracedCallback)(Ipv4Address peer,
                                         uint64_t rpcId,
                                         uint32_t offset,
                                         uint32_t length);
    /// @}

  protected:
    void DoDispose() override;
    void NotifyNewAggregate() override;

  private:
    // What the pacer, the grant scheduler and the timer call back (homa-outgoing.cc;
    // TimeoutRpc and AbortClientRpc in homa-rpc-lifecycle.cc).

    /// \param rpc send the next DATA packet of this RPC's outgoing message
    void TransmitData(Ptr<HomaRpc> rpc);
    /**
     * \brief Send a GRANT.
     * \param rpc the RPC whose incoming message is granted
     * \param offset the granted offset
     * \param priority the scheduled priority
     */
    void SendGrant(Ptr<HomaRpc> rpc, uint32_t offset, uint8_t priority);
    /**
     * \brief Send a RESEND.
     * \param rpc the RPC
     * \param offset first byte wanted
     * \param length bytes wanted (HomaResendHeader::ALL for everything sent)
     */
    void SendResend(Ptr<HomaRpc> rpc, uint32_t offset, uint32_t length);
    /// \param rpc a server RPC whose response is fully sent: ask the client for an ACK
    void SendNeedAck(Ptr<HomaRpc> rpc);
    /// \param rpc abort this RPC after silence
    void TimeoutRpc(Ptr<HomaRpc> rpc);
    /**
     * \brief End a client RPC and report the error to its application.
     * \param rpc the client RPC
     * \param error why it ended
     */
    void AbortClientRpc(Ptr<HomaRpc> rpc, HomaRpcError error);

    /// \return every live RPC over all sockets (the timer's list)
    std::vector<Ptr<HomaRpc>> GetAllRpcs() const;

    /**
     * \brief Attribute getter of a setting held in a member.
     * \tparam T its type \tparam member the member
     * \return its value
     */
    template <typename T, T HomaL4Protocol::*member>
    T GetSetting() const
    {
        return this->*member;
    }

    /**
     * \brief Attribute setter of a grant scheduler setting: the member, then the
     * scheduler's Config.
     * \tparam T its type \tparam member the member
     * \param value the new value
     */
    template <typename T, T HomaL4Protocol::*member>
    void SetGrantSetting(T value)
    {
        this->*member = value;
        ApplyGrantConfig();
    }

    /**
     * \brief Attribute setter of a timer setting: the member, then the timer's Config.
     * \tparam T its type \tparam member the member
     * \param value the new value
     */
    template <typename T, T HomaL4Protocol::*member>
    void SetTimerSetting(T value)
    {
        this->*member = value;
        ApplyTimerConfig();
    }

    /// Give the grant scheduler its Config from the settings (they changed).
    void ApplyGrantConfig();
    /// Give the timer its Config from the settings (they changed).
    void ApplyTimerConfig();

    /**
     * \brief Attribute setter for UnschedCutoffs.
     * \param text eight numbers, cutoffs[0] first
     */
    void SetCutoffsString(std::string text);
    /// \return UnschedCutoffs as text
    std::string GetCutoffsString() const;
    /// \param rate the LinkRate attribute
    void SetLinkRate(DataRate rate);
    /// \param backlog the MaxNicBacklog attribute
    void SetMaxNicBacklog(Time backlog);
    /// \param fraction the PacerFifoFraction attribute
    void SetPacerFifoFraction(uint32_t fraction);
    /// \return the PacerFifoFraction attribute
    uint32_t GetPacerFifoFraction() const;
    /// If LinkRate is 0, take it from the node's devices.
    void ResolveLinkRate();
    /// Run the grant scheduler and trace the number of active messages.
    void UpdateGrants();
    /// Give the timer the current settings and make sure it runs.
    void StartTimer();
    /// Forget idle peers that no RPC needs (HomaPeerTable::Collect with the PeerGc*
    /// attributes); runs at every timer tick and, while the table holds PeerGcThreshold
    /// peers or more, at most once per tick on receipt.
    void CollectPeers();

    /**
     * \param peer a remote host
     * \return when a packet from it last arrived (Time::Min(): never)
     */
    Time GetLastHeard(Ipv4Address peer);

    /// \name Incoming path (homa-incoming.cc)
    /// @{
    /**
     * \brief Count and trace a dropped packet.
     * \param p the packet
     * \param reason why
     */
    void Drop(Ptr<const Packet> p, const std::string& reason);
    /**
     * \brief Handle a DATA packet.
     * \param socket the destination socket
     * \param p the packet, header removed
     * \param h its header
     * \param ip the IP header
     */
    void HandleData(Ptr<HomaSocket> socket,
                    Ptr<Packet> p,
                    const HomaDataHeader& h,
                    const Ipv4Header& ip);
    /**
     * \brief Handle every non-DATA packet that names an RPC.
     * \param socket the destination socket
     * \param p the packet, common header peeked
     * \param common its common header
     * \param ip the IP header
     */
    void HandleControl(Ptr<HomaSocket> socket,
                       Ptr<Packet> p,
                       const HomaCommonHeader& common,
                       const Ipv4Header& ip);
    /**
     * \brief A RESEND for an RPC we have.
     * \param rpc the RPC
     * \param h the RESEND
     */
    void HandleResend(Ptr<HomaRpc> rpc, const HomaResendHeader& h);
    /**
     * \brief Free the server RPCs named by acknowledgements from a client.
     * \param client the client's address
     * \param acks the acks
     */
    void ProcessAcks(Ipv4Address client, const std::vector<HomaAck>& acks);
    /**
     * \brief An incoming message completed: hand it to the application.
     * \param rpc the RPC
     */
    void CompleteInbound(Ptr<HomaRpc> rpc);
    /// @}

    /// \name Outgoing path (homa-outgoing.cc)
    /// @{
    /**
     * \brief Send a control packet.
     * \param header the header (ports, id and type set)
     * \param source local address
     * \param destination remote address
     */
    void SendControl(HomaCommonHeader& header, Ipv4Address source, Ipv4Address destination);
    /// \return true if packets carry checksums (ns-3's ChecksumEnabled, read once)
    bool ChecksumsEnabled();
    /**
     * \brief Fill in the common fields of a control packet for an RPC.
     * \param rpc the RPC
     * \param h the header to fill
     */
    void FillCommon(Ptr<HomaRpc> rpc, HomaCommonHeader& h) const;
    /**
     * \brief Hand a packet to IP at a priority.
     * \param p the packet with its Homa header
     * \param source local address
     * \param destination remote address
     * \param priority priority level
     */
    void SendDown(Ptr<Packet> p, Ipv4Address source, Ipv4Address destination, uint8_t priority);
    /**
     * \brief Send this receiver's CUTOFFS to the sender of an RPC's DATA, with the RPC's id
     * (rate-limited to one per peer per tick).
     * \param rpc the RPC whose DATA carried an old cutoff version
     */
    void SendCutoffs(Ptr<HomaRpc> rpc);
    /**
     * \brief Record that a client RPC ended and acknowledge it to the server (maybe later).
     * \param rpc the client RPC
     */
    void AckClientRpc(Ptr<HomaRpc> rpc);
    /// @}

    Ptr<Node> m_node;                                //!< the node
    IpL4Protocol::DownTargetCallback m_downTarget;   //!< IPv4 send
    IpL4Protocol::DownTargetCallback6 m_downTarget6; //!< IPv6 send (unused)
    std::map<uint16_t, Ptr<HomaSocket>> m_sockets;   //!< bound sockets by port
    std::vector<Ptr<HomaSocket>> m_allSockets;       //!< every socket created
    uint16_t m_nextEphemeral;                        //!< next port to try for Bind()
    uint64_t m_nextRpcId;                            //!< next client RPC id
    uint64_t m_inSequence;                           //!< arrival counter of incoming messages

    uint32_t m_unschedBytes;               //!< UnschedBytes attribute
    bool m_unschedWholePackets;            //!< UnschedWholePackets attribute
    uint32_t m_window{0};                  //!< Window attribute
    uint32_t m_maxIncoming{0};             //!< MaxIncoming attribute
    uint32_t m_grantIncrement{0};          //!< GrantIncrement attribute
    uint32_t m_maxOvercommit{8};           //!< MaxOvercommit attribute
    uint8_t m_numPriorities{8};            //!< NumPriorities attribute
    HomaCutoffs::Array m_cutoffs;          //!< UnschedCutoffs attribute
    uint16_t m_cutoffVersion;              //!< version of m_cutoffs
    DataRate m_linkRate;                   //!< LinkRate attribute
    Time m_maxNicBacklog;                  //!< MaxNicBacklog attribute
    bool m_cacheRoutes;                    //!< CacheRoutes attribute
    int8_t m_checksums{-1};                //!< ChecksumEnabled, -1 until first read
    bool m_assumePeerCutoffs;              //!< AssumePeerCutoffs attribute
    UnschedPriorityBy m_unschedPriorityBy; //!< UnschedPriorityBy attribute
    uint32_t m_boostTailBytes{0};          //!< BoostTailBytes attribute
    bool m_grantInOrder{true};             //!< GrantInOrder attribute
    bool m_boostCeiling{true};             //!< BoostCeiling attribute
    bool m_oneMessagePerPeer{false};       //!< OneMessagePerPeer attribute
    bool m_unschedFromRtt{false};          //!< UnschedBytesFromRtt attribute
    /// SetUnschedBytesFor rules: network, mask, bytes
    std::vector<std::tuple<Ipv4Address, Ipv4Mask, uint32_t>> m_unschedRules;
    uint32_t m_grantFifoFraction{50};     //!< GrantFifoFraction attribute
    uint32_t m_fifoGrantIncrement{50000}; //!< FifoGrantIncrement attribute
    uint32_t m_pacerFifoFraction{50};     //!< PacerFifoFraction attribute
    uint32_t m_incastThreshold{0};        //!< IncastThreshold attribute
    uint16_t m_incastUnschedBytes{100};   //!< IncastUnschedBytes attribute
    uint32_t m_clientRpcsActive{0};       //!< client RPCs started and not ended
    uint32_t m_maxMessageLength;          //!< MaxMessageLength attribute
    Time m_tickInterval{MilliSeconds(1)}; //!< TickInterval attribute
    uint32_t m_resendTicks{5};            //!< ResendTicks attribute
    uint32_t m_resendInterval{5};         //!< ResendInterval attribute
    uint32_t m_timeoutTicks{100};         //!< TimeoutTicks attribute
    uint32_t m_requestAckTicks{2};        //!< RequestAckTicks attribute
    uint32_t m_peerGcThreshold;           //!< PeerGcThreshold attribute
    Time m_peerIdleMin;                   //!< PeerIdleMin attribute
    Time m_peerIdleMax;                   //!< PeerIdleMax attribute
    Time m_lastPeerGc;                    //!< when the peer table was last collected

    HomaPeerTable m_peers;       //!< remote hosts
    HomaPacer m_pacer;           //!< sender SRPT and NIC backlog
    HomaGrantScheduler m_grants; //!< receiver SRPT grants
    HomaTimer m_timer;           //!< resend / timeout / need-ack
    HomaMetrics m_metrics;       //!< counters

    TracedCallback<const HomaMessageRecord&> m_msgBeginTrace; //!< message handed to Homa
    TracedCallback<const HomaMessageRecord&> m_msgEndTrace;   //!< message fully received
    TracedCallback<Ptr<const Packet>, Ipv4Address, Ipv4Address, uint8_t> m_txTrace; //!< sent
    TracedCallback<Ptr<const Packet>, Ipv4Address, Ipv4Address, uint8_t> m_rxTrace; //!< received
    TracedCallback<Ptr<const Packet>, const std::string&> m_dropTrace;              //!< dropped
    TracedCallback<Ipv4Address, uint64_t, uint32_t, uint8_t> m_grantTrace;          //!< grant sent
    TracedCallback<Ipv4Address, uint64_t, uint32_t, uint32_t> m_resendTrace;        //!< resend sent
    TracedValue<uint32_t> m_activeMessages; //!< messages the grant scheduler keeps granted
    TracedValue<uint64_t> m_totalIncoming;  //!< granted but not received bytes
};

} // namespace ns3

#endif /* HOMA_L4_PROTOCOL_H */
