/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HOMA_METRICS_H
#define HOMA_METRICS_H

#include "homa-header.h"

#include <array>
#include <cstdint>
#include <ostream>

namespace ns3
{

/**
 * \ingroup homa
 * \brief Per-node counters, named after the Linux module's /proc/net/homa_metrics.
 *
 * All counters are cumulative since the protocol was created.
 */
struct HomaMetrics
{
    std::array<uint64_t, HomaCommonHeader::NUM_TYPES> packetsSent{}; //!< packets_sent_<TYPE>
    std::array<uint64_t, HomaCommonHeader::NUM_TYPES> packetsRcvd{}; //!< packets_rcvd_<TYPE>
    std::array<uint64_t, 8> priorityPackets{};                       //!< priority<i>_packets (sent)
    std::array<uint64_t, 8> priorityBytes{}; //!< priority<i>_bytes (sent, IP bytes)
    uint64_t clientRequestsStarted{0};       //!< requests handed to Homa
    uint64_t clientResponsesDone{0};         //!< responses delivered to clients
    uint64_t serverRequestsDone{0};          //!< requests delivered to servers
    uint64_t serverResponsesStarted{0};      //!< responses handed to Homa
    uint64_t sentMsgBytes{0};                //!< message bytes handed to Homa
    uint64_t receivedMsgBytes{0};            //!< message bytes delivered to applications
    uint64_t resentPackets{0};               //!< DATA packets retransmitted
    uint64_t packetDiscards{0};              //!< DATA packets with no byte still missing
    uint64_t shortPackets{0};                //!< packets too short for their header
    uint64_t malformedPackets{0};            //!< packets with inconsistent fields
    uint64_t unknownPacketTypes{0};          //!< packets of an unknown type
    uint64_t unknownRpcs{0};                 //!< packets for an RPC we have no state for
    uint64_t noSocket{0};                    //!< packets for a port with no socket
    uint64_t rpcTimeouts{0};                 //!< client RPCs aborted after silence
    uint64_t serverRpcDiscards{0};           //!< server RPCs freed after silence
    uint64_t rpcRestarts{0};                 //!< client requests restarted after RPC_UNKNOWN
    uint64_t messageRestarts{0}; //!< incoming messages restarted: DATA disagreed on the length
    uint64_t icmpAborts{0};      //!< RPCs aborted by ICMP errors
    uint64_t peerEvictions{0};   //!< idle peers forgotten (HomaPeerTable::Collect)
    uint64_t fifoGrantBytes{0};  //!< bytes granted by FIFO grants (fifo_grant_bytes)
    uint64_t incastMarked{0};    //!< requests marked by the incast optimization
    uint64_t incastLimited{0};   //!< responses whose unscheduled bytes a marked request cut

    /**
     * \brief Print all nonzero counters, one "name value" per line.
     * \param os the stream
     */
    void Print(std::ostream& os) const;
};

} // namespace ns3

#endif /* HOMA_METRICS_H */
