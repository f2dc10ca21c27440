/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HOMA_HELPER_H
#define HOMA_HELPER_H

#include "ns3/homa-l4-protocol.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/queue-disc-container.h"
#include "ns3/queue-size.h"

#include <string>
#include <tuple>
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
     * \brief Set every HomaL4Protocol attribute in which a configuration differs from the
     * module's defaults, in one call; attributes set afterwards override it.
     *
     * - "linux": HomaModule's defaults at 9edb958 (homa_utils.c homa_init, homa_grant.c
     *   homa_grant_alloc, homa_qdisc.c): UnschedBytes 40000 (unsched_bytes), Window 0 (dynamic
     *   windows, window_param 0), MaxIncoming 400000, MaxOvercommit 8, NumPriorities 8,
     *   UnschedCutoffs "0 0 0 0 1000000 15000 2800 200", UnschedPriorityBy Length,
     *   BoostTailBytes 0, AssumePeerCutoffs false, GrantInOrder false (the kernel has no such
     *   rule), OneMessagePerPeer false, GrantFifoFraction 50, FifoGrantIncrement 50000,
     *   PacerFifoFraction 50, MaxNicBacklog 5 us (max_nic_est_backlog_usecs), ResendTicks 5,
     *   ResendInterval 5, TimeoutTicks 100, RequestAckTicks 2.
     * - "paper": the 2018 paper's simulator (PlatformLab/HomaSimulation,
     *   homaTransportConfig.ini): UnschedBytes 9328 (defaultReqBytes + defaultUnschedBytes),
     *   UnschedWholePackets false, GrantInOrder false, OneMessagePerPeer true,
     *   GrantFifoFraction 0, PacerFifoFraction 0, NumPriorities 8, MaxNicBacklog 0 (the
     *   pacer hands the NIC a packet only when the one before it is out, as
     *   HomaTransport.cc SendController::sendPktAndScheduleNext does). Its unscheduled
     *   priorities depend on the workload: SetGraduatedPriorities. Beyond the protocol, the
     *   host NICs send DATA in the order Homa hands it over (SetNicDataByLevel (false)).
     *
     * Aborts with a message for any other name.
     * \param profile linux or paper
     */
    void SetProfile(const std::string& profile);

    /**
     * \brief How the host NICs of a fabric set up by ConfigureFabric with this helper's
     * choice serve DATA packets: by level (true, the default; HomaNicQueue DataByLevel) or in
     * the order Homa hands them over (false: a Linux NIC's FIFO queue, the paper's
     * simulator's one packet at a time). SetProfile ("paper") sets false, with MaxNicBacklog
     * 0: with a NIC backlog a FIFO NIC delays short messages behind it
     * (doc/results/nic-order.rst).
     * \param byLevel whether DATA packets are served by level
     */
    void SetNicDataByLevel(bool byLevel);
    /// \return the SetNicDataByLevel choice
    bool GetNicDataByLevel() const;

    /**
     * \brief Unscheduled bytes for messages to one network, on every node installed from
     * now on (HomaL4Protocol::SetUnschedBytesFor: the longest matching prefix wins).
     * \param network the network, e.g. a rack's 10.1.0.0
     * \param mask its mask, e.g. 255.255.0.0
     * \param bytes unscheduled bytes of each message to it
     */
    void SetUnschedBytesFor(Ipv4Address network, Ipv4Mask mask, uint32_t bytes);

    /**
     * \return a HomaL4Protocol with the attributes set so far, not installed on any node
     * (to read the settings a script will get, e.g. GetUnschedBytes())
     */
    Ptr<HomaL4Protocol> CreateProtocol() const;

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
     * any root queue disc already there, and leave no FIFO below it
     * (FabricLinkHelper::LimitDeviceQueues). Use it on switch ports and host NICs (there, set
     * its ControlFirst attribute).
     * \param devices the devices (their nodes need the internet stack)
     * \param maxSize limit of the whole queue disc
     * \param bandMaxSize limit of each priority level
     * \return the queue discs, one per device
     */
    static QueueDiscContainer InstallPriorityQueueDisc(NetDeviceContainer devices,
                                                       QueueSize maxSize = QueueSize("10000p"),
                                                       QueueSize bandMaxSize = QueueSize("10000p"));

    /**
     * \brief Set up a leaf-spine fabric's ports for Homa (before its Install): Homa packets
     * sprayed over the spines; 8 strict priority levels on every port, Homa's control
     * packets first on host NICs.
     * \param fabric the fabric
     * \param buffer each port's limit (whole queue and, with queue discs, each level)
     * \param queueDiscs a HomaPriorityQueueDisc on every port (HomaNicQueue's rule through
     *        its ControlFirst on host NICs) instead of device queues (PriorityDeviceQueue on
     *        switch ports, HomaNicQueue on host NICs)
     * \param nicDataByLevel the host NICs' DataByLevel (GetNicDataByLevel); false needs
     *        device queues
     */
    static void ConfigureFabric(LeafSpineHelper& fabric,
                                QueueSize buffer,
                                bool queueDiscs,
                                bool nicDataByLevel = true);

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
    ObjectFactory m_factory;     //!< makes HomaL4Protocol objects
    bool m_nicDataByLevel{true}; //!< SetNicDataByLevel
    /// SetUnschedBytesFor rules: network, mask, bytes
    std::vector<std::tuple<Ipv4Address, Ipv4Mask, uint32_t>> m_unschedRules;
};

} // namespace ns3

#endif /* HOMA_HELPER_H */
