/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HOMA_SOCKET_H
#define HOMA_SOCKET_H

#include "homa-rpc.h"

#include "ns3/callback.h"
#include "ns3/inet-socket-address.h"
#include "ns3/socket.h"
#include "ns3/tag.h"

#include <deque>
#include <map>
#include <unordered_map>
#include <utility>

namespace ns3
{

class HomaL4Protocol;

/**
 * \ingroup homa
 * \brief Packet tag on every message handed to the application, and the way to reply.
 *
 * RecvFrom() tags each message with its RPC id (odd: a request this socket must answer;
 * even: the response to one of our requests). Sending a packet that carries a tag with
 * an odd id answers that request.
 */
class HomaRpcTag : public Tag
{
  public:
    HomaRpcTag();
    /**
     * \param id the local RPC id
     * \param error the RPC's error (NONE for a message)
     */
    HomaRpcTag(uint64_t id, HomaRpcError error);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(TagBuffer i) const override;
    void Deserialize(TagBuffer i) override;
    void Print(std::ostream& os) const override;

    /// \return the local RPC id
    uint64_t GetRpcId() const;
    /// \return true if the message is a request (odd id)
    bool IsRequest() const;
    /// \return the RPC's error
    HomaRpcError GetError() const;

  private:
    uint64_t m_id;        //!< local RPC id
    HomaRpcError m_error; //!< error
};

/**
 * \ingroup homa
 * \brief A Homa socket: messages and RPCs, not byte streams.
 *
 * One Send/SendTo of a packet is one message (1 to 1,000,000 bytes); one Recv/RecvFrom
 * returns one whole message, never a part. A socket is both a client (it sends requests
 * and receives their responses) and a server (it receives requests sent to its port and
 * answers them). The socket must be bound first (Bind() picks a port at or above 0x8000).
 *
 * - SendRequest() / SendTo() of an untagged packet: a new request; the RPC id is returned
 *   by SendRequest() and tags the response.
 * - SendResponse() / SendTo() of a packet tagged with a request's HomaRpcTag: the response.
 * - RecvMessage() (or RecvFrom()) returns the next request or response. An RPC that
 *   failed (timeout, unreachable peer, closed socket) is reported in its place:
 *   RecvMessage() returns a null packet with the id and error filled in; RecvFrom() returns
 *   an empty packet whose HomaRpcTag carries the error.
 *
 * Errors (GetErrno()): ERROR_NOTCONN (not bound / no default peer), ERROR_MSGSIZE
 * (0 or more than 1,000,000 bytes), ERROR_INVAL (reply to an unknown RPC), ERROR_BADF
 * (closed), ERROR_AFNOSUPPORT (not IPv4), ERROR_NOROUTETOHOST (no route), ERROR_ADDRINUSE.
 */
class HomaSocket : public Socket
{
  public:
    /// What RecvMessage() reports.
    struct MessageInfo
    {
        uint64_t rpcId{0};                                //!< local RPC id
        bool isRequest{false};                            //!< a request to answer
        InetSocketAddress peer{Ipv4Address::GetAny(), 0}; //!< the other side
        HomaRpcError error{HomaRpcError::NONE};           //!< why the RPC failed
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    HomaSocket();
    ~HomaSocket() override;

    /// \param node the node
    void SetNode(Ptr<Node> node);
    /// \param homa the protocol
    void SetHoma(Ptr<HomaL4Protocol> homa);

    /**
     * \brief Send a request.
     * \param message the request
     * \param server the server's InetSocketAddress
     * \return the RPC id (even), or 0 on error (see GetErrno())
     */
    uint64_t SendRequest(Ptr<Packet> message, const Address& server);
    /**
     * \brief Send the response to a request received on this socket.
     * \param message the response
     * \param client the client's InetSocketAddress, as RecvMessage() gave it
     * \param rpcId the request's id, as RecvMessage() gave it
     * \return 0, or -1 on error (see GetErrno())
     */
    int SendResponse(Ptr<Packet> message, const Address& client, uint64_t rpcId);
    /**
     * \brief Take the next message or failed RPC.
     * \param[out] info what it is
     * \return the message; null if there is none (info.rpcId == 0) or for a failed RPC
     */
    Ptr<Packet> RecvMessage(MessageInfo& info);

    /// \return the bound port (0 if unbound)
    uint16_t GetPort() const;
    /// \return the number of live RPCs of this socket
    size_t GetNumRpcs() const;
    /// \return the number of messages or errors waiting for the application
    size_t GetNumReady() const;

    // Socket
    Socket::SocketErrno GetErrno() const override;
    Socket::SocketType GetSocketType() const override;
    Ptr<Node> GetNode() const override;
    int Bind() override;
    int Bind6() override;
    int Bind(const Address& address) override;
    int Close() override;
    int ShutdownSend() override;
    int ShutdownRecv() override;
    int Connect(const Address& address) override;
    int Listen() override;
    uint32_t GetTxAvailable() const override;
    int Send(Ptr<Packet> p, uint32_t flags) override;
    int SendTo(Ptr<Packet> p, uint32_t flags, const Address& toAddress) override;
    uint32_t GetRxAvailable() const override;
    Ptr<Packet> Recv(uint32_t maxSize, uint32_t flags) override;
    Ptr<Packet> RecvFrom(uint32_t maxSize, uint32_t flags, Address& fromAddress) override;
    int GetSockName(Address& address) const override;
    int GetPeerName(Address& address) const override;
    bool SetAllowBroadcast(bool allowBroadcast) override;
    bool GetAllowBroadcast() const override;

    /// \name Used by HomaL4Protocol
    /// @{
    /**
     * \param id a client RPC id
     * \return the RPC or null
     */
    Ptr<HomaRpc> FindClientRpc(uint64_t id) const;
    /**
     * \param client the client's address
     * \param id the server RPC id (odd)
     * \return the RPC or null
     */
    Ptr<HomaRpc> FindServerRpc(Ipv4Address client, uint64_t id) const;
    /**
     * \brief Create a server RPC for a request that starts arriving.
     * \param client the client's address
     * \param clientPort the client's port
     * \param id the server RPC id (odd)
     * \param local our address the request was sent to
     * \return the RPC
     */
    Ptr<HomaRpc> CreateServerRpc(Ipv4Address client,
                                 uint16_t clientPort,
                                 uint64_t id,
                                 Ipv4Address local);
    /// \param rpc remove this RPC from the socket's tables
    void RemoveRpc(Ptr<HomaRpc> rpc);
    /// \return every live RPC of this socket
    std::vector<Ptr<HomaRpc>> GetRpcs() const;
    /**
     * \brief Queue a complete message or a failed RPC for the application.
     * \param message the message (null for an error)
     * \param rpcId the local RPC id
     * \param peer the other side
     * \param error the error
     */
    void Deliver(Ptr<Packet> message,
                 uint64_t rpcId,
                 const InetSocketAddress& peer,
                 HomaRpcError error);
    /// @}

  protected:
    void DoDispose() override;

  private:
    /**
     * \brief Check that the socket can send a message.
     * \param message the message
     * \param to the destination
     * \return true if it can; otherwise m_errno is set
     */
    bool CheckSend(Ptr<Packet> message, const Address& to);

    /// One entry of the receive queue.
    struct Ready
    {
        Ptr<Packet> message;    //!< the message (null for an error)
        uint64_t rpcId;         //!< local RPC id
        InetSocketAddress peer; //!< the other side
        HomaRpcError error;     //!< error
    };

    Ptr<Node> m_node;                                        //!< the node
    Ptr<HomaL4Protocol> m_homa;                              //!< the protocol
    uint16_t m_port;                                         //!< bound port (0 = unbound)
    Ipv4Address m_boundAddress;                              //!< bound address (any = all)
    bool m_closed;                                           //!< closed
    bool m_shutdownSend;                                     //!< ShutdownSend() called
    bool m_shutdownRecv;                                     //!< ShutdownRecv() called
    bool m_connected;                                        //!< Connect() called
    InetSocketAddress m_defaultPeer;                         //!< peer for Send()
    mutable Socket::SocketErrno m_errno;                     //!< last error
    std::unordered_map<uint64_t, Ptr<HomaRpc>> m_clientRpcs; //!< client RPCs by id
    std::map<std::pair<uint32_t, uint64_t>, Ptr<HomaRpc>>
        m_serverRpcs;          //!< server RPCs by (client, id)
    std::deque<Ready> m_ready; //!< messages for the application
};

} // namespace ns3

#endif /* HOMA_SOCKET_H */
