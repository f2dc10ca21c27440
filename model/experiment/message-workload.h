/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MESSAGE_WORKLOAD_H
#define MESSAGE_WORKLOAD_H

#include "message-record.h"

#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <functional>
#include <istream>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

class EmpiricalRandomVariable;

/**
 * \ingroup homa
 * \brief A message-size distribution given as points of its CDF.
 *
 * The file holds one "size cumulative-probability" pair per line, sizes ascending, the
 * last probability 1; "#" starts a comment and a line with a single number (the mean, as
 * in the Homa paper's artifact files) is skipped. The module ships the paper's workloads
 * W1 to W5 in this format in workloads/W1.cdf ... W5.cdf (see the comments there for
 * their sources). Sampling follows the paper's simulator: draw u ~ U(0,1) and take the
 * first point whose probability is at least u (no interpolation).
 */
class MessageWorkload
{
  public:
    /**
     * \brief Read a distribution file; aborts with a message naming the file and line on
     * a malformed file.
     * \param path the file, or the name of a shipped workload ("W1" ... "W5")
     * \return the distribution
     */
    static MessageWorkload Load(const std::string& path);

    /// The largest message size a distribution may hold (sizes are 32-bit message lengths).
    static constexpr double MAX_SIZE = 4294967295.0;

    /**
     * \brief Read distribution points in Load's format without aborting.
     * \param in the text: "size cumulative_probability" per line, "#" comments, blank lines
     *        and lone numbers ignored; sizes 0..MAX_SIZE and probabilities 0..1, neither
     *        decreasing, the last probability 1
     * \param points set to the points read (emptied on error)
     * \param error set to "LINE: what is wrong" on error
     * \return true if the text is a valid distribution
     */
    static bool Parse(std::istream& in,
                      std::vector<std::pair<double, double>>& points,
                      std::string& error);

    /**
     * \brief W1 as the Homa paper's simulator drew it (PlatformLab/HomaSimulation,
     * sizeDistributions/FacebookKeyValueMsgSizeDist.txt and WorkloadEstimator's
     * FACEBOOK_KEY_VALUE branch): a table of sizes 1-15 B (cumulative 0.47 at 15 B), then a
     * generalized Pareto tail from 15 B (shape 0.348238, scale 214.476) in 1000 equal
     * probability steps up to 0.999, whose last size takes the remaining probability: sizes
     * up to about 4.9 KB, where the shipped W1 (the paper's artifact table) runs to 100 KB.
     * \return the distribution
     */
    static MessageWorkload SimulatorW1();

    /**
     * \param name a workload name: "W1" ... "W5", or NAME for a file NAME.cdf in the folder
     *        named by the environment variable HOMA_WORKLOADS (searched first)
     * \return the path of its file, or "" if there is none (or \p name is a path)
     */
    static std::string ShippedPath(const std::string& name);

    /**
     * \param points (size, cumulative probability) pairs, sizes ascending, last probability 1
     */
    explicit MessageWorkload(std::vector<std::pair<double, double>> points);

    /// \return the CDF points
    const std::vector<std::pair<double, double>>& GetPoints() const;
    /// \return the mean size computed from the points
    double GetMean() const;
    /**
     * \param f a function of the message size
     * \return its mean over the distribution (each point with its probability step)
     */
    double Expect(const std::function<double(uint32_t)>& f) const;
    /**
     * \param scale multiply every size by this (e.g. bytes per packet)
     * \return a random variable that samples sizes as the paper's simulator did
     */
    Ptr<EmpiricalRandomVariable> MakeRandomVariable(double scale = 1.0) const;

    /**
     * \brief Size ranges of about \p fraction of the messages each, as the paper's figures
     * bin messages (its simulator listed such ranges per workload, msgSizeRanges in
     * homaTransportConfig.ini): walking the distribution by size, a range ends at the first
     * size where the cumulative probability has grown by at least \p fraction since the last
     * range ended. A single size that holds more than \p fraction is a range of its own.
     * \param fraction of the messages per range, e.g. 0.01
     * \return the ranges' upper bounds (inclusive), ascending; the last is the largest size
     */
    std::vector<uint32_t> SizeRanges(double fraction) const;

    /**
     * \brief Draw a traffic schedule, as the paper's simulator generated traffic: each host
     * creates messages at Poisson arrivals (exponential gaps) from time 0 until \p window,
     * each to a host chosen uniformly among the others, with a size from this distribution.
     * Host by host, so the result is sorted by host, then by time. The draws come from three
     * random streams fixed by \p firstStream (sizes, gaps, destinations), so the same
     * arguments give the same schedule whatever else the simulation does.
     * \param hosts number of hosts (at least 2)
     * \param meanGap mean time between two messages of one host, in seconds
     * \param window seconds during which messages are created
     * \param firstStream the first of the three streams
     * \return the messages
     */
    std::vector<MessageRecord> DrawSchedule(uint32_t hosts,
                                            double meanGap,
                                            double window,
                                            int64_t firstStream) const;

  private:
    std::vector<std::pair<double, double>> m_points; //!< the CDF
};

} // namespace ns3

#endif /* MESSAGE_WORKLOAD_H */
