/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// homa-dctcp: TcpDctcpFloor keeps TcpDctcp's window reduction with Linux's floor of two
// segments.

#include "ns3/ns3-version-compat.h"
#include "ns3/tcp-dctcp-floor.h"
#include "ns3/tcp-dctcp.h"
#include "ns3/tcp-socket-state.h"
#include "ns3/test.h"

using namespace ns3;

/**
 * \ingroup homa-tests
 * TcpDctcpFloor keeps TcpDctcp's reduction but never goes below two segments.
 */
class HomaDctcpFloorTest : public TestCase
{
  public:
    HomaDctcpFloorTest()
        : TestCase("TcpDctcpFloor: ssthresh is TcpDctcp's, but at least two segments")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<TcpSocketState> tcb = CreateObject<TcpSocketState>();
        tcb->m_segmentSize = 1448;
        Ptr<TcpDctcp> plain = CreateObject<TcpDctcp>();
        Ptr<TcpDctcpFloor> floored = CreateObject<TcpDctcpFloor>();
        // alpha starts at 1 (DctcpAlphaOnInit): ssthresh = cwnd / 2.
        tcb->m_cWnd = 100000;
        NS_TEST_EXPECT_MSG_EQ(plain->GetSsThresh(tcb, 0), 50000u, "TcpDctcp halves");
        NS_TEST_EXPECT_MSG_EQ(floored->GetSsThresh(tcb, 0), 50000u, "same above the floor");
        tcb->m_cWnd = 3000;
        NS_TEST_EXPECT_MSG_EQ(plain->GetSsThresh(tcb, 0), 1500u, "TcpDctcp: 1500 B");
        NS_TEST_EXPECT_MSG_EQ(floored->GetSsThresh(tcb, 0), 2896u, "floor: two segments");
        tcb->m_cWnd = 1000;
        NS_TEST_EXPECT_MSG_EQ(plain->GetSsThresh(tcb, 0), 500u, "TcpDctcp: below a segment");
        NS_TEST_EXPECT_MSG_EQ(floored->GetSsThresh(tcb, 0), 2896u, "floor: two segments");
        NS_TEST_EXPECT_MSG_EQ(floored->Fork()->GetName(), "TcpDctcpFloor", "Fork keeps the type");
    }
};

/// The homa-dctcp suite.
class HomaDctcpTestSuite : public TestSuite
{
  public:
    HomaDctcpTestSuite()
        : TestSuite("homa-dctcp", NS3_COMPAT_TEST_UNIT)
    {
        AddTestCase(new HomaDctcpFloorTest, NS3_COMPAT_TEST_QUICK);
    }
};

static HomaDctcpTestSuite g_homaDctcpTestSuite; //!< registers the suite
