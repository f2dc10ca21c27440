/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-rpc-client.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/nstime.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpRpcClient");

NS_OBJECT_ENSURE_REGISTERED(TcpRpcClient);

TypeId
TcpRpcClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TcpRpcClient")
            .SetParent<TcpMessageBaseline>()
            .SetGroupName("Homa")
            .AddConstructor<TcpRpcClient>()
            .AddAttribute("Server",
                          "The server's address (it runs a TcpMessageBaseline with ReplySize "
                          "> 0 on the same Port).",
                          Ipv4AddressValue(),
                          MakeIpv4AddressAccessor(&TcpRpcClient::m_server),
                          MakeIpv4AddressChecker())
            .AddAttribute("MaxRpcs",
                          "Requests to send in all (0: no limit).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&TcpRpcClient::m_maxRpcs),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("MessageSize",
                          "Request size in bytes, drawn as each request leaves.",
                          StringValue("ns3::ConstantRandomVariable[Constant=1000]"),
                          MakePointerAccessor(&TcpRpcClient::m_size),
                          MakePointerChecker<RandomVariableStream>())
            .AddAttribute("MaxMessageSize",
                          "Largest request size in bytes (larger draws are cut to it).",
                          UintegerValue(1000000),
                          MakeUintegerAccessor(&TcpRpcClient::m_maxMessageSize),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("FirstRequestDelay",
                          "From the start (when the connection is opened) to the first "
                          "request.",
                          TimeValue(Time(0)),
                          MakeTimeAccessor(&TcpRpcClient::m_firstRequestDelay),
                          MakeTimeChecker(Time(0)))
            .AddTraceSource("RequestSent",
                            "A request was handed to TCP (the record's id, size and start).",
                            MakeTraceSourceAccessor(&TcpRpcClient::m_requestTrace),
                            "ns3::TcpMessageBaseline::DeliveredTracedCallback");
    return tid;
}

TcpRpcClient::TcpRpcClient()
    : m_maxRpcs(0),
      m_maxMessageSize(1000000)
{
}

TcpRpcClient::~TcpRpcClient() = default;

void
TcpRpcClient::DoDispose()
{
    m_firstRequest.Cancel();
    m_size = nullptr;
    TcpMessageBaseline::DoDispose();
}

uint32_t
TcpRpcClient::GetRequestsSent() const
{
    return m_requests;
}

void
TcpRpcClient::StartApplication()
{
    NS_ABORT_MSG_IF(m_server == Ipv4Address(), "TcpRpcClient: no Server");
    TcpMessageBaseline::StartApplication();
    if (!m_listening)
    {
        TraceConnectWithoutContext("Replied", MakeCallback(&TcpRpcClient::ReplyArrived, this));
        m_listening = true;
    }
    Connect(m_server);
    m_firstRequest = Simulator::Schedule(m_firstRequestDelay, &TcpRpcClient::SendRequest, this);
}

void
TcpRpcClient::SendRequest()
{
    if (m_maxRpcs != 0 && m_requests >= m_maxRpcs)
    {
        return;
    }
    uint32_t size =
        std::max<uint32_t>(1, std::min<uint32_t>(m_maxMessageSize, m_size->GetInteger()));
    TcpMessageRecord record;
    record.destination = m_server;
    record.size = size;
    record.start = Simulator::Now();
    record.id = Send(m_server, size);
    ++m_requests;
    m_requestTrace(record);
}

void
TcpRpcClient::ReplyArrived(const TcpMessageRecord& /* record */)
{
    SendRequest();
}

} // namespace ns3
