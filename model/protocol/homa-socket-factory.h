/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HOMA_SOCKET_FACTORY_H
#define HOMA_SOCKET_FACTORY_H

#include "ns3/socket-factory.h"

namespace ns3
{

class HomaL4Protocol;

/**
 * \ingroup homa
 * \brief Creates HomaSocket objects: Socket::CreateSocket(node, HomaSocketFactory::GetTypeId()).
 */
class HomaSocketFactory : public SocketFactory
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /// \param homa the protocol that creates the sockets
    void SetHoma(Ptr<HomaL4Protocol> homa);
    /// \return a new HomaSocket
    Ptr<Socket> CreateSocket() override;

  protected:
    void DoDispose() override;

  private:
    Ptr<HomaL4Protocol> m_homa; //!< the protocol
};

} // namespace ns3

#endif /* HOMA_SOCKET_FACTORY_H */
