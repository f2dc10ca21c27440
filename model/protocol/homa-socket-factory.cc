/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-socket-factory.h"

#include "homa-l4-protocol.h"

#include "ns3/socket.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(HomaSocketFactory);

TypeId
HomaSocketFactory::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::HomaSocketFactory").SetParent<SocketFactory>().SetGroupName("Homa");
    return tid;
}

void
HomaSocketFactory::SetHoma(Ptr<HomaL4Protocol> homa)
{
    m_homa = homa;
}

Ptr<Socket>
HomaSocketFactory::CreateSocket()
{
    return m_homa->CreateSocket();
}

void
HomaSocketFactory::DoDispose()
{
    m_homa = nullptr;
    SocketFactory::DoDispose();
}

} // namespace ns3
