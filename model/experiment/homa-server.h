/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HOMA_SERVER_H
#define HOMA_SERVER_H

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/traced-callback.h"

namespace ns3
{

class HomaSocket;
class Socket;
class Packet;

/**
 * \ingroup homa
 * \brief A Homa server application: answers every request received on its port.
 *
 * The response is ResponseSize bytes, or the request itself (byte for byte) when
 * ResponseSize is 0. With Verify set, each request is checked against the pattern a
 * HomaClient with Pattern set writes (GetCorrupt() counts mismatches).
 */
class HomaServer : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    HomaServer();
    ~HomaServer() override;

    /// \return requests answered so far
    uint64_t GetRequests() const;
    /// \return request bytes received so far
    uint64_t GetRequestBytes() const;
    /// \return requests whose bytes did not match the client's pattern (Verify only)
    uint64_t GetCorrupt() const;
    /// \return the server's socket (null before the application starts)
    Ptr<HomaSocket> GetSocket() const;

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    /// \param socket the socket with requests waiting
    void HandleRead(Ptr<Socket> socket);

    uint16_t m_port;                                                  //!< Port attribute
    uint32_t m_responseSize;                                          //!< ResponseSize attribute
    bool m_sizeInRequest;                                             //!< SizeInRequest attribute
    bool m_verify;                                                    //!< Verify attribute
    Ptr<HomaSocket> m_socket;                                         //!< the socket
    uint64_t m_requests;                                              //!< requests answered
    uint64_t m_requestBytes;                                          //!< request bytes
    uint64_t m_corrupt;                                               //!< pattern mismatches
    TracedCallback<Ptr<const Packet>, const Address&> m_requestTrace; //!< request received
};

} // namespace ns3

#endif /* HOMA_SERVER_H */
