/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "message-workload.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/random-variable-stream.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace ns3
{

#ifndef HOMA_WORKLOAD_DIR
#define HOMA_WORKLOAD_DIR "workloads"
#endif

std::string
MessageWorkload::ShippedPath(const std::string& name)
{
    if (name.empty() || name.find_first_of("/.") != std::string::npos)
    {
        return ""; // a path, not a name
    }
    // Folders in order: HOMA_WORKLOADS (the user's own), then the module's workloads/.
    std::vector<std::string> dirs;
    if (const char* own = std::getenv("HOMA_WORKLOADS"))
    {
        dirs.emplace_back(own);
    }
    dirs.emplace_back(HOMA_WORKLOAD_DIR);
    for (const auto& dir : dirs)
    {
        std::string path = dir + "/" + name + ".cdf";
        if (std::ifstream(path).good())
        {
            return path;
        }
    }
    return "";
}

MessageWorkload
MessageWorkload::Load(const std::string& name)
{
    std::string path = ShippedPath(name).empty() ? name : ShippedPath(name);
    std::ifstream in(path);
    NS_ABORT_MSG_UNLESS(in,
                        "MessageWorkload: cannot open " << path << " (give a CDF file or W1..W5)");
    std::vector<std::pair<double, double>> points;
    std::string error;
    NS_ABORT_MSG_UNLESS(Parse(in, points, error), path << ":" << error);
    return MessageWorkload(points);
}

bool
MessageWorkload::Parse(std::istream& in,
                       std::vector<std::pair<double, double>>& points,
                       std::string& error)
{
    points.clear();
    std::string line;
    int n = 0;
    while (std::getline(in, line))
    {
        ++n;
        if (line.find('#') != std::string::npos)
        {
            line.erase(line.find('#')); // comment
        }
        std::istringstream fields(line);
        std::vector<double> numbers;
        double x;
        while (numbers.size() < 3 && fields >> x)
        {
            numbers.push_back(x);
        }
        if (!fields.eof() || numbers.size() > 2)
        {
            error = std::to_string(n) + ": expected a size and a cumulative probability";
            points.clear();
            return false;
        }
        if (numbers.size() < 2)
        {
            continue; // blank, or a lone number: the mean, which the artifacts' files put first
        }
        double size = numbers[0];
        double prob = numbers[1];
        // Sizes are drawn as 32-bit message lengths.
        if (!(prob >= 0 && prob <= 1 && size >= 0 && size <= MAX_SIZE))
        {
            error = std::to_string(n) + ": probability must be 0..1, size 0.." +
                    std::to_string(static_cast<uint64_t>(MAX_SIZE));
            points.clear();
            return false;
        }
        if (!points.empty() && (size < points.back().first || prob < points.back().second))
        {
            error = std::to_string(n) + ": sizes and probabilities must not decrease";
            points.clear();
            return false;
        }
        points.emplace_back(size, prob);
    }
    if (points.empty() || !(points.back().second > 0.999999))
    {
        error = " the last probability must be 1";
        points.clear();
        return false;
    }
    points.back().second = 1; // within 1e-6 of 1 (rounded in the file): exactly 1
    return true;
}

MessageWorkload::MessageWorkload(std::vector<std::pair<double, double>> points)
    : m_points(std::move(points))
{
}

const std::vector<std::pair<double, double>>&
MessageWorkload::GetPoints() const
{
    return m_points;
}

MessageWorkload
MessageWorkload::SimulatorW1()
{
    // FacebookKeyValueMsgSizeDist.txt (its first line, the mean 185.0, left out).
    std::vector<std::pair<double, double>> points{
        {1, 0.00583},
        {2, 0.18403},
        {3, 0.27642},
        {4, 0.27660},
        {5, 0.30400},
        {6, 0.30465},
        {7, 0.31071},
        {8, 0.31094},
        {9, 0.31931},
        {10, 0.32768},
        {11, 0.41757},
        {12, 0.41849},
        {13, 0.42175},
        {14, 0.44155},
        {15, 0.47},
    };
    // WorkloadEstimator: the tail, as the simulator computed it (a size that repeats takes
    // the later probability).
    const double k = 0.348238;
    const double sigma = 214.476;
    const double maxProb = 0.999;
    const double sizeOffset = points.back().first;
    const double probOffset = points.back().second;
    const double step = (maxProb - probOffset) / 1000;
    for (double prob = probOffset + step; prob <= maxProb; prob += step)
    {
        double size =
            std::round(sizeOffset + (std::pow((1 - probOffset) / (1 - prob), k) - 1) * sigma / k);
        if (size != points.back().first)
        {
            points.emplace_back(size, prob);
        }
        else
        {
            points.back().second = prob;
        }
    }
    points.back().second = 1.0;
    return MessageWorkload(points);
}

double
MessageWorkload::Expect(const std::function<double(uint32_t)>& f) const
{
    double mean = 0;
    double prev = 0;
    for (const auto& [size, prob] : m_points)
    {
        mean += (prob - prev) * f(static_cast<uint32_t>(std::ceil(size)));
        prev = prob;
    }
    return mean;
}

double
MessageWorkload::GetMean() const
{
    double mean = 0;
    double prev = 0;
    for (const auto& [size, prob] : m_points)
    {
        mean += (prob - prev) * size;
        prev = prob;
    }
    return mean;
}

Ptr<EmpiricalRandomVariable>
MessageWorkload::MakeRandomVariable(double scale) const
{
    Ptr<EmpiricalRandomVariable> rv = CreateObject<EmpiricalRandomVariable>();
    rv->SetInterpolate(false);
    double prev = -1;
    for (size_t k = 0; k < m_points.size(); ++k)
    {
        double size = m_points[k].first;
        // The last point ends the distribution (ns-3 wants exactly 1 there).
        double prob = k + 1 == m_points.size() ? 1.0 : m_points[k].second;
        if (prob > prev) // repeated probabilities add nothing to sample from
        {
            rv->CDF(size * scale, prob);
            prev = prob;
        }
    }
    return rv;
}

std::vector<MessageRecord>
MessageWorkload::DrawSchedule(uint32_t hosts,
                              double meanGap,
                              double window,
                              int64_t firstStream) const
{
    NS_ABORT_MSG_UNLESS(hosts >= 2, "MessageWorkload::DrawSchedule needs at least two hosts");
    NS_ABORT_MSG_UNLESS(meanGap > 0, "MessageWorkload::DrawSchedule needs a positive mean gap");
    Ptr<EmpiricalRandomVariable> size = MakeRandomVariable();
    Ptr<ExponentialRandomVariable> gap = CreateObject<ExponentialRandomVariable>();
    gap->SetAttribute("Mean", DoubleValue(meanGap));
    Ptr<UniformRandomVariable> pick = CreateObject<UniformRandomVariable>();
    size->SetStream(firstStream);
    gap->SetStream(firstStream + 1);
    pick->SetStream(firstStream + 2);
    std::vector<MessageRecord> messages;
    for (uint32_t h = 0; h < hosts; ++h)
    {
        double t = gap->GetValue();
        while (t < window)
        {
            MessageRecord m;
            m.src = h;
            m.dst = pick->GetInteger(0, hosts - 2);
            m.dst += m.dst >= h ? 1 : 0; // never the sender itself
            m.size = std::max<uint32_t>(1, static_cast<uint32_t>(size->GetInteger()));
            m.start = Seconds(t);
            messages.push_back(m);
            t += gap->GetValue();
        }
    }
    return messages;
}

std::vector<uint32_t>
MessageWorkload::SizeRanges(double fraction) const
{
    NS_ABORT_MSG_UNLESS(fraction > 0 && fraction <= 1,
                        "MessageWorkload::SizeRanges: the fraction is in (0, 1], not " << fraction);
    std::vector<uint32_t> bounds;
    double last = 0;
    for (size_t i = 0; i < m_points.size(); ++i)
    {
        auto size = static_cast<uint32_t>(std::ceil(m_points[i].first));
        bool end = i + 1 == m_points.size();
        if ((m_points[i].second - last >= fraction - 1e-12 || end) &&
            (bounds.empty() || size > bounds.back()))
        {
            bounds.push_back(size);
            last = m_points[i].second;
        }
    }
    return bounds;
}

} // namespace ns3
