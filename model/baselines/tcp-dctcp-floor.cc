/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-dctcp-floor.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpDctcpFloor");

NS_OBJECT_ENSURE_REGISTERED(TcpDctcpFloor);

TypeId
TcpDctcpFloor::GetTypeId()
{
    static TypeId tid = TypeId("ns3::TcpDctcpFloor")
                            .SetParent<TcpDctcp>()
                            .SetGroupName("Homa")
                            .AddConstructor<TcpDctcpFloor>();
    return tid;
}

TcpDctcpFloor::TcpDctcpFloor() = default;

TcpDctcpFloor::TcpDctcpFloor(const TcpDctcpFloor& sock) = default;

TcpDctcpFloor::~TcpDctcpFloor() = default;

std::string
TcpDctcpFloor::GetName() const
{
    return "TcpDctcpFloor";
}

uint32_t
TcpDctcpFloor::GetSsThresh(Ptr<const TcpSocketState> tcb, uint32_t bytesInFlight)
{
    return std::max(TcpDctcp::GetSsThresh(tcb, bytesInFlight), 2 * tcb->m_segmentSize);
}

Ptr<TcpCongestionOps>
TcpDctcpFloor::Fork()
{
    NS_LOG_FUNCTION(this);
    return CopyObject<TcpDctcpFloor>(this);
}

} // namespace ns3
