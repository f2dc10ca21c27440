/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HOMA_DATACENTER_HELPER_H
#define HOMA_DATACENTER_HELPER_H

#include "ns3/data-rate.h"
#include "ns3/ipv4-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/queue-disc-container.h"
#include "ns3/queue-size.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup homa
 * \brief Builds the two-level datacenter fabric of the Homa paper's simulations.
 *
 * Racks of hosts, each rack under a ToR switch; every ToR linked to every spine switch.
 * The defaults are the paper's: 9 racks of 16 hosts (144 hosts), 4 spines, 10 Gbps host
 * links, 40 Gbps ToR-spine links (full bisection bandwidth). Every switch port and host NIC
 * gets a HomaPriorityQueueDisc; the ToRs spray packets over the spines at random, packet
 * by packet (Ipv4GlobalRouting's RandomEcmpRouting), as the paper's simulator did.
 *
 * \code
 *   HomaDatacenterHelper fabric;          // or SetRacks(2), SetHostsPerRack(4), ...
 *   fabric.Install();
 *   HomaHelper homa;
 *   homa.Install(fabric.GetHosts());
 * \endcode
 */
class HomaDatacenterHelper
{
  public:
    HomaDatacenterHelper();

    /// \param racks number of racks (ToR switches)
    void SetRacks(uint32_t racks);
    /// \param hosts hosts per rack
    void SetHostsPerRack(uint32_t hosts);
    /// \param spines number of spine switches
    void SetSpines(uint32_t spines);
    /// \param rate rate of the host links
    void SetHostRate(DataRate rate);
    /// \param rate rate of the ToR-spine links
    void SetFabricRate(DataRate rate);
    /// \param delay propagation delay of every link
    void SetLinkDelay(Time delay);
    /// \param size limit of each port's queue disc (whole and per priority level)
    void SetPortBuffer(QueueSize size);
    /// \param spray true: packet-by-packet random spraying over the spines
    void SetSpraying(bool spray);

    /// Create the nodes (with the internet stack), links, queue discs, addresses and routes.
    void Install();

    /**
     * \brief Fix the random streams of the fabric (spraying, ARP, ...).
     * \param stream first stream index
     * \return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

    /// \return the hosts, rack by rack
    NodeContainer GetHosts() const;
    /// \return the ToR switches
    NodeContainer GetTors() const;
    /// \return the spine switches
    NodeContainer GetSpines() const;
    /// \return every switch port's queue disc
    QueueDiscContainer GetSwitchQueueDiscs() const;
    /// \param host host index \return its address
    Ipv4Address GetHostAddress(uint32_t host) const;
    /// \param host host index \return its rack
    uint32_t GetRack(uint32_t host) const;
    /// \return the number of hosts
    uint32_t GetNHosts() const;
    /// \return the host link rate
    DataRate GetHostRate() const;
    /// \return the ToR-spine link rate
    DataRate GetFabricRate() const;
    /// \return the link delay
    Time GetLinkDelay() const;

  private:
    uint32_t m_racks;                     //!< racks
    uint32_t m_hostsPerRack;              //!< hosts per rack
    uint32_t m_spines;                    //!< spines
    DataRate m_hostRate;                  //!< host link rate
    DataRate m_fabricRate;                //!< fabric link rate
    Time m_delay;                         //!< link delay
    QueueSize m_buffer;                   //!< port buffer
    bool m_spray;                         //!< packet spraying
    NodeContainer m_hosts;                //!< hosts
    NodeContainer m_tors;                 //!< ToRs
    NodeContainer m_spinesNodes;          //!< spines
    QueueDiscContainer m_switchQdiscs;    //!< switch ports
    std::vector<Ipv4Address> m_addresses; //!< host addresses
};

} // namespace ns3

#endif /* HOMA_DATACENTER_HELPER_H */
