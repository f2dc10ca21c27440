/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_DCTCP_FLOOR_H
#define TCP_DCTCP_FLOOR_H

#include "ns3/tcp-dctcp.h"

namespace ns3
{

/**
 * \ingroup homa
 * \brief ns-3's TcpDctcp with the slow-start threshold floor of Linux's DCTCP (two
 * segments), for the baselines.
 *
 * ns-3.37's TcpDctcp::GetSsThresh returns (1 - alpha / 2) * cwnd with no lower bound, so
 * repeated ECN marks can shrink the window below one segment. A connection in that state
 * with nothing in flight never sends again: TcpSocketBase's silly-window avoidance waits
 * for an acknowledgement that cannot come (seen in homa-datacenter runs as messages that
 * never finish). Linux (tcp_dctcp.c) and RFC 8257's reference keep at least two segments;
 * so does this class. Everything else is TcpDctcp.
 */
class TcpDctcpFloor : public TcpDctcp
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    TcpDctcpFloor();
    /// \param sock the object to copy
    TcpDctcpFloor(const TcpDctcpFloor& sock);
    ~TcpDctcpFloor() override;

    std::string GetName() const override;
    uint32_t GetSsThresh(Ptr<const TcpSocketState> tcb, uint32_t bytesInFlight) override;
    Ptr<TcpCongestionOps> Fork() override;
};

} // namespace ns3

#endif /* TCP_DCTCP_FLOOR_H */
