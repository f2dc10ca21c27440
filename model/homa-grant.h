/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HOMA_GRANT_H
#define HOMA_GRANT_H

#include "homa-rpc.h"

#include "ns3/ptr.h"

#include <cstdint>
#include <vector>

namespace ns3
{

class HomaL4Protocol;

/**
 * \ingroup homa
 * \brief Receiver side: grants scheduled bytes in SRPT order with bounded overcommitment.
 *
 * Every incoming message longer than its unscheduled part is listed here until it is
 * fully granted. On each change the scheduler ranks the listed messages by bytes still
 * to receive (ties: the older message first), takes at most one message per sending
 * host, and keeps the best MaxOvercommit of them "active". Each active message is granted
 * up to (bytes received + Window), a grant being sent when it grows by at least
 * GrantIncrement or completes the message. The active message of rank r gets the
 * scheduled priority max_sched_prio - r - max(0, max_sched_prio + 1 - active), floored
 * at 0, so that with few active messages the lowest scheduled levels are used.
 */
class HomaGrantScheduler
{
  public:
    /// \param homa the protocol that sends the grants
    explicit HomaGrantScheduler(HomaL4Protocol* homa);

    /// \param rpc an RPC whose incoming message needs grants
    void Add(Ptr<HomaRpc> rpc);
    /// \param rpc an RPC to forget (complete or ended)
    void Remove(Ptr<HomaRpc> rpc);
    /**
     * \brief Re-rank the messages and send the grants that are due.
     * \return the number of active messages
     */
    uint32_t Update();
    /// \return the number of messages waiting for grants
    size_t GetSize() const;
    /// \return the number of active (granted) messages after the last update
    uint32_t GetNumActive() const;
    /// Forget every RPC.
    void Clear();

  private:
    HomaL4Protocol* m_homa;           //!< the protocol
    uint32_t m_numActive;             //!< active messages after the last update
    std::vector<Ptr<HomaRpc>> m_rpcs; //!< messages that need grants
};

} // namespace ns3

#endif /* HOMA_GRANT_H */
