/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef LEAF_SPINE_HELPER_H
#define LEAF_SPINE_HELPER_H

#include "ns3/data-rate.h"
#include "ns3/fabric-routing.h"
#include "ns3/ipv4-address.h"
#include "ns3/leaf-spine-routes.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/object-factory.h"
#include "ns3/queue-disc-container.h"
#include "ns3/queue-size.h"
#include "ns3/queue.h"
#include "ns3/shared-buffer.h"
#include "ns3/traffic-control-helper.h"

#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup fabric
 * \brief Builds the two-level datacenter fabric of the Homa paper's simulations.
 *
 * Racks of hosts, each rack under a ToR switch; every ToR linked to every spine switch.
 * The defaults are the paper's: 9 racks of 16 hosts (144 hosts), 4 spines, 10 Gbps host
 * links, 40 Gbps ToR-spine links (full bisection bandwidth), store-and-forward switches.
 *
 * Delays: the paper's simulator has no propagation delay but 0.25 us of fixed delay per
 * switch egress, 0.5 us of host software time on send and on receive and 0.5 us of NIC
 * think time on send. This fabric folds them into link delays that give the same unloaded
 * one-way latency: 0.875 us on host links (crossed twice by every message: (1.5 + 0.25) / 2,
 * the host times plus the last ToR's delay) and 0.25 us on ToR-spine links (the spine and
 * the first ToR).
 *
 * Routing is FabricRouting on every node (no global route computation): packets of the IP
 * protocol named by SetSprayProtocol are sprayed over the spines packet by packet (Homa's,
 * as in the paper's simulator), and other packets (TCP) are hashed per flow (ECMP).
 *
 * Switches: by default (FAST) every switch is a FabricSwitch, which forwards below IP
 * (no internet stack on the switch nodes: the header's bytes read in place, the TTL
 * decremented, the port chosen from the same table, the packet enqueued on the port's
 * queue); IP_ROUTER gives every switch ns-3's full internet stack and forwards through
 * Ipv4L3Protocol, as routers. Hosts always have the full stack. For the same seed both give
 * the same packets, routes and times (the equality is a test).
 *
 * Port queues: by default each device's own transmit queue is the port's queue (a
 * PriorityDeviceQueue: 8 strict levels from the TOS byte), with no queue disc; SetPortQueue
 * and SetHostQueue choose other Queue<Packet> types, as PointToPointHelper::SetQueue does.
 * SetQueueDiscs puts a queue disc on every port instead (ns-3's usual layering: queue-disc
 * traces, RED/ECN marking), over a device queue of one packet
 * (FabricLinkHelper::LimitDeviceQueues).
 *
 * Links: by default (FABRIC_LINKS) FabricNetDevice and FabricChannel, which send the
 * same PPP frames at the same times as ns-3's point-to-point devices (POINT_TO_POINT) with
 * less work per packet; the two give the same run for the same seed (a test).
 *
 * \code
 *   LeafSpineHelper fabric;          // or SetRacks(2), SetHostsPerRack(4), ...
 *   HomaHelper::ConfigureFabric(fabric, QueueSize("1000p"), false); // Homa's ports, spraying
 *   fabric.Install();
 *   HomaHelper homa;
 *   homa.Install(fabric.GetHosts());
 * \endcode
 */
class LeafSpineHelper
{
  public:
    /// How the switches forward.
    enum Switches
    {
        FAST,      //!< FabricSwitch: below IP, no internet stack on the switches
        IP_ROUTER, //!< ns-3's internet stack on every switch, forwarding through IP
    };

    /// The links' devices and channels.
    enum Links
    {
        FABRIC_LINKS,   //!< FabricNetDevice / FabricChannel (FabricLinkHelper):
                        //!< the same frames, timing and results, less work per packet
        POINT_TO_POINT, //!< ns-3's PointToPointNetDevice / PointToPointChannel
    };

    LeafSpineHelper();

    /// \param racks number of racks (ToR switches)
    void SetRacks(uint32_t racks);
    /// \param hosts hosts per rack
    void SetHostsPerRack(uint32_t hosts);
    /**
     * \brief Place hosts unevenly instead: host i goes to rack rackOf[i] (racks: the largest
     * entry + 1; overrides SetRacks and SetHostsPerRack). Within a rack, hosts keep their
     * index order (addresses 10.r.k.1 for the k-th host of rack r).
     * \param rackOf the rack of each host
     */
    void SetHostRacks(const std::vector<uint32_t>& rackOf);
    /// \param spines number of spine switches
    void SetSpines(uint32_t spines);
    /// \param rate rate of the host links
    void SetHostRate(DataRate rate);
    /// \param rate rate of the ToR-spine links
    void SetFabricRate(DataRate rate);
    /// \param delay propagation delay of host-ToR links
    void SetHostLinkDelay(Time delay);
    /// \param delay propagation delay of ToR-spine links
    void SetFabricLinkDelay(Time delay);
    /**
     * \brief Give each ToR-spine link an extra delay of its own, drawn from a fixed hash of
     * the link's index into [1 time step, skew] (default 0: none).
     *
     * ns-3 orders events of the same time by when they were scheduled, and a packet that
     * crosses MPI ranks is scheduled when MPI delivers it, so two packets reaching a node in
     * the same instant over different links may be taken in another order than serially
     * (doc/fabric.rst, "Same-time ties"). With distinct extra delays far finer than a byte
     * time, packets over different fabric links no longer arrive in the same instant, and a
     * distributed run reproduces the serial one event for event. The skew must span many
     * time steps: call Time::SetResolution (Time::FS) before any simulation object exists.
     * \param skew the largest extra delay; 0 for none
     */
    void SetFabricLinkSkew(Time skew);
    /**
     * \brief The transmit queue of every switch port (default ns3::PriorityDeviceQueue with
     * its default size), used unless SetQueueDiscs is called.
     * \tparam Ts attribute name and value pairs
     * \param type a Queue<Packet> type
     * \param args its attributes
     */
    template <typename... Ts>
    void SetPortQueue(std::string type, Ts&&... args);
    /**
     * \brief The transmit queue of every host NIC (default ns3::PriorityDeviceQueue), used
     * unless SetQueueDiscs is called.
     * \tparam Ts attribute name and value pairs
     * \param type a Queue<Packet> type (e.g. ns3::HomaNicQueue)
     * \param args its attributes
     */
    template <typename... Ts>
    void SetHostQueue(std::string type, Ts&&... args);
    /**
     * \brief Put a queue disc on every port instead of device queues.
     * \param hostNic the root queue disc of each host NIC
     * \param hostPort that of each ToR port facing a host
     * \param fabricPort that of each ToR-spine port (both ends)
     */
    void SetQueueDiscs(const TrafficControlHelper& hostNic,
                       const TrafficControlHelper& hostPort,
                       const TrafficControlHelper& fabricPort);
    /// \return whether the ports have queue discs (SetQueueDiscs) rather than device queues
    bool UsesQueueDiscs() const;
    /**
     * \brief Give every switch one buffer shared by its egress ports (a SharedBuffer, here
     * configured; aggregated to the switch's node), instead of a buffer per port. With
     * device queues (the default) the switch ports' queues must be PriorityDeviceQueues;
     * with SetQueueDiscs each switch port's queue disc must take one internal queue (RED,
     * FIFO), and gets a SharedBufferQueue of the disc's MaxSize. Set the ports' sizes large
     * enough for the buffer to be the limit.
     * \tparam Ts attribute name and value pairs
     * \param type a SharedBuffer type (ns3::SharedBuffer)
     * \param args its attributes, e.g. "Size", UintegerValue(13200000)
     */
    template <typename... Ts>
    void SetSharedBuffer(std::string type, Ts&&... args);
    /**
     * \param node a switch
     * \return its shared buffer (null without SetSharedBuffer)
     */
    static Ptr<SharedBuffer> GetSharedBuffer(Ptr<Node> node);
    /// \param balance how switches choose among the spines (default SPRAY_PROTOCOL)
    void SetBalance(FabricRouting::Balance balance);
    /// \param protocol the IP protocol sprayed with SPRAY_PROTOCOL (default 0: none)
    void SetSprayProtocol(uint8_t protocol);
    /// \param switches how the switches forward (default FAST)
    void SetSwitches(Switches switches);
    /// \param links the devices and channels of every link (default FABRIC_LINKS)
    void SetLinks(Links links);
    /**
     * \param device a device of the fabric (either kind of Links)
     * \return its transmit queue (the port's queue unless SetQueueDiscs was called); null
     *         for a device without one (loopback)
     */
    static Ptr<QueueBase> DeviceQueue(Ptr<NetDevice> device);
    /**
     * \brief Capture a device's frames (sent and received) in a pcap file (DLT_PPP), as
     * PointToPointHelper::EnablePcap does, for either kind of Links.
     * \param prefix the file name's prefix (-node-device.pcap is appended), or with
     *        explicitFilename the file's name
     * \param device a device of the fabric, e.g. a host's NIC (its device 1)
     * \param explicitFilename prefix is the whole name
     */
    void EnablePcap(std::string prefix, Ptr<NetDevice> device, bool explicitFilename = false);

    /**
     * \brief Partition the fabric over MPI ranks (distributed simulation, MpiRankHelper).
     *
     * Each rack (its ToR and hosts) goes to one rank, in contiguous blocks of racks (rack r
     * to rank r x ranks / racks); the spines then go, one by one, to the rank with the least
     * work so far (SpineRanks). Only ToR-spine links cross ranks, so the lookahead is the
     * fabric link delay, and host links stay inside a rank. Node ids, addresses and random
     * streams do not depend on the partition.
     * \param ranks the number of ranks, at most the number of racks; 0 (the default):
     *        MpiRankHelper::GetSize() when Install runs (1 when MPI is not enabled)
     */
    void SetRanks(uint32_t ranks);
    /**
     * \param rack a rack \param racks racks \param ranks ranks
     * \return the rank that simulates the rack's ToR and hosts
     */
    static uint32_t RackRank(uint32_t rack, uint32_t racks, uint32_t ranks);
    /**
     * \brief Place the spines to even out the ranks' work.
     *
     * The work is estimated from the events a packet causes in this fabric (measured: a
     * data packet and its grant cost about 7 events at each end's host and ToR together,
     * and 2 at the spine for each direction): a rack weighs 14 units per host, a spine 4
     * units per host of the fabric over the number of spines. Each spine in turn goes to
     * the rank with the least weight (ties: the lowest rank).
     * \param hostsPerRank hosts of the racks of each rank
     * \param spines spines
     * \return the rank of each spine
     */
    static std::vector<uint32_t> SpineRanks(const std::vector<uint32_t>& hostsPerRank,
                                            uint32_t spines);
    /// \return the ranks the fabric was partitioned over (after Install)
    uint32_t GetRanks() const;

    /// Create the nodes (with the internet stack), links, port queues, addresses and routes:
    /// CreateNodes, InstallSwitching, CreateLinks, AssignAddresses, AddRoutes.
    void Install();

    /**
     * \brief Fix the random streams of the fabric (internet stack, spraying, RED marking).
     * \param stream first stream index
     * \return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

    /// \return the hosts, rack by rack
    NodeContainer GetHosts() const;
    /// \return the ToR switches
    NodeContainer GetTors() const;
    /// \return the spine switches
    NodeContainer GetSpines() const;
    /// \return every switch port's queue disc
    QueueDiscContainer GetSwitchQueueDiscs() const;
    /// \return the queue discs of the host NICs
    QueueDiscContainer GetHostQueueDiscs() const;
    /// \param host host index \return its address
    Ipv4Address GetHostAddress(uint32_t host) const;
    /// \param host host index \return its rack
    uint32_t GetRack(uint32_t host) const;
    /// \return the number of hosts
    uint32_t GetNHosts() const;
    /// \return the host link rate
    DataRate GetHostRate() const;
    /// \return the ToR-spine link rate
    DataRate GetFabricRate() const;
    /// \return the host link delay
    Time GetHostLinkDelay() const;
    /// \return the ToR-spine link delay
    Time GetFabricLinkDelay() const;
    /**
     * \param node a node of the fabric
     * \return its FabricRouting (a host's, an IP router's or a FabricSwitch's)
     */
    static Ptr<FabricRouting> GetFabricRouting(Ptr<Node> node);

    /**
     * \brief The time between a ToR-spine link's failure (or repair) on the wire and in the
     * switches' routes (LeafSpineRoutes). Call before or after Install.
     * \param delay the detection time (default 1 ms)
     */
    void SetFaultDetection(Time delay);
    /**
     * \brief Fail a ToR-spine link during the run and bring it back (after Install).
     *
     * From `down` the wire loses every frame sent into it, in both directions; the switches
     * stop routing over it one detection time later (SetFaultDetection). From `up` it carries
     * frames again, and the routes take it back one detection time later. Needs FABRIC_LINKS.
     * \param rack the ToR
     * \param spine the spine
     * \param down when it fails (simulation time, not before now)
     * \param up when it comes back (after down; Time::Max(): never)
     */
    void ScheduleLinkFault(uint32_t rack, uint32_t spine, Time down, Time up);
    /**
     * \brief Fail a whole spine: ScheduleLinkFault on each of its links.
     * \param spine the spine \param down when it fails \param up when it comes back
     */
    void ScheduleSpineFault(uint32_t spine, Time down, Time up);
    /**
     * \brief Schedule faults written as text (after Install): a comma-separated list of
     * link:RACK:SPINE:DOWN:UP (ScheduleLinkFault) and spine:SPINE:DOWN:UP
     * (ScheduleSpineFault), times in ms, UP "never" for a fault that lasts. Aborts with a
     * message on anything else.
     * \param spec the list, e.g. "link:0:0:5:15,spine:1:20:never"
     */
    void ScheduleFaults(const std::string& spec);
    /// \return the switches' routes (after Install): link states, frames lost on dead links
    Ptr<LeafSpineRoutes> GetRoutes() const;

  private:
    /// Hosts, ToRs and spines, each on its MPI rank (node ids: hosts, ToRs, spines).
    void CreateNodes();
    /// The internet stack on the hosts; a FabricSwitch (or the stack) on the switches.
    void InstallSwitching();
    /// The host links, then the ToR-spine links, with their port queues.
    void CreateLinks();
    /// Host addresses (and IP routers' addresses); switch ports in the same order.
    void AssignAddresses();
    /// Host default routes, ToR and spine prefix routes.
    void AddRoutes();
    /**
     * \param a the device on the one end
     * \param b the device on the other end
     * \param tchA its queue disc \param tchB the other end's
     * \param qdiscA where a's queue disc goes \param qdiscB where b's goes
     */
    void InstallQueueDiscs(Ptr<NetDevice> a,
                           Ptr<NetDevice> b,
                           const TrafficControlHelper& tchA,
                           const TrafficControlHelper& tchB,
                           QueueDiscContainer& qdiscA,
                           QueueDiscContainer& qdiscB) const;
    /**
     * \param node a node
     * \return a FabricRouting added to its Ipv4ListRouting
     */
    Ptr<FabricRouting> AddRouting(Ptr<Node> node) const;
    /// With DEVICE_QUEUES, remove the queue discs ns-3 installs by default. \param devices them
    void RemoveDefaultQueueDiscs(NetDeviceContainer devices) const;

    uint32_t m_racks;        //!< racks
    uint32_t m_hostsPerRack; //!< hosts per rack
    uint32_t m_spines;       //!< spines
    DataRate m_hostRate;     //!< host link rate
    DataRate m_fabricRate;   //!< fabric link rate
    Time m_hostDelay;        //!< host link delay
    Time m_fabricDelay;      //!< fabric link delay
    Time m_fabricSkew;       //!< largest extra delay of a fabric link (SetFabricLinkSkew)
    /**
     * \brief With SetSharedBuffer, make a switch port's queue take its bytes from its
     * switch's buffer (created on first use).
     * \param device a switch port
     */
    void AttachSharedBuffer(Ptr<NetDevice> device);

    ObjectFactory m_bufferFactory;                //!< switches' shared buffers
    bool m_sharedBuffer{false};                   //!< SetSharedBuffer was called
    ObjectFactory m_portQueue;                    //!< switch ports' device queues
    ObjectFactory m_hostQueue;                    //!< host NICs' device queues
    bool m_queueDiscs;                            //!< queue discs instead of device queues
    TrafficControlHelper m_hostNicTch;            //!< host NICs' queue discs
    TrafficControlHelper m_hostPortTch;           //!< ToR ports facing hosts
    TrafficControlHelper m_fabricPortTch;         //!< ToR-spine ports
    FabricRouting::Balance m_balance;             //!< spine choice
    uint8_t m_sprayProtocol;                      //!< IP protocol sprayed
    Switches m_switches;                          //!< switch forwarding
    Links m_links;                                //!< device and channel type
    uint32_t m_ranks;                             //!< MPI ranks (0: MpiRankHelper::GetSize())
    Time m_detection;                             //!< SetFaultDetection
    Ptr<LeafSpineRoutes> m_routes;                //!< the switches' routes (after Install)
    NodeContainer m_hosts;                        //!< hosts
    NodeContainer m_tors;                         //!< ToRs
    NodeContainer m_spinesNodes;                  //!< spines
    QueueDiscContainer m_switchQdiscs;            //!< switch ports
    QueueDiscContainer m_hostQdiscs;              //!< host NICs
    std::vector<Ipv4Address> m_addresses;         //!< host addresses
    std::vector<uint32_t> m_rackOf;               //!< rack of each host
    std::vector<std::vector<uint32_t>> m_members; //!< hosts of each rack
    std::vector<NetDeviceContainer> m_hostLinks;  //!< host device, ToR device
    std::vector<std::vector<NetDeviceContainer>> m_fabricLinks; //!< [rack][spine]
};

template <typename... Ts>
void
LeafSpineHelper::SetPortQueue(std::string type, Ts&&... args)
{
    QueueBase::AppendItemTypeIfNotPresent(type, "Packet");
    m_portQueue.SetTypeId(type);
    m_portQueue.Set(std::forward<Ts>(args)...);
}

template <typename... Ts>
void
LeafSpineHelper::SetSharedBuffer(std::string type, Ts&&... args)
{
    m_bufferFactory.SetTypeId(type);
    m_bufferFactory.Set(std::forward<Ts>(args)...);
    m_sharedBuffer = true;
}

template <typename... Ts>
void
LeafSpineHelper::SetHostQueue(std::string type, Ts&&... args)
{
    QueueBase::AppendItemTypeIfNotPresent(type, "Packet");
    m_hostQueue.SetTypeId(type);
    m_hostQueue.Set(std::forward<Ts>(args)...);
}

} // namespace ns3

#endif /* LEAF_SPINE_HELPER_H */
