/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-client.h"

#include "ns3/boolean.h"
#include "ns3/homa-socket-factory.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HomaClient");

NS_OBJECT_ENSURE_REGISTERED(HomaClient);

TypeId
HomaClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::HomaClient")
            .SetParent<Application>()
            .SetGroupName("Homa")
            .AddConstructor<HomaClient>()
            .AddAttribute("MessageSize",
                          "Request size in bytes (1 to the protocol's MaxMessageLength), drawn for "
                          "each request.",
                          StringValue("ns3::ConstantRandomVariable[Constant=1000]"),
                          MakePointerAccessor(&HomaClient::m_size),
                          MakePointerChecker<RandomVariableStream>())
            .AddAttribute("Interval",
                          "Seconds between request arrivals; 0 makes all MaxRpcs arrive at start.",
                          StringValue("ns3::ConstantRandomVariable[Constant=0.001]"),
                          MakePointerAccessor(&HomaClient::m_interval),
                          MakePointerChecker<RandomVariableStream>())
            .AddAttribute("MaxRpcs",
                          "Most requests to send (0: no limit; needs a nonzero Interval).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&HomaClient::m_maxRpcs),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("MaxOutstanding",
                          "Most RPCs in flight; later requests wait (0: no limit).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&HomaClient::m_maxOutstanding),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("ServersInTurn",
                          "Send request k to the (k mod n)-th server added, instead of a "
                          "server drawn uniformly (a fan-out: each server once per n requests).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&HomaClient::m_inTurn),
                          MakeBooleanChecker())
            .AddAttribute("Pattern",
                          "Fill requests with bytes a HomaServer with Verify can check "
                          "(otherwise zero bytes, which cost no memory).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&HomaClient::m_pattern),
                          MakeBooleanChecker())
            .AddAttribute("VerifyEcho",
                          "Compare each response with its request byte for byte (for a server "
                          "that echoes requests); the result is HomaRpcRecord::echoMatches.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&HomaClient::m_verifyEcho),
                          MakeBooleanChecker())
            .AddTraceSource("Request",
                            "A request was handed to Homa (the record's start, size and id).",
                            MakeTraceSourceAccessor(&HomaClient::m_requestTrace),
                            "ns3::HomaClient::RpcTracedCallback")
            .AddTraceSource("Rpc",
                            "An RPC finished (response received or failure reported).",
                            MakeTraceSourceAccessor(&HomaClient::m_rpcTrace),
                            "ns3::HomaClient::RpcTracedCallback");
    return tid;
}

HomaClient::HomaClient()
    : m_arrived(0),
      m_sent(0),
      m_pending(0),
      m_verifyEcho(false),
      m_mismatches(0)
{
    m_pick = CreateObject<UniformRandomVariable>();
}

HomaClient::~HomaClient() = default;

void
HomaClient::DoDispose()
{
    m_socket = nullptr;
    m_requests.clear();
    Application::DoDispose();
}

void
HomaClient::AddServer(const Address& server)
{
    NS_ABORT_MSG_UNLESS(InetSocketAddress::IsMatchingType(server),
                        "HomaClient::AddServer takes an InetSocketAddress");
    m_servers.push_back(server);
}

void
HomaClient::SetMessageSizes(const std::vector<uint32_t>& sizes)
{
    m_sizes = sizes;
}

uint32_t
HomaClient::GetMismatches() const
{
    return m_mismatches;
}

const std::vector<HomaRpcRecord>&
HomaClient::GetRecords() const
{
    return m_records;
}

uint32_t
HomaClient::GetSent() const
{
    return m_sent;
}

uint32_t
HomaClient::GetOutstanding() const
{
    return static_cast<uint32_t>(m_inFlight.size());
}

int64_t
HomaClient::AssignStreams(int64_t stream)
{
    m_size->SetStream(stream);
    m_interval->SetStream(stream + 1);
    m_pick->SetStream(stream + 2);
    return 3;
}

Ptr<Packet>
HomaClient::MakePattern(uint32_t size, uint64_t seed)
{
    if (size == 0)
    {
        return Create<Packet>(); // ns-3 must not copy from an empty vector's null data()
    }
    std::vector<uint8_t> bytes(size);
    if (size < 8)
    {
        for (uint32_t i = 0; i < size; ++i)
        {
            bytes[i] = static_cast<uint8_t>(i + 1);
        }
        return Create<Packet>(bytes.data(), size);
    }
    for (int i = 0; i < 8; ++i)
    {
        bytes[i] = static_cast<uint8_t>(seed >> (56 - 8 * i));
    }
    uint64_t x = seed ^ size;
    for (uint32_t i = 8; i < size; ++i)
    {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        bytes[i] = static_cast<uint8_t>(x >> 56);
    }
    return Create<Packet>(bytes.data(), size);
}

bool
HomaClient::CheckPattern(Ptr<const Packet> message)
{
    uint32_t size = message->GetSize();
    std::vector<uint8_t> bytes(size);
    message->CopyData(bytes.data(), size);
    uint64_t seed = 0;
    if (size >= 8)
    {
        for (int i = 0; i < 8; ++i)
        {
            seed = (seed << 8) | bytes[i];
        }
    }
    Ptr<Packet> expected = MakePattern(size, seed);
    std::vector<uint8_t> want(size);
    expected->CopyData(want.data(), size);
    return want == bytes;
}

void
HomaClient::SetResponseSizes(const std::vector<uint32_t>& sizes)
{
    m_responseSizes = sizes;
}

uint32_t
HomaClient::ResponseLengthIn(Ptr<const Packet> request)
{
    uint32_t size = request->GetSize();
    if (size < 8)
    {
        return size;
    }
    uint8_t word[8];
    request->CopyData(word, 8);
    uint32_t length =
        word[4] | (uint32_t(word[5]) << 8) | (uint32_t(word[6]) << 16) | (uint32_t(word[7]) << 24);
    return std::max<uint32_t>(1, std::min(length, size)); // a Homa message is never empty
}

void
HomaClient::StartApplication()
{
    NS_ABORT_MSG_IF(m_servers.empty(), "HomaClient: no server (AddServer)");
    double first = m_interval->GetValue();
    NS_ABORT_MSG_IF(first <= 0 && m_maxRpcs == 0,
                    "HomaClient: with Interval 0 set MaxRpcs, or requests never stop arriving");
    m_socket =
        DynamicCast<HomaSocket>(Socket::CreateSocket(GetNode(), HomaSocketFactory::GetTypeId()));
    NS_ABORT_MSG_UNLESS(m_socket, "HomaClient: install Homa on node " << GetNode()->GetId());
    m_socket->Bind();
    m_socket->SetRecvCallback(MakeCallback(&HomaClient::HandleRead, this));
    if (first <= 0)
    {
        m_arrived = m_pending = m_maxRpcs;
        SendPending();
    }
    else
    {
        m_arrivalEvent = Simulator::Schedule(Seconds(first), &HomaClient::Arrival, this);
    }
}

void
HomaClient::StopApplication()
{
    m_arrivalEvent.Cancel();
    m_pending = 0;
}

void
HomaClient::Arrival()
{
    if (m_maxRpcs == 0 || m_arrived < m_maxRpcs)
    {
        ++m_arrived;
        ++m_pending;
        SendPending();
    }
    if (m_maxRpcs == 0 || m_arrived < m_maxRpcs)
    {
        m_arrivalEvent =
            Simulator::Schedule(Seconds(m_interval->GetValue()), &HomaClient::Arrival, this);
    }
}

void
HomaClient::SendPending()
{
    while (m_pending > 0 && (m_maxOutstanding == 0 || m_inFlight.size() < m_maxOutstanding))
    {
        --m_pending;
        auto size = m_sizes.empty() ? static_cast<uint32_t>(m_size->GetInteger())
                                    : m_sizes[m_sent % m_sizes.size()];
        size = std::max<uint32_t>(1, std::min<uint32_t>(size, m_socket->GetTxAvailable()));
        Address server = m_inTurn ? m_servers[m_sent % m_servers.size()]
                                  : m_servers[m_pick->GetInteger(0, m_servers.size() - 1)];
        uint64_t seed = (uint64_t(GetNode()->GetId()) << 32) | m_sent;
        Ptr<Packet> request = m_pattern ? MakePattern(size, seed) : Create<Packet>(size);
        if (!m_responseSizes.empty() && size >= 8)
        {
            uint32_t want = std::min(m_responseSizes[m_sent % m_responseSizes.size()], size);
            std::vector<uint8_t> bytes(size);
            request->CopyData(bytes.data(), size);
            for (int k = 0; k < 4; ++k)
            {
                bytes[4 + k] = static_cast<uint8_t>(want >> (8 * k));
            }
            request = Create<Packet>(bytes.data(), size);
        }
        uint64_t id = m_socket->SendRequest(request, server);
        NS_ABORT_MSG_IF(id == 0,
                        "HomaClient: SendRequest failed (errno " << m_socket->GetErrno() << ")");
        ++m_sent;
        HomaRpcRecord record;
        record.id = id;
        record.server = server;
        record.requestSize = size;
        record.start = Simulator::Now();
        m_inFlight[id] = record;
        if (m_verifyEcho)
        {
            m_requests[id] = request;
        }
        m_requestTrace(record);
    }
}

void
HomaClient::HandleRead(Ptr<Socket>)
{
    HomaSocket::MessageInfo info;
    while (true)
    {
        Ptr<Packet> response = m_socket->RecvMessage(info);
        if (info.rpcId == 0)
        {
            break;
        }
        auto it = m_inFlight.find(info.rpcId);
        if (it == m_inFlight.end())
        {
            continue;
        }
        HomaRpcRecord record = it->second;
        m_inFlight.erase(it);
        record.end = Simulator::Now();
        record.error = info.error;
        record.responseSize = response ? response->GetSize() : 0;
        if (m_verifyEcho)
        {
            auto sent = m_requests.find(info.rpcId);
            Ptr<Packet> request = sent->second;
            m_requests.erase(sent);
            uint32_t expected =
                m_responseSizes.empty() ? request->GetSize() : ResponseLengthIn(request);
            record.echoMatches = response && response->GetSize() == expected;
            if (record.echoMatches)
            {
                std::vector<uint8_t> a(response->GetSize());
                std::vector<uint8_t> b(a.size());
                response->CopyData(a.data(), a.size());
                request->CopyData(b.data(), b.size());
                record.echoMatches = a == b;
            }
            m_mismatches += (info.error == HomaRpcError::NONE && !record.echoMatches) ? 1 : 0;
        }
        m_records.push_back(record);
        m_rpcTrace(record);
    }
    SendPending();
}

} // namespace ns3
