/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-metrics.h"

#include <string>

namespace ns3
{

void
HomaMetrics::Print(std::ostream& os) const
{
    auto line = [&os](const std::string& name, uint64_t value) {
        if (value != 0)
        {
            os << name << " " << value << "\n";
        }
    };
    for (uint8_t t = 0; t < HomaCommonHeader::NUM_TYPES; ++t)
    {
        std::string type = HomaCommonHeader::TypeName(HomaCommonHeader::TYPE_FIRST + t);
        line("packets_sent_" + type, packetsSent[t]);
        line("packets_rcvd_" + type, packetsRcvd[t]);
    }
    for (size_t p = 0; p < priorityPackets.size(); ++p)
    {
        line("priority" + std::to_string(p) + "_packets", priorityPackets[p]);
        line("priority" + std::to_string(p) + "_bytes", priorityBytes[p]);
    }
    line("client_requests_started", clientRequestsStarted);
    line("client_responses_done", clientResponsesDone);
    line("server_requests_done", serverRequestsDone);
    line("server_responses_started", serverResponsesStarted);
    line("sent_msg_bytes", sentMsgBytes);
    line("received_msg_bytes", receivedMsgBytes);
    line("resent_packets", resentPackets);
    line("packet_discards", packetDiscards);
    line("short_packets", shortPackets);
    line("malformed_packets", malformedPackets);
    line("unknown_packet_types", unknownPacketTypes);
    line("unknown_rpcs", unknownRpcs);
    line("no_socket", noSocket);
    line("rpc_timeouts", rpcTimeouts);
    line("server_rpc_discards", serverRpcDiscards);
    line("rpc_restarts", rpcRestarts);
    line("message_restarts", messageRestarts);
    line("icmp_aborts", icmpAborts);
    line("peer_evictions", peerEvictions);
    line("fifo_grant_bytes", fifoGrantBytes);
    line("incast_marked", incastMarked);   // not in Linux: it has no incast optimization
    line("incast_limited", incastLimited); // idem
}

} // namespace ns3
