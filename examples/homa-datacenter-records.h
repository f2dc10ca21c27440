/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The homa-datacenter example's records: what one rank counts and saw (messages started,
// deliveries), and how they travel to rank 0 as bytes (MpiRankHelper::Gather) under MPI.

#ifndef HOMA_DATACENTER_RECORDS_H
#define HOMA_DATACENTER_RECORDS_H

#include "ns3/abort.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace ns3
{
namespace homadc
{

/// Parts of the arrival window whose delivered bytes are counted one by one.
constexpr size_t TENTHS = 10;

/// What one rank counts, as it travels to rank 0.
struct Counters
{
    uint64_t tenthBytes[TENTHS]; //!< message bytes received by the end of each tenth of
                                 //!< the window (the fifth: half; the last: all of it)
    uint64_t packets;            //!< data packets received
    uint64_t hostSentBytes;      //!< bytes hosts sent in the window's second half
    uint64_t tcpBacklog;         //!< TCP senders' bytes left
    uint64_t events;             //!< events executed
    uint64_t peakMiB;            //!< peak memory, MiB
    uint64_t linkPackets;        //!< packets put on links (every kind, every hop)
    uint64_t tcpOpened;          //!< TCP connections the senders opened
    uint64_t tcpOpenedMost;      //!< ... the most by one host
};

/// A message a sender started: the host, its RPC / TCP message id, the message.
struct Sent
{
    uint64_t src;   //!< sending host
    uint64_t id;    //!< the sender's RPC id or TCP message id
    uint64_t index; //!< the message
};

/// A delivery at a receiver: the sending host and its RPC / TCP message id.
struct Receipt
{
    uint64_t src;  //!< sending host
    uint64_t id;   //!< the sender's RPC id or TCP message id
    int64_t endNs; //!< delivery time, ns
};

/// UDP: a message delivered, known at the receiver.
struct End
{
    uint64_t index; //!< the message
    int64_t endNs;  //!< delivery time, ns
};

/// What one rank saw, as it travels to rank 0 (in this machine's layout: the fields
/// are whole 64-bit words, so no padding travels).
struct Records
{
    Counters counters;             //!< the rank's counters
    std::vector<Sent> sent;        //!< senders' ids
    std::vector<Receipt> receipts; //!< receivers' deliveries
    std::vector<End> ends;         //!< UDP deliveries

    /// \return the records as bytes
    std::string Encode() const
    {
        std::string out(reinterpret_cast<const char*>(&counters), sizeof(counters));
        Append(out, sent);
        Append(out, receipts);
        Append(out, ends);
        return out;
    }

    /// \param bytes what Encode wrote \return the records
    static Records Decode(const std::string& bytes)
    {
        Records r;
        size_t at = 0;
        Take(bytes, at, &r.counters, sizeof(r.counters));
        Take(bytes, at, r.sent);
        Take(bytes, at, r.receipts);
        Take(bytes, at, r.ends);
        return r;
    }

  private:
    /// Append a vector's length and its elements' bytes. \param out bytes \param v it
    template <typename T>
    static void Append(std::string& out, const std::vector<T>& v)
    {
        uint64_t n = v.size();
        out.append(reinterpret_cast<const char*>(&n), sizeof(n));
        if (n > 0)
        {
            out.append(reinterpret_cast<const char*>(v.data()), n * sizeof(T));
        }
    }

    /// Copy \p size bytes at \p at to \p to. \param bytes source \param at offset
    /// \param to destination \param size bytes
    static void Take(const std::string& bytes, size_t& at, void* to, size_t size)
    {
        NS_ABORT_MSG_IF(at + size > bytes.size(), "truncated rank records");
        if (size > 0) // an empty vector's data() may be null, which memcpy must not get
        {
            std::memcpy(to, bytes.data() + at, size);
        }
        at += size;
    }

    /// Read a vector that Append wrote. \param bytes source \param at offset \param v it
    template <typename T>
    static void Take(const std::string& bytes, size_t& at, std::vector<T>& v)
    {
        uint64_t n;
        Take(bytes, at, &n, sizeof(n));
        NS_ABORT_MSG_IF(n > bytes.size() / sizeof(T), "truncated rank records");
        v.resize(n);
        Take(bytes, at, v.data(), n * sizeof(T));
    }
};

} // namespace homadc
} // namespace ns3

#endif /* HOMA_DATACENTER_RECORDS_H */
