/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "message-stats.h"

#include "ns3/abort.h"
#include "ns3/homa-header.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ns3
{

uint64_t
MessageStats::WireBytes(uint32_t size, uint32_t mtu)
{
    return HomaWire::WireBytes(size, HomaWire::MaxPayload(mtu));
}

uint64_t
MessageStats::RpcWireBytes(uint32_t size,
                           uint32_t unschedBytes,
                           uint32_t responseSize,
                           uint32_t mtu,
                           bool wholePackets)
{
    uint32_t maxPayload = HomaWire::MaxPayload(mtu);
    uint32_t unsched = HomaWire::UnscheduledPart(size, unschedBytes, maxPayload, wholePackets);
    uint64_t packets = HomaWire::MessagePackets(size, unsched, maxPayload);
    uint64_t grants = packets - HomaWire::Packets(unsched, maxPayload);
    constexpr uint32_t grantWire =
        HomaGrantHeader::SIZE + HomaWire::IPV4_HEADER + HomaWire::PPP_HEADER;
    return size + packets * HomaWire::DATA_OVERHEAD + grants * grantWire +
           (responseSize > 0 ? WireBytes(responseSize, mtu) : 0);
}

uint64_t
MessageStats::WorkConservingBytes(const std::vector<MessageRecord>& messages,
                                  DataRate rate,
                                  Time from,
                                  Time to,
                                  uint32_t mtu)
{
    return WorkConservingBytes(messages, rate, std::vector<Time>{from, to}, mtu).front();
}

std::vector<uint64_t>
MessageStats::WorkConservingBytes(const std::vector<MessageRecord>& messages,
                                  DataRate rate,
                                  const std::vector<Time>& bounds,
                                  uint32_t mtu)
{
    NS_ABORT_MSG_IF(
        !std::is_sorted(bounds.begin(), bounds.end()),
        "MessageStats::WorkConservingBytes needs its interval bounds in ascending order");
    if (bounds.size() < 2)
    {
        return {};
    }
    std::vector<size_t> order(messages.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&messages](size_t a, size_t b) {
        const MessageRecord& x = messages[a];
        const MessageRecord& y = messages[b];
        return x.dst != y.dst ? x.dst < y.dst : x.start < y.start;
    });
    std::vector<double> bytes(bounds.size() - 1, 0.0);
    Time linkFree;
    for (size_t k = 0; k < order.size(); ++k)
    {
        const MessageRecord& m = messages[order[k]];
        if (k == 0 || messages[order[k - 1]].dst != m.dst)
        {
            linkFree = Time(0); // another receiver's link
        }
        Time begin = std::max(m.start, linkFree);
        Time duration = rate.CalculateBytesTxTime(WireBytes(m.size, mtu));
        linkFree = begin + duration;
        // The first interval that ends after the transmission begins, then on while they
        // start before it ends.
        auto i = std::upper_bound(bounds.begin(), bounds.end(), begin) - bounds.begin();
        for (size_t n = (i > 0 ? i - 1 : 0); n + 1 < bounds.size() && bounds[n] < linkFree; ++n)
        {
            Time overlap = std::min(linkFree, bounds[n + 1]) - std::max(begin, bounds[n]);
            if (overlap.IsStrictlyPositive())
            {
                bytes[n] += m.size * (overlap.GetSeconds() / duration.GetSeconds());
            }
        }
    }
    std::vector<uint64_t> rounded;
    rounded.reserve(bytes.size());
    for (double b : bytes)
    {
        rounded.push_back(static_cast<uint64_t>(std::llround(b)));
    }
    return rounded;
}

Time
MessageStats::IdealRpcTime(uint32_t size,
                           const std::vector<DataRate>& path,
                           Time delay,
                           uint32_t mtu)
{
    NS_ABORT_MSG_IF(path.empty(), "MessageStats::IdealRpcTime needs at least one link");
    uint32_t maxPayload = HomaWire::MaxPayload(mtu);
    Time t = path.front().CalculateBytesTxTime(WireBytes(size, mtu));
    uint32_t largest = std::min(size, maxPayload) + PACKET_OVERHEAD;
    for (size_t k = 1; k < path.size(); ++k)
    {
        t += path[k].CalculateBytesTxTime(largest);
    }
    for (const DataRate& rate : path)
    {
        t += rate.CalculateBytesTxTime(1 + PACKET_OVERHEAD); // the reply
    }
    return t + 2 * delay * static_cast<int64_t>(path.size());
}

Time
MessageStats::IdealMessageTime(uint32_t size,
                               const std::vector<DataRate>& rates,
                               const std::vector<Time>& delays,
                               uint32_t mtu,
                               IdealModel model)
{
    NS_ABORT_MSG_IF(rates.empty() || rates.size() != delays.size(),
                    "MessageStats::IdealMessageTime needs a rate and a delay for each link");
    uint32_t maxPayload = HomaWire::MaxPayload(mtu);
    auto packets =
        static_cast<uint32_t>(std::max<uint64_t>(1, HomaWire::Packets(size, maxPayload)));
    uint32_t last = size - (packets - 1) * maxPayload + PACKET_OVERHEAD;
    if (model == SIMULATOR && size >= maxPayload)
    {
        last = maxPayload + PACKET_OVERHEAD; // the simulator forwards a full frame
    }
    Time t = rates.front().CalculateBytesTxTime(WireBytes(size, mtu));
    for (size_t k = 1; k < rates.size(); ++k)
    {
        t += rates[k].CalculateBytesTxTime(last);
    }
    for (const Time& d : delays)
    {
        t += d;
    }
    return t;
}

double
MessageStats::Percentile(std::vector<double> values, double p)
{
    if (values.empty())
    {
        return 0;
    }
    std::sort(values.begin(), values.end());
    auto rank = static_cast<size_t>(std::ceil(p / 100.0 * values.size()));
    return values[std::min(values.size(), std::max<size_t>(rank, 1)) - 1];
}

std::vector<SlowdownBucket>
MessageStats::SlowdownBuckets(const std::vector<uint32_t>& sizes,
                              const std::vector<double>& slowdowns,
                              uint32_t buckets)
{
    NS_ABORT_MSG_UNLESS(
        sizes.size() == slowdowns.size() && buckets > 0,
        "MessageStats::SlowdownBuckets: one slowdown per size, at least one bucket");
    std::vector<size_t> order(sizes.size());
    for (size_t i = 0; i < order.size(); ++i)
    {
        order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(), [&sizes](size_t a, size_t b) {
        return sizes[a] < sizes[b];
    });
    std::vector<SlowdownBucket> result;
    for (uint32_t b = 0; b < buckets; ++b)
    {
        size_t lo = sizes.size() * b / buckets;
        size_t hi = sizes.size() * (b + 1) / buckets;
        if (hi == lo)
        {
            continue;
        }
        std::vector<double> s;
        for (size_t k = lo; k < hi; ++k)
        {
            if (slowdowns[order[k]] >= 0)
            {
                s.push_back(slowdowns[order[k]]);
            }
        }
        SlowdownBucket bucket;
        bucket.index = b;
        bucket.maxSize = sizes[order[hi - 1]];
        bucket.cumFraction = (b + 1) / double(buckets);
        bucket.messages = hi - lo;
        bucket.delivered = s.size();
        bucket.p50 = Percentile(s, 50);
        bucket.p99 = Percentile(s, 99);
        result.push_back(bucket);
    }
    return result;
}

std::vector<SlowdownBucket>
MessageStats::RangeSlowdowns(const std::vector<uint32_t>& sizes,
                             const std::vector<double>& slowdowns,
                             const std::vector<uint32_t>& bounds)
{
    NS_ABORT_MSG_UNLESS(sizes.size() == slowdowns.size() && !bounds.empty(),
                        "MessageStats::RangeSlowdowns: one slowdown per size, at least one range");
    std::vector<std::vector<double>> delivered(bounds.size());
    std::vector<size_t> messages(bounds.size(), 0);
    for (size_t i = 0; i < sizes.size(); ++i)
    {
        size_t r = std::lower_bound(bounds.begin(), bounds.end(), sizes[i]) - bounds.begin();
        r = std::min(r, bounds.size() - 1);
        ++messages[r];
        if (slowdowns[i] >= 0)
        {
            delivered[r].push_back(slowdowns[i]);
        }
    }
    std::vector<SlowdownBucket> result;
    size_t upTo = 0;
    for (size_t r = 0; r < bounds.size(); ++r)
    {
        upTo += messages[r];
        if (messages[r] == 0)
        {
            continue;
        }
        SlowdownBucket range;
        range.index = static_cast<uint32_t>(r);
        range.maxSize = bounds[r];
        range.cumFraction = upTo / double(sizes.size());
        range.messages = messages[r];
        range.delivered = delivered[r].size();
        range.p50 = Percentile(delivered[r], 50);
        range.p99 = Percentile(delivered[r], 99);
        result.push_back(range);
    }
    return result;
}

} // namespace ns3
