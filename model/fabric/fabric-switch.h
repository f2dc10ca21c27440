/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef FABRIC_SWITCH_H
#define FABRIC_SWITCH_H

#include "fabric-wire.h"

#include "ns3/address.h"
#include "ns3/header.h"
#include "ns3/object.h"
#include "ns3/queue-item.h"
#include "ns3/traced-callback.h"

#include <array>
#include <vector>

namespace ns3
{

class FabricRouting;
class NetDevice;
class Node;
class Packet;
class QueueDisc;

/**
 * \ingroup fabric
 * \brief An IPv4 header carried as its bytes: what FabricSwitch puts back in front of a
 * packet it forwards, without parsing or re-serialising the fields.
 *
 * Its instance TypeId is Ipv4Header's, so that packet metadata (printing, checks) treats the
 * bytes as the IPv4 header they are.
 */
class FabricIpv4HeaderBytes : public Header
{
  public:
    /// Longest IPv4 header (IHL 15).
    static constexpr uint32_t MAX_SIZE = FabricWire::IPV4_MAX_HEADER;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    FabricIpv4HeaderBytes();
    /**
     * \param bytes the header's bytes \param size how many (20 to 60)
     */
    FabricIpv4HeaderBytes(const uint8_t* bytes, uint32_t size);

    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

  private:
    std::array<uint8_t, MAX_SIZE> m_bytes; //!< the header
    uint32_t m_size;                       //!< its length
};

/**
 * \ingroup fabric
 * \brief A packet queued at a FabricSwitch port: the payload, and the IPv4 header as bytes
 * (TTL already decremented), written back in front when the queue disc hands the packet to
 * the device. The queue discs see what they see of an Ipv4QueueDiscItem: the size with the
 * header, the DS field (priority), ECN marking, a 5-tuple hash.
 */
class FabricQueueDiscItem : public QueueDiscItem
{
  public:
    /**
     * \param payload the packet without its IPv4 header
     * \param address the link-layer destination
     * \param header the IPv4 header's bytes \param headerSize their number (20 to 60)
     */
    FabricQueueDiscItem(Ptr<Packet> payload,
                        const Address& address,
                        const uint8_t* header,
                        uint32_t headerSize);

    uint32_t GetSize() const override;
    void AddHeader() override;
    bool Mark() override;
    bool GetUint8Value(Uint8Values field, uint8_t& value) const override;
    uint32_t Hash(uint32_t perturbation) const override;
    void Print(std::ostream& os) const override;

    /// \return the IP protocol number of the packet
    uint8_t GetIpProtocol() const;

    /**
     * \brief Recompute the IPv4 header checksum in place (when ns-3's ChecksumEnabled is set).
     * \param header the header's bytes \param size their number
     */
    static void UpdateChecksum(uint8_t* header, uint32_t size);

  private:
    std::array<uint8_t, FabricIpv4HeaderBytes::MAX_SIZE> m_header; //!< IPv4 header bytes
    uint32_t m_headerSize;                                         //!< their number
    bool m_headerAdded;                                            //!< written to the packet
};

/**
 * \ingroup fabric
 * \brief A datacenter switch that forwards IPv4 below IP, for LeafSpineHelper's fast
 * fabric.
 *
 * The switch node has no internet stack: every port's device hands its packets straight to
 * the switch, which reads the IPv4 header's bytes in place (version, length, TTL, protocol,
 * addresses and the transport ports), drops what it cannot forward (counted and traced),
 * decrements the TTL, picks the egress port with a FabricRouting table (prefixes,
 * spraying or flow hashing, the same choices and random draws as the IP-router fabric) and
 * enqueues the packet on that port's queue disc (or the device's own queue). No
 * Ipv4L3Protocol, routing-protocol chain, route object or header re-serialisation per hop;
 * the ports' queue discs, device queues, traces and captures work as on any ns-3 node.
 */
class FabricSwitch : public Object
{
  public:
    /// Why a packet was not forwarded.
    enum DropReason
    {
        NOT_IPV4,    //!< not an IPv4 packet (link-layer protocol or version)
        MALFORMED,   //!< shorter than its header, or a header length below 20 bytes
        TTL_EXPIRED, //!< TTL 1 or 0 on arrival
        NO_ROUTE,    //!< no prefix matches the destination
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    FabricSwitch();
    ~FabricSwitch() override;

    /**
     * \brief Take over a device of the switch's node as the next port: its received packets
     * come here. Ports are numbered from 1 in the order they are added, as the interfaces of
     * an IP router with the same links would be (the routing table uses these numbers).
     * \param device a device of the node this switch is aggregated to
     * \return the port's number
     */
    uint32_t AddPort(Ptr<NetDevice> device);

    /// \return the routing table (prefixes to port numbers, load balancing)
    Ptr<FabricRouting> GetRouting() const;

    /// \return packets forwarded
    uint64_t GetForwarded() const;
    /**
     * \param reason a drop reason
     * \return packets dropped for it
     */
    uint64_t GetDropped(DropReason reason) const;

    /**
     * TracedCallback signature for forwarded packets.
     * \param packet the packet as received (IPv4 header in front, TTL not yet decremented)
     * \param in the port it came in on \param out the port it leaves by
     */
    typedef void (*ForwardTracedCallback)(Ptr<const Packet> packet, uint32_t in, uint32_t out);
    /**
     * TracedCallback signature for dropped packets.
     * \param packet the packet as received \param reason why it was dropped
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, DropReason reason);

  protected:
    void DoDispose() override;
    void NotifyNewAggregate() override;

  private:
    /// One port.
    struct Port
    {
        Ptr<NetDevice> device; //!< the device
        Address broadcast;     //!< its link-layer destination for every packet
        Ptr<QueueDisc> qdisc;  //!< its root queue disc (found at the first packet)
        bool looked{false};    //!< qdisc looked up
    };

    /**
     * \brief A device's receive callback.
     * \param device the port \param packet the packet \param protocol link-layer protocol
     * \param from the sender's link-layer address
     * \return true (the packet is consumed)
     */
    bool Receive(Ptr<NetDevice> device,
                 Ptr<const Packet> packet,
                 uint16_t protocol,
                 const Address& from);
    /// Count and trace a drop. \param packet it \param reason why
    void Drop(Ptr<const Packet> packet, DropReason reason);

    Ptr<Node> m_node;                     //!< the switch's node
    Ptr<FabricRouting> m_routing;         //!< prefixes and balancing
    std::vector<Port> m_ports;            //!< port n is m_ports[n - 1]
    std::vector<uint32_t> m_portOfDevice; //!< node device index -> port (0: none)
    uint64_t m_forwarded;                 //!< packets forwarded
    std::array<uint64_t, 4> m_dropped;    //!< drops by reason
    TracedCallback<Ptr<const Packet>, uint32_t, uint32_t> m_forwardTrace; //!< forwarded
    TracedCallback<Ptr<const Packet>, DropReason> m_dropTrace;            //!< dropped
};

} // namespace ns3

#endif /* FABRIC_SWITCH_H */
