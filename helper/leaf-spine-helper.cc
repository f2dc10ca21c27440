/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "leaf-spine-helper.h"

#include "fabric-link-helper.h"
#include "mpi-rank-helper.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/fabric-channel.h"
#include "ns3/fabric-switch.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/pointer.h"
#include "ns3/priority-device-queue.h"
#include "ns3/red-queue-disc.h"
#include "ns3/shared-buffer-queue.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/traffic-control-helper.h"
#include "ns3/traffic-control-layer.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ns3
{

LeafSpineHelper::LeafSpineHelper()
    : m_racks(9),
      m_hostsPerRack(16),
      m_spines(4),
      m_hostRate("10Gbps"),
      m_fabricRate("40Gbps"),
      m_hostDelay(NanoSeconds(875)),
      m_fabricDelay(NanoSeconds(250)),
      m_fabricSkew(0),
      m_queueDiscs(false),
      m_balance(FabricRouting::SPRAY_PROTOCOL),
      m_sprayProtocol(0),
      m_switches(FAST),
      m_links(FABRIC_LINKS),
      m_ranks(0),
      m_detection(MilliSeconds(1))
{
    SetPortQueue("ns3::PriorityDeviceQueue");
    SetHostQueue("ns3::PriorityDeviceQueue");
}

void
LeafSpineHelper::SetRacks(uint32_t racks)
{
    m_racks = racks;
}

void
LeafSpineHelper::SetHostsPerRack(uint32_t hosts)
{
    m_hostsPerRack = hosts;
}

void
LeafSpineHelper::SetHostRacks(const std::vector<uint32_t>& rackOf)
{
    NS_ABORT_MSG_IF(rackOf.empty(), "LeafSpineHelper::SetHostRacks: no hosts");
    m_rackOf = rackOf;
    m_racks = *std::max_element(rackOf.begin(), rackOf.end()) + 1;
}

void
LeafSpineHelper::SetSpines(uint32_t spines)
{
    m_spines = spines;
}

void
LeafSpineHelper::SetHostRate(DataRate rate)
{
    m_hostRate = rate;
}

void
LeafSpineHelper::SetFabricRate(DataRate rate)
{
    m_fabricRate = rate;
}

void
LeafSpineHelper::SetHostLinkDelay(Time delay)
{
    m_hostDelay = delay;
}

void
LeafSpineHelper::SetFabricLinkDelay(Time delay)
{
    m_fabricDelay = delay;
}

void
LeafSpineHelper::SetFabricLinkSkew(Time skew)
{
    NS_ABORT_MSG_IF(skew.IsStrictlyNegative(), "SetFabricLinkSkew: the skew is negative");
    NS_ABORT_MSG_IF(skew.IsStrictlyPositive() && skew.GetTimeStep() < 1000,
                    "SetFabricLinkSkew: a skew of " << skew.GetTimeStep()
                                                    << " time steps leaves too few distinct "
                                                       "delays; call Time::SetResolution "
                                                       "(Time::FS) first");
    m_fabricSkew = skew;
}

void
LeafSpineHelper::SetQueueDiscs(const TrafficControlHelper& hostNic,
                               const TrafficControlHelper& hostPort,
                               const TrafficControlHelper& fabricPort)
{
    m_queueDiscs = true;
    m_hostNicTch = hostNic;
    m_hostPortTch = hostPort;
    m_fabricPortTch = fabricPort;
}

bool
LeafSpineHelper::UsesQueueDiscs() const
{
    return m_queueDiscs;
}

void
LeafSpineHelper::SetBalance(FabricRouting::Balance balance)
{
    m_balance = balance;
}

void
LeafSpineHelper::SetSprayProtocol(uint8_t protocol)
{
    m_sprayProtocol = protocol;
}

void
LeafSpineHelper::SetSwitches(Switches switches)
{
    m_switches = switches;
}

void
LeafSpineHelper::SetLinks(Links links)
{
    m_links = links;
}

void
LeafSpineHelper::SetRanks(uint32_t ranks)
{
    m_ranks = ranks;
}

uint32_t
LeafSpineHelper::RackRank(uint32_t rack, uint32_t racks, uint32_t ranks)
{
    return static_cast<uint32_t>(static_cast<uint64_t>(rack) * ranks / racks);
}

std::vector<uint32_t>
LeafSpineHelper::SpineRanks(const std::vector<uint32_t>& hostsPerRank, uint32_t spines)
{
    uint64_t hosts = 0;
    std::vector<uint64_t> weight;
    for (uint32_t h : hostsPerRank)
    {
        hosts += h;
        weight.push_back(14 * static_cast<uint64_t>(h) * spines);
    }
    // In units of 1/spines, so that a spine's share stays whole: 4 x hosts.
    std::vector<uint32_t> rankOf;
    for (uint32_t s = 0; s < spines; ++s)
    {
        auto least = std::min_element(weight.begin(), weight.end());
        *least += 4 * hosts;
        rankOf.push_back(static_cast<uint32_t>(least - weight.begin()));
    }
    return rankOf;
}

uint32_t
LeafSpineHelper::GetRanks() const
{
    return m_ranks == 0 ? MpiRankHelper::GetSize() : m_ranks;
}

Ptr<QueueBase>
LeafSpineHelper::DeviceQueue(Ptr<NetDevice> device)
{
    PointerValue queue;
    if (!device->GetAttributeFailSafe("TxQueue", queue))
    {
        return nullptr; // a loopback device
    }
    return queue.Get<QueueBase>();
}

void
LeafSpineHelper::EnablePcap(std::string prefix, Ptr<NetDevice> device, bool explicitFilename)
{
    if (m_links == FABRIC_LINKS)
    {
        FabricLinkHelper().EnablePcap(prefix, device, false, explicitFilename);
    }
    else
    {
        PointToPointHelper().EnablePcap(prefix, device, false, explicitFilename);
    }
}

void
LeafSpineHelper::RemoveDefaultQueueDiscs(NetDeviceContainer devices) const
{
    if (m_queueDiscs)
    {
        return;
    }
    // Ipv4AddressHelper::Assign installs ns-3's default queue disc where there is none.
    for (uint32_t i = 0; i < devices.GetN(); ++i)
    {
        Ptr<TrafficControlLayer> tc = devices.Get(i)->GetNode()->GetObject<TrafficControlLayer>();
        if (tc && tc->GetRootQueueDiscOnDevice(devices.Get(i)))
        {
            tc->DeleteRootQueueDiscOnDevice(devices.Get(i));
        }
    }
}

void
LeafSpineHelper::InstallQueueDiscs(Ptr<NetDevice> a,
                                   Ptr<NetDevice> b,
                                   const TrafficControlHelper& tchA,
                                   const TrafficControlHelper& tchB,
                                   QueueDiscContainer& qdiscA,
                                   QueueDiscContainer& qdiscB) const
{
    for (Ptr<NetDevice> device : {a, b})
    {
        Ptr<TrafficControlLayer> tc = device->GetNode()->GetObject<TrafficControlLayer>();
        if (tc->GetRootQueueDiscOnDevice(device))
        {
            tc->DeleteRootQueueDiscOnDevice(device);
        }
    }
    // Each helper is copied: Install is not const.
    qdiscA.Add(TrafficControlHelper(tchA).Install(a));
    qdiscB.Add(TrafficControlHelper(tchB).Install(b));
    FabricLinkHelper::LimitDeviceQueues(NetDeviceContainer(a, b));
}

Ptr<FabricRouting>
LeafSpineHelper::AddRouting(Ptr<Node> node) const
{
    Ptr<Ipv4ListRouting> list =
        DynamicCast<Ipv4ListRouting>(node->GetObject<Ipv4>()->GetRoutingProtocol());
    NS_ABORT_MSG_UNLESS(list, "LeafSpineHelper: expected Ipv4ListRouting on every node");
    Ptr<FabricRouting> routing = CreateObject<FabricRouting>();
    routing->SetAttribute("Balance", EnumValue(m_balance));
    routing->SetAttribute("SprayProtocol", UintegerValue(m_sprayProtocol));
    list->AddRoutingProtocol(routing, 20);
    return routing;
}

Ptr<FabricRouting>
LeafSpineHelper::GetFabricRouting(Ptr<Node> node)
{
    if (Ptr<FabricSwitch> sw = node->GetObject<FabricSwitch>())
    {
        return sw->GetRouting();
    }
    Ptr<Ipv4ListRouting> list =
        DynamicCast<Ipv4ListRouting>(node->GetObject<Ipv4>()->GetRoutingProtocol());
    for (uint32_t k = 0; list && k < list->GetNRoutingProtocols(); ++k)
    {
        int16_t priority;
        if (auto r = DynamicCast<FabricRouting>(list->GetRoutingProtocol(k, priority)))
        {
            return r;
        }
    }
    return nullptr;
}

void
LeafSpineHelper::Install()
{
    NS_ABORT_MSG_IF(m_racks == 0 || m_hostsPerRack == 0 || m_spines == 0,
                    "LeafSpineHelper: racks, hosts per rack and spines must be at least 1");
    NS_ABORT_MSG_IF(m_hosts.GetN() > 0, "LeafSpineHelper::Install called twice");
    CreateNodes();
    InstallSwitching();
    CreateLinks();
    AssignAddresses();
    AddRoutes();
}

void
LeafSpineHelper::CreateNodes()
{
    if (m_rackOf.empty())
    {
        for (uint32_t host = 0; host < m_racks * m_hostsPerRack; ++host)
        {
            m_rackOf.push_back(host / m_hostsPerRack);
        }
    }
    // The hosts of each rack, in index order.
    m_members.assign(m_racks, {});
    for (uint32_t host = 0; host < m_rackOf.size(); ++host)
    {
        m_members[m_rackOf[host]].push_back(host);
    }
    size_t largest = 0;
    for (const auto& m : m_members)
    {
        largest = std::max(largest, m.size());
    }
    NS_ABORT_MSG_IF(m_racks > 200 || largest > 250 || m_spines > 50,
                    "LeafSpineHelper: at most 200 racks, 250 hosts per rack, 50 spines");
    m_ranks = GetRanks();
    NS_ABORT_MSG_IF(m_ranks > m_racks,
                    "LeafSpineHelper: " << m_ranks << " MPI ranks for " << m_racks
                                        << " racks: at most one rank per rack");
    NS_ABORT_MSG_IF(MpiRankHelper::IsEnabled() && m_ranks != MpiRankHelper::GetSize(),
                    "LeafSpineHelper: SetRanks(" << m_ranks << ") but MPI runs "
                                                 << MpiRankHelper::GetSize() << " ranks");
    // Node ids in the same order whatever the partition: hosts, ToRs, spines.
    for (uint32_t host = 0; host < m_rackOf.size(); ++host)
    {
        m_hosts.Create(1, RackRank(m_rackOf[host], m_racks, m_ranks));
    }
    m_addresses.resize(m_rackOf.size());
    for (uint32_t r = 0; r < m_racks; ++r)
    {
        m_tors.Create(1, RackRank(r, m_racks, m_ranks));
    }
    std::vector<uint32_t> hostsPerRank(m_ranks, 0);
    for (uint32_t r = 0; r < m_racks; ++r)
    {
        hostsPerRank[RackRank(r, m_racks, m_ranks)] += m_members[r].size();
    }
    std::vector<uint32_t> spineRanks = SpineRanks(hostsPerRank, m_spines);
    for (uint32_t s = 0; s < m_spines; ++s)
    {
        m_spinesNodes.Create(1, spineRanks[s]);
    }
}

void
LeafSpineHelper::InstallSwitching()
{
    InternetStackHelper internet;
    internet.Install(m_hosts);
    NodeContainer switches(m_tors, m_spinesNodes);
    if (m_switches == IP_ROUTER)
    {
        internet.Install(switches);
        for (uint32_t i = 0; i < switches.GetN(); ++i)
        {
            AddRouting(switches.Get(i));
        }
        return;
    }
    // A switch node: its forwarding and the traffic-control layer for its port queues.
    for (uint32_t i = 0; i < switches.GetN(); ++i)
    {
        if (m_queueDiscs)
        {
            switches.Get(i)->AggregateObject(CreateObject<TrafficControlLayer>());
        }
        Ptr<FabricSwitch> sw = CreateObject<FabricSwitch>();
        sw->GetRouting()->SetAttribute("Balance", EnumValue(m_balance));
        sw->GetRouting()->SetAttribute("SprayProtocol", UintegerValue(m_sprayProtocol));
        switches.Get(i)->AggregateObject(sw);
    }
}

void
LeafSpineHelper::CreateLinks()
{
    // One helper of each kind per tier, set up alike.
    PointToPointHelper p2pHost;
    FabricLinkHelper leanHost;
    PointToPointHelper p2pFabric;
    FabricLinkHelper leanFabric;
    auto configure = [this](auto& helper, DataRate rate, Time delay) {
        helper.SetDeviceAttribute("DataRate", DataRateValue(rate));
        helper.SetChannelAttribute("Delay", TimeValue(delay));
        if (!m_queueDiscs)
        {
            // The port queue is the device's own transmit queue, with no queue disc above
            // it: no flow control between the two (the hosts' traffic-control layer hands
            // packets straight to the device).
            helper.DisableFlowControl();
        }
    };
    configure(p2pHost, m_hostRate, m_hostDelay);
    configure(leanHost, m_hostRate, m_hostDelay);
    configure(p2pFabric, m_fabricRate, m_fabricDelay);
    configure(leanFabric, m_fabricRate, m_fabricDelay);
    // Device queues: the factories' queues replace the link helpers' defaults.
    auto setQueue = [](Ptr<NetDevice> device, const ObjectFactory& factory) {
        device->SetAttribute("TxQueue", PointerValue(factory.Create<Queue<Packet>>()));
    };
    auto link = [&](Ptr<Node> a, Ptr<Node> b, bool host) {
        NetDeviceContainer devices;
        if (m_links == FABRIC_LINKS)
        {
            devices = host ? leanHost.Install(a, b) : leanFabric.Install(a, b);
        }
        else
        {
            devices = host ? p2pHost.Install(a, b) : p2pFabric.Install(a, b);
        }
        if (m_queueDiscs)
        {
            QueueDiscContainer& first = host ? m_hostQdiscs : m_switchQdiscs;
            InstallQueueDiscs(devices.Get(0),
                              devices.Get(1),
                              host ? m_hostNicTch : m_fabricPortTch,
                              host ? m_hostPortTch : m_fabricPortTch,
                              first,
                              m_switchQdiscs);
        }
        else
        {
            setQueue(devices.Get(0), host ? m_hostQueue : m_portQueue);
            setQueue(devices.Get(1), m_portQueue);
        }
        if (m_sharedBuffer)
        {
            if (!host)
            {
                AttachSharedBuffer(devices.Get(0)); // the ToR's uplink
            }
            AttachSharedBuffer(devices.Get(1)); // the ToR's host port, a spine's port
        }
        return devices;
    };
    m_hostLinks.resize(m_rackOf.size());
    for (uint32_t r = 0; r < m_racks; ++r)
    {
        for (uint32_t host : m_members[r])
        {
            m_hostLinks[host] = link(m_hosts.Get(host), m_tors.Get(r), true);
        }
    }
    m_fabricLinks.assign(m_racks, {});
    for (uint32_t r = 0; r < m_racks; ++r)
    {
        for (uint32_t s = 0; s < m_spines; ++s)
        {
            m_fabricLinks[r].push_back(link(m_tors.Get(r), m_spinesNodes.Get(s), false));
            if (m_fabricSkew.IsStrictlyPositive())
            {
                // A multiplicative hash of the link's index spreads the extra delays over
                // the whole range, so that sums of them rarely meet either.
                uint64_t index = r * m_spines + s + 1;
                uint64_t spread = (index * 2654435761ULL) % uint64_t(m_fabricSkew.GetTimeStep());
                Time delay = m_fabricDelay + TimeStep(1 + spread);
                m_fabricLinks[r].back().Get(0)->GetChannel()->SetAttribute("Delay",
                                                                           TimeValue(delay));
            }
        }
    }
}

void
LeafSpineHelper::AttachSharedBuffer(Ptr<NetDevice> device)
{
    Ptr<Node> sw = device->GetNode();
    Ptr<SharedBuffer> buffer = sw->GetObject<SharedBuffer>();
    if (!buffer)
    {
        buffer = m_bufferFactory.Create<SharedBuffer>();
        sw->AggregateObject(buffer);
    }
    if (m_queueDiscs)
    {
        // The port's queue disc takes the buffer-backed FIFO as its one internal queue, of
        // the size the disc was given (MaxSize), before the node initialises it.
        Ptr<QueueDisc> qdisc =
            sw->GetObject<TrafficControlLayer>()->GetRootQueueDiscOnDevice(device);
        NS_ABORT_MSG_UNLESS(qdisc && qdisc->GetNInternalQueues() == 0 &&
                                qdisc->GetNQueueDiscClasses() == 0,
                            "LeafSpineHelper::SetSharedBuffer: with SetQueueDiscs, switch ports "
                            "need a queue disc of one internal queue (RED, FIFO), not "
                                << (qdisc ? qdisc->GetInstanceTypeId().GetName() : "none"));
        Ptr<SharedBufferQueue> queue = CreateObject<SharedBufferQueue>();
        queue->SetMaxSize(qdisc->GetMaxSize());
        queue->SetSharedBuffer(buffer, buffer->AddPort());
        qdisc->AddInternalQueue(queue);
        return;
    }
    Ptr<PriorityDeviceQueue> queue = DynamicCast<PriorityDeviceQueue>(DeviceQueue(device));
    NS_ABORT_MSG_UNLESS(queue,
                        "LeafSpineHelper::SetSharedBuffer: switch ports need PriorityDeviceQueues "
                        "(SetPortQueue)");
    queue->SetSharedBuffer(buffer, buffer->AddPort());
}

Ptr<SharedBuffer>
LeafSpineHelper::GetSharedBuffer(Ptr<Node> node)
{
    return node->GetObject<SharedBuffer>();
}

void
LeafSpineHelper::AssignAddresses()
{
    // Addresses: host h of rack r is 10.r.h.1 on the link 10.r.h.0/24 (the ToR is .2);
    // ToR r and spine s share 11.r.s.0/24. Interface indices (0 is loopback): a host's
    // uplink is 1; ToR r's host links are 1..(hosts in rack r), then its spine links; spine s
    // reaches ToR r on interface r + 1. A switch port is an IP interface (IP_ROUTER,
    // numbered as the addresses are assigned) or a FabricSwitch port (FAST, numbered in the
    // same order).
    auto addPort = [this](Ptr<NetDevice> device) {
        if (m_switches == FAST)
        {
            device->GetNode()->GetObject<FabricSwitch>()->AddPort(device);
        }
    };
    Ipv4AddressHelper ipv4;
    for (uint32_t r = 0; r < m_racks; ++r)
    {
        for (uint32_t h = 0; h < m_members[r].size(); ++h)
        {
            uint32_t host = m_members[r][h];
            const NetDeviceContainer& link = m_hostLinks[host];
            std::ostringstream net;
            net << "10." << r << "." << h << ".0";
            ipv4.SetBase(net.str().c_str(), "255.255.255.0");
            // The host is .1; an IP-router ToR takes .2.
            NetDeviceContainer addressed =
                m_switches == FAST ? NetDeviceContainer(link.Get(0)) : link;
            m_addresses[host] = ipv4.Assign(addressed).GetAddress(0);
            RemoveDefaultQueueDiscs(addressed);
            addPort(link.Get(1));
        }
    }
    for (uint32_t r = 0; r < m_racks; ++r)
    {
        for (uint32_t s = 0; s < m_spines; ++s)
        {
            const NetDeviceContainer& link = m_fabricLinks[r][s];
            if (m_switches == IP_ROUTER)
            {
                std::ostringstream net;
                net << "11." << r << "." << s << ".0";
                ipv4.SetBase(net.str().c_str(), "255.255.255.0");
                ipv4.Assign(link);
                RemoveDefaultQueueDiscs(link);
            }
            addPort(link.Get(0));
            addPort(link.Get(1));
        }
    }
}

void
LeafSpineHelper::AddRoutes()
{
    std::vector<Ptr<FabricRouting>> tors;
    std::vector<Ptr<FabricRouting>> spines;
    std::vector<uint32_t> hostsPerRack;
    std::vector<std::vector<Ptr<FabricChannel>>> wires(m_racks);
    for (uint32_t r = 0; r < m_racks; ++r)
    {
        tors.push_back(GetFabricRouting(m_tors.Get(r)));
        hostsPerRack.push_back(m_members[r].size());
        for (uint32_t host : m_members[r])
        {
            AddRouting(m_hosts.Get(host))
                ->AddRoute(Ipv4Address::GetZero(), Ipv4Mask::GetZero(), {1});
        }
        for (uint32_t s = 0; s < m_spines; ++s)
        {
            wires[r].push_back(
                DynamicCast<FabricChannel>(m_fabricLinks[r][s].Get(0)->GetChannel()));
        }
    }
    for (uint32_t s = 0; s < m_spines; ++s)
    {
        spines.push_back(GetFabricRouting(m_spinesNodes.Get(s)));
    }
    m_routes = Create<LeafSpineRoutes>(tors, spines, hostsPerRack, wires);
    m_routes->SetDetectionTime(m_detection);
    m_routes->Build();
}

void
LeafSpineHelper::SetFaultDetection(Time delay)
{
    NS_ABORT_MSG_IF(delay.IsNegative(), "LeafSpineHelper::SetFaultDetection: negative time");
    m_detection = delay;
    if (m_routes)
    {
        m_routes->SetDetectionTime(delay);
    }
}

void
LeafSpineHelper::ScheduleLinkFault(uint32_t rack, uint32_t spine, Time down, Time up)
{
    NS_ABORT_MSG_UNLESS(m_routes, "LeafSpineHelper::ScheduleLinkFault: call Install first");
    NS_ABORT_MSG_UNLESS(rack < m_racks && spine < m_spines,
                        "LeafSpineHelper::ScheduleLinkFault: no link between ToR "
                            << rack << " and spine " << spine << " (" << m_racks << " racks, "
                            << m_spines << " spines)");
    NS_ABORT_MSG_UNLESS(m_links == FABRIC_LINKS,
                        "LeafSpineHelper::ScheduleLinkFault: link faults need FABRIC_LINKS");
    NS_ABORT_MSG_UNLESS(up > down,
                        "LeafSpineHelper::ScheduleLinkFault: the link must come back after it "
                        "fails (Time::Max(): never)");
    Time now = Simulator::Now();
    NS_ABORT_MSG_IF(down < now, "LeafSpineHelper::ScheduleLinkFault: the failure is in the past");
    Simulator::Schedule(down - now, &LeafSpineRoutes::SetLink, m_routes, rack, spine, false);
    if (up != Time::Max())
    {
        Simulator::Schedule(up - now, &LeafSpineRoutes::SetLink, m_routes, rack, spine, true);
    }
}

void
LeafSpineHelper::ScheduleSpineFault(uint32_t spine, Time down, Time up)
{
    for (uint32_t r = 0; r < m_racks; ++r)
    {
        ScheduleLinkFault(r, spine, down, up);
    }
}

void
LeafSpineHelper::ScheduleFaults(const std::string& spec)
{
    std::istringstream list(spec);
    std::string fault;
    while (std::getline(list, fault, ','))
    {
        std::vector<std::string> f;
        std::istringstream fields(fault);
        for (std::string x; std::getline(fields, x, ':');)
        {
            f.push_back(x);
        }
        bool link = !f.empty() && f[0] == "link" && f.size() == 5;
        bool spine = !f.empty() && f[0] == "spine" && f.size() == 4;
        auto bad = [&fault]() {
            NS_ABORT_MSG("LeafSpineHelper::ScheduleFaults: '"
                         << fault << "' is neither link:RACK:SPINE:DOWN:UP nor spine:SPINE:DOWN:UP "
                         << "(times in ms, UP 'never' for good)");
        };
        if (!link && !spine)
        {
            bad();
        }
        // A number is digits with at most a decimal point, parsed whole; an index has none.
        auto number = [&bad](const std::string& x) {
            size_t used = 0;
            double v = 0;
            if (x.empty() || x.find_first_not_of("0123456789.") != std::string::npos)
            {
                bad();
            }
            try
            {
                v = std::stod(x, &used);
            }
            catch (const std::exception&)
            {
                bad();
            }
            if (used != x.size())
            {
                bad();
            }
            return v;
        };
        auto index = [&](const std::string& x) {
            double v = number(x);
            if (v != std::floor(v))
            {
                bad();
            }
            return static_cast<uint32_t>(v);
        };
        auto ms = [&](const std::string& x) {
            return x == "never" ? Time::Max() : MicroSeconds(number(x) * 1e3);
        };
        if (link)
        {
            ScheduleLinkFault(index(f[1]), index(f[2]), ms(f[3]), ms(f[4]));
        }
        else
        {
            ScheduleSpineFault(index(f[1]), ms(f[2]), ms(f[3]));
        }
    }
}

Ptr<LeafSpineRoutes>
LeafSpineHelper::GetRoutes() const
{
    return m_routes;
}

int64_t
LeafSpineHelper::AssignStreams(int64_t stream)
{
    InternetStackHelper internet;
    NodeContainer all(m_hosts, m_tors, m_spinesNodes);
    int64_t used = internet.AssignStreams(m_hosts, stream);
    NodeContainer switches(m_tors, m_spinesNodes);
    if (m_switches == IP_ROUTER)
    {
        used += internet.AssignStreams(switches, stream + used);
    }
    else
    {
        // Skip the streams the switches' IP stacks would take (as many as a host's), so that
        // spraying draws the same numbers as in the IP-router fabric.
        used += used / m_hosts.GetN() * switches.GetN();
    }
    for (uint32_t i = 0; i < all.GetN(); ++i)
    {
        used += GetFabricRouting(all.Get(i))->AssignStreams(stream + used);
    }
    // RED draws random numbers for its marking decisions.
    for (const QueueDiscContainer& qs : {m_hostQdiscs, m_switchQdiscs})
    {
        for (uint32_t i = 0; i < qs.GetN(); ++i)
        {
            if (Ptr<RedQueueDisc> red = DynamicCast<RedQueueDisc>(qs.Get(i)))
            {
                used += red->AssignStreams(stream + used);
            }
        }
    }
    return used;
}

NodeContainer
LeafSpineHelper::GetHosts() const
{
    return m_hosts;
}

NodeContainer
LeafSpineHelper::GetTors() const
{
    return m_tors;
}

NodeContainer
LeafSpineHelper::GetSpines() const
{
    return m_spinesNodes;
}

QueueDiscContainer
LeafSpineHelper::GetSwitchQueueDiscs() const
{
    return m_switchQdiscs;
}

Ipv4Address
LeafSpineHelper::GetHostAddress(uint32_t host) const
{
    return m_addresses.at(host);
}

uint32_t
LeafSpineHelper::GetRack(uint32_t host) const
{
    return m_rackOf.at(host);
}

QueueDiscContainer
LeafSpineHelper::GetHostQueueDiscs() const
{
    return m_hostQdiscs;
}

uint32_t
LeafSpineHelper::GetNHosts() const
{
    return m_hosts.GetN();
}

DataRate
LeafSpineHelper::GetHostRate() const
{
    return m_hostRate;
}

DataRate
LeafSpineHelper::GetFabricRate() const
{
    return m_fabricRate;
}

Time
LeafSpineHelper::GetHostLinkDelay() const
{
    return m_hostDelay;
}

Time
LeafSpineHelper::GetFabricLinkDelay() const
{
    return m_fabricDelay;
}

} // namespace ns3
