/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef FABRIC_ROUTING_H
#define FABRIC_ROUTING_H

#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ns3-version-compat.h"
#include "ns3/random-variable-stream.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup fabric
 * \brief Routing for a datacenter fabric: a small prefix table whose entries may name
 * several equal-cost interfaces, and a choice among them per packet or per flow.
 *
 * Ipv4GlobalRouting offers only "first route" or per-packet random choice, and scans its
 * whole route list for every packet. A leaf-spine fabric needs less and more: a handful of
 * prefixes per switch (LeafSpineHelper fills them in), and a load-balancing policy that
 * suits the transport: a transport that tolerates reordering can have its packets sprayed
 * over the spines packet by packet (SprayProtocol names its IP protocol number), while TCP
 * needs every packet of a connection on one path, so its packets are hashed on the 5-tuple
 * (ECMP).
 *
 * The longest matching prefix wins; among its interfaces, Balance decides. This protocol
 * sits in a node's Ipv4ListRouting above static and global routing and relies on it for
 * local delivery (Ipv4ListRouting delivers packets for the node's own addresses before it
 * asks any routing protocol).
 */
class FabricRouting : public Ipv4RoutingProtocol
{
  public:
    /// How a packet chooses among the equal-cost interfaces of a route.
    enum Balance
    {
        SPRAY_PROTOCOL, //!< packets of IP protocol SprayProtocol sprayed, others hashed per flow
        SPRAY_ALL,      //!< every packet sprayed at random
        FLOW_HASH,      //!< every packet hashed on (source, destination, protocol, ports)
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    FabricRouting();
    ~FabricRouting() override;

    /**
     * \brief Add a route.
     * \param network destination network
     * \param mask its mask
     * \param interfaces the node's interfaces that reach it at equal cost (at least one)
     */
    void AddRoute(Ipv4Address network, Ipv4Mask mask, std::vector<uint32_t> interfaces);

    /// \brief Remove every route (LeafSpineHelper rebuilds a switch's routes this way when
    /// the fabric's links change).
    void ClearRoutes();

    /**
     * \brief Choose the outgoing interface for a packet (exposed for tests).
     * \param header the packet's IP header
     * \param l4 the first bytes of the transport header (ports in the first four), may be
     *        null
     * \return the interface index, or -1 if no route matches
     */
    int32_t Lookup(const Ipv4Header& header, Ptr<const Packet> l4);

    /**
     * \brief Choose the outgoing interface from the header's fields (what FabricSwitch
     * reads from the bytes in place).
     * \param source the packet's source address
     * \param destination its destination address
     * \param protocol its IP protocol number
     * \param ports the first four bytes of the transport header (zero if absent)
     * \return the interface index, or -1 if no route matches
     */
    int32_t Lookup(Ipv4Address source, Ipv4Address destination, uint8_t protocol, uint32_t ports);

    /**
     * \brief The node id mixed into the flow hash when HashSalt is 0 (set by SetIpv4; a
     * FabricSwitch, which has no IPv4, sets it here).
     * \param id the node's id
     */
    void SetNodeId(uint32_t id);

    /**
     * \brief Fix the random stream used for spraying.
     * \param stream the stream index
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    // Ipv4RoutingProtocol
    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    NS3_COMPAT_ROUTE_CALLBACK(UnicastForwardCallback) ucb,
                    NS3_COMPAT_ROUTE_CALLBACK(MulticastForwardCallback) mcb,
                    NS3_COMPAT_ROUTE_CALLBACK(LocalDeliverCallback) lcb,
                    NS3_COMPAT_ROUTE_CALLBACK(ErrorCallback) ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

  protected:
    void DoDispose() override;

  private:
    /// One prefix and its equal-cost interfaces.
    struct Entry
    {
        Ipv4Address network;              //!< destination network
        Ipv4Mask mask;                    //!< its mask
        std::vector<uint32_t> interfaces; //!< equal-cost interfaces
    };

    /// A slot of a prefix length's open-addressing table: a network and its route.
    struct Slot
    {
        uint32_t network; //!< the masked destination
        uint32_t first;   //!< the route's first interface in m_interfaces
        uint32_t count;   //!< its interfaces (0: empty slot)
    };

    /// The routes of one prefix length, hashed on the masked destination.
    struct Level
    {
        uint32_t mask;           //!< the prefix length's mask
        std::vector<Slot> slots; //!< power-of-two table, linear probing
    };

    /// Rebuild m_levels and m_interfaces from m_entries.
    void BuildTables();

    /**
     * \param interface an interface index
     * \param destination the packet's destination
     * \return a route out of that interface
     */
    Ptr<Ipv4Route> MakeRoute(uint32_t interface, Ipv4Address destination) const;

    Ptr<Ipv4> m_ipv4;                   //!< the node's IPv4
    std::vector<Entry> m_entries;       //!< longest prefix first, earlier first when equal
    std::vector<Level> m_levels;        //!< longest prefix first: what Lookup reads
    std::vector<uint32_t> m_interfaces; //!< every route's interfaces, one after another
    Balance m_balance;                  //!< load-balancing policy
    uint32_t m_salt;                    //!< HashSalt attribute
    uint8_t m_sprayProtocol;            //!< SprayProtocol attribute
    uint32_t m_nodeId;                  //!< the node's id: the salt when HashSalt is 0
    Ptr<UniformRandomVariable> m_spray; //!< spraying choice
};

} // namespace ns3

#endif /* FABRIC_ROUTING_H */
