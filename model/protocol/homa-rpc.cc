/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-rpc.h"

#include "ns3/abort.h"

#include <algorithm>

namespace ns3
{

std::ostream&
operator<<(std::ostream& os, HomaRpcError error)
{
    switch (error)
    {
    case HomaRpcError::NONE:
        return os << "NONE";
    case HomaRpcError::TIMEOUT:
        return os << "TIMEOUT";
    case HomaRpcError::PORT_UNREACHABLE:
        return os << "PORT_UNREACHABLE";
    case HomaRpcError::HOST_UNREACHABLE:
        return os << "HOST_UNREACHABLE";
    case HomaRpcError::SHUTDOWN:
        return os << "SHUTDOWN";
    }
    return os << "?";
}

HomaRpc::HomaRpc(HomaSocket* socket, uint64_t id, Ipv4Address peer, uint16_t peerPort)
    : m_socket(socket),
      m_id(id),
      m_peer(peer),
      m_peerPort(peerPort),
      m_silentTicks(0),
      m_doneTicks(0),
      m_inSequence(0),
      m_state((id & 1) == 0 ? OUTGOING : INCOMING)
{
}

HomaRpc::State
HomaRpc::GetState() const
{
    return m_state;
}

void
HomaRpc::Move(State to, std::initializer_list<State> allowed, const char* what)
{
    NS_ABORT_MSG_UNLESS(std::find(allowed.begin(), allowed.end(), m_state) != allowed.end(),
                        "HomaRpc " << m_id << ": " << what << " in state " << StateName(m_state));
    m_state = to;
}

void
HomaRpc::ResponseStarted()
{
    NS_ABORT_MSG_UNLESS(IsClient(), "HomaRpc " << m_id << ": a server RPC has no response to get");
    Move(INCOMING, {OUTGOING}, "ResponseStarted");
}

void
HomaRpc::RequestDelivered()
{
    NS_ABORT_MSG_IF(IsClient(), "HomaRpc " << m_id << ": a client RPC delivers no request");
    Move(IN_SERVICE, {INCOMING}, "RequestDelivered");
}

void
HomaRpc::ResponseStarting()
{
    NS_ABORT_MSG_IF(IsClient(), "HomaRpc " << m_id << ": a client RPC sends no response");
    Move(OUTGOING, {IN_SERVICE}, "ResponseStarting");
}

void
HomaRpc::Restart()
{
    NS_ABORT_MSG_UNLESS(IsClient(), "HomaRpc " << m_id << ": only a client RPC restarts");
    Move(OUTGOING, {OUTGOING, INCOMING}, "Restart");
}

bool
HomaRpc::End()
{
    if (m_state == DEAD)
    {
        return false;
    }
    m_state = DEAD;
    return true;
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
