/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-first: the smallest Homa script. Two hosts behind one switch (an IP router), 10 Gbps
// links; host 1 runs a HomaServer that answers every request with 100 bytes; host 0 sends
// three requests at once and prints when each response arrived.
//
//   ./ns3 run homa-first

#include "ns3/core-module.h"
#include "ns3/homa-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

using namespace ns3;

/// When the requests are sent.
const Time kSend = MicroSeconds(10);

/// Print each response as it arrives. \param sizeOf RPC id -> request bytes \param s socket
void
Received(std::map<uint64_t, uint32_t>* sizeOf, Ptr<Socket> s)
{
    HomaSocket::MessageInfo info;
    while (Ptr<Packet> response = DynamicCast<HomaSocket>(s)->RecvMessage(info))
    {
        std::cout << "request of " << (*sizeOf)[info.rpcId] << " bytes: " << response->GetSize()
                  << "-byte response " << (Simulator::Now() - kSend).GetNanoSeconds() / 1e3
                  << " us after the request\n";
        sizeOf->erase(info.rpcId);
    }
}

int
main(int argc, char* argv[])
{
    CommandLine cmd(__FILE__);
    cmd.Parse(argc, argv);

    NodeContainer hosts(2);
    Ptr<Node> sw = CreateObject<Node>();
    InternetStackHelper().Install(NodeContainer(hosts, sw));
    PointToPointHelper link;
    link.SetDeviceAttribute("DataRate", StringValue("10Gbps"));
    link.SetChannelAttribute("Delay", StringValue("1us"));
    Ipv4AddressHelper ipv4("10.0.0.0", "255.255.255.0");
    std::vector<Ipv4Address> address;
    for (uint32_t h = 0; h < 2; ++h)
    {
        NetDeviceContainer devices = link.Install(hosts.Get(h), sw);
        HomaHelper::InstallPriorityQueueDisc(devices); // 8 strict levels on both ends
        address.push_back(ipv4.Assign(devices).GetAddress(0));
        ipv4.NewNetwork();
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    HomaHelper().Install(hosts);

    HomaServerHelper server(9000);
    server.SetAttribute("ResponseSize", UintegerValue(100));
    server.Install(hosts.Get(1));

    Ptr<Socket> socket = Socket::CreateSocket(hosts.Get(0), HomaSocketFactory::GetTypeId());
    Ptr<HomaSocket> client = DynamicCast<HomaSocket>(socket);
    client->Bind();
    std::map<uint64_t, uint32_t> sizeOf; // RPC id -> request bytes
    client->SetRecvCallback(MakeBoundCallback(&Received, &sizeOf));
    Simulator::Schedule(kSend, [&]() {
        for (uint32_t size : {100000, 10000, 1000})
        {
            uint64_t id =
                client->SendRequest(Create<Packet>(size), InetSocketAddress(address[1], 9000));
            sizeOf[id] = size;
        }
    });
    Simulator::Stop(MilliSeconds(10));
    Simulator::Run();
    Simulator::Destroy();
    return sizeOf.empty() ? 0 : 1; // every RPC answered
}
