/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "fabric-switch.h"

#include "fabric-routing.h"
#include "fabric-wire.h"

#include "ns3/hash.h"
#include "ns3/ipv4-header.h"
#include "ns3/log.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/queue-disc.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/traffic-control-layer.h"

#include <algorithm>
#include <cstring>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FabricSwitch");

NS_OBJECT_ENSURE_REGISTERED(FabricIpv4HeaderBytes);
NS_OBJECT_ENSURE_REGISTERED(FabricSwitch);

namespace
{
/// \return the big-endian 32-bit word at \p p
uint32_t
ReadU32(const uint8_t* p)
{
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}
} // namespace

// FabricIpv4HeaderBytes

TypeId
FabricIpv4HeaderBytes::GetTypeId()
{
    static TypeId tid = TypeId("ns3::FabricIpv4HeaderBytes")
                            .SetParent<Header>()
                            .SetGroupName("Fabric")
                            .AddConstructor<FabricIpv4HeaderBytes>();
    return tid;
}

FabricIpv4HeaderBytes::FabricIpv4HeaderBytes()
    : m_bytes{},
      m_size(FabricWire::IPV4_HEADER)
{
}

FabricIpv4HeaderBytes::FabricIpv4HeaderBytes(const uint8_t* bytes, uint32_t size)
    : m_size(size)
{
    NS_ASSERT(size >= FabricWire::IPV4_HEADER && size <= MAX_SIZE);
    std::memcpy(m_bytes.data(), bytes, size);
}

TypeId
FabricIpv4HeaderBytes::GetInstanceTypeId() const
{
    // The bytes are an IPv4 header: metadata and printing take them as one.
    return Ipv4Header::GetTypeId();
}

uint32_t
FabricIpv4HeaderBytes::GetSerializedSize() const
{
    return m_size;
}

void
FabricIpv4HeaderBytes::Serialize(Buffer::Iterator start) const
{
    start.Write(m_bytes.data(), m_size);
}

uint32_t
FabricIpv4HeaderBytes::Deserialize(Buffer::Iterator start)
{
    uint8_t first = start.PeekU8();
    m_size = std::clamp<uint32_t>((first & 0x0f) * 4, FabricWire::IPV4_HEADER, MAX_SIZE);
    start.Read(m_bytes.data(), m_size);
    return m_size;
}

void
FabricIpv4HeaderBytes::Print(std::ostream& os) const
{
    os << "IPv4 header, " << m_size << " bytes";
}

// FabricQueueDiscItem

FabricQueueDiscItem::FabricQueueDiscItem(Ptr<Packet> payload,
                                         const Address& address,
                                         const uint8_t* header,
                                         uint32_t headerSize)
    : QueueDiscItem(payload, address, FabricWire::ETHERTYPE_IPV4),
      m_headerSize(headerSize),
      m_headerAdded(false)
{
    std::memcpy(m_header.data(), header, headerSize);
}

uint32_t
FabricQueueDiscItem::GetSize() const
{
    return GetPacket()->GetSize() + (m_headerAdded ? 0 : m_headerSize);
}

void
FabricQueueDiscItem::AddHeader()
{
    NS_ASSERT_MSG(!m_headerAdded, "the IPv4 header was added already");
    GetPacket()->AddHeader(FabricIpv4HeaderBytes(m_header.data(), m_headerSize));
    m_headerAdded = true;
}

bool
FabricQueueDiscItem::Mark()
{
    uint8_t& tos = m_header[FabricWire::IPV4_TOS_OFFSET];
    if (m_headerAdded || (tos & 0x3) == 0)
    {
        return false; // not ECN-capable
    }
    tos |= 0x3; // CE
    UpdateChecksum(m_header.data(), m_headerSize);
    return true;
}

bool
FabricQueueDiscItem::GetUint8Value(Uint8Values field, uint8_t& value) const
{
    if (field == IP_DSFIELD)
    {
        value = m_header[FabricWire::IPV4_TOS_OFFSET];
        return true;
    }
    return false;
}

uint8_t
FabricQueueDiscItem::GetIpProtocol() const
{
    return m_header[FabricWire::IPV4_PROTOCOL_OFFSET];
}

uint32_t
FabricQueueDiscItem::Hash(uint32_t perturbation) const
{
    // As Ipv4QueueDiscItem: addresses, protocol, TCP/UDP ports, perturbation.
    uint8_t buf[17];
    std::memcpy(buf, m_header.data() + 12, 8);
    buf[8] = m_header[FabricWire::IPV4_PROTOCOL_OFFSET];
    std::memset(buf + 9, 0, 4);
    bool firstFragment = ((m_header[6] & 0x1f) | m_header[7]) == 0;
    if ((buf[8] == 6 || buf[8] == 17) && firstFragment && GetPacket()->GetSize() >= 4)
    {
        GetPacket()->CopyData(buf + 9, 4);
    }
    buf[13] = (perturbation >> 24) & 0xff;
    buf[14] = (perturbation >> 16) & 0xff;
    buf[15] = (perturbation >> 8) & 0xff;
    buf[16] = perturbation & 0xff;
    return Hash32(reinterpret_cast<char*>(buf), sizeof(buf));
}

void
FabricQueueDiscItem::Print(std::ostream& os) const
{
    os << "IPv4 " << Ipv4Address(ReadU32(m_header.data() + 12)) << " > "
       << Ipv4Address(ReadU32(m_header.data() + 16)) << " proto "
       << +m_header[FabricWire::IPV4_PROTOCOL_OFFSET] << " tos "
       << +m_header[FabricWire::IPV4_TOS_OFFSET] << " ttl "
       << +m_header[FabricWire::IPV4_TTL_OFFSET] << ", ";
    QueueDiscItem::Print(os);
}

void
FabricQueueDiscItem::UpdateChecksum(uint8_t* header, uint32_t size)
{
    if (!Node::ChecksumEnabled())
    {
        return; // ns-3 writes 0 and checks nothing
    }
    header[FabricWire::IPV4_CHECKSUM_OFFSET] = 0;
    header[FabricWire::IPV4_CHECKSUM_OFFSET + 1] = 0;
    uint32_t sum = 0;
    for (uint32_t i = 0; i + 1 < size; i += 2)
    {
        sum += (uint32_t(header[i]) << 8) | header[i + 1];
    }
    while (sum >> 16)
    {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    auto checksum = static_cast<uint16_t>(~sum);
    header[FabricWire::IPV4_CHECKSUM_OFFSET] = checksum >> 8;
    header[FabricWire::IPV4_CHECKSUM_OFFSET + 1] = checksum & 0xff;
}

// FabricSwitch

TypeId
FabricSwitch::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::FabricSwitch")
            .SetParent<Object>()
            .SetGroupName("Fabric")
            .AddConstructor<FabricSwitch>()
            .AddTraceSource("Forward",
                            "A packet was forwarded (as received; in and out port numbers).",
                            MakeTraceSourceAccessor(&FabricSwitch::m_forwardTrace),
                            "ns3::FabricSwitch::ForwardTracedCallback")
            .AddTraceSource("Drop",
                            "A packet could not be forwarded (not IPv4, malformed, TTL expired, "
                            "no route).",
                            MakeTraceSourceAccessor(&FabricSwitch::m_dropTrace),
                            "ns3::FabricSwitch::DropTracedCallback");
    return tid;
}

FabricSwitch::FabricSwitch()
    : m_routing(CreateObject<FabricRouting>()),
      m_forwarded(0),
      m_dropped{}
{
}

FabricSwitch::~FabricSwitch() = default;

void
FabricSwitch::DoDispose()
{
    m_node = nullptr;
    m_ports.clear();
    if (m_routing)
    {
        m_routing->Dispose();
        m_routing = nullptr;
    }
    Object::DoDispose();
}

void
FabricSwitch::NotifyNewAggregate()
{
    if (!m_node)
    {
        if (Ptr<Node> node = GetObject<Node>())
        {
            m_node = node;
            m_routing->SetNodeId(node->GetId());
        }
    }
    Object::NotifyNewAggregate();
}

uint32_t
FabricSwitch::AddPort(Ptr<NetDevice> device)
{
    NS_ABORT_MSG_UNLESS(m_node, "FabricSwitch::AddPort: aggregate the switch to its node first");
    NS_ABORT_MSG_UNLESS(device && device->GetNode() == m_node,
                        "FabricSwitch::AddPort: the device is not on the switch's node "
                            << m_node->GetId());
    Port port;
    port.device = device;
    port.broadcast = device->GetBroadcast();
    m_ports.push_back(port);
    uint32_t number = m_ports.size();
    uint32_t index = device->GetIfIndex();
    if (m_portOfDevice.size() <= index)
    {
        m_portOfDevice.resize(index + 1, 0);
    }
    m_portOfDevice[index] = number;
    device->SetReceiveCallback(MakeCallback(&FabricSwitch::Receive, this));
    return number;
}

Ptr<FabricRouting>
FabricSwitch::GetRouting() const
{
    return m_routing;
}

uint64_t
FabricSwitch::GetForwarded() const
{
    return m_forwarded;
}

uint64_t
FabricSwitch::GetDropped(DropReason reason) const
{
    return m_dropped.at(reason);
}

void
FabricSwitch::Drop(Ptr<const Packet> packet, DropReason reason)
{
    NS_LOG_LOGIC("drop " << packet << " reason " << reason);
    ++m_dropped[reason];
    m_dropTrace(packet, reason);
}

bool
FabricSwitch::Receive(Ptr<NetDevice> device,
                      Ptr<const Packet> packet,
                      uint16_t protocol,
                      const Address&)
{
    if (protocol != FabricWire::ETHERTYPE_IPV4)
    {
        Drop(packet, NOT_IPV4);
        return true;
    }
    // The header (up to 60 bytes) and the transport's first four bytes, read in place.
    uint8_t bytes[FabricIpv4HeaderBytes::MAX_SIZE + 4];
    uint32_t size = packet->GetSize();
    uint32_t copied = packet->CopyData(bytes, std::min<uint32_t>(size, sizeof(bytes)));
    if (copied < FabricWire::IPV4_HEADER)
    {
        Drop(packet, MALFORMED);
        return true;
    }
    if ((bytes[0] >> 4) != 4)
    {
        Drop(packet, NOT_IPV4);
        return true;
    }
    uint32_t headerSize = (bytes[0] & 0x0f) * 4;
    if (headerSize < FabricWire::IPV4_HEADER || headerSize > size)
    {
        Drop(packet, MALFORMED);
        return true;
    }
    if (bytes[FabricWire::IPV4_TTL_OFFSET] <= 1)
    {
        Drop(packet, TTL_EXPIRED);
        return true;
    }
    uint32_t ports = size >= headerSize + 4 ? ReadU32(bytes + headerSize) : 0;
    int32_t out = m_routing->Lookup(Ipv4Address(ReadU32(bytes + 12)),
                                    Ipv4Address(ReadU32(bytes + 16)),
                                    bytes[FabricWire::IPV4_PROTOCOL_OFFSET],
                                    ports);
    if (out < 1 || static_cast<uint32_t>(out) > m_ports.size())
    {
        Drop(packet, NO_ROUTE);
        return true;
    }
    if (!m_forwardTrace.IsEmpty())
    {
        m_forwardTrace(packet, m_portOfDevice.at(device->GetIfIndex()), out); // in, out
    }
    ++m_forwarded;

    --bytes[FabricWire::IPV4_TTL_OFFSET];
    FabricQueueDiscItem::UpdateChecksum(bytes, headerSize);
    Ptr<Packet> payload = packet->Copy();
    payload->RemoveAtStart(headerSize);
    Port& port = m_ports[out - 1];
    if (!port.looked)
    {
        Ptr<TrafficControlLayer> tc = m_node->GetObject<TrafficControlLayer>();
        port.qdisc = tc ? tc->GetRootQueueDiscOnDevice(port.device) : nullptr;
        port.looked = true;
    }
    if (port.qdisc)
    {
        // What TrafficControlLayer::Send does for a single-queue device with a root queue disc.
        port.qdisc->Enqueue(
            Create<FabricQueueDiscItem>(payload, port.broadcast, bytes, headerSize));
        port.qdisc->Run();
    }
    else
    {
        // The device's own queue is the port's queue.
        payload->AddHeader(FabricIpv4HeaderBytes(bytes, headerSize));
        port.device->Send(payload, port.broadcast, FabricWire::ETHERTYPE_IPV4);
    }
    return true;
}

} // namespace ns3
