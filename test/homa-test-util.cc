/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-test-util.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/error-model.h"
#include "ns3/homa-helper.h"
#include "ns3/homa-priority-queue-disc.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/traffic-control-helper.h"

namespace ns3
{
namespace homatest
{

Ptr<HomaL4Protocol>
Star::Homa(uint32_t i) const
{
    return hosts.Get(i)->GetObject<HomaL4Protocol>();
}

Star
BuildStar(uint32_t n, const std::string& rate, const std::string& delay, const HomaHelper& homa)
{
    Star star;
    star.hosts.Create(n);
    star.router = CreateObject<Node>();
    InternetStackHelper internet;
    internet.Install(star.hosts);
    internet.Install(star.router);
    homa.Install(star.hosts);

    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue(rate));
    p2p.SetChannelAttribute("Delay", StringValue(delay));
    Ipv4AddressHelper ipv4;
    for (uint32_t i = 0; i < n; ++i)
    {
        NetDeviceContainer link = p2p.Install(star.hosts.Get(i), star.router);
        QueueDiscContainer qdiscs = HomaHelper::InstallPriorityQueueDisc(link);
        qdiscs.Get(0)->SetAttribute("ControlFirst", BooleanValue(true));
        std::string net = "10.1." + std::to_string(i + 1) + ".0";
        ipv4.SetBase(net.c_str(), "255.255.255.0");
        Ipv4InterfaceContainer ifs = ipv4.Assign(link);
        star.addresses.push_back(ifs.GetAddress(0));
        star.hostDevices.Add(link.Get(0));
        star.switchDevices.Add(link.Get(1));
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    return star;
}

void
AddLoss(Star& star, double rate, int64_t seedStream)
{
    auto add = [&](NetDeviceContainer& devices) {
        for (uint32_t i = 0; i < devices.GetN(); ++i)
        {
            Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
            em->SetAttribute("ErrorRate", DoubleValue(rate));
            em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
            em->AssignStreams(seedStream++);
            devices.Get(i)->SetAttribute("ReceiveErrorModel", PointerValue(em));
        }
    };
    add(star.hostDevices);
    add(star.switchDevices);
}

Ptr<Packet>
MakeMessage(uint32_t size, uint32_t seed)
{
    std::vector<uint8_t> bytes(size);
    uint32_t x = seed * 2654435761u + 12345;
    for (uint32_t i = 0; i < size; ++i)
    {
        x = x * 1103515245u + 12345u;
        bytes[i] = static_cast<uint8_t>(x >> 16);
    }
    return FromBytes(bytes);
}

bool
PeekData(Ptr<const Packet> p, HomaDataHeader& h)
{
    HomaCommonHeader common;
    p->PeekHeader(common);
    if (common.GetType() != HomaCommonHeader::DATA)
    {
        return false;
    }
    p->PeekHeader(h);
    return true;
}

Ptr<Packet>
FromBytes(const std::vector<uint8_t>& bytes)
{
    if (bytes.empty())
    {
        return Create<Packet>();
    }
    return Create<Packet>(bytes.data(), static_cast<uint32_t>(bytes.size()));
}

std::vector<uint8_t>
Bytes(Ptr<const Packet> p)
{
    std::vector<uint8_t> bytes(p->GetSize());
    p->CopyData(bytes.data(), bytes.size());
    return bytes;
}

Server::Server(Ptr<HomaL4Protocol> homa,
               uint16_t port,
               std::function<Ptr<Packet>(Ptr<Packet>)> respond)
    : m_respond(respond)
{
    socket = DynamicCast<HomaSocket>(homa->CreateSocket());
    NS_ABORT_UNLESS(socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port)) == 0);
    socket->SetRecvCallback(MakeCallback(&Server::OnRecv, this));
}

void
Server::OnRecv(Ptr<Socket> s)
{
    HomaSocket::MessageInfo info;
    while (Ptr<Packet> request = socket->RecvMessage(info))
    {
        requests.push_back(request);
        requestTimes.push_back(Simulator::Now());
        if (!answer)
        {
            continue;
        }
        Ptr<Packet> response = m_respond ? m_respond(request) : request->Copy();
        NS_ABORT_UNLESS(socket->SendResponse(response, info.peer, info.rpcId) == 0);
    }
}

Client::Client(Ptr<HomaL4Protocol> homa)
{
    socket = DynamicCast<HomaSocket>(homa->CreateSocket());
    NS_ABORT_UNLESS(socket->Bind() == 0);
    socket->SetRecvCallback(MakeCallback(&Client::OnRecv, this));
}

uint64_t
Client::Send(Ipv4Address server, uint16_t port, Ptr<Packet> request)
{
    uint64_t id = socket->SendRequest(request, InetSocketAddress(server, port));
    NS_ABORT_UNLESS(id != 0);
    requests[id] = request;
    sentAt[id] = Simulator::Now();
    return id;
}

void
Client::OnRecv(Ptr<Socket> s)
{
    HomaSocket::MessageInfo info;
    while (true)
    {
        Ptr<Packet> response = socket->RecvMessage(info);
        if (info.rpcId == 0)
        {
            break;
        }
        results.push_back(Result{info.rpcId, response, info.error, Simulator::Now()});
    }
}

} // namespace homatest
} // namespace ns3
