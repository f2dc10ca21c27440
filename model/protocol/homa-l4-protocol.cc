/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-l4-protocol.h"

#include "homa-socket-factory.h"
#include "homa-socket.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/ns3-version-compat.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HomaL4Protocol");

NS_OBJECT_ENSURE_REGISTERED(HomaL4Protocol);

const uint8_t HomaL4Protocol::PROT_NUMBER = HomaWire::PROTOCOL;

TypeId
HomaL4Protocol::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::HomaL4Protocol")
            .SetParent<IpL4Protocol>()
            .SetGroupName("Homa")
            .AddConstructor<HomaL4Protocol>()
            .AddAttribute("UnschedBytes",
                          "Bytes of each message sent without grants (RTTbytes in the paper; "
                          "Linux unsched_bytes), cut exactly there unless UnschedWholePackets "
                          "is true.",
                          UintegerValue(10000),
                          MakeUintegerAccessor(&HomaL4Protocol::m_unschedBytes),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("UnschedWholePackets",
                          "false: exactly UnschedBytes go unscheduled, the last unscheduled "
                          "packet cut short and the scheduled packets starting there (HomaModule "
                          "since ca8782f, homa_message_out_fill; the paper's simulator, "
                          "UnschedByteAllocator::getReqUnschedDataPkts); true: UnschedBytes is "
                          "rounded up to whole packets (HomaModule before ca8782f).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&HomaL4Protocol::m_unschedWholePackets),
                          MakeBooleanChecker())
            .AddAttribute(
                "Window",
                "Grant window in bytes: an active incoming message is granted up to "
                "the bytes received plus this (Linux window). 0 sizes it "
                "dynamically, MaxIncoming / (active messages + 1), as the kernel "
                "does by default.",
                UintegerValue(10000),
                MakeUintegerAccessor(
                    &HomaL4Protocol::GetSetting<uint32_t, &HomaL4Protocol::m_window>,
                    &HomaL4Protocol::SetGrantSetting<uint32_t, &HomaL4Protocol::m_window>),
                MakeUintegerChecker<uint32_t>())
            .AddAttribute(
                "MaxIncoming",
                "Receiver-wide budget in bytes of granted (or unscheduled) bytes not "
                "yet received, over all incoming messages that need grants; no grant "
                "is sent while it is spent (Linux max_incoming). 0 picks the default: "
                "MaxOvercommit x Window (the Homa paper's bound) with a fixed Window, "
                "the kernel's 400000 with Window 0.",
                UintegerValue(0),
                MakeUintegerAccessor(
                    &HomaL4Protocol::GetSetting<uint32_t, &HomaL4Protocol::m_maxIncoming>,
                    &HomaL4Protocol::SetGrantSetting<uint32_t, &HomaL4Protocol::m_maxIncoming>),
                MakeUintegerChecker<uint32_t>())
            .AddAttribute(
                "GrantIncrement",
                "A grant is sent only when it grows by at least this many bytes or "
                "reaches the end of the message; 0 grants on every packet (Linux "
                "grant_increment).",
                UintegerValue(0),
                MakeUintegerAccessor(
                    &HomaL4Protocol::GetSetting<uint32_t, &HomaL4Protocol::m_grantIncrement>,
                    &HomaL4Protocol::SetGrantSetting<uint32_t, &HomaL4Protocol::m_grantIncrement>),
                MakeUintegerChecker<uint32_t>())
            .AddAttribute(
                "MaxOvercommit",
                "Overcommitment degree: the most incoming messages granted at once "
                "(Linux max_overcommit).",
                UintegerValue(8),
                MakeUintegerAccessor(
                    &HomaL4Protocol::GetSetting<uint32_t, &HomaL4Protocol::m_maxOvercommit>,
                    &HomaL4Protocol::SetGrantSetting<uint32_t, &HomaL4Protocol::m_maxOvercommit>),
                MakeUintegerChecker<uint32_t>(1))
            .AddAttribute(
                "NumPriorities",
                "Priority levels in use, 1 to 8 (Linux num_priorities).",
                UintegerValue(HomaWire::NUM_PRIORITIES),
                MakeUintegerAccessor(
                    &HomaL4Protocol::GetSetting<uint8_t, &HomaL4Protocol::m_numPriorities>,
                    &HomaL4Protocol::SetGrantSetting<uint8_t, &HomaL4Protocol::m_numPriorities>),
                MakeUintegerChecker<uint8_t>(1, HomaWire::NUM_PRIORITIES))
            .AddAttribute("UnschedCutoffs",
                          "Unscheduled priority cutoffs of this receiver, cutoffs[0] first: "
                          "cutoffs[i] is the largest message sent unscheduled at level i; the "
                          "level whose cutoff is >= 1000000 is the lowest unscheduled one "
                          "(Linux unsched_cutoffs). Senders learn them through CUTOFFS packets.",
                          StringValue("0 0 0 0 1000000 15000 2800 200"),
                          MakeStringAccessor(&HomaL4Protocol::SetCutoffsString,
                                             &HomaL4Protocol::GetCutoffsString),
                          MakeStringChecker())
            .AddAttribute("LinkRate",
                          "Rate of the host's NIC, used by the pacer (Linux link_mbps); 0 takes "
                          "the highest DataRate attribute among the node's devices when the "
                          "first message is sent (10 Gbps if none has one).",
                          DataRateValue(DataRate(0)),
                          MakeDataRateAccessor(&HomaL4Protocol::SetLinkRate),
                          MakeDataRateChecker())
            .AddAttribute("MaxNicBacklog",
                          "Most data the pacer lets wait in the NIC queue, as time at LinkRate "
                          "(Linux max_nic_queue_ns / max_nic_est_backlog_usecs).",
                          TimeValue(MicroSeconds(2)),
                          MakeTimeAccessor(&HomaL4Protocol::SetMaxNicBacklog),
                          MakeTimeChecker())
            .AddAttribute("AssumePeerCutoffs",
                          "Until a receiver's CUTOFFS packet arrives, choose unscheduled "
                          "priorities with this host's own cutoffs instead of Linux's default "
                          "(everything at level 6). For simulations where every host has the "
                          "same configuration, as in the Homa paper's simulator.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&HomaL4Protocol::m_assumePeerCutoffs),
                          MakeBooleanChecker())
            .AddAttribute("UnschedPriorityBy",
                          "What a sender compares with the receiver's cutoffs to choose an "
                          "unscheduled packet's level: Length, the message length (Linux), or "
                          "Remaining, the bytes the message has left when the packet leaves "
                          "(the Homa paper's simulator, STATIC_CBF_GRADUATED; use cutoffs from "
                          "HomaCutoffs::FromDistributionGraduated).",
                          EnumValue(BY_LENGTH),
                          NS3_COMPAT_MAKE_ENUM_ACCESSOR(HomaL4Protocol::UnschedPriorityBy,
                                                        &HomaL4Protocol::m_unschedPriorityBy),
                          MakeEnumChecker(BY_LENGTH, "Length", BY_REMAINING, "Remaining"))
            .AddAttribute(
                "BoostTailBytes",
                "Receiver: once the bytes a message has left to grant take fewer "
                "than this many bytes on the wire, its grants carry at least the "
                "unscheduled level of those bytes (the Homa paper's simulator, "
                "boostTailBytesPrio, with UnschedPriorityBy Remaining); 0: off, as "
                "Linux.",
                UintegerValue(0),
                MakeUintegerAccessor(
                    &HomaL4Protocol::GetSetting<uint32_t, &HomaL4Protocol::m_boostTailBytes>,
                    &HomaL4Protocol::SetGrantSetting<uint32_t, &HomaL4Protocol::m_boostTailBytes>),
                MakeUintegerChecker<uint32_t>())
            .AddAttribute(
                "BoostCeiling",
                "Receiver: keep a BoostTailBytes grant at or below the lowest level at "
                "which a better-ranked message still has granted bytes on their way; "
                "false boosts it regardless, as the Homa paper's simulator "
                "(PriorityResolver::getSchedPktPrio has no such ceiling).",
                BooleanValue(true),
                MakeBooleanAccessor(
                    &HomaL4Protocol::GetSetting<bool, &HomaL4Protocol::m_boostCeiling>,
                    &HomaL4Protocol::SetGrantSetting<bool, &HomaL4Protocol::m_boostCeiling>),
                MakeBooleanChecker())
            .AddAttribute(
                "GrantInOrder",
                "Receiver: hold the grants of a message whose scheduled level is above "
                "the lowest level at which a better-ranked message still has granted "
                "bytes on their way (and of every message ranked below it) until "
                "those bytes are in, so that no message's packets overtake the ones "
                "ahead of it in SRPT order. false grants every active message at its "
                "rank's level at once, as the Homa paper's simulator did.",
                BooleanValue(true),
                MakeBooleanAccessor(
                    &HomaL4Protocol::GetSetting<bool, &HomaL4Protocol::m_grantInOrder>,
                    &HomaL4Protocol::SetGrantSetting<bool, &HomaL4Protocol::m_grantInOrder>),
                MakeBooleanChecker())
            .AddAttribute("UnschedBytesFromRtt",
                          "Sender: once a peer's round trip is measured (a message handed to "
                          "Homa to its first GRANT; the least of them), send that many "
                          "LinkRate bytes unscheduled to it (RTTbytes per peer; the kernel "
                          "has one unsched_bytes). Until then SetUnschedBytesFor or "
                          "UnschedBytes.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&HomaL4Protocol::m_unschedFromRtt),
                          MakeBooleanChecker())
            .AddAttribute(
                "OneMessagePerPeer",
                "Receiver: at most one active (granted) message per sending host, as the "
                "Homa paper's simulator; false: the best message of each host first, then "
                "second messages while MaxOvercommit leaves room, as the kernel "
                "(homa_grant_find_victim).",
                BooleanValue(false),
                MakeBooleanAccessor(
                    &HomaL4Protocol::GetSetting<bool, &HomaL4Protocol::m_oneMessagePerPeer>,
                    &HomaL4Protocol::SetGrantSetting<bool, &HomaL4Protocol::m_oneMessagePerPeer>),
                MakeBooleanChecker())
            .AddAttribute(
                "GrantFifoFraction",
                "Receiver: share of the link, per mille (at most 500), granted to the "
                "oldest incoming message that needs grants, FifoGrantIncrement bytes at a "
                "time at the next-to-highest level, beyond the SRPT order and the "
                "MaxIncoming budget, so that long messages are not starved (Linux "
                "grant_fifo_fraction; the Homa paper's simulator had none: 0).",
                UintegerValue(50),
                MakeUintegerAccessor(
                    &HomaL4Protocol::GetSetting<uint32_t, &HomaL4Protocol::m_grantFifoFraction>,
                    &HomaL4Protocol::SetGrantSetting<uint32_t,
                                                     &HomaL4Protocol::m_grantFifoFraction>),
                MakeUintegerChecker<uint32_t>(0, 500))
            .AddAttribute(
                "FifoGrantIncrement",
                "Receiver: bytes each FIFO grant adds to the oldest message (Linux "
                "fifo_grant_increment).",
                UintegerValue(50000),
                MakeUintegerAccessor(
                    &HomaL4Protocol::GetSetting<uint32_t, &HomaL4Protocol::m_fifoGrantIncrement>,
                    &HomaL4Protocol::SetGrantSetting<uint32_t,
                                                     &HomaL4Protocol::m_fifoGrantIncrement>),
                MakeUintegerChecker<uint32_t>())
            .AddAttribute("PacerFifoFraction",
                          "Sender: share of the pacer's picks, per mille, that send the "
                          "oldest outgoing message instead of the shortest (Linux "
                          "pacer_fifo_fraction; the Homa paper's simulator had none: 0).",
                          UintegerValue(50),
                          MakeUintegerAccessor(&HomaL4Protocol::SetPacerFifoFraction,
                                               &HomaL4Protocol::GetPacerFifoFraction),
                          MakeUintegerChecker<uint32_t>(0, 1000))
            .AddAttribute("IncastThreshold",
                          "Client: the incast optimization of the Homa paper (section 3.6). A "
                          "request started while this host already has at least this many "
                          "client RPCs outstanding is marked, and the server sends its "
                          "response with at most IncastUnschedBytes unscheduled bytes, so that "
                          "the responses of many outstanding RPCs cannot all arrive "
                          "unscheduled at once. 0: off (the kernel and the paper's simulator "
                          "do not implement it). Linux servers ignore the mark.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&HomaL4Protocol::m_incastThreshold),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("IncastUnschedBytes",
                          "Client: the most unscheduled bytes, 1 to 65535, a server may send in "
                          "the response to a request marked by IncastThreshold (carried in the "
                          "DATA header's window field, which Linux leaves 0). The rest of the "
                          "response waits for grants.",
                          UintegerValue(100),
                          MakeUintegerAccessor(&HomaL4Protocol::m_incastUnschedBytes),
                          MakeUintegerChecker<uint16_t>(1, 65535))
            .AddAttribute("MaxMessageLength",
                          "Longest message in bytes, sent or accepted (Linux "
                          "HOMA_MAX_MESSAGE_LENGTH, 1000000). Raise it to simulate workloads "
                          "with longer messages (W4, W5); Linux peers drop such messages.",
                          UintegerValue(HomaCutoffs::MAX_MESSAGE_LENGTH),
                          MakeUintegerAccessor(&HomaL4Protocol::m_maxMessageLength),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("CacheRoutes",
                          "Look a peer's route up once and reuse it for every packet (saves a "
                          "routing lookup per packet); turn off if routes change during the "
                          "simulation.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&HomaL4Protocol::m_cacheRoutes),
                          MakeBooleanChecker())
            .AddAttribute(
                "TickInterval",
                "Period of the Homa timer (Linux: 1 ms).",
                TimeValue(MilliSeconds(1)),
                MakeTimeAccessor(
                    &HomaL4Protocol::GetSetting<Time, &HomaL4Protocol::m_tickInterval>,
                    &HomaL4Protocol::SetTimerSetting<Time, &HomaL4Protocol::m_tickInterval>),
                MakeTimeChecker(NanoSeconds(1)))
            .AddAttribute("PeerGcThreshold",
                          "Peers known before idle ones are forgotten: with this many or more, "
                          "a peer unused for PeerIdleMin that no RPC needs is removed (Linux "
                          "peer_gc_threshold).",
                          UintegerValue(5000),
                          MakeUintegerAccessor(&HomaL4Protocol::m_peerGcThreshold),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("PeerIdleMin",
                          "No peer unused for less than this is forgotten (Linux "
                          "peer_idle_secs_min).",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&HomaL4Protocol::m_peerIdleMin),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("PeerIdleMax",
                          "A peer unused for this long that no RPC needs is forgotten however "
                          "few peers there are (Linux peer_idle_secs_max).",
                          TimeValue(Seconds(120)),
                          MakeTimeAccessor(&HomaL4Protocol::m_peerIdleMax),
                          MakeTimeChecker(Time(0)))
            .AddAttribute(
                "ResendTicks",
                "Silent ticks before the first RESEND (Linux resend_ticks).",
                UintegerValue(5),
                MakeUintegerAccessor(
                    &HomaL4Protocol::GetSetting<uint32_t, &HomaL4Protocol::m_resendTicks>,
                    &HomaL4Protocol::SetTimerSetting<uint32_t, &HomaL4Protocol::m_resendTicks>),
                MakeUintegerChecker<uint32_t>(1))
            .AddAttribute(
                "ResendInterval",
                "Ticks between RESENDs (Linux resend_interval).",
                UintegerValue(5),
                MakeUintegerAccessor(
                    &HomaL4Protocol::GetSetting<uint32_t, &HomaL4Protocol::m_resendInterval>,
                    &HomaL4Protocol::SetTimerSetting<uint32_t, &HomaL4Protocol::m_resendInterval>),
                MakeUintegerChecker<uint32_t>(1))
            .AddAttribute(
                "TimeoutTicks",
                "Silent ticks before an RPC is aborted (Linux timeout_ticks).",
                UintegerValue(100),
                MakeUintegerAccessor(
                    &HomaL4Protocol::GetSetting<uint32_t, &HomaL4Protocol::m_timeoutTicks>,
                    &HomaL4Protocol::SetTimerSetting<uint32_t, &HomaL4Protocol::m_timeoutTicks>),
                MakeUintegerChecker<uint32_t>(1))
            .AddAttribute(
                "RequestAckTicks",
                "Ticks after a response is fully sent before the server sends "
                "NEED_ACK (Linux request_ack_ticks).",
                UintegerValue(2),
                MakeUintegerAccessor(
                    &HomaL4Protocol::GetSetting<uint32_t, &HomaL4Protocol::m_requestAckTicks>,
                    &HomaL4Protocol::SetTimerSetting<uint32_t, &HomaL4Protocol::m_requestAckTicks>),
                MakeUintegerChecker<uint32_t>(1))
            .AddTraceSource("MsgBegin",
                            "A message was handed to Homa (request or response).",
                            MakeTraceSourceAccessor(&HomaL4Protocol::m_msgBeginTrace),
                            "ns3::HomaL4Protocol::MessageTracedCallback")
            .AddTraceSource("MsgEnd",
                            "A message was fully received.",
                            MakeTraceSourceAccessor(&HomaL4Protocol::m_msgEndTrace),
                            "ns3::HomaL4Protocol::MessageTracedCallback")
            .AddTraceSource("Tx",
                            "A Homa packet was sent down to IP.",
                            MakeTraceSourceAccessor(&HomaL4Protocol::m_txTrace),
                            "ns3::HomaL4Protocol::PacketTracedCallback")
            .AddTraceSource("Rx",
                            "A well-formed Homa packet was received from IP.",
                            MakeTraceSourceAccessor(&HomaL4Protocol::m_rxTrace),
                            "ns3::HomaL4Protocol::PacketTracedCallback")
            .AddTraceSource("Drop",
                            "A received packet was dropped, with the reason.",
                            MakeTraceSourceAccessor(&HomaL4Protocol::m_dropTrace),
                            "ns3::HomaL4Protocol::DropTracedCallback")
            .AddTraceSource("Grant",
                            "A GRANT was sent: peer, client RPC id, offset, priority.",
                            MakeTraceSourceAccessor(&HomaL4Protocol::m_grantTrace),
                            "ns3::HomaL4Protocol::GrantTracedCallback")
            .AddTraceSource("Resend",
                            "A RESEND was sent: peer, client RPC id, offset, length.",
                            MakeTraceSourceAccessor(&HomaL4Protocol::m_resendTrace),
                            "ns3::HomaL4Protocol::ResendTracedCallback")
            .AddTraceSource("ActiveMessages",
                            "Number of incoming messages the grant scheduler keeps granted.",
                            MakeTraceSourceAccessor(&HomaL4Protocol::m_activeMessages),
                            "ns3::TracedValueCallback::Uint32")
            .AddTraceSource("TotalIncoming",
                            "Bytes granted (or sent unscheduled) but not yet received, over "
                            "the incoming messages that need grants (Linux total_incoming), "
                            "after each grant decision.",
                            MakeTraceSourceAccessor(&HomaL4Protocol::m_totalIncoming),
                            "ns3::TracedValueCallback::Uint64");
    return tid;
}

HomaL4Protocol::HomaL4Protocol()
    : m_nextEphemeral(0x8000),
      m_nextRpcId(2),
      m_inSequence(0),
      m_cutoffs{0, 0, 0, 0, 1000000, 15000, 2800, 200},
      m_cutoffVersion(1),
      m_assumePeerCutoffs(false),
      m_unschedPriorityBy(BY_LENGTH),
      m_maxMessageLength(HomaCutoffs::MAX_MESSAGE_LENGTH),
      m_peerGcThreshold(5000),
      m_peerIdleMin(Seconds(10)),
      m_peerIdleMax(Seconds(120)),
      m_lastPeerGc(Time(0)),
      m_timer()
{
    NS_LOG_FUNCTION(this);
    HomaTimer::Actions actions;
    actions.listRpcs = MakeCallback(&HomaL4Protocol::GetAllRpcs, this);
    actions.resend = MakeCallback(&HomaL4Protocol::SendResend, this);
    actions.needAck = MakeCallback(&HomaL4Protocol::SendNeedAck, this);
    actions.timeout = MakeCallback(&HomaL4Protocol::TimeoutRpc, this);
    actions.lastHeard = MakeCallback(&HomaL4Protocol::GetLastHeard, this);
    actions.tick = MakeCallback(&HomaL4Protocol::CollectPeers, this);
    m_timer.SetActions(actions);
    m_pacer.SetTransmitCallback(MakeCallback(&HomaL4Protocol::TransmitData, this));
    m_grants.SetSendGrantCallback(MakeCallback(&HomaL4Protocol::SendGrant, this));
    // The attributes' initial values then reach both through their setters.
    ApplyGrantConfig();
    ApplyTimerConfig();
}

HomaL4Protocol::~HomaL4Protocol()
{
    NS_LOG_FUNCTION(this);
}

void
HomaL4Protocol::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_timer.Cancel();
    m_pacer.Clear();
    m_grants.Clear();
    for (auto& socket : m_allSockets)
    {
        socket->Dispose();
    }
    m_allSockets.clear();
    m_sockets.clear();
    m_node = nullptr;
    m_downTarget.Nullify();
    m_downTarget6.Nullify();
    IpL4Protocol::DoDispose();
}

void
HomaL4Protocol::NotifyNewAggregate()
{
    NS_LOG_FUNCTION(this);
    Ptr<Node> node = this->GetObject<Node>();
    Ptr<Ipv4> ipv4 = this->GetObject<Ipv4>();
    if (!m_node && node && ipv4)
    {
        SetNode(node);
        Ptr<HomaSocketFactory> factory = CreateObject<HomaSocketFactory>();
        factory->SetHoma(this);
        node->AggregateObject(factory);
    }
    if (ipv4 && m_downTarget.IsNull())
    {
        ipv4->Insert(this);
        SetDownTarget(MakeCallback(&Ipv4::Send, ipv4));
    }
    IpL4Protocol::NotifyNewAggregate();
}

void
HomaL4Protocol::SetNode(Ptr<Node> node)
{
    m_node = node;
}

Ptr<Node>
HomaL4Protocol::GetNode() const
{
    return m_node;
}

int
HomaL4Protocol::GetProtocolNumber() const
{
    return PROT_NUMBER;
}

Ptr<Socket>
HomaL4Protocol::CreateSocket()
{
    NS_LOG_FUNCTION(this);
    Ptr<HomaSocket> socket = CreateObject<HomaSocket>();
    socket->SetNode(m_node);
    socket->SetHoma(this);
    m_allSockets.push_back(socket);
    return socket;
}

void
HomaL4Protocol::SetDownTarget(IpL4Protocol::DownTargetCallback cb)
{
    m_downTarget = cb;
}

void
HomaL4Protocol::SetDownTarget6(IpL4Protocol::DownTargetCallback6 cb)
{
    m_downTarget6 = cb;
}

IpL4Protocol::DownTargetCallback
HomaL4Protocol::GetDownTarget() const
{
    return m_downTarget;
}

IpL4Protocol::DownTargetCallback6
HomaL4Protocol::GetDownTarget6() const
{
    return m_downTarget6;
}

/* ---------------------------------------------------------------- configuration */

void
HomaL4Protocol::SetCutoffsString(std::string text)
{
    HomaCutoffs::Array cutoffs;
    NS_ABORT_MSG_UNLESS(HomaCutoffs::Parse(text, cutoffs),
                        "HomaL4Protocol::UnschedCutoffs needs eight non-negative integers, "
                        "cutoffs[0] first, e.g. \"0 0 0 0 1000000 15000 2800 200\"; got \""
                            << text << "\"");
    SetCutoffs(cutoffs);
}

std::string
HomaL4Protocol::GetCutoffsString() const
{
    return HomaCutoffs::Format(m_cutoffs);
}

void
HomaL4Protocol::SetCutoffs(const HomaCutoffs::Array& cutoffs)
{
    if (cutoffs == m_cutoffs)
    {
        return;
    }
    m_cutoffs = cutoffs;
    // Version 0 means "no cutoffs known" on the wire; never use it.
    m_cutoffVersion = m_cutoffVersion == 0xffff ? 1 : m_cutoffVersion + 1;
    ApplyGrantConfig();
}

void
HomaL4Protocol::SetLinkRate(DataRate rate)
{
    m_linkRate = rate;
    m_pacer.SetConfig(HomaPacer::Config{m_linkRate, m_maxNicBacklog, m_pacerFifoFraction});
    ApplyGrantConfig(); // the FIFO grants' share is of this rate
}

void
HomaL4Protocol::SetMaxNicBacklog(Time backlog)
{
    m_maxNicBacklog = backlog;
    m_pacer.SetConfig(HomaPacer::Config{m_linkRate, m_maxNicBacklog, m_pacerFifoFraction});
}

void
HomaL4Protocol::SetPacerFifoFraction(uint32_t fraction)
{
    m_pacerFifoFraction = fraction;
    m_pacer.SetConfig(HomaPacer::Config{m_linkRate, m_maxNicBacklog, m_pacerFifoFraction});
}

uint32_t
HomaL4Protocol::GetPacerFifoFraction() const
{
    return m_pacerFifoFraction;
}

uint32_t
HomaL4Protocol::GetUnschedBytes() const
{
    return m_unschedBytes;
}

void
HomaL4Protocol::SetUnschedBytesFor(Ipv4Address network, Ipv4Mask mask, uint32_t bytes)
{
    NS_ABORT_MSG_IF(bytes == 0, "HomaL4Protocol::SetUnschedBytesFor: 0 bytes");
    m_unschedRules.emplace_back(network.CombineMask(mask), mask, bytes);
}

uint32_t
HomaL4Protocol::GetUnschedBytesFor(Ipv4Address peer)
{
    if (m_unschedFromRtt)
    {
        Time rtt = m_peers.Get(peer).GetMinRtt();
        if (rtt.IsStrictlyPositive())
        {
            ResolveLinkRate();
            return std::max<uint32_t>(
                1,
                static_cast<uint32_t>(rtt.GetSeconds() * m_linkRate.GetBitRate() / 8));
        }
    }
    uint32_t bytes = m_unschedBytes;
    int longest = -1;
    for (const auto& [network, mask, b] : m_unschedRules)
    {
        if (mask.IsMatch(network, peer) && int(mask.GetPrefixLength()) > longest)
        {
            longest = mask.GetPrefixLength();
            bytes = b;
        }
    }
    return bytes;
}

bool
HomaL4Protocol::GetUnschedWholePackets() const
{
    return m_unschedWholePackets;
}

uint32_t
HomaL4Protocol::GetWindow() const
{
    return m_window;
}

uint32_t
HomaL4Protocol::GetMaxIncoming() const
{
    if (m_maxIncoming != 0)
    {
        return m_maxIncoming;
    }
    return m_window != 0 ? m_maxOvercommit * m_window : DEFAULT_MAX_INCOMING;
}

uint8_t
HomaL4Protocol::GetNumPriorities() const
{
    return m_numPriorities;
}

const HomaCutoffs::Array&
HomaL4Protocol::GetCutoffs() const
{
    return m_cutoffs;
}

uint16_t
HomaL4Protocol::GetCutoffVersion() const
{
    return m_cutoffVersion;
}

uint32_t
HomaL4Protocol::GetMaxMessageLength() const
{
    return m_maxMessageLength;
}

/* ---------------------------------------------------------------- state */

const HomaMetrics&
HomaL4Protocol::GetMetrics() const
{
    return m_metrics;
}

size_t
HomaL4Protocol::GetNumRpcs() const
{
    size_t n = 0;
    for (const auto& [port, socket] : m_sockets)
    {
        n += socket->GetNumRpcs();
    }
    return n;
}

std::vector<Ptr<HomaRpc>>
HomaL4Protocol::GetAllRpcs() const
{
    std::vector<Ptr<HomaRpc>> rpcs;
    for (const auto& [port, socket] : m_sockets)
    {
        auto some = socket->GetRpcs();
        rpcs.insert(rpcs.end(), some.begin(), some.end());
    }
    return rpcs;
}

const HomaPeerTable&
HomaL4Protocol::GetPeers() const
{
    return m_peers;
}

const HomaPacer&
HomaL4Protocol::GetPacer() const
{
    return m_pacer;
}

const HomaGrantScheduler&
HomaL4Protocol::GetGrantScheduler() const
{
    return m_grants;
}

/* ---------------------------------------------------------------- sockets and RPCs */

uint16_t
HomaL4Protocol::BindSocket(Ptr<HomaSocket> socket, uint16_t port)
{
    if (port != 0)
    {
        return m_sockets.emplace(port, socket).second ? port : 0;
    }
    for (uint32_t tries = 0; tries < 0x8000; ++tries)
    {
        uint16_t candidate = m_nextEphemeral;
        m_nextEphemeral = m_nextEphemeral == 0xffff ? 0x8000 : m_nextEphemeral + 1;
        if (m_sockets.emplace(candidate, socket).second)
        {
            return candidate;
        }
    }
    return 0;
}

void
HomaL4Protocol::UnbindSocket(uint16_t port)
{
    m_sockets.erase(port);
}

uint64_t
HomaL4Protocol::AllocateRpcId()
{
    uint64_t id = m_nextRpcId;
    m_nextRpcId += 2;
    return id;
}

bool
HomaL4Protocol::LookupRoute(Ipv4Address destination, Ipv4Address& source, uint32_t& mtu)
{
    HomaPeer& peer = m_peers.Get(destination);
    if (m_cacheRoutes && peer.GetRoute())
    {
        source = peer.GetRoute()->GetSource();
        mtu = peer.GetMtu();
        return true;
    }
    Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
    Ptr<Ipv4RoutingProtocol> routing = ipv4->GetRoutingProtocol();
    if (!routing)
    {
        return false;
    }
    Ipv4Header header;
    header.SetDestination(destination);
    header.SetProtocol(PROT_NUMBER);
    Socket::SocketErrno err;
    Ptr<Ipv4Route> route = routing->RouteOutput(Create<Packet>(), header, nullptr, err);
    if (!route)
    {
        return false;
    }
    source = route->GetSource();
    int32_t interface = ipv4->GetInterfaceForDevice(route->GetOutputDevice());
    mtu = interface >= 0 ? ipv4->GetMtu(interface) : 1500;
    if (m_cacheRoutes)
    {
        peer.SetRoute(route, mtu);
    }
    return true;
}

void
HomaL4Protocol::ResolveLinkRate()
{
    if (m_linkRate.GetBitRate() != 0)
    {
        return;
    }
    DataRate fastest(0);
    for (uint32_t i = 0; i < m_node->GetNDevices(); ++i)
    {
        DataRateValue rate;
        if (m_node->GetDevice(i)->GetAttributeFailSafe("DataRate", rate) && rate.Get() > fastest)
        {
            fastest = rate.Get();
        }
    }
    SetLinkRate(fastest.GetBitRate() != 0 ? fastest : DataRate("10Gbps"));
    NS_LOG_INFO("node " << m_node->GetId() << " paces at " << m_linkRate);
}

void
HomaL4Protocol::StartTimer()
{
    m_timer.Start();
}

void
HomaL4Protocol::ApplyTimerConfig()
{
    HomaTimer::Config config;
    config.tickInterval = m_tickInterval;
    config.resendTicks = m_resendTicks;
    config.resendInterval = m_resendInterval;
    config.timeoutTicks = m_timeoutTicks;
    config.requestAckTicks = m_requestAckTicks;
    m_timer.SetConfig(config);
}

Time
HomaL4Protocol::GetLastHeard(Ipv4Address peer)
{
    return m_peers.Get(peer).GetLastHeard();
}

void
HomaL4Protocol::CollectPeers()
{
    m_lastPeerGc = Simulator::Now();
    if (!m_peers.HasIdle(m_peerIdleMin, m_peerIdleMax, m_peerGcThreshold))
    {
        return; // the usual case: every peer in recent use, no need to list the RPCs
    }
    std::unordered_set<uint32_t> inUse;
    for (const auto& rpc : GetAllRpcs())
    {
        inUse.insert(rpc->m_peer.Get());
    }
    m_metrics.peerEvictions +=
        m_peers.Collect(m_peerIdleMin, m_peerIdleMax, m_peerGcThreshold, inUse);
}

void
HomaL4Protocol::ApplyGrantConfig()
{
    HomaGrantScheduler::Config config;
    config.window = m_window;
    config.maxIncoming = GetMaxIncoming();
    config.grantIncrement = m_grantIncrement;
    config.maxOvercommit = m_maxOvercommit;
    config.maxSchedPriority = HomaCutoffs::MaxSchedPriority(m_cutoffs, m_numPriorities);
    config.boostTailBytes = m_boostTailBytes;
    config.inOrder = m_grantInOrder;
    config.boostCeiling = m_boostCeiling;
    config.cutoffs = m_cutoffs;
    config.numPriorities = m_numPriorities;
    config.fifoFraction = m_grantFifoFraction;
    config.onePerPeer = m_oneMessagePerPeer;
    config.fifoIncrement = m_fifoGrantIncrement;
    config.linkRate = m_linkRate.GetBitRate() != 0 ? m_linkRate : DataRate("10Gbps");
    m_grants.SetConfig(config);
}

void
HomaL4Protocol::UpdateGrants()
{
    if (m_linkRate.GetBitRate() == 0)
    {
        ResolveLinkRate(); // the FIFO grants' share is of the NIC's rate
    }
    m_activeMessages = m_grants.Update();
    m_metrics.fifoGrantBytes = m_grants.GetFifoGrantBytes();
    m_totalIncoming = m_grants.GetTotalIncomingAfterUpdate();
}

} // namespace ns3
