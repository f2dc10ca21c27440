/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HOMA_APP_HELPER_H
#define HOMA_APP_HELPER_H

#include "ns3/address.h"
#include "ns3/application-container.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup homa
 * \brief Installs HomaServer applications.
 *
 * \code
 *   HomaServerHelper servers(9000);
 *   servers.SetAttribute("ResponseSize", UintegerValue(100));
 *   ApplicationContainer apps = servers.Install(serverNodes);
 * \endcode
 */
class HomaServerHelper
{
  public:
    /// \param port the port the servers listen on
    explicit HomaServerHelper(uint16_t port);
    /**
     * \param name a HomaServer attribute
     * \param value its value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \param nodes nodes with Homa installed
     * \return one HomaServer per node
     */
    ApplicationContainer Install(NodeContainer nodes) const;

  private:
    ObjectFactory m_factory; //!< HomaServer factory
};

/**
 * \ingroup homa
 * \brief Installs HomaClient applications that send requests to a set of servers.
 *
 * \code
 *   HomaClientHelper clients;
 *   clients.AddServer(InetSocketAddress(serverAddress, 9000));
 *   clients.SetAttribute("MessageSize", PointerValue(workload.MakeRandomVariable()));
 *   clients.SetAttribute("Interval", StringValue("ns3::ExponentialRandomVariable[Mean=1e-5]"));
 *   ApplicationContainer apps = clients.Install(clientNodes);
 * \endcode
 */
class HomaClientHelper
{
  public:
    HomaClientHelper();
    /// \param server a server's InetSocketAddress every client may send to
    void AddServer(const Address& server);
    /**
     * \param name a HomaClient attribute
     * \param value its value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \param nodes nodes with Homa installed
     * \return one HomaClient per node
     */
    ApplicationContainer Install(NodeContainer nodes) const;

  private:
    ObjectFactory m_factory;        //!< HomaClient factory
    std::vector<Address> m_servers; //!< servers
};

} // namespace ns3

#endif /* HOMA_APP_HELPER_H */
