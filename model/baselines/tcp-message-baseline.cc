/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-message-baseline.h"

#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpMessageBaseline");

NS_OBJECT_ENSURE_REGISTERED(TcpMessageBaseline);

namespace
{
constexpr uint32_t FRAME_MARKER = 0x54435042; // "TCPB": a message (request)
constexpr uint32_t REPLY_MARKER = 0x54435052; // "TCPR": a reply
} // namespace

TypeId
TcpMessageBaseline::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TcpMessageBaseline")
            .SetParent<Application>()
            .SetGroupName("Homa")
            .AddConstructor<TcpMessageBaseline>()
            .AddAttribute("Port",
                          "TCP port every instance listens on and sends to.",
                          UintegerValue(5000),
                          MakeUintegerAccessor(&TcpMessageBaseline::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("MaxConnectionsPerPeer",
                          "Most connections to one destination (0: no limit); when all are "
                          "busy a message waits on the least loaded one.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&TcpMessageBaseline::m_maxConnections),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("ReplySize",
                          "Bytes of the reply a receiver sends back for every message (0: "
                          "messages are one-way, no reply).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&TcpMessageBaseline::m_replySize),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("FastDemux",
                          "Deliver received segments of this application's connections through "
                          "a TcpHashDemux (a hash of the four-tuple) instead of ns-3's walk over "
                          "all of the node's TCP endpoints: the same results, faster with many "
                          "connections.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&TcpMessageBaseline::m_fastDemux),
                          MakeBooleanChecker())
            .AddTraceSource("Delivered",
                            "A message was read completely by its receiver (fired there).",
                            MakeTraceSourceAccessor(&TcpMessageBaseline::m_deliveredTrace),
                            "ns3::TcpMessageBaseline::DeliveredTracedCallback")
            .AddTraceSource("Replied",
                            "The reply to a message was read completely (fired at the message's "
                            "sender; the record's end is the reply's arrival, its size the "
                            "message's).",
                            MakeTraceSourceAccessor(&TcpMessageBaseline::m_repliedTrace),
                            "ns3::TcpMessageBaseline::DeliveredTracedCallback");
    return tid;
}

TcpMessageBaseline::TcpMessageBaseline()
    : m_port(5000),
      m_maxConnections(0),
      m_replySize(0),
      m_fastDemux(true),
      m_sent(0),
      m_received(0),
      m_opened(0),
      m_failed(0),
      m_bytesReceived(0),
      m_replied(0)
{
}

TcpMessageBaseline::~TcpMessageBaseline() = default;

void
TcpMessageBaseline::DoDispose()
{
    m_listener = nullptr;
    m_demux = nullptr;
    m_pool.clear();
    m_bySocket.clear();
    m_receivers.clear();
    m_awaiting.clear();
    Application::DoDispose();
}

void
TcpMessageBaseline::StartApplication()
{
    if (m_fastDemux)
    {
        m_demux = TcpHashDemux::Install(GetNode());
    }
    m_listener = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    NS_ABORT_MSG_IF(m_listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) != 0,
                    "TcpMessageBaseline: cannot bind TCP port " << m_port);
    m_listener->Listen();
    m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                  MakeCallback(&TcpMessageBaseline::Accept, this));
}

void
TcpMessageBaseline::StopApplication()
{
    if (m_listener)
    {
        m_listener->Close();
    }
    for (auto& [dst, conns] : m_pool)
    {
        for (auto& c : conns)
        {
            c->socket->Close();
        }
    }
}

Ptr<Packet>
TcpMessageBaseline::Frame(uint32_t id, Time start, uint32_t size, uint32_t marker)
{
    uint8_t header[FRAME_HEADER];
    uint64_t ns = start.GetNanoSeconds();
    for (int i = 0; i < 8; ++i)
    {
        header[i] = static_cast<uint8_t>(ns >> (56 - 8 * i));
    }
    for (int i = 0; i < 4; ++i)
    {
        header[8 + i] = static_cast<uint8_t>(id >> (24 - 8 * i));
        header[12 + i] = static_cast<uint8_t>(size >> (24 - 8 * i));
        header[16 + i] = static_cast<uint8_t>(marker >> (24 - 8 * i));
    }
    Ptr<Packet> message = Create<Packet>(header, FRAME_HEADER);
    if (size > 0)
    {
        message->AddAtEnd(Create<Packet>(size));
    }
    return message;
}

void
TcpMessageBaseline::Connect(Ipv4Address destination)
{
    NS_ABORT_MSG_IF(!m_listener, "TcpMessageBaseline::Connect: the application has not started");
    Open(destination);
}

uint32_t
TcpMessageBaseline::Send(Ipv4Address destination, uint32_t size)
{
    NS_ABORT_MSG_IF(size == 0, "TcpMessageBaseline::Send: empty message");
    auto id = static_cast<uint32_t>(m_sent++);
    Ptr<Packet> message = Frame(id, Simulator::Now(), size, FRAME_MARKER);
    if (m_replySize > 0)
    {
        m_awaiting[id] = size;
    }

    auto& conns = m_pool[destination];
    Connection* chosen = nullptr;
    for (auto& c : conns)
    {
        if (IsIdle(*c))
        {
            chosen = c.get();
            break;
        }
    }
    if (!chosen && (m_maxConnections == 0 || conns.size() < m_maxConnections))
    {
        chosen = Open(destination);
    }
    if (!chosen)
    {
        uint64_t least = UINT64_MAX;
        for (auto& c : conns)
        {
            if (c->failed)
            {
                continue;
            }
            uint64_t load = c->pendingBytes + (c->sendBuffer - c->socket->GetTxAvailable());
            if (load < least)
            {
                least = load;
                chosen = c.get();
            }
        }
    }
    if (!chosen)
    {
        NS_LOG_WARN("every connection to " << destination << " failed; message " << id << " lost");
        ++m_failed;
        return id;
    }
    chosen->pending.push_back(message);
    chosen->pendingBytes += message->GetSize();
    Flush(chosen);
    return id;
}

bool
TcpMessageBaseline::IsIdle(const Connection& c) const
{
    return !c.failed && c.pending.empty() &&
           (!c.connected || c.socket->GetTxAvailable() == c.sendBuffer);
}

TcpMessageBaseline::Connection*
TcpMessageBaseline::Open(Ipv4Address destination)
{
    auto c = std::make_unique<Connection>();
    c->socket = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    c->socket->Bind();
    UintegerValue buffer;
    c->socket->GetAttribute("SndBufSize", buffer);
    c->sendBuffer = buffer.Get();
    c->socket->SetConnectCallback(MakeCallback(&TcpMessageBaseline::Connected, this),
                                  MakeCallback(&TcpMessageBaseline::ConnectFailed, this));
    c->socket->SetSendCallback(MakeCallback(&TcpMessageBaseline::Writable, this));
    if (m_replySize > 0)
    {
        c->socket->SetRecvCallback(MakeCallback(&TcpMessageBaseline::Readable, this));
        Receiver& r = m_receivers[c->socket];
        r.record.destination = destination; // the source is known once connected
        r.replies = true;
    }
    c->socket->Connect(InetSocketAddress(destination, m_port));
    if (m_demux)
    {
        m_demux->Add(c->socket); // the four-tuple is known once the SYN is sent
    }
    ++m_opened;
    Connection* raw = c.get();
    m_bySocket[c->socket] = raw;
    m_pool[destination].push_back(std::move(c));
    return raw;
}

TcpMessageBaseline::Connection*
TcpMessageBaseline::Find(Ptr<Socket> socket)
{
    auto it = m_bySocket.find(socket);
    return it == m_bySocket.end() ? nullptr : it->second;
}

void
TcpMessageBaseline::Flush(Connection* c)
{
    if (!c->connected)
    {
        return;
    }
    while (!c->pending.empty())
    {
        uint32_t room = c->socket->GetTxAvailable();
        if (room == 0)
        {
            return; // Writable() continues
        }
        Ptr<Packet> head = c->pending.front();
        if (head->GetSize() <= room)
        {
            if (c->socket->Send(head) < 0)
            {
                return;
            }
            c->pendingBytes -= head->GetSize();
            c->pending.pop_front();
        }
        else
        {
            if (c->socket->Send(head->CreateFragment(0, room)) < 0)
            {
                return;
            }
            c->pending.front() = head->CreateFragment(room, head->GetSize() - room);
            c->pendingBytes -= room;
        }
    }
}

void
TcpMessageBaseline::Connected(Ptr<Socket> socket)
{
    Connection* c = Find(socket);
    NS_ASSERT(c);
    c->connected = true;
    if (m_replySize > 0)
    {
        Address local;
        socket->GetSockName(local);
        m_receivers[socket].record.source = InetSocketAddress::ConvertFrom(local).GetIpv4();
    }
    Flush(c);
}

void
TcpMessageBaseline::ConnectFailed(Ptr<Socket> socket)
{
    Connection* c = Find(socket);
    NS_ASSERT(c);
    NS_LOG_WARN("connection failed; " << c->pending.size() << " messages lost");
    m_failed += c->pending.size();
    c->failed = true;
    c->pending.clear();
    c->pendingBytes = 0;
}

void
TcpMessageBaseline::Writable(Ptr<Socket> socket, uint32_t)
{
    if (Connection* c = Find(socket))
    {
        Flush(c);
    }
}

void
TcpMessageBaseline::Accept(Ptr<Socket> socket, const Address& from)
{
    if (m_demux)
    {
        m_demux->Add(socket);
    }
    Receiver& r = m_receivers[socket];
    r.record.source = InetSocketAddress::ConvertFrom(from).GetIpv4();
    Address local;
    socket->GetSockName(local);
    r.record.destination = InetSocketAddress::ConvertFrom(local).GetIpv4();
    socket->SetRecvCallback(MakeCallback(&TcpMessageBaseline::Readable, this));
    if (socket->GetRxAvailable() > 0)
    {
        // Bytes that came with the handshake's last ACK were queued before this callback.
        Readable(socket);
    }
}

void
TcpMessageBaseline::Readable(Ptr<Socket> socket)
{
    Receiver& r = m_receivers[socket];
    while (Ptr<Packet> p = socket->Recv())
    {
        uint32_t size = p->GetSize();
        uint32_t pos = 0;
        while (pos < size)
        {
            if (r.headerBytes < FRAME_HEADER)
            {
                uint32_t n = std::min(FRAME_HEADER - r.headerBytes, size - pos);
                p->CopyData(r.header + r.headerBytes, n); // p starts at pos (see below)
                r.headerBytes += n;
                pos += n;
                p->RemoveAtStart(n);
                if (r.headerBytes < FRAME_HEADER)
                {
                    break;
                }
                uint64_t start = 0;
                uint32_t id = 0;
                uint32_t length = 0;
                uint32_t marker = 0;
                for (int i = 0; i < 8; ++i)
                {
                    start = (start << 8) | r.header[i];
                }
                for (int i = 0; i < 4; ++i)
                {
                    id = (id << 8) | r.header[8 + i];
                    length = (length << 8) | r.header[12 + i];
                    marker = (marker << 8) | r.header[16 + i];
                }
                // Requests arrive on accepted sockets, replies on this host's connections.
                NS_ABORT_MSG_IF(marker != (r.replies ? REPLY_MARKER : FRAME_MARKER),
                                "TcpMessageBaseline: stream out of step (bad frame marker)");
                r.record.start = NanoSeconds(start);
                r.record.id = id;
                r.record.size = length;
                r.remaining = length;
            }
            uint32_t n = std::min(r.remaining, size - pos);
            p->RemoveAtStart(n);
            pos += n;
            r.remaining -= n;
            if (!r.replies)
            {
                m_bytesReceived += n;
            }
            if (r.remaining == 0)
            {
                r.record.end = Simulator::Now();
                r.headerBytes = 0;
                FrameComplete(socket, r);
            }
        }
    }
}

void
TcpMessageBaseline::FrameComplete(Ptr<Socket> socket, Receiver& r)
{
    if (r.replies)
    {
        auto it = m_awaiting.find(r.record.id);
        NS_ABORT_MSG_IF(it == m_awaiting.end(),
                        "TcpMessageBaseline: reply to unknown message " << r.record.id);
        TcpMessageRecord record = r.record;
        record.size = it->second;
        m_awaiting.erase(it);
        ++m_replied;
        m_repliedTrace(record);
        return;
    }
    ++m_received;
    m_deliveredTrace(r.record);
    if (m_replySize > 0)
    {
        Ptr<Packet> reply = Frame(r.record.id, r.record.start, m_replySize, REPLY_MARKER);
        NS_ABORT_MSG_IF(
            socket->GetTxAvailable() < reply->GetSize(),
            "TcpMessageBaseline: no room for a reply; raise ns3::TcpSocket::SndBufSize");
        socket->Send(reply);
    }
}

uint64_t
TcpMessageBaseline::GetSent() const
{
    return m_sent;
}

uint64_t
TcpMessageBaseline::GetReceived() const
{
    return m_received;
}

uint64_t
TcpMessageBaseline::GetConnectionsOpened() const
{
    return m_opened;
}

uint64_t
TcpMessageBaseline::GetFailed() const
{
    return m_failed;
}

uint64_t
TcpMessageBaseline::GetBacklog() const
{
    uint64_t bytes = 0;
    for (const auto& [dst, conns] : m_pool)
    {
        for (const auto& c : conns)
        {
            bytes += c->pendingBytes + (c->sendBuffer - c->socket->GetTxAvailable());
            NS_LOG_DEBUG("to " << dst << ": " << c->pending.size() << " waiting ("
                               << c->pendingBytes << " B), connected " << c->connected
                               << ", unacknowledged " << c->sendBuffer - c->socket->GetTxAvailable()
                               << " B");
        }
    }
    return bytes;
}

uint64_t
TcpMessageBaseline::GetBytesReceived() const
{
    return m_bytesReceived;
}

uint64_t
TcpMessageBaseline::GetReplied() const
{
    return m_replied;
}

} // namespace ns3
