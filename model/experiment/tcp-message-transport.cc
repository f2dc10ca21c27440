/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-message-transport.h"

#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/string.h"
#include "ns3/tcp-baseline-helper.h"
#include "ns3/tcp-message-baseline.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpMessageTransport");

NS_OBJECT_ENSURE_REGISTERED(TcpMessageTransport);

TypeId
TcpMessageTransport::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TcpMessageTransport")
            .SetParent<MessageTransport>()
            .SetGroupName("Homa")
            .AddConstructor<TcpMessageTransport>()
            .AddAttribute("Dctcp",
                          "DCTCP (TcpDctcpFloor, ECN, RED ports) instead of NewReno.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&TcpMessageTransport::m_dctcp),
                          MakeBooleanChecker())
            .AddAttribute("PortBuffer",
                          "Each port's limit (switch ports and host NICs).",
                          QueueSizeValue(QueueSize("250p")),
                          MakeQueueSizeAccessor(&TcpMessageTransport::m_portBuffer),
                          MakeQueueSizeChecker())
            .AddAttribute("QueueDiscs",
                          "Queue discs on every port instead of device queues (DCTCP always "
                          "has them: RED marks in a queue disc).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&TcpMessageTransport::m_queueDiscs),
                          MakeBooleanChecker())
            .AddAttribute("EcnThreshold",
                          "DCTCP's marking threshold K in packets at 10 Gbps (scaled with "
                          "each port's rate).",
                          UintegerValue(65),
                          MakeUintegerAccessor(&TcpMessageTransport::m_ecnK),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("MinRto",
                          "TCP's minimum retransmission timeout (and connection timeout).",
                          TimeValue(MilliSeconds(5)),
                          MakeTimeAccessor(&TcpMessageTransport::m_minRto),
                          MakeTimeChecker());
    return tid;
}

TcpMessageTransport::TcpMessageTransport()
    : m_dctcp(false),
      m_portBuffer("250p"),
      m_queueDiscs(false),
      m_ecnK(65),
      m_minRto(MilliSeconds(5))
{
}

TcpMessageTransport::~TcpMessageTransport() = default;

void
TcpMessageTransport::DoDispose()
{
    m_apps.clear();
    MessageTransport::DoDispose();
}

std::string
TcpMessageTransport::GetName() const
{
    return m_dctcp ? "dctcp" : "tcp";
}

void
TcpMessageTransport::ConfigureFabric(LeafSpineHelper& fabric)
{
    Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1448));
    Config::SetDefault("ns3::TcpSocket::SndBufSize", UintegerValue(4 << 20));
    Config::SetDefault("ns3::TcpSocket::RcvBufSize", UintegerValue(4 << 20));
    Config::SetDefault("ns3::TcpSocket::DelAckCount", UintegerValue(1));
    Config::SetDefault("ns3::TcpSocket::ConnTimeout", TimeValue(m_minRto));
    Config::SetDefault("ns3::TcpSocketBase::MinRto", TimeValue(m_minRto));
    if (m_dctcp)
    {
        Config::SetDefault("ns3::TcpL4Protocol::SocketType", StringValue("ns3::TcpDctcpFloor"));
        Config::SetDefault("ns3::TcpSocketBase::UseEcn", StringValue("On"));
    }
    TcpBaselineHelper::ConfigureFabric(fabric, m_portBuffer, m_queueDiscs, m_dctcp, m_ecnK);
}

void
TcpMessageTransport::DoInstall(NodeContainer hosts)
{
    for (uint32_t h = 0; h < hosts.GetN(); ++h)
    {
        Ptr<TcpMessageBaseline> app = CreateObject<TcpMessageBaseline>();
        hosts.Get(h)->AddApplication(app);
        app->TraceConnectWithoutContext("Delivered",
                                        MakeCallback(&TcpMessageTransport::MessageEnded, this));
        m_apps.push_back(app);
    }
    for (uint32_t h = 0; h < hosts.GetN(); ++h)
    {
        hosts.Get(h)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "Rx",
            MakeCallback(&TcpMessageTransport::PacketReceived, this));
    }
}

uint64_t
TcpMessageTransport::Send(uint32_t src, uint32_t dst, uint32_t size)
{
    // The baseline numbers messages from 0; a transport's ids start at 1.
    return uint64_t(m_apps.at(src)->Send(GetAddress(dst), size)) + 1;
}

uint64_t
TcpMessageTransport::GetBacklog() const
{
    uint64_t backlog = 0;
    for (const auto& app : m_apps)
    {
        backlog += app->GetBacklog();
    }
    return backlog;
}

std::pair<uint64_t, uint64_t>
TcpMessageTransport::GetConnectionsOpened() const
{
    std::pair<uint64_t, uint64_t> opened{0, 0};
    for (const auto& app : m_apps)
    {
        opened.first += app->GetConnectionsOpened();
        opened.second = std::max(opened.second, app->GetConnectionsOpened());
    }
    return opened;
}

void
TcpMessageTransport::MessageEnded(const TcpMessageRecord& r)
{
    MessageRecord m;
    m.src = GetHost(r.source);
    m.dst = GetHost(r.destination);
    m.id = uint64_t(r.id) + 1;
    m.size = r.size;
    m.start = r.start;
    m.end = r.end;
    NotifyDelivered(m);
}

void
TcpMessageTransport::PacketReceived(Ptr<const Packet> p, Ptr<Ipv4>, uint32_t)
{
    // IP packets arriving at hosts: count TCP payload (20 B IP, 32 B TCP with options).
    if (p->GetSize() > 52 + 20)
    {
        NotifyReceived(p->GetSize() - 52);
    }
}

} // namespace ns3
