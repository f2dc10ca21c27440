/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HOMA_MESSAGE_TRACE_H
#define HOMA_MESSAGE_TRACE_H

#include "ns3/ipv4-address.h"
#include "ns3/node-container.h"
#include "ns3/packet.h"

#include <cstdint>
#include <fstream>
#include <set>
#include <string>
#include <tuple>

namespace ns3
{

struct HomaMessageRecord;

/**
 * \ingroup homa
 * \brief Every packet of the Homa messages of chosen lengths, as the hosts send and receive
 * them: to see, packet by packet, where a slow message's time goes (waiting to be sent,
 * crossing the fabric, waiting for a grant).
 *
 * Install connects to each host's HomaL4Protocol (its MsgBegin, Tx, Rx and MsgEnd traces)
 * and to the PhyTxBegin trace of its links' devices (point-to-point framing: PPP, IPv4).
 * A message is traced when its length is within [minLength, maxLength]: from MsgBegin at its
 * sender, or from the first of its DATA packets a host sees. One CSV row per event:
 *
 *   time_ns,node,event,type,client,rpc_id,request,offset,bytes,priority
 *
 * - event: begin (the sender's application handed the message to Homa), tx (sent down to
 *   IP), wire (the host's NIC starts to transmit it, after the NIC queue), rx (received from
 *   IP), end (the receiver has the whole message).
 * - type: DATA, GRANT, RESEND or BUSY (empty for begin and end).
 * - client, rpc_id, request: the message (the client's address and even RPC id; request 1,
 *   response 0).
 * - offset, bytes: DATA: the first message byte and the payload; GRANT: the granted offset
 *   and 0; RESEND: the range; begin and end: 0 and the message length.
 * - priority: the packet's level (GRANT: the level granted, in its header).
 *
 * Per-host events and one file per process: with MPI, each rank writes the events of its own
 * hosts (use a file name per rank).
 */
class HomaMessageTrace
{
  public:
    /**
     * \param fileName the CSV to write (truncated)
     * \param minLength the shortest message length traced, in bytes
     * \param maxLength the longest, in bytes
     */
    HomaMessageTrace(const std::string& fileName, uint32_t minLength, uint32_t maxLength);
    /// Flushes the file.
    ~HomaMessageTrace();
    HomaMessageTrace(const HomaMessageTrace&) = delete;
    HomaMessageTrace& operator=(const HomaMessageTrace&) = delete;

    /**
     * \brief Trace the Homa messages of these hosts (each must have a HomaL4Protocol).
     * \param hosts the hosts
     */
    void Install(NodeContainer hosts);

    /// \return the rows written so far (after the header)
    uint64_t GetRows() const;

  private:
    /// A message: the client's address, the client's RPC id, request or response.
    using Key = std::tuple<uint32_t, uint64_t, bool>;

    /**
     * \brief A message was handed to Homa or fully received.
     * \param node the host's node id \param event "begin" or "end"
     * \param record the message
     */
    void Message(uint32_t node, const char* event, const HomaMessageRecord& record);
    /**
     * \brief A packet was sent or received.
     * \param node the host's node id \param event "tx" or "rx"
     * \param packet the packet (Homa headers first) \param source its source
     * \param destination its destination \param priority its level
     */
    void Packet(uint32_t node,
                const char* event,
                Ptr<const ns3::Packet> packet,
                Ipv4Address source,
                Ipv4Address destination,
                uint8_t priority);
    /**
     * \brief A host's device starts to transmit a frame.
     * \param node the host's node id \param frame the frame (PPP, IPv4, Homa)
     */
    void Wire(uint32_t node, Ptr<const ns3::Packet> frame);
    /// \return whether \p length is traced \param length a message length
    bool InRange(uint32_t length) const;
    /**
     * \brief Write one row.
     * \param node the node id \param event the event \param type the packet type (or "")
     * \param key the message \param offset the offset \param bytes the bytes
     * \param priority the level
     */
    void Row(uint32_t node,
             const char* event,
             const char* type,
             const Key& key,
             uint32_t offset,
             uint32_t bytes,
             uint32_t priority);

    std::ofstream m_out;  //!< the CSV
    uint32_t m_minLength; //!< shortest traced length
    uint32_t m_maxLength; //!< longest traced length
    std::set<Key> m_keys; //!< the messages traced
    uint64_t m_rows{0};   //!< rows written
};

} // namespace ns3

#endif // HOMA_MESSAGE_TRACE_H
