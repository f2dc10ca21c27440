/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MESSAGE_STATS_H
#define MESSAGE_STATS_H

#include "message-record.h"

#include "ns3/data-rate.h"
#include "ns3/homa-header.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup homa
 * \brief Slowdown percentiles of one size range (MessageStats::SlowdownBuckets).
 */
struct SlowdownBucket
{
    uint32_t index{0};     //!< bucket number, 0 for the smallest sizes
    uint32_t maxSize{0};   //!< the largest message in the bucket
    double cumFraction{0}; //!< fraction of all messages up to this bucket's end
    size_t messages{0};    //!< messages in the bucket
    size_t delivered{0};   //!< of which delivered (have a slowdown)
    double p50{0};         //!< median slowdown of the delivered ones
    double p99{0};         //!< 99th-percentile slowdown
};

/**
 * \ingroup homa
 * \brief Figures the experiments report: wire bytes, ideal RPC times and percentiles.
 */
class MessageStats
{
  public:
    /// Bytes added to every packet on a point-to-point link: IPv4 (20), DATA header (56), PPP (2).
    static constexpr uint32_t PACKET_OVERHEAD = HomaWire::DATA_OVERHEAD;

    /**
     * \param size message bytes
     * \param mtu IP MTU
     * \return bytes the message occupies on a point-to-point link, headers included
     */
    static uint64_t WireBytes(uint32_t size, uint32_t mtu = 1500);

    /**
     * \brief Every byte an RPC puts on host links when carried alone: its request's DATA
     * packets, a GRANT (33-byte header, with IP and PPP) for each packet beyond the
     * unscheduled ones, as the paper's simulator counted them (WorkloadEstimator:
     * allGrantBytes), and the response's DATA packets. This is what a load counted over
     * all wire bytes sets the arrival rate by.
     * \param size request bytes
     * \param unschedBytes bytes sent unscheduled
     * \param responseSize response bytes (0: none)
     * \param mtu IP MTU
     * \param wholePackets unschedBytes rounded up to whole packets (HomaL4Protocol's
     *        UnschedWholePackets)
     * \return the bytes
     */
    static uint64_t RpcWireBytes(uint32_t size,
                                 uint32_t unschedBytes,
                                 uint32_t responseSize,
                                 uint32_t mtu = 1500,
                                 bool wholePackets = false);

    /**
     * \brief Time of one RPC alone on an idle path of point-to-point links: the request's
     * packets serialized on the first link, one full packet's store-and-forward on every
     * further link, the one-byte reply's packet on every link, and propagation both ways.
     * \param size request bytes
     * \param path the rate of each link, sender to receiver
     * \param delay propagation delay of every link
     * \param mtu IP MTU
     * \return the ideal time
     */
    static Time IdealRpcTime(uint32_t size,
                             const std::vector<DataRate>& path,
                             Time delay,
                             uint32_t mtu = 1500);

    /// How the ideal time of a message counts the store-and-forward at further links.
    enum IdealModel
    {
        PIPELINED, //!< the last packet is stored and forwarded at every further link (what
                   //!< an idle store-and-forward path does: the packets pipeline)
        SIMULATOR, //!< one full-size packet per further link if the message has one, else its
                   //!< only packet (the Homa paper's simulator)
    };

    /**
     * \brief Time of one message alone on an idle path of store-and-forward links: every
     * packet of the message serialized on the first link, plus one store-and-forward
     * serialization per further link, plus the fixed delays (here the links' propagation
     * delays, into which LeafSpineHelper folds the simulator's host and switch delays).
     * The store-and-forward is the last packet's (PIPELINED), or, as the Homa paper's
     * simulator defines it (PlatformLab/HomaSimulation, WorkloadSynthesizer.cc,
     * idealMsgEndToEndDelay: edgeSwitchSerialDelay and fabricSwitchSerialDelay), a full-size
     * packet's whenever the message has a full packet (SIMULATOR); they differ for messages
     * whose last packet is short (1,425 B across racks: by 1.8 us). Packets are framed as on
     * this module's wire (WireBytes); the simulator framed them as Ethernet/IP/UDP and left
     * Homa's header out. Assumes no link is slower than the first.
     * \param size message bytes
     * \param rates the rate of each link, sender to receiver
     * \param delays the propagation delay of each link
     * \param mtu IP MTU
     * \param model which store-and-forward the further links add
     * \return the ideal time
     */
    static Time IdealMessageTime(uint32_t size,
                                 const std::vector<DataRate>& rates,
                                 const std::vector<Time>& delays,
                                 uint32_t mtu = 1500,
                                 IdealModel model = PIPELINED);

    /**
     * \brief A reference for a run's delivered load: the message bytes that receivers would
     * get in [from, to) from a fabric that kept every receiver's link busy whenever a
     * message for it was waiting, and put no limit on senders. Each receiver's link carries
     * the messages addressed to it one after another in order of creation, each as its DATA
     * packets' wire bytes (WireBytes) at \p rate from max(its creation, the end of the one
     * before); a message's bytes are counted in proportion to the part of its transmission
     * time that falls in the interval. Any work-conserving order gives every receiver the
     * same wire bytes by any time, so the reference depends on the schedule alone: when a
     * window's second half is still short of its offered bytes here, the window is too
     * short, whatever the transport.
     * \param messages the schedule (any order)
     * \param rate the receivers' link rate
     * \param from the interval's start
     * \param to the interval's end
     * \param mtu IP MTU
     * \return the message bytes
     */
    static uint64_t WorkConservingBytes(const std::vector<MessageRecord>& messages,
                                        DataRate rate,
                                        Time from,
                                        Time to,
                                        uint32_t mtu = 1500);

    /**
     * \brief WorkConservingBytes over consecutive intervals at once: the schedule is ordered
     * once, not once per interval (a run's tenths, say). Each interval's figure is rounded on
     * its own, so it equals WorkConservingBytes over that interval alone.
     * \param messages the schedule (any order)
     * \param rate the receivers' link rate
     * \param bounds the intervals' bounds, ascending: interval k is [bounds[k], bounds[k+1])
     * \param mtu IP MTU
     * \return the message bytes in each interval (one fewer than \p bounds; none for fewer
     *         than two bounds)
     */
    static std::vector<uint64_t> WorkConservingBytes(const std::vector<MessageRecord>& messages,
                                                     DataRate rate,
                                                     const std::vector<Time>& bounds,
                                                     uint32_t mtu = 1500);

    /**
     * \param values samples (any order)
     * \param p percentile, 0 to 100
     * \return the nearest-rank percentile (0 for no samples)
     */
    static double Percentile(std::vector<double> values, double p);

    /**
     * \brief Slowdowns by size range (MessageWorkload::SizeRanges): a message belongs to the first
     * range whose upper bound is at least its size (larger ones to the last range).
     * \param sizes each message's size
     * \param slowdowns each message's slowdown, negative if it was not delivered
     * \param bounds the ranges' upper bounds, ascending
     * \return one entry per range that holds messages, smallest sizes first (cumFraction:
     *         the fraction of these messages up to the range's end)
     */
    static std::vector<SlowdownBucket> RangeSlowdowns(const std::vector<uint32_t>& sizes,
                                                      const std::vector<double>& slowdowns,
                                                      const std::vector<uint32_t>& bounds);

    /**
     * \brief Slowdowns by message size, in buckets of equal message count, as the paper's
     * figures bin them: messages sorted by size (ties: their order in \p sizes), bucket b
     * holding sorted positions [n b / B, n (b + 1) / B).
     * \param sizes each message's size
     * \param slowdowns each message's slowdown, negative if it was not delivered
     * \param buckets number of buckets
     * \return the non-empty buckets, smallest sizes first
     */
    static std::vector<SlowdownBucket> SlowdownBuckets(const std::vector<uint32_t>& sizes,
                                                       const std::vector<double>& slowdowns,
                                                       uint32_t buckets = 10);
};

} // namespace ns3

#endif /* MESSAGE_STATS_H */
