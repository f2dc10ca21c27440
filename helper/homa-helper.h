/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HOMA_HELPER_H
#define HOMA_HELPER_H

#include "ns3/homa-l4-protocol.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/queue-disc-container.h"
#include "ns3/queue-size.h"

#include <string>

namespace ns3
{

/**
 * \ingroup homa
 * \brief Installs the Homa transport on nodes that have the internet stack.
 *
 * \code
 *   InternetStackHelper internet;
 *   internet.Install(nodes);
 *   HomaHelper homa;
 *   homa.SetAttribute("UnschedBytes", UintegerValue(10000));
 *   homa.Install(nodes);
 * \endcode
 *
 * Unless LinkRate is set, each node's HomaL4Protocol takes the highest DataRate of its
 * devices as its pacer's link rate when it sends its first message.
 */
class HomaHelper
{
  public:
    HomaHelper();

    /**
     * \brief Set an attribute of every HomaL4Protocol installed from now on.
     * \param name attribute name, e.g. "UnschedBytes"
     * \param value its value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Install Homa on each node (which must have the internet stack already).
     * \param nodes the nodes
     */
    void Install(NodeContainer nodes) const;
    /**
     * \brief Install Homa on one node (which must have the internet stack already).
     * \param node the node
     * \return the node's new HomaL4Protocol
     */
    Ptr<HomaL4Protocol> Install(Ptr<Node> node) const;

    /**
     * \brief Put a HomaPriorityQueueDisc (8 strict bands by TOS) on each device, replacing
     * any root queue disc already there. Use it on switch ports and host NICs.
     * \param devices the devices (their nodes need the internet stack)
     * \param maxSize limit of the whole queue disc
     * \param bandMaxSize limit of each priority level
     * \return the queue discs, one per device
     */
    static QueueDiscContainer InstallPriorityQueueDisc(NetDeviceContainer devices,
                                                       QueueSize maxSize = QueueSize("10000p"),
                                                       QueueSize bandMaxSize = QueueSize("10000p"));

  private:
    ObjectFactory m_factory; //!< makes HomaL4Protocol objects
};

} // namespace ns3

#endif /* HOMA_HELPER_H */
