/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-server.h"

#include "homa-client.h"

#include "ns3/boolean.h"
#include "ns3/homa-socket-factory.h"
#include "ns3/homa-socket.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HomaServer");

NS_OBJECT_ENSURE_REGISTERED(HomaServer);

TypeId
HomaServer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::HomaServer")
            .SetParent<Application>()
            .SetGroupName("Homa")
            .AddConstructor<HomaServer>()
            .AddAttribute("Port",
                          "Homa port the server listens on.",
                          UintegerValue(9000),
                          MakeUintegerAccessor(&HomaServer::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("ResponseSize",
                          "Bytes of each response; 0 sends the request back byte for byte.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&HomaServer::m_responseSize),
                          MakeUintegerChecker<uint32_t>(0, 1000000))
            .AddAttribute("SizeInRequest",
                          "HomaModule's util/server convention: a request of 8 bytes or more "
                          "names its response length in bytes 4-7 (little-endian), and the "
                          "response is the request's first that many bytes (at most the whole "
                          "request); shorter requests are echoed. Overrides ResponseSize.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&HomaServer::m_sizeInRequest),
                          MakeBooleanChecker())
            .AddAttribute("Verify",
                          "Check each request against the pattern HomaClient writes when its "
                          "Pattern attribute is set.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&HomaServer::m_verify),
                          MakeBooleanChecker())
            .AddTraceSource("Request",
                            "A request arrived: the request and the client's address.",
                            MakeTraceSourceAccessor(&HomaServer::m_requestTrace),
                            "ns3::Packet::AddressTracedCallback");
    return tid;
}

HomaServer::HomaServer()
    : m_sizeInRequest(false),
      m_requests(0),
      m_requestBytes(0),
      m_corrupt(0)
{
}

HomaServer::~HomaServer() = default;

void
HomaServer::DoDispose()
{
    m_socket = nullptr;
    Application::DoDispose();
}

uint64_t
HomaServer::GetRequests() const
{
    return m_requests;
}

uint64_t
HomaServer::GetRequestBytes() const
{
    return m_requestBytes;
}

uint64_t
HomaServer::GetCorrupt() const
{
    return m_corrupt;
}

Ptr<HomaSocket>
HomaServer::GetSocket() const
{
    return m_socket;
}

void
HomaServer::StartApplication()
{
    m_socket =
        DynamicCast<HomaSocket>(Socket::CreateSocket(GetNode(), HomaSocketFactory::GetTypeId()));
    NS_ABORT_MSG_UNLESS(m_socket, "HomaServer: install Homa on node " << GetNode()->GetId());
    NS_ABORT_MSG_UNLESS(m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) == 0,
                        "HomaServer: port " << m_port << " of node " << GetNode()->GetId()
                                            << " is taken");
    m_socket->SetRecvCallback(MakeCallback(&HomaServer::HandleRead, this));
}

void
HomaServer::StopApplication()
{
    if (m_socket)
    {
        m_socket->Close();
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    }
}

void
HomaServer::HandleRead(Ptr<Socket>)
{
    HomaSocket::MessageInfo info;
    while (true)
    {
        Ptr<Packet> request = m_socket->RecvMessage(info);
        if (info.rpcId == 0)
        {
            break;
        }
        if (!request)
        {
            continue; // only clients see failed RPCs
        }
        ++m_requests;
        m_requestBytes += request->GetSize();
        m_requestTrace(request, info.peer);
        if (m_verify && !HomaClient::CheckPattern(request))
        {
            ++m_corrupt;
        }
        Ptr<Packet> response;
        if (m_sizeInRequest)
        {
            uint32_t length = HomaClient::ResponseLengthIn(request);
            response = length < request->GetSize() ? request->CreateFragment(0, length) : request;
        }
        else
        {
            response = m_responseSize == 0 ? request : Create<Packet>(m_responseSize);
        }
        m_socket->SendResponse(response, info.peer, info.rpcId);
    }
}

} // namespace ns3
