/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-cutoffs.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

namespace ns3
{

bool
HomaCutoffs::Parse(const std::string& text, Array& cutoffs)
{
    std::string s = text;
    std::replace(s.begin(), s.end(), ',', ' ');
    std::istringstream in(s);
    Array parsed{};
    for (uint32_t& c : parsed)
    {
        long long v;
        if (!(in >> v) || v < 0 || v > 0xffffffffLL)
        {
            return false;
        }
        c = static_cast<uint32_t>(v);
    }
    std::string rest;
    if (in >> rest)
    {
        return false;
    }
    cutoffs = parsed;
    return true;
}

std::string
HomaCutoffs::Format(const Array& cutoffs)
{
    std::ostringstream out;
    for (size_t i = 0; i < cutoffs.size(); ++i)
    {
        out << (i ? " " : "") << cutoffs[i];
    }
    return out.str();
}

uint8_t
HomaCutoffs::UnscheduledPriority(const Array& cutoffs, uint32_t length, uint8_t numPriorities)
{
    for (int i = std::min<int>(numPriorities, HomaWire::NUM_PRIORITIES) - 1; i > 0; --i)
    {
        if (cutoffs[i] >= length || cutoffs[i] >= MAX_MESSAGE_LENGTH)
        {
            return static_cast<uint8_t>(i);
        }
    }
    return 0; // cutoffs[0] counts as infinite
}

uint8_t
HomaCutoffs::MaxSchedPriority(const Array& cutoffs, uint8_t numPriorities)
{
    for (int i = std::min<int>(numPriorities, HomaWire::NUM_PRIORITIES) - 1; i > 0; --i)
    {
        if (cutoffs[i] >= MAX_MESSAGE_LENGTH)
        {
            return static_cast<uint8_t>(i - 1);
        }
    }
    return 0;
}

HomaCutoffs::Array
HomaCutoffs::FromDistribution(const std::vector<std::pair<double, double>>& cdf,
                              uint32_t unschedBytes,
                              uint8_t numPriorities)
{
    return FromDistribution(cdf, unschedBytes, numPriorities, 0);
}

HomaCutoffs::Array
HomaCutoffs::FromDistribution(const std::vector<std::pair<double, double>>& cdf,
                              uint32_t unschedBytes,
                              uint8_t numPriorities,
                              uint8_t fixedLevels)
{
    numPriorities =
        std::max<uint8_t>(1, std::min<uint8_t>(numPriorities, HomaWire::NUM_PRIORITIES));
    // Bytes per size point: total and unscheduled.
    double total = 0;
    double unsched = 0;
    double prev = 0;
    for (const auto& [size, prob] : cdf)
    {
        double p = std::max(0.0, prob - prev);
        prev = prob;
        total += p * size;
        unsched += p * std::min<double>(size, unschedBytes);
    }
    Array cutoffs{};
    if (total <= 0)
    {
        cutoffs[numPriorities - 1] = MAX_MESSAGE_LENGTH;
        return cutoffs;
    }
    bool anyScheduled = unsched < total;
    int unschedLevels = fixedLevels > 0
                            ? fixedLevels
                            : static_cast<int>(std::lround(numPriorities * unsched / total));
    unschedLevels = std::max(1, unschedLevels);
    if (anyScheduled && numPriorities > 1 && fixedLevels == 0)
    {
        unschedLevels = std::min<int>(unschedLevels, numPriorities - 1);
    }
    unschedLevels = std::min<int>(unschedLevels, numPriorities);

    // Walk sizes from smallest up; move to the next lower level once a level holds its share.
    int level = numPriorities - 1;
    int lowest = numPriorities - unschedLevels;
    double share = unsched / unschedLevels;
    double acc = 0;
    prev = 0;
    for (const auto& [size, prob] : cdf)
    {
        if (level <= lowest)
        {
            break;
        }
        double p = std::max(0.0, prob - prev);
        prev = prob;
        acc += p * std::min<double>(size, unschedBytes);
        if (acc >= share * (numPriorities - level) - 1e-9)
        {
            cutoffs[level] = static_cast<uint32_t>(std::min<double>(size, MAX_MESSAGE_LENGTH));
            --level;
        }
    }
    // The lowest unscheduled level takes everything else.
    for (int i = level; i >= lowest; --i)
    {
        cutoffs[i] = MAX_MESSAGE_LENGTH;
    }
    return cutoffs;
}

HomaCutoffs::Array
HomaCutoffs::FromDistributionGraduated(const std::vector<std::pair<double, double>>& cdf,
                                       uint32_t unschedBytes,
                                       uint32_t boostTailBytes,
                                       uint8_t numPriorities,
                                       uint8_t unschedLevels,
                                       uint32_t mtu,
                                       bool wholePackets)
{
    numPriorities =
        std::max<uint8_t>(1, std::min<uint8_t>(numPriorities, HomaWire::NUM_PRIORITIES));
    int levels = std::max(1, std::min<int>(unschedLevels, numPriorities));
    const uint32_t maxPayload = HomaWire::MaxPayload(mtu);
    const uint32_t overhead = HomaWire::DATA_OVERHEAD;
    // Bytes left when a packet leaves -> wire bytes counted there (probability-weighted).
    std::map<uint32_t, double> weight;
    double prev = 0;
    for (const auto& [point, prob] : cdf)
    {
        double p = std::max(0.0, prob - prev);
        prev = prob;
        auto size = static_cast<uint32_t>(std::ceil(point));
        if (p <= 0 || size == 0)
        {
            continue;
        }
        uint32_t unsched = HomaWire::UnscheduledPart(size, unschedBytes, maxPayload, wholePackets);
        uint64_t wireLeft =
            size + HomaWire::MessagePackets(size, unsched, maxPayload) * uint64_t{overhead};
        for (uint32_t offset = 0, end = 0; offset < size; offset = end)
        {
            end = HomaWire::PacketEnd(offset, size, unsched, maxPayload);
            uint32_t wire = end - offset + overhead;
            if (offset < unsched || wireLeft < boostTailBytes)
            {
                weight[size - offset] += p * wire;
            }
            wireLeft -= wire;
        }
    }
    Array cutoffs{};
    int lowest = numPriorities - levels;
    double total = 0;
    for (const auto& [left, w] : weight)
    {
        total += w;
    }
    // Equal shares, fewest bytes left on the highest level; no cutoff twice.
    int level = numPriorities - 1;
    double acc = 0;
    uint32_t last = 0;
    for (const auto& [left, w] : weight)
    {
        if (level <= lowest)
        {
            break;
        }
        acc += w;
        if (acc >= total * (numPriorities - level) / levels - 1e-9 * total && left != last)
        {
            cutoffs[level] = std::min(left, MAX_MESSAGE_LENGTH - 1);
            last = left;
            --level;
        }
    }
    for (int i = level; i >= lowest; --i)
    {
        cutoffs[i] = MAX_MESSAGE_LENGTH;
    }
    return cutoffs;
}

} // namespace ns3
