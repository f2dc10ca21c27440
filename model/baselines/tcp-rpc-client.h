/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_RPC_CLIENT_H
#define TCP_RPC_CLIENT_H

#include "tcp-message-baseline.h"

#include "ns3/ipv4-address.h"
#include "ns3/random-variable-stream.h"

namespace ns3
{

/**
 * \ingroup homa
 * \brief Closed-loop RPCs over TCP, HomaClient's counterpart for the baselines: one request
 * at a time to one server (a TcpMessageBaseline with ReplySize > 0), the next leaving when
 * the reply to the previous one has been read, up to MaxRpcs requests.
 *
 * It is a TcpMessageBaseline (its connection pool, framing and traces): when it starts it
 * opens a connection to Server at once and sends its first request FirstRequestDelay later
 * (so that the handshake is not part of the first RPC); request sizes are drawn from
 * MessageSize when each request leaves, kept within [1, MaxMessageSize]. RequestSent fires
 * as each request is handed to TCP; Replied (the baseline's) when its reply has arrived.
 */
class TcpRpcClient : public TcpMessageBaseline
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    TcpRpcClient();
    ~TcpRpcClient() override;

    /// \return requests sent so far
    uint32_t GetRequestsSent() const;

  protected:
    void DoDispose() override;
    void StartApplication() override;

  private:
    /// Send the next request.
    void SendRequest();
    /// The reply to a request arrived: send the next one, if any. \param record the RPC
    void ReplyArrived(const TcpMessageRecord& record);

    Ipv4Address m_server;                                   //!< Server attribute
    uint32_t m_maxRpcs;                                     //!< MaxRpcs attribute
    uint32_t m_maxMessageSize;                              //!< MaxMessageSize attribute
    Time m_firstRequestDelay;                               //!< FirstRequestDelay attribute
    Ptr<RandomVariableStream> m_size;                       //!< MessageSize attribute
    uint32_t m_requests{0};                                 //!< requests sent
    bool m_listening{false};                                //!< Replied connected to ReplyArrived
    EventId m_firstRequest;                                 //!< the first request's event
    TracedCallback<const TcpMessageRecord&> m_requestTrace; //!< RequestSent trace
};

} // namespace ns3

#endif /* TCP_RPC_CLIENT_H */
