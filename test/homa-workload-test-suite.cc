/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-workload: the shipped W1-W5 distributions load, and sampling them as the paper's
// simulator did reproduces their means.

#include "ns3/homa-workload.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/test.h"

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
        HomaWorkload w =
            HomaWorkload::Load(std::string(NS_TEST_SOURCEDIR) + "/../workloads/" + m_name + ".cdf");
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

/// The homa-workload suite.
class HomaWorkloadTestSuite : public TestSuite
{
  public:
    HomaWorkloadTestSuite()
        : TestSuite("homa-workload", UNIT)
    {
        // Means computed from the data (the artifact files state 187.77, 440.79, 2927.35,
        // 127796.6 and 1744.70 packets x 1442 B).
        AddTestCase(new HomaWorkloadMeanTest("W1", 187.51, 0.01), TestCase::QUICK);
        AddTestCase(new HomaWorkloadMeanTest("W2", 440.79, 0.02), TestCase::QUICK);
        AddTestCase(new HomaWorkloadMeanTest("W3", 2927.35, 0.05), TestCase::QUICK);
        AddTestCase(new HomaWorkloadMeanTest("W4", 127796.64, 0.05), TestCase::QUICK);
        AddTestCase(new HomaWorkloadMeanTest("W5", 2515863.25, 0.03), TestCase::QUICK);
    }
};

static HomaWorkloadTestSuite g_homaWorkloadTestSuite; //!< registers the suite
