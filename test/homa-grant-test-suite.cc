/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-grant: the receiver's grant scheduler on its own, without a network: SRPT ranking,
// one active message per sender first, the receiver-wide incoming budget (grants cut to it, held
// while it is spent, resumed best rank first), the dynamic window, fully granted messages
// that keep their rank until received, GrantIncrement, several active messages per host,
// FIFO grants.

#include "ns3/boolean.h"
#include "ns3/data-rate.h"
#include "ns3/homa-grant.h"
#include "ns3/homa-helper.h"
#include "ns3/homa-l4-protocol.h"
#include "ns3/homa-rpc.h"
#include "ns3/ns3-version-compat.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <functional>
#include <memory>
#include <tuple>
#include <vector>

using namespace ns3;

namespace
{

/// A scheduler with listed messages, recording every GRANT it sends.
class GrantBench
{
  public:
    /// One GRANT: message index, offset, priority.
    using Grant = std::tuple<uint32_t, uint32_t, uint8_t>;

    explicit GrantBench(const HomaGrantScheduler::Config& config)
    {
        scheduler.SetConfig(config);
        scheduler.SetSendGrantCallback(MakeCallback(&GrantBench::OnGrant, this));
    }

    /**
     * \brief List a new incoming message.
     * \param peer the sender's address
     * \param length message length
     * \param unsched bytes the sender sends without grants
     * \return its index
     */
    uint32_t AddMessage(const char* peer, uint32_t length, uint32_t unsched)
    {
        Ptr<HomaRpc> rpc =
            Create<HomaRpc>(nullptr, 2 * (rpcs.size() + 1) + 1, Ipv4Address(peer), 5000);
        rpc->m_in = std::make_unique<HomaInboundMessage>(length, unsched);
        rpc->m_inSequence = rpcs.size();
        rpcs.push_back(rpc);
        scheduler.Add(rpc);
        return rpcs.size() - 1;
    }

    /**
     * \brief Bytes of a message arrive.
     * \param i message index
     * \param offset first byte
     * \param size bytes
     */
    void Receive(uint32_t i, uint32_t offset, uint32_t size)
    {
        rpcs[i]->m_in->Add(offset, Create<Packet>(size));
    }

    /// \return the grants sent by one Update()
    std::vector<Grant> Update()
    {
        grants.clear();
        scheduler.Update();
        return grants;
    }

    HomaGrantScheduler scheduler;   //!< the scheduler under test
    std::vector<Ptr<HomaRpc>> rpcs; //!< the messages
    std::vector<Grant> grants;      //!< grants of the last update

  private:
    void OnGrant(Ptr<HomaRpc> rpc, uint32_t offset, uint8_t priority)
    {
        for (uint32_t i = 0; i < rpcs.size(); ++i)
        {
            if (rpcs[i] == rpc)
            {
                grants.emplace_back(i, offset, priority);
            }
        }
    }
};

HomaGrantScheduler::Config
MakeConfig(uint32_t window, uint32_t maxIncoming, uint32_t overcommit, uint8_t maxSched)
{
    HomaGrantScheduler::Config c;
    c.window = window;
    c.maxIncoming = maxIncoming;
    c.maxOvercommit = overcommit;
    c.maxSchedPriority = maxSched;
    return c;
}

} // namespace

/// The budget cuts grants, holds them while spent, and frees them best rank first.
class HomaGrantBudgetTest : public TestCase
{
  public:
    HomaGrantBudgetTest()
        : TestCase("incoming budget: grants cut to it, held while spent, resumed in SRPT order")
    {
    }

  private:
    void DoRun() override
    {
        GrantBench b(MakeConfig(20000, 30000, 2, 3));
        uint32_t m0 = b.AddMessage("10.0.0.1", 100000, 10000);
        uint32_t m1 = b.AddMessage("10.0.0.2", 200000, 10000);
        uint32_t m2 = b.AddMessage("10.0.0.3", 300000, 10000);
        // Unscheduled bytes in flight count: 30000 incoming, the budget is spent.
        NS_TEST_EXPECT_MSG_EQ(b.scheduler.GetTotalIncoming(), 30000, "unscheduled bytes count");
        NS_TEST_EXPECT_MSG_EQ(b.Update().size(), 0, "no grant while the budget is spent");
        NS_TEST_EXPECT_MSG_EQ(b.scheduler.GetNumActive(), 2, "two active messages");

        for (uint32_t m : {m0, m1, m2})
        {
            b.Receive(m, 0, 10000);
        }
        // 30000 free: m0 (rank 0, level 3 - 0 - 2 = 1) a full window, m1 the rest at level 0.
        auto g = b.Update();
        NS_TEST_ASSERT_MSG_EQ(g.size(), 2, "two grants");
        NS_TEST_EXPECT_MSG_EQ((g[0] == GrantBench::Grant{m0, 30000, 1}), true, "m0 to 30000 at 1");
        NS_TEST_EXPECT_MSG_EQ((g[1] == GrantBench::Grant{m1, 20000, 0}), true, "m1 cut to 20000");
        NS_TEST_EXPECT_MSG_EQ(b.scheduler.GetTotalIncoming(), 30000, "budget spent exactly");
        NS_TEST_EXPECT_MSG_EQ(b.scheduler.GetTotalIncomingAfterUpdate(),
                              30000,
                              "kept by the update without a recount");
        NS_TEST_EXPECT_MSG_EQ(b.Update().size(), 0, "held while spent");

        // 5000 B of m1 arrive: 5000 free, m0 has its full window, m1 gets them.
        b.Receive(m1, 10000, 5000);
        g = b.Update();
        NS_TEST_ASSERT_MSG_EQ(g.size(), 1, "one grant");
        NS_TEST_EXPECT_MSG_EQ((g[0] == GrantBench::Grant{m1, 25000, 0}), true, "m1 to 25000");

        // 4000 B of m0 arrive: the best rank takes the freed bytes first.
        b.Receive(m0, 10000, 4000);
        g = b.Update();
        NS_TEST_ASSERT_MSG_EQ(g.size(), 1, "one grant");
        NS_TEST_EXPECT_MSG_EQ((g[0] == GrantBench::Grant{m0, 34000, 1}), true, "m0 slides first");
        NS_TEST_EXPECT_MSG_EQ(b.rpcs[m2]->m_in->GetGranted(), 10000, "m2 inactive, ungranted");
    }
};

/// Window 0: the kernel's dynamic window MaxIncoming / (active + 1).
class HomaGrantDynamicWindowTest : public TestCase
{
  public:
    HomaGrantDynamicWindowTest()
        : TestCase("Window 0: the dynamic window, MaxIncoming divided by active + 1")
    {
    }

  private:
    void DoRun() override
    {
        GrantBench b(MakeConfig(0, 400000, 8, 3));
        uint32_t m0 = b.AddMessage("10.0.0.1", 1000000, 10000);
        b.Receive(m0, 0, 10000);
        auto g = b.Update();
        NS_TEST_ASSERT_MSG_EQ(g.size(), 1, "one grant");
        NS_TEST_EXPECT_MSG_EQ(b.scheduler.GetWindow(), 200000, "one active: 400000 / 2");
        // One active message of 8 possible: the lowest scheduled level.
        NS_TEST_EXPECT_MSG_EQ((g[0] == GrantBench::Grant{m0, 210000, 0}), true, "m0 to 210000");

        uint32_t m1 = b.AddMessage("10.0.0.2", 500000, 10000);
        uint32_t m2 = b.AddMessage("10.0.0.3", 600000, 10000);
        b.Receive(m1, 0, 10000);
        b.Receive(m2, 0, 10000);
        g = b.Update();
        NS_TEST_EXPECT_MSG_EQ(b.scheduler.GetWindow(), 100000, "three active: 400000 / 4");
        // m1 (fewest bytes left) first, level 3 - 0 - 1 = 2; m2 level 1; m0 holds more than
        // the new window already and gets nothing. Budget: 200000 (m0) + 100000 + 100000.
        NS_TEST_ASSERT_MSG_EQ(g.size(), 2, "two grants");
        NS_TEST_EXPECT_MSG_EQ((g[0] == GrantBench::Grant{m1, 110000, 2}), true, "m1");
        NS_TEST_EXPECT_MSG_EQ((g[1] == GrantBench::Grant{m2, 110000, 1}), true, "m2");
        NS_TEST_EXPECT_MSG_EQ(b.scheduler.GetTotalIncoming(), 400000, "budget spent");
        NS_TEST_EXPECT_MSG_EQ(b.scheduler.GetTotalIncomingAfterUpdate(), 400000, "kept too");
    }
};

/// A fully granted message keeps its rank until its last byte arrives.
class HomaGrantFullyGrantedTest : public TestCase
{
  public:
    HomaGrantFullyGrantedTest()
        : TestCase("a fully granted message stays active until received; OneMessagePerPeer")
    {
    }

  private:
    void DoRun() override
    {
        HomaGrantScheduler::Config config = MakeConfig(30000, 1000000, 2, 3);
        config.onePerPeer = true; // the paper simulator's rule (the kernel's: HomaGrantPerPeerTest)
        GrantBench b(config);
        uint32_t a = b.AddMessage("10.0.0.1", 40000, 10000);
        uint32_t c = b.AddMessage("10.0.0.2", 500000, 10000);
        uint32_t d = b.AddMessage("10.0.0.2", 400000, 10000); // same sender as c
        b.Receive(a, 0, 10000);
        b.Receive(c, 0, 10000);
        b.Receive(d, 0, 10000);
        auto g = b.Update();
        // a (fewest left) at level 1, then one message of sender 10.0.0.2: d (fewer left).
        NS_TEST_ASSERT_MSG_EQ(g.size(), 2, "two grants");
        NS_TEST_EXPECT_MSG_EQ((g[0] == GrantBench::Grant{a, 40000, 1}), true, "a fully granted");
        NS_TEST_EXPECT_MSG_EQ((g[1] == GrantBench::Grant{d, 40000, 0}), true, "d below it");
        NS_TEST_EXPECT_MSG_EQ(b.rpcs[c]->m_in->GetGranted(), 10000, "c waits: same sender as d");

        // Most of a arrives; it is fully granted but still ranks first, so d's next grant
        // keeps the lower level (its packets cannot overtake a's last bytes).
        b.Receive(a, 10000, 29000);
        b.Receive(d, 10000, 5000);
        g = b.Update();
        NS_TEST_EXPECT_MSG_EQ(b.scheduler.GetNumActive(), 2, "a still active");
        NS_TEST_ASSERT_MSG_EQ(g.size(), 1, "one grant");
        NS_TEST_EXPECT_MSG_EQ((g[0] == GrantBench::Grant{d, 45000, 0}), true, "d at level 0");

        // a complete: the protocol removes it. d now ranks first; alone in the active set it
        // uses the lowest scheduled level (so a new shorter message can preempt it).
        b.Receive(a, 39000, 1000);
        b.scheduler.Remove(b.rpcs[a]);
        b.Receive(d, 15000, 1000);
        g = b.Update();
        NS_TEST_ASSERT_MSG_EQ(g.size(), 1, "one grant");
        NS_TEST_EXPECT_MSG_EQ((g[0] == GrantBench::Grant{d, 46000, 0}), true, "d alone, level 0");
        NS_TEST_EXPECT_MSG_EQ(b.scheduler.GetSize(), 2, "c and d listed");
        NS_TEST_EXPECT_MSG_EQ(b.scheduler.GetNumActive(), 1, "one per sender: only d active");
    }
};

/// GrantIncrement: small growth waits, the end of a message does not.
class HomaGrantIncrementTest : public TestCase
{
  public:
    HomaGrantIncrementTest()
        : TestCase("GrantIncrement: grants only in steps of at least the increment, or to the end")
    {
    }

  private:
    void DoRun() override
    {
        HomaGrantScheduler::Config config = MakeConfig(10000, 100000, 1, 0);
        config.grantIncrement = 5000;
        GrantBench b(config);
        uint32_t m = b.AddMessage("10.0.0.1", 23000, 10000);
        b.Receive(m, 0, 4000);
        NS_TEST_EXPECT_MSG_EQ(b.Update().size(), 0, "4000 B of growth: no grant");
        b.Receive(m, 4000, 1000);
        auto g = b.Update();
        NS_TEST_ASSERT_MSG_EQ(g.size(), 1, "5000 B of growth");
        NS_TEST_EXPECT_MSG_EQ((g[0] == GrantBench::Grant{m, 15000, 0}), true, "to 15000");
        b.Receive(m, 5000, 9000);
        g = b.Update();
        NS_TEST_ASSERT_MSG_EQ(g.size(), 1, "the rest of the message");
        NS_TEST_EXPECT_MSG_EQ((g[0] == GrantBench::Grant{m, 23000, 0}), true, "to the end");
    }
};

/// GrantInOrder: a message whose level would overtake pending bytes waits, unless off.
class HomaGrantInOrderTest : public TestCase
{
  public:
    /// \param inOrder the rule on (the default) or off (the paper's simulator)
    HomaGrantInOrderTest(bool inOrder)
        : TestCase(inOrder ? "GrantInOrder: no grant above a better message's pending level"
                           : "GrantInOrder false: every active message granted at its rank"),
          m_inOrder(inOrder)
    {
    }

  private:
    void DoRun() override
    {
        HomaGrantScheduler::Config config = MakeConfig(10000, 1000000, 3, 2);
        config.inOrder = m_inOrder;
        GrantBench b(config);
        uint32_t x = b.AddMessage("10.0.0.1", 20000, 10000);
        uint32_t y = b.AddMessage("10.0.0.2", 30000, 10000);
        uint32_t a = b.AddMessage("10.0.0.3", 100000, 10000);
        for (uint32_t m : {x, y, a})
        {
            b.Receive(m, 0, 10000);
        }
        auto g = b.Update();
        NS_TEST_ASSERT_MSG_EQ(g.size(), 3, "three grants");
        NS_TEST_EXPECT_MSG_EQ((g[2] == GrantBench::Grant{a, 20000, 0}), true, "a third, level 0");

        // x and y complete; a, with 10000 granted bytes still to come at level 0, now ranks
        // first, ahead of two longer messages.
        b.Receive(x, 10000, 10000);
        b.Receive(y, 10000, 10000);
        b.scheduler.Remove(b.rpcs[x]);
        b.scheduler.Remove(b.rpcs[y]);
        uint32_t z = b.AddMessage("10.0.0.4", 200000, 10000);
        uint32_t w = b.AddMessage("10.0.0.5", 300000, 10000);
        b.Receive(z, 0, 10000);
        b.Receive(w, 0, 10000);
        g = b.Update();
        NS_TEST_EXPECT_MSG_EQ(b.scheduler.GetNumActive(), 3, "a, z and w active");
        if (m_inOrder)
        {
            // z's level (1) is above a's pending level 0: z and w wait for a's bytes.
            NS_TEST_EXPECT_MSG_EQ(g.size(), 0, "no grant while a's level-0 bytes are out");
            b.Receive(a, 10000, 10000);
            g = b.Update();
            NS_TEST_ASSERT_MSG_EQ(g.size(), 3, "a, then z and w");
            NS_TEST_EXPECT_MSG_EQ((g[0] == GrantBench::Grant{a, 30000, 2}), true, "a at 2");
            NS_TEST_EXPECT_MSG_EQ((g[1] == GrantBench::Grant{z, 20000, 1}), true, "z at 1");
            NS_TEST_EXPECT_MSG_EQ((g[2] == GrantBench::Grant{w, 20000, 0}), true, "w at 0");
        }
        else
        {
            NS_TEST_ASSERT_MSG_EQ(g.size(), 2, "z and w at once (a's window is full)");
            NS_TEST_EXPECT_MSG_EQ((g[0] == GrantBench::Grant{z, 20000, 1}), true, "z at 1");
            NS_TEST_EXPECT_MSG_EQ((g[1] == GrantBench::Grant{w, 20000, 0}), true, "w at 0");
        }
    }

    bool m_inOrder; //!< the rule under test
};

/**
 * The tail boost's ceiling. Window 10,000, two slots, levels 0-3, BoostTailBytes 8,000, every
 * unscheduled length at level 7. a (12,000 B, 2,000 unscheduled) ranks first and is granted
 * to 10,000 at level 1; b (16,000 B, 5,000 unscheduled) to 10,000 at level 0. Once 2,848 B
 * of b are in, its next grant (to 12,848) leaves 6,000 B to grant, under 8,000 on the wire:
 * boosted to 7, or, with the ceiling, held at a's pending level 1.
 */
class HomaGrantBoostCeilingTest : public TestCase
{
  public:
    /// \param ceiling the rule under test
    HomaGrantBoostCeilingTest(bool ceiling)
        : TestCase(ceiling ? "tail boost held at a better-ranked message's pending level"
                           : "tail boost to the unscheduled level regardless (the simulator)"),
          m_ceiling(ceiling)
    {
    }

  private:
    void DoRun() override
    {
        HomaGrantScheduler::Config config = MakeConfig(10000, 1000000, 2, 3);
        config.inOrder = false;
        config.boostTailBytes = 8000;
        config.boostCeiling = m_ceiling;
        config.cutoffs = {0, 0, 0, 0, 1000000, 1000000, 1000000, 1000000};
        GrantBench b(config);
        uint32_t a = b.AddMessage("10.0.0.1", 12000, 2000);
        uint32_t m = b.AddMessage("10.0.0.2", 16000, 5000);
        auto g = b.Update();
        NS_TEST_ASSERT_MSG_EQ(g.size(), 2, "both granted");
        NS_TEST_EXPECT_MSG_EQ((g[0] == GrantBench::Grant{a, 10000, 1}), true, "a to 10000 at 1");
        NS_TEST_EXPECT_MSG_EQ((g[1] == GrantBench::Grant{m, 10000, 0}), true, "b to 10000 at 0");
        b.Receive(m, 0, 1424);
        b.Receive(m, 1424, 1424);
        g = b.Update();
        NS_TEST_ASSERT_MSG_EQ(g.size(), 1, "only b: a's window is full");
        NS_TEST_EXPECT_MSG_EQ((g[0] == GrantBench::Grant{m, 12848, m_ceiling ? 1 : 7}),
                              true,
                              "b's tail at " << (m_ceiling ? 1 : 7) << ", got "
                                             << +std::get<2>(g[0]));
    }

    bool m_ceiling; //!< the rule under test
};

/// The homa-grant suite.
/**
 * HomaL4Protocol keeps the grant scheduler's and the pacer's Config current from its
 * attribute setters: every setting reaches the mechanism when it is set, derived values
 * (the default MaxIncoming, the highest scheduled level) follow the settings they come from,
 * and new cutoffs move the scheduled levels.
 */
class HomaGrantConfigTest : public TestCase
{
  public:
    HomaGrantConfigTest()
        : TestCase("attribute setters keep the grant scheduler's and pacer's Config current")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<HomaL4Protocol> homa = CreateObject<HomaL4Protocol>();
        const HomaGrantScheduler::Config& c = homa->GetGrantScheduler().GetConfig();
        NS_TEST_EXPECT_MSG_EQ(c.window, 10000u, "default Window");
        NS_TEST_EXPECT_MSG_EQ(c.maxOvercommit, 8u, "default MaxOvercommit");
        NS_TEST_EXPECT_MSG_EQ(c.maxIncoming, 80000u, "MaxIncoming 0: MaxOvercommit x Window");
        // Default cutoffs {0, 0, 0, 0, 1000000, ...}: levels 0-3 scheduled.
        NS_TEST_EXPECT_MSG_EQ(+c.maxSchedPriority, 3, "scheduled levels 0-3");
        homa->SetAttribute("Window", UintegerValue(5000));
        homa->SetAttribute("MaxOvercommit", UintegerValue(3));
        NS_TEST_EXPECT_MSG_EQ(c.window, 5000u, "Window reached the scheduler");
        NS_TEST_EXPECT_MSG_EQ(c.maxIncoming, 15000u, "the derived budget followed");
        homa->SetAttribute("MaxIncoming", UintegerValue(40000));
        NS_TEST_EXPECT_MSG_EQ(c.maxIncoming, 40000u, "MaxIncoming set");
        homa->SetAttribute("Window", UintegerValue(0));
        homa->SetAttribute("MaxIncoming", UintegerValue(0));
        NS_TEST_EXPECT_MSG_EQ(c.maxIncoming, 400000u, "Window 0: the kernel's 400000");
        homa->SetAttribute("GrantIncrement", UintegerValue(12000));
        homa->SetAttribute("BoostTailBytes", UintegerValue(9000));
        homa->SetAttribute("GrantInOrder", BooleanValue(false));
        NS_TEST_EXPECT_MSG_EQ(c.grantIncrement, 12000u, "GrantIncrement");
        NS_TEST_EXPECT_MSG_EQ(c.boostTailBytes, 9000u, "BoostTailBytes");
        NS_TEST_EXPECT_MSG_EQ(c.inOrder, false, "GrantInOrder");
        homa->SetCutoffs({0, 0, 1000000, 20000, 5000, 2000, 1000, 100});
        NS_TEST_EXPECT_MSG_EQ(+c.maxSchedPriority, 1, "new cutoffs: levels 0-1 scheduled");
        NS_TEST_EXPECT_MSG_EQ(c.cutoffs[2], 1000000u, "the scheduler has the cutoffs");
        homa->SetAttribute("NumPriorities", UintegerValue(4));
        NS_TEST_EXPECT_MSG_EQ(+c.numPriorities, 4, "NumPriorities");
        homa->SetAttribute("LinkRate", DataRateValue(DataRate("25Gbps")));
        homa->SetAttribute("MaxNicBacklog", TimeValue(MicroSeconds(3)));
        NS_TEST_EXPECT_MSG_EQ(homa->GetPacer().GetConfig().rate,
                              DataRate("25Gbps"),
                              "LinkRate reached the pacer");
        NS_TEST_EXPECT_MSG_EQ(homa->GetPacer().GetConfig().maxBacklog,
                              MicroSeconds(3),
                              "MaxNicBacklog reached the pacer");
        // FIFO grants and picks: the kernel's defaults, then set; the interval follows the
        // link rate (50000 B at 5 % of 25 Gbps: 320 us).
        NS_TEST_EXPECT_MSG_EQ(c.fifoFraction, 50u, "grant_fifo_fraction 50 by default");
        NS_TEST_EXPECT_MSG_EQ(c.fifoIncrement, 50000u, "fifo_grant_increment 50000");
        NS_TEST_EXPECT_MSG_EQ(homa->GetPacer().GetConfig().fifoFraction,
                              50u,
                              "pacer_fifo_fraction 50 by default");
        NS_TEST_EXPECT_MSG_EQ(homa->GetGrantScheduler().GetFifoInterval(),
                              MicroSeconds(320),
                              "FIFO interval at 25 Gbps");
        homa->SetAttribute("GrantFifoFraction", UintegerValue(100));
        homa->SetAttribute("FifoGrantIncrement", UintegerValue(20000));
        homa->SetAttribute("PacerFifoFraction", UintegerValue(0));
        NS_TEST_EXPECT_MSG_EQ(c.fifoFraction, 100u, "GrantFifoFraction");
        NS_TEST_EXPECT_MSG_EQ(homa->GetGrantScheduler().GetFifoInterval(),
                              MicroSeconds(64),
                              "20000 B at 10 % of 25 Gbps");
        NS_TEST_EXPECT_MSG_EQ(homa->GetPacer().GetConfig().fifoFraction,
                              0u,
                              "PacerFifoFraction reached the pacer");
    }
};

/**
 * HomaHelper::SetProfile: "linux" gives the kernel's defaults at 9edb958 and "paper" the 2018
 * simulator's, as the protocol and its mechanisms see them; a later SetAttribute wins.
 */
class HomaProfileTest : public TestCase
{
  public:
    HomaProfileTest()
        : TestCase("HomaHelper::SetProfile: linux and paper settings reach the mechanisms")
    {
    }

  private:
    void DoRun() override
    {
        HomaHelper kernel;
        kernel.SetProfile("linux");
        Ptr<HomaL4Protocol> k = kernel.CreateProtocol();
        const HomaGrantScheduler::Config& kc = k->GetGrantScheduler().GetConfig();
        NS_TEST_EXPECT_MSG_EQ(k->GetUnschedBytes(), 40000u, "unsched_bytes");
        NS_TEST_EXPECT_MSG_EQ(kc.window, 0u, "dynamic windows");
        NS_TEST_EXPECT_MSG_EQ(kc.maxIncoming, 400000u, "max_incoming");
        NS_TEST_EXPECT_MSG_EQ(kc.maxOvercommit, 8u, "max_overcommit");
        NS_TEST_EXPECT_MSG_EQ(kc.fifoFraction, 50u, "grant_fifo_fraction");
        NS_TEST_EXPECT_MSG_EQ(kc.fifoIncrement, 50000u, "fifo_grant_increment");
        NS_TEST_EXPECT_MSG_EQ(kc.onePerPeer, false, "several messages per peer");
        NS_TEST_EXPECT_MSG_EQ(kc.inOrder, false, "no GrantInOrder in the kernel");
        NS_TEST_EXPECT_MSG_EQ(+kc.maxSchedPriority, 3, "levels 0-3 scheduled");
        NS_TEST_EXPECT_MSG_EQ(k->GetPacer().GetConfig().maxBacklog,
                              MicroSeconds(5),
                              "max_nic_est_backlog_usecs");
        NS_TEST_EXPECT_MSG_EQ(k->GetPacer().GetConfig().fifoFraction, 50u, "pacer_fifo_fraction");
        UintegerValue incast(1);
        k->GetAttribute("IncastThreshold", incast);
        NS_TEST_EXPECT_MSG_EQ(incast.Get(), 0u, "no incast optimization in the kernel");

        HomaHelper paper;
        paper.SetProfile("paper");
        paper.SetAttribute("MaxOvercommit", UintegerValue(7)); // after the profile: it wins
        Ptr<HomaL4Protocol> p = paper.CreateProtocol();
        const HomaGrantScheduler::Config& pc = p->GetGrantScheduler().GetConfig();
        NS_TEST_EXPECT_MSG_EQ(p->GetUnschedBytes(), 9328u, "the simulator's RTTbytes");
        NS_TEST_EXPECT_MSG_EQ(p->GetUnschedWholePackets(), false, "cut exactly");
        NS_TEST_EXPECT_MSG_EQ(pc.onePerPeer, true, "one message per sender");
        NS_TEST_EXPECT_MSG_EQ(pc.fifoFraction, 0u, "no FIFO grants");
        NS_TEST_EXPECT_MSG_EQ(p->GetPacer().GetConfig().fifoFraction, 0u, "no FIFO picks");
        NS_TEST_EXPECT_MSG_EQ(pc.inOrder, false, "grants by rank alone");
        NS_TEST_EXPECT_MSG_EQ(pc.maxOvercommit, 7u, "a later SetAttribute wins");
        p->GetAttribute("IncastThreshold", incast);
        NS_TEST_EXPECT_MSG_EQ(incast.Get(), 0u, "no incast optimization in the simulator");
        NS_TEST_EXPECT_MSG_EQ(p->GetPacer().GetConfig().maxBacklog,
                              Seconds(0),
                              "one packet at a time to the NIC");
        NS_TEST_EXPECT_MSG_EQ(paper.GetNicDataByLevel(), false, "NICs in Homa's order");
        NS_TEST_EXPECT_MSG_EQ(kernel.GetNicDataByLevel(),
                              true,
                              "linux leaves the default, by level");
    }
};

/**
 * Several active messages per sending host (the kernel) against one (the paper's
 * simulator): host A's two messages and host B's one. With three slots the kernel grants
 * all three, ranked by bytes left whatever the host; with two it takes each host's best
 * first; with OneMessagePerPeer only A's best and B's.
 */
class HomaGrantPerPeerTest : public TestCase
{
  public:
    /// \param onePerPeer the paper simulator's rule
    HomaGrantPerPeerTest(bool onePerPeer)
        : TestCase(onePerPeer ? "one active message per sending host (the paper's simulator)"
                              : "several active messages per host, each host's best first"),
          m_onePerPeer(onePerPeer)
    {
    }

  private:
    using G = GrantBench::Grant;

    void DoRun() override
    {
        for (uint32_t overcommit : {3u, 2u})
        {
            HomaGrantScheduler::Config config = MakeConfig(10000, 1000000, overcommit, 3);
            config.onePerPeer = m_onePerPeer;
            GrantBench b(config);
            uint32_t a0 = b.AddMessage("10.0.0.1", 30000, 10000);  // 20000 left
            uint32_t bb = b.AddMessage("10.0.0.2", 100000, 10000); // 90000 left
            uint32_t a1 = b.AddMessage("10.0.0.1", 40000, 10000);  // 30000 left
            for (uint32_t m : {a0, bb, a1})
            {
                b.Receive(m, 0, 10000);
            }
            std::vector<G> got = b.Update();
            std::vector<G> expected;
            if (overcommit == 3 && !m_onePerPeer)
            {
                // Ranks 0, 1, 2 among 3 active: levels 2, 1, 0; A's second before B's.
                expected = {G{a0, 20000, 2}, G{a1, 20000, 1}, G{bb, 20000, 0}};
            }
            else
            {
                // Two active (A's best and B's): levels 1 and 0.
                expected = {G{a0, 20000, 1}, G{bb, 20000, 0}};
            }
            NS_TEST_EXPECT_MSG_EQ((got == expected), true, "grants, overcommit " << overcommit);
            NS_TEST_EXPECT_MSG_EQ(b.scheduler.GetNumActive(),
                                  uint32_t(expected.size()),
                                  "active messages, overcommit " << overcommit);
        }
    }

    bool m_onePerPeer; //!< variant
};

/**
 * FIFO grants (homa_grant_check_fifo) against a hand-computed schedule: 5 % of 10 Gbps and
 * 50000-byte grants give one every 800 us, to the oldest message, at level 6, past the SRPT
 * order; only after an update that sent an SRPT grant; passed on when the oldest message
 * holds window + 2 x 50000 incoming bytes or more.
 */
class HomaGrantFifoTest : public TestCase
{
  public:
    /// \param fraction grant_fifo_fraction (0: off)
    HomaGrantFifoTest(uint32_t fraction)
        : TestCase("FIFO grants, fraction " + std::to_string(fraction) +
                   ": oldest message, every 800 us, level 6, beyond SRPT"),
          m_fraction(fraction)
    {
    }

  private:
    using G = GrantBench::Grant;

    void DoRun() override
    {
        HomaGrantScheduler::Config config = MakeConfig(10000, 200000, 1, 3);
        config.fifoFraction = m_fraction;
        config.fifoIncrement = 50000;
        config.linkRate = DataRate("10Gbps");
        config.numPriorities = 8;
        GrantBench b(config);
        bool on = m_fraction > 0;
        NS_TEST_EXPECT_MSG_EQ(b.scheduler.GetFifoInterval(),
                              (on ? MicroSeconds(800) : Seconds(1)),
                              "50000 B at 5 % of 10 Gbps");
        std::vector<std::vector<G>> got;
        auto at = [&](Time t, std::function<void()> f) {
            Simulator::Schedule(t, [&got, &b, f]() {
                f();
                got.push_back(b.Update());
            });
        };
        // m0: 1 MB, the oldest; m1: 20000 B. Overcommitment 1: SRPT grants m1 only.
        uint32_t m0 = b.AddMessage("10.0.0.1", 1000000, 10000);
        uint32_t m1 = b.AddMessage("10.0.0.2", 20000, 10000);
        uint32_t m2 = 0;
        uint32_t m3 = 0;
        at(Seconds(0), [&]() {
            b.Receive(m0, 0, 10000);
            b.Receive(m1, 0, 10000);
        });
        // m1 is fully granted: no SRPT grant, so no FIFO check either.
        at(MicroSeconds(100), [&]() { b.Receive(m0, 10000, 10000); });
        // m1 done; m2 arrives and is granted; the FIFO grant is due (800 us).
        at(MicroSeconds(900), [&]() {
            b.Receive(m1, 10000, 10000);
            b.scheduler.Remove(b.rpcs[m1]);
            m2 = b.AddMessage("10.0.0.3", 30000, 10000);
            b.Receive(m2, 0, 10000);
        });
        // An SRPT grant, but the next FIFO grant is due at 1700 us only.
        at(MicroSeconds(1000), [&]() { b.Receive(m2, 10000, 10000); });
        // m0 holds 110000 - 20000 = 90000 < 10000 + 100000 incoming: still the FIFO message.
        at(MicroSeconds(1800), [&]() {
            b.Receive(m2, 20000, 10000);
            b.scheduler.Remove(b.rpcs[m2]);
            m3 = b.AddMessage("10.0.0.4", 40000, 10000);
            b.Receive(m3, 0, 10000);
        });
        // m0 now holds 140000 >= 110000 (its sender is not answering): passed over; the
        // oldest eligible is m3, granted to its end at level 6.
        at(MicroSeconds(2600), [&]() { b.Receive(m3, 10000, 10000); });
        Simulator::Run();
        Simulator::Destroy();

        NS_TEST_ASSERT_MSG_EQ(got.size(), 6u, "six updates");
        std::vector<std::vector<G>> expected;
        if (on)
        {
            expected = {{G{m1, 20000, 0}, G{m0, 60000, 6}},
                        {},
                        {G{m2, 20000, 0}, G{m0, 110000, 6}},
                        {G{m2, 30000, 0}},
                        {G{m3, 20000, 0}, G{m0, 160000, 6}},
                        {G{m3, 30000, 0}, G{m3, 40000, 6}}};
        }
        else
        {
            expected = {{G{m1, 20000, 0}},
                        {},
                        {G{m2, 20000, 0}},
                        {G{m2, 30000, 0}},
                        {G{m3, 20000, 0}},
                        {G{m3, 30000, 0}}};
        }
        for (size_t k = 0; k < got.size(); ++k)
        {
            NS_TEST_EXPECT_MSG_EQ((got[k] == expected[k]), true, "grants of update " << k);
        }
        NS_TEST_EXPECT_MSG_EQ(b.scheduler.GetFifoGrantBytes(),
                              (on ? 50000u * 3 + 10000 : 0u),
                              "fifo_grant_bytes");
        // m0: 160000 granted, 20000 received; m3: 40000 (30000) granted, 20000 received.
        NS_TEST_EXPECT_MSG_EQ(b.scheduler.GetTotalIncoming(),
                              (on ? 140000u + 20000 : 10000u),
                              "incoming bytes, FIFO grants included");
    }

    uint32_t m_fraction; //!< grant_fifo_fraction
};

class HomaGrantTestSuite : public TestSuite
{
  public:
    HomaGrantTestSuite()
        : TestSuite("homa-grant", NS3_COMPAT_TEST_UNIT)
    {
        AddTestCase(new HomaGrantBudgetTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaGrantDynamicWindowTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaGrantFullyGrantedTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaGrantIncrementTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaGrantInOrderTest(true), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaGrantInOrderTest(false), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaGrantBoostCeilingTest(true), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaGrantBoostCeilingTest(false), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaGrantConfigTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaProfileTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaGrantPerPeerTest(false), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaGrantPerPeerTest(true), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaGrantFifoTest(50), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaGrantFifoTest(0), NS3_COMPAT_TEST_QUICK);
    }
};

static HomaGrantTestSuite g_homaGrantTestSuite; //!< the suite
