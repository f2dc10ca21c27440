/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-socket.h"

#include "homa-cutoffs.h"
#include "homa-l4-protocol.h"

#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HomaSocket");

NS_OBJECT_ENSURE_REGISTERED(HomaSocket);
NS_OBJECT_ENSURE_REGISTERED(HomaRpcTag);

/* ---------------------------------------------------------------- tag */

HomaRpcTag::HomaRpcTag()
    : m_id(0),
      m_error(HomaRpcError::NONE)
{
}

HomaRpcTag::HomaRpcTag(uint64_t id, HomaRpcError error)
    : m_id(id),
      m_error(error)
{
}

TypeId
HomaRpcTag::GetTypeId()
{
    static TypeId tid = TypeId("ns3::HomaRpcTag")
                            .SetParent<Tag>()
                            .SetGroupName("Homa")
                            .AddConstructor<HomaRpcTag>();
    return tid;
}

TypeId
HomaRpcTag::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
HomaRpcTag::GetSerializedSize() const
{
    return 9;
}

void
HomaRpcTag::Serialize(TagBuffer i) const
{
    i.WriteU64(m_id);
    i.WriteU8(static_cast<uint8_t>(m_error));
}

void
HomaRpcTag::Deserialize(TagBuffer i)
{
    m_id = i.ReadU64();
    m_error = static_cast<HomaRpcError>(i.ReadU8());
}

void
HomaRpcTag::Print(std::ostream& os) const
{
    os << "rpc=" << m_id << (IsRequest() ? " request" : " response");
    if (m_error != HomaRpcError::NONE)
    {
        os << " error=" << m_error;
    }
}

uint64_t
HomaRpcTag::GetRpcId() const
{
    return m_id;
}

bool
HomaRpcTag::IsRequest() const
{
    return (m_id & 1) != 0;
}

HomaRpcError
HomaRpcTag::GetError() const
{
    return m_error;
}

/* ---------------------------------------------------------------- socket */

TypeId
HomaSocket::GetTypeId()
{
    static TypeId tid = TypeId("ns3::HomaSocket")
                            .SetParent<Socket>()
                            .SetGroupName("Homa")
                            .AddConstructor<HomaSocket>();
    return tid;
}

HomaSocket::HomaSocket()
    : m_port(0),
      m_boundAddress(Ipv4Address::GetAny()),
      m_closed(false),
      m_shutdownSend(false),
      m_shutdownRecv(false),
      m_connected(false),
      m_defaultPeer(Ipv4Address::GetAny(), 0),
      m_errno(ERROR_NOTERROR)
{
    NS_LOG_FUNCTION(this);
}

HomaSocket::~HomaSocket()
{
    NS_LOG_FUNCTION(this);
}

void
HomaSocket::DoDispose()
{
    m_clientRpcs.clear();
    m_serverRpcs.clear();
    m_ready.clear();
    m_homa = nullptr;
    m_node = nullptr;
    Socket::DoDispose();
}

void
HomaSocket::SetNode(Ptr<Node> node)
{
    m_node = node;
}

void
HomaSocket::SetHoma(Ptr<HomaL4Protocol> homa)
{
    m_homa = homa;
}

uint16_t
HomaSocket::GetPort() const
{
    return m_port;
}

size_t
HomaSocket::GetNumRpcs() const
{
    return m_clientRpcs.size() + m_serverRpcs.size();
}

size_t
HomaSocket::GetNumReady() const
{
    return m_ready.size();
}

Socket::SocketErrno
HomaSocket::GetErrno() const
{
    return m_errno;
}

Socket::SocketType
HomaSocket::GetSocketType() const
{
    return NS3_SOCK_DGRAM;
}

Ptr<Node>
HomaSocket::GetNode() const
{
    return m_node;
}

int
HomaSocket::Bind()
{
    return Bind(InetSocketAddress(Ipv4Address::GetAny(), 0));
}

int
HomaSocket::Bind6()
{
    m_errno = ERROR_AFNOSUPPORT;
    return -1;
}

int
HomaSocket::Bind(const Address& address)
{
    NS_LOG_FUNCTION(this << address);
    if (m_closed)
    {
        m_errno = ERROR_BADF;
        return -1;
    }
    if (!InetSocketAddress::IsMatchingType(address))
    {
        m_errno = ERROR_AFNOSUPPORT;
        return -1;
    }
    if (m_port != 0)
    {
        m_errno = ERROR_INVAL; // already bound
        return -1;
    }
    InetSocketAddress inet = InetSocketAddress::ConvertFrom(address);
    uint16_t port = m_homa->BindSocket(this, inet.GetPort());
    if (port == 0)
    {
        m_errno = ERROR_ADDRINUSE;
        return -1;
    }
    m_port = port;
    m_boundAddress = inet.GetIpv4();
    return 0;
}

int
HomaSocket::Close()
{
    NS_LOG_FUNCTION(this);
    if (m_closed)
    {
        m_errno = ERROR_BADF;
        return -1;
    }
    m_closed = true;
    for (const auto& rpc : GetRpcs())
    {
        m_homa->EndRpc(rpc);
    }
    m_ready.clear();
    if (m_port != 0)
    {
        m_homa->UnbindSocket(m_port);
    }
    return 0;
}

int
HomaSocket::ShutdownSend()
{
    m_shutdownSend = true;
    return 0;
}

int
HomaSocket::ShutdownRecv()
{
    m_shutdownRecv = true;
    return 0;
}

int
HomaSocket::Connect(const Address& address)
{
    if (!InetSocketAddress::IsMatchingType(address))
    {
        m_errno = ERROR_AFNOSUPPORT;
        return -1;
    }
    m_defaultPeer = InetSocketAddress::ConvertFrom(address);
    m_connected = true;
    NotifyConnectionSucceeded();
    return 0;
}

int
HomaSocket::Listen()
{
    // Every bound socket receives requests; nothing more to do.
    return 0;
}

uint32_t
HomaSocket::GetTxAvailable() const
{
    return m_homa ? m_homa->GetMaxMessageLength() : HomaCutoffs::MAX_MESSAGE_LENGTH;
}

bool
HomaSocket::CheckSend(Ptr<Packet> message, const Address& to)
{
    if (m_closed || m_shutdownSend)
    {
        NS_LOG_WARN("send on a closed Homa socket");
        m_errno = m_closed ? ERROR_BADF : ERROR_SHUTDOWN;
        return false;
    }
    if (m_port == 0)
    {
        NS_LOG_WARN("send on an unbound Homa socket: call Bind() first");
        m_errno = ERROR_NOTCONN;
        return false;
    }
    if (!InetSocketAddress::IsMatchingType(to))
    {
        m_errno = ERROR_AFNOSUPPORT;
        return false;
    }
    if (!message || message->GetSize() == 0 || message->GetSize() > GetTxAvailable())
    {
        NS_LOG_WARN("Homa messages hold 1 to " << GetTxAvailable()
                                               << " bytes (HomaL4Protocol::MaxMessageLength), not "
                                               << (message ? message->GetSize() : 0));
        m_errno = ERROR_MSGSIZE;
        return false;
    }
    return true;
}

uint64_t
HomaSocket::SendRequest(Ptr<Packet> message, const Address& server)
{
    NS_LOG_FUNCTION(this << message << server);
    if (!CheckSend(message, server))
    {
        return 0;
    }
    InetSocketAddress dst = InetSocketAddress::ConvertFrom(server);
    Ipv4Address source;
    uint32_t mtu;
    if (!m_homa->LookupRoute(dst.GetIpv4(), source, mtu))
    {
        m_errno = ERROR_NOROUTETOHOST;
        return 0;
    }
    uint64_t id = m_homa->AllocateRpcId();
    Ptr<HomaRpc> rpc = Create<HomaRpc>(this, id, dst.GetIpv4(), dst.GetPort());
    rpc->m_local = m_boundAddress.IsAny() ? source : m_boundAddress;
    m_clientRpcs.emplace(id, rpc);
    m_homa->StartMessage(rpc, message, mtu);
    return id;
}

int
HomaSocket::SendResponse(Ptr<Packet> message, const Address& client, uint64_t rpcId)
{
    NS_LOG_FUNCTION(this << message << client << rpcId);
    if (!CheckSend(message, client))
    {
        return -1;
    }
    InetSocketAddress dst = InetSocketAddress::ConvertFrom(client);
    Ptr<HomaRpc> rpc = FindServerRpc(dst.GetIpv4(), rpcId);
    if (!rpc || rpc->GetState() != HomaRpc::IN_SERVICE || rpc->m_peerPort != dst.GetPort())
    {
        NS_LOG_WARN("reply to unknown RPC " << rpcId << " from " << dst.GetIpv4() << ":"
                                            << dst.GetPort());
        m_errno = ERROR_INVAL;
        return -1;
    }
    Ipv4Address source;
    uint32_t mtu;
    if (!m_homa->LookupRoute(dst.GetIpv4(), source, mtu))
    {
        m_errno = ERROR_NOROUTETOHOST;
        return -1;
    }
    rpc->ResponseStarting();
    m_homa->StartMessage(rpc, message, mtu);
    return 0;
}

int
HomaSocket::Send(Ptr<Packet> p, uint32_t flags)
{
    if (!m_connected)
    {
        m_errno = ERROR_NOTCONN;
        return -1;
    }
    return SendTo(p, flags, m_defaultPeer);
}

int
HomaSocket::SendTo(Ptr<Packet> p, uint32_t flags, const Address& toAddress)
{
    HomaRpcTag tag;
    if (p && p->PeekPacketTag(tag) && tag.IsRequest())
    {
        Ptr<Packet> response = p->Copy();
        response->RemovePacketTag(tag);
        return SendResponse(response, toAddress, tag.GetRpcId()) == 0 ? p->GetSize() : -1;
    }
    return SendRequest(p, toAddress) != 0 ? static_cast<int>(p->GetSize()) : -1;
}

uint32_t
HomaSocket::GetRxAvailable() const
{
    if (m_ready.empty() || !m_ready.front().message)
    {
        return 0;
    }
    return m_ready.front().message->GetSize();
}

Ptr<Packet>
HomaSocket::Recv(uint32_t maxSize, uint32_t flags)
{
    Address from;
    return RecvFrom(maxSize, flags, from);
}

Ptr<Packet>
HomaSocket::RecvFrom(uint32_t maxSize, uint32_t flags, Address& fromAddress)
{
    if (m_ready.empty())
    {
        m_errno = m_closed ? ERROR_BADF : ERROR_AGAIN;
        return nullptr;
    }
    Ready& head = m_ready.front();
    if (head.message && head.message->GetSize() > maxSize)
    {
        m_errno = ERROR_MSGSIZE; // messages are never split
        return nullptr;
    }
    Ptr<Packet> p = head.message ? head.message : Create<Packet>();
    HomaRpcTag tag(head.rpcId, head.error);
    p->ReplacePacketTag(tag);
    fromAddress = head.peer;
    if (head.error != HomaRpcError::NONE)
    {
        m_errno = ERROR_NOROUTETOHOST;
    }
    m_ready.pop_front();
    return p;
}

Ptr<Packet>
HomaSocket::RecvMessage(MessageInfo& info)
{
    info = MessageInfo();
    if (m_ready.empty())
    {
        m_errno = m_closed ? ERROR_BADF : ERROR_AGAIN;
        return nullptr;
    }
    Ready head = m_ready.front();
    m_ready.pop_front();
    info.rpcId = head.rpcId;
    info.isRequest = (head.rpcId & 1) != 0;
    info.peer = head.peer;
    info.error = head.error;
    if (head.message)
    {
        HomaRpcTag tag(head.rpcId, head.error);
        head.message->ReplacePacketTag(tag);
    }
    return head.message;
}

int
HomaSocket::GetSockName(Address& address) const
{
    address = InetSocketAddress(m_boundAddress, m_port);
    return 0;
}

int
HomaSocket::GetPeerName(Address& address) const
{
    if (!m_connected)
    {
        m_errno = ERROR_NOTCONN;
        return -1;
    }
    address = m_defaultPeer;
    return 0;
}

bool
HomaSocket::SetAllowBroadcast(bool allowBroadcast)
{
    return !allowBroadcast;
}

bool
HomaSocket::GetAllowBroadcast() const
{
    return false;
}

Ptr<HomaRpc>
HomaSocket::FindClientRpc(uint64_t id) const
{
    auto it = m_clientRpcs.find(id);
    return it == m_clientRpcs.end() ? nullptr : it->second;
}

Ptr<HomaRpc>
HomaSocket::FindServerRpc(Ipv4Address client, uint64_t id) const
{
    auto it = m_serverRpcs.find({client.Get(), id});
    return it == m_serverRpcs.end() ? nullptr : it->second;
}

Ptr<HomaRpc>
HomaSocket::CreateServerRpc(Ipv4Address client, uint16_t clientPort, uint64_t id, Ipv4Address local)
{
    Ptr<HomaRpc> rpc = Create<HomaRpc>(this, id, client, clientPort);
    rpc->m_local = local;
    m_serverRpcs.emplace(std::make_pair(client.Get(), id), rpc);
    return rpc;
}

void
HomaSocket::RemoveRpc(Ptr<HomaRpc> rpc)
{
    if (rpc->IsClient())
    {
        m_clientRpcs.erase(rpc->m_id);
    }
    else
    {
        m_serverRpcs.erase({rpc->m_peer.Get(), rpc->m_id});
    }
}

std::vector<Ptr<HomaRpc>>
HomaSocket::GetRpcs() const
{
    std::vector<Ptr<HomaRpc>> rpcs;
    rpcs.reserve(GetNumRpcs());
    for (const auto& [id, rpc] : m_clientRpcs)
    {
        rpcs.push_back(rpc);
    }
    for (const auto& [key, rpc] : m_serverRpcs)
    {
        rpcs.push_back(rpc);
    }
    return rpcs;
}

void
HomaSocket::Deliver(Ptr<Packet> message,
                    uint64_t rpcId,
                    const InetSocketAddress& peer,
                    HomaRpcError error)
{
    if (m_closed || m_shutdownRecv)
    {
        return;
    }
    m_ready.push_back(Ready{message, rpcId, peer, error});
    NotifyDataRecv();
}

} // namespace ns3
