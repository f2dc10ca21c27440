/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-fabric-switch: FabricSwitch, the fast fabric's switch: forwarding below IP (TTL,
// checksum, ports, queue discs), every kind of bad packet counted and dropped, and the queue
// item's header bytes, ECN marking and size. (Equality with IP routers under load is in
// homa-datacenter and homa-tcp-baseline.)

#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/fabric-switch.h"
#include "ns3/global-value.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/ns3-version-compat.h"
#include "ns3/packet.h"
#include "ns3/queue-disc.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/tcp-baseline-helper.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"

#include <vector>

using namespace ns3;

namespace
{

/// A fabric of two racks of one host and one spine, with fast switches.
struct SmallFabric
{
    LeafSpineHelper fabric; //!< the fabric

    SmallFabric()
    {
        fabric.SetRacks(2);
        fabric.SetHostsPerRack(1);
        fabric.SetSpines(1);
        TcpBaselineHelper::ConfigureFabric(fabric, QueueSize("100000p"), true, false);
        fabric.Install();
    }

    /// \param node a switch \return its FabricSwitch
    static Ptr<FabricSwitch> Switch(Ptr<Node> node)
    {
        return node->GetObject<FabricSwitch>();
    }
};

/// One forwarding step seen by a switch's Forward trace.
struct Hop
{
    uint32_t node; //!< switch node id
    uint32_t in;   //!< port in
    uint32_t out;  //!< port out
    uint8_t ttl;   //!< TTL as received
};

} // namespace

/**
 * \ingroup homa-tests
 * A UDP datagram from host 0 to host 1 (the other rack) with checksums on: three switch
 * hops (ToR 0 port 1 -> 2, spine 1 -> 2, ToR 1 port 2 -> 1), TTL 64, 63, 62 on the way in
 * and 61 at the receiver, checksums that the receiver accepts (the payload arrives byte
 * for byte), one packet through each switch's queue disc, no IP stack on any switch.
 */
class HomaFabricSwitchForwardTest : public TestCase
{
  public:
    HomaFabricSwitchForwardTest()
        : TestCase("fast switch: three hops, TTL and checksum, queue discs, payload intact")
    {
    }

  private:
    void DoRun() override
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
        SmallFabric f;
        NodeContainer switches(f.fabric.GetTors(), f.fabric.GetSpines());
        for (uint32_t i = 0; i < switches.GetN(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(switches.Get(i)->GetObject<Ipv4>(), nullptr, "no IP stack");
            SmallFabric::Switch(switches.Get(i))
                ->TraceConnectWithoutContext(
                    "Forward",
                    MakeBoundCallback(&HomaFabricSwitchForwardTest::Forwarded,
                                      this,
                                      switches.Get(i)->GetId()));
        }
        Ptr<Node> receiver = f.fabric.GetHosts().Get(1);
        receiver->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "Rx",
            MakeCallback(&HomaFabricSwitchForwardTest::HostRx, this));
        Ptr<Socket> rx = Socket::CreateSocket(receiver, UdpSocketFactory::GetTypeId());
        rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), 7));
        rx->SetRecvCallback(MakeCallback(&HomaFabricSwitchForwardTest::Received, this));
        Ptr<Socket> tx =
            Socket::CreateSocket(f.fabric.GetHosts().Get(0), UdpSocketFactory::GetTypeId());
        tx->Bind();
        std::vector<uint8_t> payload(300);
        for (size_t i = 0; i < payload.size(); ++i)
        {
            payload[i] = static_cast<uint8_t>(i * 7 + 1);
        }
        Simulator::Schedule(MicroSeconds(1), [&]() {
            tx->SendTo(Create<Packet>(payload.data(), payload.size()),
                       0,
                       InetSocketAddress(f.fabric.GetHostAddress(1), 7));
        });
        Simulator::Run();

        uint32_t tor0 = f.fabric.GetTors().Get(0)->GetId();
        uint32_t tor1 = f.fabric.GetTors().Get(1)->GetId();
        uint32_t spine = f.fabric.GetSpines().Get(0)->GetId();
        NS_TEST_ASSERT_MSG_EQ(m_hops.size(), 3u, "three switch hops");
        const Hop expected[3] = {{tor0, 1, 2, 64}, {spine, 1, 2, 63}, {tor1, 2, 1, 62}};
        for (uint32_t i = 0; i < 3; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(m_hops[i].node, expected[i].node, "hop " << i << ": switch");
            NS_TEST_EXPECT_MSG_EQ(m_hops[i].in, expected[i].in, "hop " << i << ": port in");
            NS_TEST_EXPECT_MSG_EQ(m_hops[i].out, expected[i].out, "hop " << i << ": port out");
            NS_TEST_EXPECT_MSG_EQ(+m_hops[i].ttl, +expected[i].ttl, "hop " << i << ": TTL");
        }
        NS_TEST_EXPECT_MSG_EQ(+m_rxTtl, 61, "TTL 61 at the receiver");
        NS_TEST_EXPECT_MSG_EQ(m_rxChecksumOk, true, "the receiver's IP accepts the checksum");
        NS_TEST_EXPECT_MSG_EQ((m_received == payload), true, "payload byte for byte");
        for (uint32_t i = 0; i < switches.GetN(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(SmallFabric::Switch(switches.Get(i))->GetForwarded(),
                                  1u,
                                  "one packet forwarded by each switch");
        }
        uint64_t throughQdiscs = 0;
        QueueDiscContainer qdiscs = f.fabric.GetSwitchQueueDiscs();
        for (uint32_t i = 0; i < qdiscs.GetN(); ++i)
        {
            throughQdiscs += qdiscs.Get(i)->GetStats().nTotalDequeuedPackets;
        }
        NS_TEST_EXPECT_MSG_EQ(throughQdiscs, 3u, "one packet through three switch port queues");
        Simulator::Destroy();
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
    }

    static void Forwarded(HomaFabricSwitchForwardTest* self,
                          uint32_t node,
                          Ptr<const Packet> packet,
                          uint32_t in,
                          uint32_t out)
    {
        Ipv4Header ip;
        packet->PeekHeader(ip);
        self->m_hops.push_back({node, in, out, ip.GetTtl()});
    }

    void HostRx(Ptr<const Packet> packet, Ptr<Ipv4>, uint32_t)
    {
        Ipv4Header ip;
        Ptr<Packet> p = packet->Copy();
        ip.EnableChecksum();
        p->RemoveHeader(ip);
        m_rxTtl = ip.GetTtl();
        m_rxChecksumOk = ip.IsChecksumOk();
    }

    void Received(Ptr<Socket> socket)
    {
        Ptr<Packet> p = socket->Recv();
        m_received.resize(p->GetSize());
        p->CopyData(m_received.data(), m_received.size());
    }

    std::vector<Hop> m_hops;         //!< every forwarding step
    uint8_t m_rxTtl{0};              //!< TTL at the receiver
    bool m_rxChecksumOk{false};      //!< its checksum
    std::vector<uint8_t> m_received; //!< the datagram's payload
};

/**
 * \ingroup homa-tests
 * Bad packets sent straight onto host 0's link reach ToR 0, which counts and drops each by
 * its reason (an IPv6 frame, IP version 6 in an IPv4 frame, 10 bytes, a header length of
 * 16, TTL 1, a destination outside the fabric) and forwards nothing of them; a good packet
 * sent after them still crosses the fabric.
 */
class HomaFabricSwitchDropTest : public TestCase
{
  public:
    HomaFabricSwitchDropTest()
        : TestCase("fast switch: bad packets counted and dropped by reason, forwarding goes on")
    {
    }

  private:
    /// An IPv4 packet of \p payload bytes from host 0 to \p destination (protocol 253, for
    /// experiments: no transport at the receiver, so no ICMP answer comes back).
    static Ptr<Packet> Ipv4Packet(Ipv4Address source,
                                  Ipv4Address destination,
                                  uint8_t ttl,
                                  uint32_t payload)
    {
        Ptr<Packet> p = Create<Packet>(payload);
        Ipv4Header h;
        h.SetSource(source);
        h.SetDestination(destination);
        h.SetProtocol(253);
        h.SetTtl(ttl);
        h.SetPayloadSize(payload);
        p->AddHeader(h);
        return p;
    }

    /// \p p with its first byte replaced by \p first
    static Ptr<Packet> WithFirstByte(Ptr<Packet> p, uint8_t first)
    {
        std::vector<uint8_t> bytes(p->GetSize());
        p->CopyData(bytes.data(), bytes.size());
        bytes[0] = first;
        return Create<Packet>(bytes.data(), bytes.size());
    }

    void DoRun() override
    {
        SmallFabric f;
        Ptr<FabricSwitch> tor0 = SmallFabric::Switch(f.fabric.GetTors().Get(0));
        tor0->TraceConnectWithoutContext("Drop",
                                         MakeCallback(&HomaFabricSwitchDropTest::Dropped, this));
        f.fabric.GetHosts().Get(1)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "Rx",
            MakeCallback(&HomaFabricSwitchDropTest::HostRx, this));
        Ptr<NetDevice> nic = f.fabric.GetHosts().Get(0)->GetDevice(1);
        Ipv4Address src = f.fabric.GetHostAddress(0);
        Ipv4Address dst = f.fabric.GetHostAddress(1);
        std::vector<std::pair<Ptr<Packet>, uint16_t>> bad = {
            {Create<Packet>(100), 0x86DD},                               // IPv6 frame
            {WithFirstByte(Ipv4Packet(src, dst, 64, 50), 0x65), 0x0800}, // version 6
            {Create<Packet>(10), 0x0800},                                // 10 bytes
            {WithFirstByte(Ipv4Packet(src, dst, 64, 50), 0x44), 0x0800}, // IHL 4
            {Ipv4Packet(src, dst, 1, 50), 0x0800},                       // TTL 1
            {Ipv4Packet(src, Ipv4Address("12.0.0.1"), 64, 50), 0x0800},  // no route
        };
        Time t = MicroSeconds(1);
        for (auto& [packet, protocol] : bad)
        {
            Simulator::Schedule(t, [nic, packet = packet, protocol = protocol]() {
                nic->Send(packet, nic->GetBroadcast(), protocol);
            });
            t += MicroSeconds(1);
        }
        Simulator::Schedule(t, [nic, src, dst]() {
            nic->Send(Ipv4Packet(src, dst, 64, 123), nic->GetBroadcast(), 0x0800);
        });
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(tor0->GetDropped(FabricSwitch::NOT_IPV4), 2u, "not IPv4: 2");
        NS_TEST_EXPECT_MSG_EQ(tor0->GetDropped(FabricSwitch::MALFORMED), 2u, "malformed: 2");
        NS_TEST_EXPECT_MSG_EQ(tor0->GetDropped(FabricSwitch::TTL_EXPIRED), 1u, "TTL: 1");
        NS_TEST_EXPECT_MSG_EQ(tor0->GetDropped(FabricSwitch::NO_ROUTE), 1u, "no route: 1");
        const std::vector<FabricSwitch::DropReason> order = {FabricSwitch::NOT_IPV4,
                                                             FabricSwitch::NOT_IPV4,
                                                             FabricSwitch::MALFORMED,
                                                             FabricSwitch::MALFORMED,
                                                             FabricSwitch::TTL_EXPIRED,
                                                             FabricSwitch::NO_ROUTE};
        NS_TEST_EXPECT_MSG_EQ((m_drops == order), true, "the Drop trace, packet by packet");
        NS_TEST_EXPECT_MSG_EQ(tor0->GetForwarded(), 1u, "only the good packet forwarded");
        NS_TEST_EXPECT_MSG_EQ(m_goodSize, 123u + 20, "the good packet reached host 1");
        Simulator::Destroy();
    }

    void Dropped(Ptr<const Packet>, FabricSwitch::DropReason reason)
    {
        m_drops.push_back(reason);
    }

    void HostRx(Ptr<const Packet> packet, Ptr<Ipv4>, uint32_t)
    {
        m_goodSize = packet->GetSize();
    }

    std::vector<FabricSwitch::DropReason> m_drops; //!< reasons, in order
    uint32_t m_goodSize{0};                        //!< the good packet at host 1
};

/**
 * \ingroup homa-tests
 * The queue item: its size counts the header until it is written; the header goes back
 * byte for byte; the DS field is the priority; ECN marking sets CE on ECN-capable packets
 * only and keeps the checksum right (against Ipv4Header's own).
 */
class HomaFabricQueueDiscItemTest : public TestCase
{
  public:
    HomaFabricQueueDiscItemTest()
        : TestCase("fast switch queue item: size, header bytes, DS field, ECN mark, checksum")
    {
    }

  private:
    /// \return the serialised bytes of \p h
    static std::vector<uint8_t> Bytes(const Ipv4Header& h)
    {
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(h);
        std::vector<uint8_t> b(p->GetSize());
        p->CopyData(b.data(), b.size());
        return b;
    }

    void DoRun() override
    {
        Ipv4Header h;
        h.EnableChecksum();
        h.SetSource(Ipv4Address("10.0.0.1"));
        h.SetDestination(Ipv4Address("10.1.0.1"));
        h.SetProtocol(146);
        h.SetTtl(63);
        h.SetTos(0xe0 | 0x2); // priority 7, ECT(0)
        h.SetPayloadSize(1000);
        std::vector<uint8_t> bytes = Bytes(h);
        NS_TEST_ASSERT_MSG_EQ(bytes.size(), 20u, "a 20-byte header");

        auto item = Create<FabricQueueDiscItem>(Create<Packet>(1000),
                                                Address(),
                                                bytes.data(),
                                                bytes.size());
        NS_TEST_EXPECT_MSG_EQ(item->GetSize(), 1020u, "size with the header");
        uint8_t tos = 0;
        NS_TEST_EXPECT_MSG_EQ(item->GetUint8Value(QueueItem::IP_DSFIELD, tos), true, "DS field");
        NS_TEST_EXPECT_MSG_EQ(+tos, 0xe2, "TOS as sent");
        NS_TEST_EXPECT_MSG_EQ(+item->GetIpProtocol(), 146, "Homa's protocol number");

        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
        NS_TEST_EXPECT_MSG_EQ(item->Mark(), true, "ECT(0): marked");
        h.SetEcn(Ipv4Header::ECN_CE);
        std::vector<uint8_t> marked = Bytes(h);
        item->AddHeader();
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
        NS_TEST_EXPECT_MSG_EQ(item->GetSize(), 1020u, "same size once written");
        std::vector<uint8_t> written(20);
        item->GetPacket()->CopyData(written.data(), written.size());
        NS_TEST_EXPECT_MSG_EQ((written == marked),
                              true,
                              "CE set and checksum equal to Ipv4Header's, byte for byte");

        h.SetEcn(Ipv4Header::ECN_NotECT);
        std::vector<uint8_t> plain = Bytes(h);
        auto notEct =
            Create<FabricQueueDiscItem>(Create<Packet>(10), Address(), plain.data(), plain.size());
        NS_TEST_EXPECT_MSG_EQ(notEct->Mark(), false, "not ECN-capable: not marked");
    }
};

/// The homa-fabric-switch suite.
class HomaFabricSwitchTestSuite : public TestSuite
{
  public:
    HomaFabricSwitchTestSuite()
        : TestSuite("homa-fabric-switch", NS3_COMPAT_TEST_UNIT)
    {
        AddTestCase(new HomaFabricSwitchForwardTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaFabricSwitchDropTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaFabricQueueDiscItemTest, NS3_COMPAT_TEST_QUICK);
    }
};

static HomaFabricSwitchTestSuite g_homaFabricSwitchTestSuite; //!< registers the suite
