/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-rpc.h"

namespace ns3
{

HomaRpc::HomaRpc(HomaSocket* socket, uint64_t id, Ipv4Address peer, uint16_t peerPort)
    : m_socket(socket),
      m_id(id),
      m_peer(peer),
      m_peerPort(peerPort),
      m_state((id & 1) == 0 ? OUTGOING : INCOMING),
      m_silentTicks(0),
      m_doneTicks(0),
      m_inSequence(0),
      m_inPacer(false),
      m_inGrants(false)
{
}

bool
HomaRpc::IsClient() const
{
    return (m_id & 1) == 0;
}

uint64_t
HomaRpc::GetClientId() const
{
    return m_id & ~uint64_t(1);
}

const char*
HomaRpc::StateName(State state)
{
    switch (state)
    {
    case OUTGOING:
        return "OUTGOING";
    case INCOMING:
        return "INCOMING";
    case IN_SERVICE:
        return "IN_SERVICE";
    case DEAD:
        return "DEAD";
    }
    return "?";
}

} // namespace ns3
