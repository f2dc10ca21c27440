/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HOMA_RPC_H
#define HOMA_RPC_H

#include "homa-message.h"

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <ostream>

namespace ns3
{

class HomaSocket;

/**
 * \ingroup homa
 * \brief Why an RPC ended without a response.
 */
enum class HomaRpcError : uint8_t
{
    NONE = 0,         //!< no error
    TIMEOUT,          //!< the peer went silent (ETIMEDOUT)
    PORT_UNREACHABLE, //!< ICMP port unreachable (ENOTCONN)
    HOST_UNREACHABLE, //!< ICMP host/protocol unreachable (EHOSTUNREACH)
    SHUTDOWN,         //!< the socket was closed (ESHUTDOWN)
};

/**
 * \brief Print an RPC error by name.
 * \param os the stream
 * \param error the error
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, HomaRpcError error);

/**
 * \ingroup homa
 * \brief State of one RPC on one host: its role, its state and its two messages.
 *
 * Ids are the kernel's: a client numbers its RPCs 2, 4, 6, ... and the server's id for
 * the same RPC is the client's id with the low bit set. A client RPC goes
 * OUTGOING (request being sent) -> INCOMING (response arriving) -> DEAD, and back to
 * OUTGOING if the server has forgotten it (RPC_UNKNOWN); a server RPC goes INCOMING
 * (request arriving) -> IN_SERVICE (the application has it) -> OUTGOING (response being
 * sent, then waiting for the client's ACK) -> DEAD. Every RPC can end (DEAD) from any state.
 *
 * The state changes only through the named transitions below, which abort with a message
 * on an illegal move (a bug, never a packet's doing: the incoming path checks packets
 * first). The protocol's incoming and outgoing paths, the pacer, the grant scheduler and
 * the timer act on the messages.
 */
class HomaRpc : public SimpleRefCount<HomaRpc>
{
  public:
    /// RPC states (as in the Linux module).
    enum State
    {
        OUTGOING,   //!< client: sending the request; server: sending the response
        INCOMING,   //!< client: receiving the response; server: receiving the request
        IN_SERVICE, //!< server: the application has the request
        DEAD,       //!< ended; no longer in any table
    };

    /**
     * \param socket the socket the RPC belongs to
     * \param id the local RPC id (even on clients, odd on servers)
     * \param peer the remote host
     * \param peerPort the remote Homa port
     */
    HomaRpc(HomaSocket* socket, uint64_t id, Ipv4Address peer, uint16_t peerPort);

    /// \return true on the client side (even id)
    bool IsClient() const;
    /// \return the id as the client knows it (the even one)
    uint64_t GetClientId() const;
    /// \return the current state
    State GetState() const;
    /// \param state the state to print
    /// \return the name of the state
    static const char* StateName(State state);

    /// \name Transitions
    /// @{
    /// Client: the first packet of the response arrived (OUTGOING -> INCOMING).
    void ResponseStarted();
    /// Server: the request is complete and goes to the application (INCOMING -> IN_SERVICE).
    void RequestDelivered();
    /// Server: the application answered (IN_SERVICE -> OUTGOING).
    void ResponseStarting();
    /// Client: the server forgot the RPC; the request starts again (-> OUTGOING).
    void Restart();
    /**
     * \brief End the RPC (-> DEAD): fully served, acknowledged, aborted or timed out.
     * \return false if it had ended already
     */
    bool End();
    /// @}

    HomaSocket* m_socket;                       //!< owning socket (never outlives it)
    uint64_t m_id;                              //!< local id
    Ipv4Address m_peer;                         //!< remote address
    Ipv4Address m_local;                        //!< our address for this RPC
    uint16_t m_peerPort;                        //!< remote port
    std::unique_ptr<HomaOutboundMessage> m_out; //!< the message we send (request or response)
    std::unique_ptr<HomaInboundMessage> m_in;   //!< the message we receive
    uint32_t m_silentTicks; //!< timer ticks without a packet from the peer for this RPC
    uint32_t m_doneTicks;   //!< server: ticks since the response was fully sent
    Time m_outStart;        //!< when the outgoing message was handed to Homa
    Time m_inStart;         //!< when the first packet of the incoming message arrived
    uint64_t m_inSequence;  //!< arrival order of the incoming message (grant tie-break)
    /// Incast optimization: the most unscheduled bytes of the response (0: no limit); a
    /// client sends it with its request, a server keeps what the request carried
    uint16_t m_incastLimit{0};

  private:
    /**
     * \brief Move to a state; abort unless the RPC is in one of the states allowed.
     * \param to the new state
     * \param allowed states the move may start from
     * \param what the transition's name, for the message
     */
    void Move(State to, std::initializer_list<State> allowed, const char* what);

    State m_state; //!< current state
};

} // namespace ns3

#endif /* HOMA_RPC_H */
