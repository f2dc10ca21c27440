/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-workload.h"

#include "ns3/abort.h"
#include "ns3/random-variable-stream.h"

#include <fstream>
#include <sstream>

namespace ns3
{

#ifndef HOMA_WORKLOAD_DIR
#define HOMA_WORKLOAD_DIR "workloads"
#endif

std::string
HomaWorkload::ShippedPath(const std::string& name)
{
    if (name.size() != 2 || name[0] != 'W' || name[1] < '1' || name[1] > '5')
    {
        return "";
    }
    return std::string(HOMA_WORKLOAD_DIR) + "/" + name + ".cdf";
}

HomaWorkload
HomaWorkload::Load(const std::string& name)
{
    std::string path = ShippedPath(name).empty() ? name : ShippedPath(name);
    std::ifstream in(path);
    NS_ABORT_MSG_UNLESS(in, "HomaWorkload: cannot open " << path << " (give a CDF file or W1..W5)");
    std::string line;
    std::vector<std::pair<double, double>> points;
    int n = 0;
    while (std::getline(in, line))
    {
        ++n;
        if (line.find('#') != std::string::npos)
        {
            line.erase(line.find('#')); // comment
        }
        std::istringstream fields(line);
        double size;
        double prob;
        if (!(fields >> size))
        {
            continue; // blank line
        }
        if (!(fields >> prob))
        {
            continue; // a lone number: the mean, which the artifacts' files put first
        }
        NS_ABORT_MSG_UNLESS(prob >= 0 && prob <= 1 && size >= 0,
                            path << ":" << n << ": probability must be 0..1, size >= 0");
        NS_ABORT_MSG_UNLESS(points.empty() ||
                                (size >= points.back().first && prob >= points.back().second),
                            path << ":" << n << ": sizes and probabilities must not decrease");
        points.emplace_back(size, prob);
    }
    NS_ABORT_MSG_UNLESS(!points.empty() && points.back().second > 0.999999,
                        path << ": the last probability must be 1");
    return HomaWorkload(points);
}

HomaWorkload::HomaWorkload(std::vector<std::pair<double, double>> points)
    : m_points(std::move(points))
{
}

const std::vector<std::pair<double, double>>&
HomaWorkload::GetPoints() const
{
    return m_points;
}

double
HomaWorkload::GetMean() const
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
HomaWorkload::MakeRandomVariable(double scale) const
{
    Ptr<EmpiricalRandomVariable> rv = CreateObject<EmpiricalRandomVariable>();
    rv->SetInterpolate(false);
    double prev = -1;
    for (const auto& [size, prob] : m_points)
    {
        if (prob > prev) // repeated probabilities add nothing to sample from
        {
            rv->CDF(size * scale, prob);
            prev = prob;
        }
    }
    return rv;
}

} // namespace ns3
