/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

// libFuzzer target: the text the module reads from users (utils/fuzz.sh builds and runs it).
// The first byte chooses the reader, the rest is the text:
//  - even: a workload distribution file (MessageWorkload::Parse). A file that parses has sizes
//    and probabilities in range and not decreasing, the last probability 1; the workload
//    built from it draws sizes among its points, and its size ranges and graduated cutoffs
//    are computed without failing.
//  - odd: the UnschedCutoffs attribute's string (HomaCutoffs::Parse). Cutoffs that parse
//    format to text that parses to the same cutoffs; text that does not parse leaves the
//    cutoffs unchanged.

#include "ns3/homa-cutoffs.h"
#include "ns3/message-workload.h"
#include "ns3/random-variable-stream.h"

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>

using namespace ns3;

namespace
{

void
Fail(const char* what)
{
    std::cerr << "homa-fuzz-text: " << what << "\n";
    std::abort();
}

void
Workload(const std::string& text)
{
    std::istringstream in(text);
    std::vector<std::pair<double, double>> points;
    std::string error;
    if (!MessageWorkload::Parse(in, points, error))
    {
        if (error.empty() || !points.empty())
        {
            Fail("a rejected file left points or no error");
        }
        return;
    }
    for (size_t k = 0; k < points.size(); ++k)
    {
        const auto& [size, prob] = points[k];
        if (!(size >= 0 && size <= MessageWorkload::MAX_SIZE && prob >= 0 && prob <= 1) ||
            (k > 0 && (size < points[k - 1].first || prob < points[k - 1].second)))
        {
            Fail("an accepted point is out of range or decreasing");
        }
    }
    if (points.size() > 2000)
    {
        return; // the per-point work below is quadratic; such files are read correctly above
    }
    MessageWorkload w(points);
    Ptr<EmpiricalRandomVariable> sizes = w.MakeRandomVariable();
    sizes->SetStream(1);
    for (int k = 0; k < 8; ++k)
    {
        auto s = static_cast<uint32_t>(sizes->GetValue());
        bool found = false;
        for (const auto& point : points)
        {
            found = found || static_cast<uint32_t>(point.first) == s;
        }
        if (!found)
        {
            Fail("a drawn size is not one of the file's sizes");
        }
    }
    w.GetMean();
    w.SizeRanges(0.01);
    if (points.back().first <= 30e6) // it walks every packet of every size: W5's largest
    {
        HomaCutoffs::FromDistributionGraduated(points, 9328, 10000, 8, 7);
        HomaCutoffs::FromDistributionGraduated(points, 9328, 10000, 8, 7, 1500, false);
    }
}

void
Cutoffs(const std::string& text)
{
    HomaCutoffs::Array before{1, 2, 3, 4, 5, 6, 7, 8};
    HomaCutoffs::Array cutoffs = before;
    if (!HomaCutoffs::Parse(text, cutoffs))
    {
        if (cutoffs != before)
        {
            Fail("a rejected string changed the cutoffs");
        }
        return;
    }
    HomaCutoffs::Array again{};
    if (!HomaCutoffs::Parse(HomaCutoffs::Format(cutoffs), again) || again != cutoffs)
    {
        Fail("formatted cutoffs do not parse back to themselves");
    }
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
    {
        return 0;
    }
    std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    if (data[0] % 2 == 0)
    {
        Workload(text);
    }
    else
    {
        Cutoffs(text);
    }
    return 0;
}
