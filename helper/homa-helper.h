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
#include <utility>
#include <vector>

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
     * any root queue disc already there, and leave no FIFO below it (LimitDeviceQueues). Use
     * it on switch ports and host NICs (there, set its ControlFirst attribute).
     * \param devices the devices (their nodes need the internet stack)
     * \param maxSize limit of the whole queue disc
     * \param bandMaxSize limit of each priority level
     * \return the queue discs, one per device
     */
    static QueueDiscContainer InstallPriorityQueueDisc(NetDeviceContainer devices,
                                                       QueueSize maxSize = QueueSize("10000p"),
                                                       QueueSize bandMaxSize = QueueSize("10000p"));

    /**
     * \brief Leave no FIFO below the queue disc of each device: the device queue holds at most
     * one packet, and WireQueueLimits keep the device's traffic-control queue stopped from
     * the moment a packet is handed to the device until its transmission ends (PhyTxEnd). The queue
     * disc then picks every packet when the link is free, so a higher-priority packet waits at most
     * for the packet on the wire (a device queue of n packets would add up to n full packets per
     * hop). InstallPriorityQueueDisc does this; call it yourself after installing another root
     * queue disc (a device without one would drop what arrives while it is stopped). \param devices
     * devices with a "TxQueue" attribute and a PhyTxEnd trace (point-to-point, CSMA), each with a
     * root queue disc
     */
    static void LimitDeviceQueues(NetDeviceContainer devices);

    /**
     * \brief Give every host installed from now on the same unscheduled cutoffs
     * (UnschedCutoffs) and let senders use them from their first packet (AssumePeerCutoffs),
     * as when every host of a simulation is configured alike. Without it, senders use Linux's
     * default level until a receiver's CUTOFFS packet arrives.
     * \param cutoffs the cutoffs, cutoffs[0] first
     */
    void SetCutoffs(const HomaCutoffs::Array& cutoffs);

    /**
     * \brief As SetCutoffs, with cutoffs computed from a message-size distribution
     * (HomaCutoffs::FromDistribution) for the UnschedBytes and NumPriorities set so far.
     * \param cdf points (size in bytes, cumulative probability), sizes ascending
     * \param unschedLevels unscheduled levels (0: from the byte share of unscheduled traffic)
     * \return the cutoffs installed
     */
    HomaCutoffs::Array SetCutoffsFromDistribution(const std::vector<std::pair<double, double>>& cdf,
                                                  uint8_t unschedLevels = 0);

    /**
     * \brief The Homa paper simulator's unscheduled priorities: UnschedPriorityBy Remaining,
     * BoostTailBytes = the wire bytes of UnschedBytes (its boostTailBytesPrio = RTT), and
     * cutoffs on the bytes left from HomaCutoffs::FromDistributionGraduated, installed as
     * SetCutoffs does; for the UnschedBytes and NumPriorities set so far.
     * \param cdf points (size in bytes, cumulative probability), sizes ascending
     * \param unschedLevels unscheduled levels (at least 1)
     * \return the cutoffs installed
     */
    HomaCutoffs::Array SetGraduatedPriorities(const std::vector<std::pair<double, double>>& cdf,
                                              uint8_t unschedLevels);

  private:
    ObjectFactory m_factory; //!< makes HomaL4Protocol objects
};

} // namespace ns3

#endif /* HOMA_HELPER_H */
