/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-app-helper.h"

#include "ns3/homa-client.h"
#include "ns3/homa-server.h"
#include "ns3/uinteger.h"

namespace ns3
{

HomaServerHelper::HomaServerHelper(uint16_t port)
{
    m_factory.SetTypeId(HomaServer::GetTypeId());
    m_factory.Set("Port", UintegerValue(port));
}

void
HomaServerHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

ApplicationContainer
HomaServerHelper::Install(NodeContainer nodes) const
{
    ApplicationContainer apps;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<HomaServer> app = m_factory.Create<HomaServer>();
        (*it)->AddApplication(app);
        apps.Add(app);
    }
    return apps;
}

HomaClientHelper::HomaClientHelper()
{
    m_factory.SetTypeId(HomaClient::GetTypeId());
}

void
HomaClientHelper::AddServer(const Address& server)
{
    m_servers.push_back(server);
}

void
HomaClientHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

ApplicationContainer
HomaClientHelper::Install(NodeContainer nodes) const
{
    ApplicationContainer apps;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<HomaClient> app = m_factory.Create<HomaClient>();
        for (const Address& server : m_servers)
        {
            app->AddServer(server);
        }
        (*it)->AddApplication(app);
        apps.Add(app);
    }
    return apps;
}

} // namespace ns3
