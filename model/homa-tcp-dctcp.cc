/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-tcp-dctcp.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HomaTcpDctcp");

NS_OBJECT_ENSURE_REGISTERED(HomaTcpDctcp);

TypeId
HomaTcpDctcp::GetTypeId()
{
    static TypeId tid = TypeId("ns3::HomaTcpDctcp")
                            .SetParent<TcpDctcp>()
                            .SetGroupName("Homa")
                            .AddConstructor<HomaTcpDctcp>();
    return tid;
}

HomaTcpDctcp::HomaTcpDctcp() = default;

HomaTcpDctcp::HomaTcpDctcp(const HomaTcpDctcp& sock) = default;

HomaTcpDctcp::~HomaTcpDctcp() = default;

std::string
HomaTcpDctcp::GetName() const
{
    return "HomaTcpDctcp";
}

uint32_t
HomaTcpDctcp::GetSsThresh(Ptr<const TcpSocketState> tcb, uint32_t bytesInFlight)
{
    return std::max(TcpDctcp::GetSsThresh(tcb, bytesInFlight), 2 * tcb->m_segmentSize);
}

Ptr<TcpCongestionOps>
HomaTcpDctcp::Fork()
{
    NS_LOG_FUNCTION(this);
    return CopyObject<HomaTcpDctcp>(this);
}

} // namespace ns3
