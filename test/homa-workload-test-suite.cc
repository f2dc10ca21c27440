/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-workload: the shipped W1-W5 distributions load, and sampling them as the paper's
// simulator did reproduces their means.

#include "ns3/message-stats.h"
#include "ns3/message-workload.h"
#include "ns3/ns3-version-compat.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/test.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <unistd.h>

using namespace ns3;

/// Load a workload and compare the sample mean with the distribution's mean.
class HomaWorkloadMeanTest : public TestCase
{
  public:
    /**
     * \param name workload name (W1..W5)
     * \param mean the published mean in bytes
     * \param tolerance allowed relative error of the sample mean
     */
    HomaWorkloadMeanTest(std::string name, double mean, double tolerance)
        : TestCase("workload " + name + ": mean " + std::to_string(mean) + " B, samples within " +
                   std::to_string(int(tolerance * 100)) + " %"),
          m_name(name),
          m_mean(mean),
          m_tolerance(tolerance)
    {
    }

  private:
    void DoRun() override
    {
        // By name (the shipped file) and by path: the same distribution.
        MessageWorkload w = MessageWorkload::Load(m_name);
        MessageWorkload byPath = MessageWorkload::Load(std::string(NS_TEST_SOURCEDIR) +
                                                       "/../workloads/" + m_name + ".cdf");
        NS_TEST_EXPECT_MSG_EQ((w.GetPoints() == byPath.GetPoints()), true, "name and path agree");
        NS_TEST_EXPECT_MSG_EQ(MessageWorkload::ShippedPath("W6"), "", "no W6 shipped");
        NS_TEST_EXPECT_MSG_EQ(MessageWorkload::ShippedPath("../W1"), "", "a path is not a name");
        NS_TEST_EXPECT_MSG_EQ_TOL(w.GetMean(), m_mean, m_mean * 0.002, "mean of the points");
        Ptr<EmpiricalRandomVariable> rv = w.MakeRandomVariable();
        rv->SetStream(42);
        const int n = 200000;
        double sum = 0;
        double smallest = 1e18;
        for (int i = 0; i < n; ++i)
        {
            double v = rv->GetValue();
            sum += v;
            smallest = std::min(smallest, v);
        }
        NS_TEST_EXPECT_MSG_EQ_TOL(sum / n, m_mean, m_mean * m_tolerance, "sample mean");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(smallest,
                                    w.GetPoints().front().first,
                                    "no interpolation below");
    }

    std::string m_name; //!< workload
    double m_mean;      //!< expected mean
    double m_tolerance; //!< relative tolerance
};

/// Ideal RPC times against hand calculation, and percentiles.
class HomaIdealTimeTest : public TestCase
{
  public:
    HomaIdealTimeTest()
        : TestCase("ideal RPC times match hand calculation; nearest-rank percentiles")
    {
    }

  private:
    void DoRun() override
    {
        // 8 Gbps: one byte takes exactly 1 ns. Per packet 78 bytes of IP + DATA + PPP.
        std::vector<DataRate> rack{DataRate("8Gbps"), DataRate("8Gbps")};
        Time delay = MicroSeconds(1);
        NS_TEST_EXPECT_MSG_EQ(MessageStats::WireBytes(1424), 1502, "one full packet");
        NS_TEST_EXPECT_MSG_EQ(MessageStats::WireBytes(3000), 3000 + 3 * 78, "three packets");
        // 1424 B: 1502 ns on link 1, 1502 ns store-and-forward on link 2,
        // reply 79 ns on each link, 4 propagation delays of 1 us.
        NS_TEST_EXPECT_MSG_EQ(MessageStats::IdealRpcTime(1424, rack, delay).GetNanoSeconds(),
                              1502 + 1502 + 79 + 79 + 4000,
                              "1424 B within a rack");
        // 3000 B: 3234 ns, then one full packet (1502 ns), reply 158 ns, 4 us.
        NS_TEST_EXPECT_MSG_EQ(MessageStats::IdealRpcTime(3000, rack, delay).GetNanoSeconds(),
                              3234 + 1502 + 158 + 4000,
                              "3000 B within a rack");
        // 1 B across the fabric (8, 32, 32, 8 Gbps): 79 + 19.75 + 19.75 + 79 ns for the
        // request, the same for the reply, 8 us of propagation.
        std::vector<DataRate> fabric{DataRate("8Gbps"),
                                     DataRate("32Gbps"),
                                     DataRate("32Gbps"),
                                     DataRate("8Gbps")};
        NS_TEST_EXPECT_MSG_EQ_TOL(MessageStats::IdealRpcTime(1, fabric, delay).GetNanoSeconds(),
                                  2 * (79 + 19.75 + 19.75 + 79) + 8000,
                                  2,
                                  "1 B across racks");
        // One-way messages (the paper's ideal), on the datacenter helper's delays: host
        // links 875 ns, fabric links 250 ns. 8/32 Gbps keep the numbers whole.
        std::vector<Time> rackDelays{NanoSeconds(875), NanoSeconds(875)};
        std::vector<Time> fabricDelays{NanoSeconds(875),
                                       NanoSeconds(250),
                                       NanoSeconds(250),
                                       NanoSeconds(875)};
        // 1 B in a rack: 79 ns, the ToR again 79 ns, 1750 ns.
        NS_TEST_EXPECT_MSG_EQ(MessageStats::IdealMessageTime(1, rack, rackDelays).GetNanoSeconds(),
                              79 + 79 + 1750,
                              "1 B message within a rack");
        // 3000 B across racks: 3234 ns on the host link; the last packet (152 + 78 = 230 B)
        // again at 32, 32 and 8 Gbps (57.5 + 57.5 + 230 ns); 2250 ns of delays.
        NS_TEST_EXPECT_MSG_EQ_TOL(
            MessageStats::IdealMessageTime(3000, fabric, fabricDelays).GetNanoSeconds(),
            3234 + 57.5 + 57.5 + 230 + 2250,
            1,
            "3000 B message across racks");
        // 1 MB across racks: 1000000 + 703 * 78 = 1054834 ns; last packet 1000000 - 702 *
        // 1424 = 352 B + 78 = 430 B: 107.5 + 107.5 + 430 ns; 2250 ns.
        NS_TEST_EXPECT_MSG_EQ_TOL(
            MessageStats::IdealMessageTime(1000000, fabric, fabricDelays).GetNanoSeconds(),
            1054834 + 107.5 + 107.5 + 430 + 2250,
            1,
            "1 MB message across racks");

        // The paper simulator's ideal (SIMULATOR): a full frame (1424 + 78 = 1502 B) stored
        // and forwarded at each further link as soon as the message has one. Hand-computed
        // at 8/32 Gbps (1 ns per byte at 8 Gbps): across racks the further links add
        // 1502 / 4 + 1502 / 4 + 1502 = 2253 ns for a full frame, in a rack 1502 ns.
        struct Case
        {
            uint32_t size;      //!< message bytes
            double first;       //!< wire bytes on the first link = ns at 8 Gbps
            double lastPacket;  //!< the last packet's wire bytes (PIPELINED)
            bool hasFullPacket; //!< SIMULATOR forwards a full frame
        };

        const Case cases[] = {
            {1, 79, 79, false},
            {1424, 1502, 1502, true},
            {1425, 1502 + 79, 79, true},
            {5696, 4 * 1502, 1502, true},
            {100000, 70 * 1502 + 320 + 78, 320 + 78, true},
        };
        for (const Case& c : cases)
        {
            double fwd = c.hasFullPacket ? 1502 : c.lastPacket;
            NS_TEST_EXPECT_MSG_EQ_TOL(MessageStats::IdealMessageTime(c.size,
                                                                     fabric,
                                                                     fabricDelays,
                                                                     1500,
                                                                     MessageStats::SIMULATOR)
                                          .GetNanoSeconds(),
                                      c.first + fwd / 4 + fwd / 4 + fwd + 2250,
                                      1,
                                      "simulator ideal across racks, " << c.size << " B");
            NS_TEST_EXPECT_MSG_EQ_TOL(MessageStats::IdealMessageTime(c.size,
                                                                     rack,
                                                                     rackDelays,
                                                                     1500,
                                                                     MessageStats::SIMULATOR)
                                          .GetNanoSeconds(),
                                      c.first + fwd + 1750,
                                      1,
                                      "simulator ideal in a rack, " << c.size << " B");
            NS_TEST_EXPECT_MSG_EQ_TOL(
                MessageStats::IdealMessageTime(c.size, fabric, fabricDelays).GetNanoSeconds(),
                c.first + c.lastPacket / 4 + c.lastPacket / 4 + c.lastPacket + 2250,
                1,
                "pipelined ideal across racks, " << c.size << " B");
        }
        // 1,425 B across racks: the two definitions differ by 2253 - 118.5 ns.
        NS_TEST_EXPECT_MSG_EQ_TOL((MessageStats::IdealMessageTime(1425,
                                                                  fabric,
                                                                  fabricDelays,
                                                                  1500,
                                                                  MessageStats::SIMULATOR) -
                                   MessageStats::IdealMessageTime(1425, fabric, fabricDelays))
                                      .GetNanoSeconds(),
                                  2253 - 118.5,
                                  2, // each link's time is rounded to the nanosecond
                                  "1,425 B: the simulator's ideal is 2.1 us longer");
        std::vector<double> v{5, 1, 4, 2, 3, 10, 9, 8, 7, 6};
        NS_TEST_EXPECT_MSG_EQ(MessageStats::Percentile(v, 50), 5, "median of 1..10");
        NS_TEST_EXPECT_MSG_EQ(MessageStats::Percentile(v, 99), 10, "p99 of 1..10");
        NS_TEST_EXPECT_MSG_EQ(MessageStats::Percentile({}, 50), 0, "no samples");
    }
};

/**
 * Size ranges of about 1 % of the messages (the paper's figure bins) and the slowdowns per
 * range: bounds from a small CDF by hand (a step under 1 % joins the next; a size holding
 * 47.5 % is a range of its own; repeated sizes give one bound), W1 and W3's ranges (each
 * holds at least 1 % of the distribution, except possibly the last), and per-range counts
 * and percentiles for hand-placed messages.
 */
class HomaRangesTest : public TestCase
{
  public:
    HomaRangesTest()
        : TestCase("size ranges of ~1 % of the messages; slowdown percentiles per range")
    {
    }

  private:
    void DoRun() override
    {
        MessageWorkload w(
            {{10, 0.005}, {20, 0.02}, {20, 0.022}, {30, 0.025}, {40, 0.5}, {50, 1.0}});
        std::vector<uint32_t> bounds = w.SizeRanges(0.01);
        NS_TEST_EXPECT_MSG_EQ((bounds == std::vector<uint32_t>{20, 40, 50}),
                              true,
                              "10 joins 20; 30 joins 40; 50 ends");
        NS_TEST_EXPECT_MSG_EQ((w.SizeRanges(1.0) == std::vector<uint32_t>{50}),
                              true,
                              "one range holds everything");

        for (const char* name : {"W1", "W3"})
        {
            MessageWorkload load = MessageWorkload::Load(name);
            std::vector<uint32_t> r = load.SizeRanges(0.01);
            NS_TEST_EXPECT_MSG_GT(r.size(), 30u, name << ": tens of ranges");
            NS_TEST_EXPECT_MSG_LT_OR_EQ(r.size(), 100u, name << ": at most 100");
            NS_TEST_EXPECT_MSG_EQ(r.back(),
                                  static_cast<uint32_t>(load.GetPoints().back().first),
                                  name << ": the last range ends at the largest size");
            NS_TEST_EXPECT_MSG_EQ(std::is_sorted(r.begin(), r.end()), true, "ascending");
            bool repeated = std::adjacent_find(r.begin(), r.end()) != r.end();
            NS_TEST_EXPECT_MSG_EQ(repeated, false, "no repeated bound");
        }

        // Messages of 5, 20, 21, 40, 40, 45 and 60 B (60 beyond the last bound: last range);
        // the 21-byte message was not delivered.
        std::vector<uint32_t> sizes{5, 20, 21, 40, 40, 45, 60};
        std::vector<double> slow{1.0, 2.0, -1, 3.0, 5.0, 7.0, 9.0};
        auto ranges = MessageStats::RangeSlowdowns(sizes, slow, bounds);
        NS_TEST_ASSERT_MSG_EQ(ranges.size(), 3u, "three ranges hold messages");
        NS_TEST_EXPECT_MSG_EQ(ranges[0].messages, 2u, "<= 20: 5 and 20");
        NS_TEST_EXPECT_MSG_EQ(ranges[0].p99, 2.0, "p99 of {1, 2}");
        NS_TEST_EXPECT_MSG_EQ(ranges[1].messages, 3u, "21..40: 21, 40, 40");
        NS_TEST_EXPECT_MSG_EQ(ranges[1].delivered, 2u, "21 B not delivered");
        NS_TEST_EXPECT_MSG_EQ(ranges[1].p50, 3.0, "median of {3, 5}");
        NS_TEST_EXPECT_MSG_EQ(ranges[2].messages, 2u, "41..50 and beyond: 45, 60");
        NS_TEST_EXPECT_MSG_EQ(ranges[2].p99, 9.0, "p99 of {7, 9}");
        NS_TEST_EXPECT_MSG_EQ_TOL(ranges[1].cumFraction, 5.0 / 7, 1e-12, "5 of 7 messages");
        NS_TEST_EXPECT_MSG_EQ(ranges[2].maxSize, 50u, "bounded by 50");
    }
};

/**
 * W1 as the paper's simulator drew it: its 15-point table, then the generalized Pareto tail
 * computed as WorkloadEstimator does (1000 steps of (0.999 - 0.47) / 1000 accumulated in
 * double precision end after 999 steps, at 0.998471): 633 points, the largest 4,120 B with
 * the rest of the probability, mean 182.34 B (an independent recomputation of the same
 * steps gave these numbers).
 */
class HomaSimulatorW1Test : public TestCase
{
  public:
    HomaSimulatorW1Test()
        : TestCase("the paper simulator's W1: table, Pareto tail to 4,120 B, mean 182.34 B")
    {
    }

  private:
    void DoRun() override
    {
        MessageWorkload w = MessageWorkload::SimulatorW1();
        const auto& p = w.GetPoints();
        NS_TEST_ASSERT_MSG_EQ(p.size(), 633u, "15 table points and 618 tail sizes");
        NS_TEST_EXPECT_MSG_EQ(p[0].first, 1, "the table starts at 1 B");
        // The tail's first two steps round to 15 B again and join it (0.47 + 2 x 0.000529).
        NS_TEST_EXPECT_MSG_EQ(p[14].first, 15, "15 B");
        NS_TEST_EXPECT_MSG_EQ_TOL(p[14].second, 0.471058, 1e-9, "15 B up to 0.471058");
        NS_TEST_EXPECT_MSG_EQ(p[15].first, 16, "the tail's first size");
        NS_TEST_EXPECT_MSG_EQ(p.back().first, 4120, "the largest size");
        NS_TEST_EXPECT_MSG_EQ(p.back().second, 1.0, "takes the rest");
        NS_TEST_EXPECT_MSG_EQ_TOL(w.GetMean(), 182.343, 0.01, "mean");
        for (size_t i = 1; i < p.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_GT(p[i].first, p[i - 1].first, "sizes increase");
            NS_TEST_ASSERT_MSG_GT(p[i].second, p[i - 1].second, "probabilities increase");
        }
    }
};

/// MessageWorkload::Parse: what a distribution file may hold, and the errors it names.
class HomaWorkloadParseTest : public TestCase
{
  public:
    HomaWorkloadParseTest()
        : TestCase("workload files: points read, bad lines named without aborting")
    {
    }

  private:
    static bool Parse(const std::string& text,
                      std::vector<std::pair<double, double>>& points,
                      std::string& error)
    {
        std::istringstream in(text);
        return MessageWorkload::Parse(in, points, error);
    }

    void DoRun() override
    {
        std::vector<std::pair<double, double>> points;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(Parse("# comment\n185.0\n\n10 0.5 # half\n20 1\n", points, error),
                              true,
                              "a valid file");
        NS_TEST_ASSERT_MSG_EQ(points.size(), 2, "two points (the lone mean skipped)");
        NS_TEST_EXPECT_MSG_EQ((points[0] == std::make_pair(10.0, 0.5)), true, "first point");
        NS_TEST_EXPECT_MSG_EQ((points[1] == std::make_pair(20.0, 1.0)), true, "second point");
        // A last probability within 1e-6 of 1 (rounded in the file) is read as exactly 1,
        // which ns-3's EmpiricalRandomVariable needs to sample (a fuzzer find).
        NS_TEST_ASSERT_MSG_EQ(Parse("5 0.3\n9646 0.9999998\n", points, error), true, "rounded");
        NS_TEST_EXPECT_MSG_EQ(points.back().second, 1.0, "exactly 1");
        MessageWorkload rounded(points);
        Ptr<EmpiricalRandomVariable> rv = rounded.MakeRandomVariable();
        rv->SetStream(7);
        for (int k = 0; k < 100; ++k)
        {
            double v = rv->GetValue();
            NS_TEST_ASSERT_MSG_EQ((v == 5 || v == 9646), true, "a size of the file");
        }
        const std::vector<std::pair<std::string, std::string>> bad{
            {"10 0.5\n5 1\n", "2: sizes and probabilities must not decrease"},
            {"10 0.5\n20 0.4\n30 1\n", "2: sizes and probabilities must not decrease"},
            {"10 1.5\n", "1: probability must be 0..1, size 0..4294967295"},
            {"\n-1 1\n", "2: probability must be 0..1, size 0..4294967295"},
            {"nan 1\n", "1: expected a size and a cumulative probability"},
            {"10 nan\n", "1: expected a size and a cumulative probability"},
            {"inf 1\n", "1: expected a size and a cumulative probability"},
            {"4294967296 1\n", "1: probability must be 0..1, size 0..4294967295"},
            {"10 0.5 7\n", "1: expected a size and a cumulative probability"},
            {"10 0.5\n", " the last probability must be 1"},
            {"", " the last probability must be 1"},
        };
        for (const auto& [text, message] : bad)
        {
            NS_TEST_EXPECT_MSG_EQ(Parse(text, points, error), false, "rejected: " << text);
            NS_TEST_EXPECT_MSG_EQ(error, message, "the error for: " << text);
            NS_TEST_EXPECT_MSG_EQ(points.size(), 0, "no points left from: " << text);
        }
    }
};

/// MessageStats::WorkConservingBytes against hand calculation.
class HomaWorkConservingTest : public TestCase
{
  public:
    HomaWorkConservingTest()
        : TestCase("work-conserving reference: each receiver's link busy while bytes wait")
    {
    }

  private:
    void DoRun() override
    {
        // 1000 B take 1078 B on the wire (one packet, 78 B of headers): 8.624 us at 1 Gbps.
        // Receiver 0: m1 at 0 us (sent 0-8.624), m2 at 2 us (queued: 8.624-17.248);
        // receiver 1: m3 at 20 us (20-28.624). Listed out of order.
        auto at = [](uint32_t dst, Time start) {
            MessageRecord m;
            m.dst = dst;
            m.size = 1000;
            m.start = start;
            return m;
        };
        std::vector<MessageRecord> msgs{at(1, MicroSeconds(20)),
                                        at(0, MicroSeconds(2)),
                                        at(0, MicroSeconds(0))};
        DataRate rate("1Gbps");
        // [5, 24) us: 3.624 / 8.624 of m1, all of m2, 4 / 8.624 of m3 = 1884.04 B.
        NS_TEST_EXPECT_MSG_EQ(
            MessageStats::WorkConservingBytes(msgs, rate, MicroSeconds(5), MicroSeconds(24)),
            1884,
            "part of m1, m2, part of m3");
        // Before m2's turn: m1 alone.
        NS_TEST_EXPECT_MSG_EQ(
            MessageStats::WorkConservingBytes(msgs, rate, MicroSeconds(0), NanoSeconds(8624)),
            1000,
            "m1 only");
        // m3 to receiver 0 instead waits for nothing (the link is free from 17.248 us).
        msgs[0].dst = 0;
        NS_TEST_EXPECT_MSG_EQ(
            MessageStats::WorkConservingBytes(msgs, rate, MicroSeconds(17), MicroSeconds(30)),
            1029,
            "the end of m2 (0.248 us: 29 B) and all of m3");
        NS_TEST_EXPECT_MSG_EQ(MessageStats::WorkConservingBytes({}, rate, Seconds(0), Seconds(1)),
                              0,
                              "no messages");
        // Several intervals at once, each as on its own (m3 still to receiver 0, sent 20-28.624
        // us): [0, 8.624) m1; [8.624, 17) most of m2 (8.376 / 8.624: 971.24 B); [17, 24) the
        // rest of m2 (28.76 B) and 4 / 8.624 of m3 (463.82 B); an empty interval; [24, 40)
        // the rest of m3 (536.18 B). 3000 B in all.
        std::vector<Time> bounds{Time(0),
                                 NanoSeconds(8624),
                                 MicroSeconds(17),
                                 MicroSeconds(24),
                                 MicroSeconds(24),
                                 MicroSeconds(40)};
        std::vector<uint64_t> each = MessageStats::WorkConservingBytes(msgs, rate, bounds);
        std::vector<uint64_t> expected{1000, 971, 493, 0, 536};
        NS_TEST_ASSERT_MSG_EQ(each.size(), expected.size(), "one figure per interval");
        for (size_t k = 0; k < each.size(); ++k)
        {
            NS_TEST_EXPECT_MSG_EQ(each[k], expected[k], "interval " << k);
            NS_TEST_EXPECT_MSG_EQ(
                each[k],
                MessageStats::WorkConservingBytes(msgs, rate, bounds[k], bounds[k + 1]),
                "interval " << k << " as on its own");
        }
        NS_TEST_EXPECT_MSG_EQ(MessageStats::WorkConservingBytes(msgs, rate, {Time(0)}).size(),
                              0,
                              "no interval for one bound");
    }
};

/// The homa-workload suite.
/// A user's own workload by name, from the folder in HOMA_WORKLOADS.
class HomaOwnWorkloadTest : public TestCase
{
  public:
    HomaOwnWorkloadTest()
        : TestCase("own workloads by name: NAME.cdf in the folder HOMA_WORKLOADS names")
    {
    }

  private:
    void DoRun() override
    {
        char dir[] = "/tmp/homa-workloads-XXXXXX";
        NS_TEST_ASSERT_MSG_NE(mkdtemp(dir), nullptr, "temporary folder");
        std::string path = std::string(dir) + "/Mine.cdf";
        {
            std::ofstream f(path);
            f << "# two sizes\n100 0.25\n1000 1\n";
        }
        setenv("HOMA_WORKLOADS", dir, 1);
        NS_TEST_EXPECT_MSG_EQ(MessageWorkload::ShippedPath("Mine"), path, "found in the folder");
        MessageWorkload mine = MessageWorkload::Load("Mine");
        NS_TEST_ASSERT_MSG_EQ(mine.GetPoints().size(), 2, "two points");
        NS_TEST_EXPECT_MSG_EQ(mine.GetPoints()[0].first, 100, "first size");
        NS_TEST_EXPECT_MSG_EQ_TOL(mine.GetMean(), 0.25 * 100 + 0.75 * 1000, 1e-9, "mean");
        NS_TEST_EXPECT_MSG_EQ(MessageWorkload::Load("W2").GetPoints().empty(), false, "W2 still");
        unsetenv("HOMA_WORKLOADS");
        std::remove(path.c_str());
        rmdir(dir);
        NS_TEST_EXPECT_MSG_EQ(MessageWorkload::ShippedPath("Mine"), "", "gone with the variable");
    }
};

/// The traffic schedule: Poisson arrivals per host, uniform destinations, reproducible.
class HomaScheduleTest : public TestCase
{
  public:
    HomaScheduleTest()
        : TestCase("DrawSchedule: Poisson arrivals per host, uniform other-host destinations, "
                   "W1 sizes, the same schedule from the same streams")
    {
    }

  private:
    void DoRun() override
    {
        MessageWorkload w1 = MessageWorkload::Load("W1");
        // 4 hosts, one message per microsecond each for 2 ms: about 2000 per host.
        auto s = w1.DrawSchedule(4, 1e-6, 2e-3, 7);
        std::vector<uint32_t> perHost(4, 0);
        std::vector<std::vector<uint32_t>> toHost(4, std::vector<uint32_t>(4, 0));
        double bytes = 0;
        bool ordered = true;
        for (size_t i = 0; i < s.size(); ++i)
        {
            const MessageRecord& m = s[i];
            NS_TEST_ASSERT_MSG_LT(m.dst, 4, "destination in range");
            NS_TEST_ASSERT_MSG_NE(m.dst, m.src, "never to itself");
            NS_TEST_ASSERT_MSG_LT(m.start, MilliSeconds(2), "inside the window");
            if (i > 0 && s[i - 1].src == m.src && s[i - 1].start > m.start)
            {
                ordered = false;
            }
            if (i > 0 && s[i - 1].src > m.src)
            {
                ordered = false;
            }
            ++perHost[m.src];
            ++toHost[m.src][m.dst];
            bytes += m.size;
        }
        NS_TEST_EXPECT_MSG_EQ(ordered, true, "host by host, in time order");
        for (uint32_t h = 0; h < 4; ++h)
        {
            // Poisson with mean 2000: standard deviation 45; within 10 %.
            NS_TEST_EXPECT_MSG_EQ_TOL(double(perHost[h]), 2000.0, 200.0, "host " << h);
            for (uint32_t d = 0; d < 4; ++d)
            {
                if (d != h)
                {
                    NS_TEST_EXPECT_MSG_EQ_TOL(double(toHost[h][d]),
                                              perHost[h] / 3.0,
                                              perHost[h] * 0.05,
                                              "uniform destinations " << h << "->" << d);
                }
            }
        }
        NS_TEST_EXPECT_MSG_EQ_TOL(bytes / s.size(), w1.GetMean(), w1.GetMean() * 0.05, "W1 mean");
        auto again = w1.DrawSchedule(4, 1e-6, 2e-3, 7);
        bool same = again.size() == s.size();
        for (size_t i = 0; same && i < s.size(); ++i)
        {
            same = again[i].src == s[i].src && again[i].dst == s[i].dst &&
                   again[i].size == s[i].size && again[i].start == s[i].start;
        }
        NS_TEST_EXPECT_MSG_EQ(same, true, "same streams, same schedule");
        auto other = w1.DrawSchedule(4, 1e-6, 2e-3, 17);
        NS_TEST_EXPECT_MSG_NE(other.front().start, s.front().start, "other streams differ");
    }
};

/// Slowdown buckets of equal message count, against a hand-sorted example.
class HomaBucketsTest : public TestCase
{
  public:
    HomaBucketsTest()
        : TestCase("SlowdownBuckets: equal-count size buckets, ties in input order, "
                   "undelivered messages counted but without a slowdown")
    {
    }

  private:
    void DoRun() override
    {
        // Sorted by size (stable): indices 1, 4 | 2, 3 | 5, 0 | 6, 8 | 7, 9.
        const std::vector<uint32_t> sizes{5, 1, 3, 3, 2, 4, 6, 8, 7, 9};
        const std::vector<double> slowdowns{1, 2, 3, -1, 5, 6, 7, 8, 9, 10};
        auto b = MessageStats::SlowdownBuckets(sizes, slowdowns, 5);
        NS_TEST_ASSERT_MSG_EQ(b.size(), 5, "five buckets");
        const std::vector<uint32_t> maxSize{2, 3, 5, 7, 9};
        const std::vector<double> p50{2, 3, 1, 7, 8};
        const std::vector<double> p99{5, 3, 6, 9, 10};
        for (uint32_t k = 0; k < 5; ++k)
        {
            NS_TEST_EXPECT_MSG_EQ(b[k].index, k, "index");
            NS_TEST_EXPECT_MSG_EQ(b[k].maxSize, maxSize[k], "largest size of bucket " << k);
            NS_TEST_EXPECT_MSG_EQ(b[k].messages, 2, "two messages");
            NS_TEST_EXPECT_MSG_EQ(b[k].p50, p50[k], "p50 of bucket " << k);
            NS_TEST_EXPECT_MSG_EQ(b[k].p99, p99[k], "p99 of bucket " << k);
            NS_TEST_EXPECT_MSG_EQ_TOL(b[k].cumFraction, (k + 1) / 5.0, 1e-12, "cumulative");
        }
        NS_TEST_EXPECT_MSG_EQ(b[1].delivered, 1, "one of bucket 1 undelivered");
        // Fewer messages than buckets: the empty buckets are left out.
        auto few = MessageStats::SlowdownBuckets({10, 20, 30}, {1, 2, 3}, 10);
        NS_TEST_ASSERT_MSG_EQ(few.size(), 3, "three non-empty buckets");
        NS_TEST_EXPECT_MSG_EQ(few[0].index, 3, "positions 0..0 fall in bucket 3");
        NS_TEST_EXPECT_MSG_EQ(few[2].maxSize, 30, "largest");
    }
};

class HomaWorkloadTestSuite : public TestSuite
{
  public:
    HomaWorkloadTestSuite()
        : TestSuite("homa-workload", NS3_COMPAT_TEST_UNIT)
    {
        // Means computed from the data (the artifact files state 187.77, 440.79, 2927.35,
        // 127796.6 and 1744.70 packets x 1442 B).
        AddTestCase(new HomaWorkloadMeanTest("W1", 187.51, 0.01), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaWorkloadMeanTest("W2", 440.79, 0.02), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaWorkloadMeanTest("W3", 2927.35, 0.05), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaWorkloadMeanTest("W4", 127796.64, 0.05), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaWorkloadMeanTest("W5", 2515863.25, 0.03), NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaIdealTimeTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaOwnWorkloadTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaScheduleTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaBucketsTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaRangesTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaSimulatorW1Test, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaWorkConservingTest, NS3_COMPAT_TEST_QUICK);
        AddTestCase(new HomaWorkloadParseTest, NS3_COMPAT_TEST_QUICK);
    }
};

static HomaWorkloadTestSuite g_homaWorkloadTestSuite; //!< registers the suite
