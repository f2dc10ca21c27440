/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HOMA_CUTOFFS_H
#define HOMA_CUTOFFS_H

#include "homa-header.h"

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup homa
 * \brief Unscheduled priority cutoffs: parsing, derived values, and their computation
 * from a message-size distribution.
 *
 * cutoffs[i] is the largest message length that is sent unscheduled at priority i
 * (7 highest). A cutoff of at least HomaCutoffs::MAX_MESSAGE_LENGTH marks the lowest
 * unscheduled level; the levels below it are scheduled.
 */
class HomaCutoffs
{
  public:
    /// Largest Homa message (HOMA_MAX_MESSAGE_LENGTH).
    static constexpr uint32_t MAX_MESSAGE_LENGTH = 1000000;

    /// The array type.
    using Array = std::array<uint32_t, HomaWire::NUM_PRIORITIES>;

    /**
     * \brief Parse eight numbers, cutoffs[0] first, separated by spaces or commas.
     * \param text the text
     * \param[out] cutoffs the result
     * \return false if \p text does not hold exactly eight non-negative integers
     */
    static bool Parse(const std::string& text, Array& cutoffs);

    /**
     * \brief Format cutoffs as Parse reads them.
     * \param cutoffs the cutoffs
     * \return the text
     */
    static std::string Format(const Array& cutoffs);

    /**
     * \brief The highest scheduled priority level (Linux max_sched_prio).
     * \param cutoffs the cutoffs
     * \param numPriorities levels in use
     * \return i-1 for the highest i < numPriorities with cutoffs[i] >= MAX_MESSAGE_LENGTH, else 0
     */
    static uint8_t MaxSchedPriority(const Array& cutoffs, uint8_t numPriorities);

    /**
     * \brief The unscheduled priority of a message.
     * \param cutoffs the receiver's cutoffs
     * \param length message length in bytes
     * \param numPriorities levels in use
     * \return the highest level i (0 < i < numPriorities) whose cutoff is at least \p length
     *         (a cutoff of MAX_MESSAGE_LENGTH or more takes any length, so messages beyond
     *         Linux's limit, allowed by MaxMessageLength, use the lowest unscheduled level),
     *         else 0
     */
    static uint8_t UnscheduledPriority(const Array& cutoffs,
                                       uint32_t length,
                                       uint8_t numPriorities);

    /**
     * \brief Compute cutoffs from a message-size distribution.
     *
     * The byte share of unscheduled traffic U/B decides how many of the levels are
     * unscheduled (round(numPriorities * U / B), at least 1, at most numPriorities - 1 when
     * any message is scheduled); then the unscheduled levels are split so that each
     * carries about the same number of unscheduled bytes, smaller messages on higher levels.
     *
     * \param cdf points (size in bytes, cumulative probability), sizes ascending, last
     *            probability 1; a size is taken with the probability step that ends at it
     * \param unschedBytes bytes of each message sent unscheduled
     * \param numPriorities levels in use (1..8)
     * \param unschedLevels how many of them are unscheduled (the Homa paper's simulator fixed
     *        it per workload); 0 derives it from the byte share as described
     * \return the cutoffs
     */
    static Array FromDistribution(const std::vector<std::pair<double, double>>& cdf,
                                  uint32_t unschedBytes,
                                  uint8_t numPriorities,
                                  uint8_t unschedLevels);

    /**
     * \brief Compute cutoffs from a message-size distribution, deriving the number of
     * unscheduled levels from the byte share of unscheduled traffic.
     * \param cdf as above
     * \param unschedBytes bytes of each message sent unscheduled
     * \param numPriorities levels in use (1..8)
     * \return the cutoffs
     */
    static Array FromDistribution(const std::vector<std::pair<double, double>>& cdf,
                                  uint32_t unschedBytes,
                                  uint8_t numPriorities);

    /**
     * \brief Cutoffs on the bytes a message has left, as the Homa paper's simulator computed
     * them in its graduated mode (PlatformLab/HomaSimulation, PriorityResolver::setPrioCutOffs
     * with STATIC_CBF_GRADUATED, from WorkloadEstimator::getRemainSizeCdfCbf).
     *
     * Every message of the distribution is cut into packets; a packet counts if it is
     * unscheduled (it starts below \p unschedBytes) or if it and the packets after it carry
     * fewer than \p boostTailBytes bytes on the wire (the tail the receiver boosts). Each
     * counted packet adds its wire bytes, times the message's probability, at the bytes the
     * message has left when the packet leaves. The unscheduled levels then split that
     * cumulative-bytes curve into equal shares (the simulator's unschedPrioUsageWeight 1):
     * level 7 takes the packets with the fewest bytes left. Used with the HomaL4Protocol
     * attribute UnschedPriorityBy = Remaining, which compares these cutoffs with the bytes
     * left instead of the message length. A cutoff that would reach MAX_MESSAGE_LENGTH is
     * kept just below it (a cutoff of MAX_MESSAGE_LENGTH marks the lowest unscheduled level).
     *
     * \param cdf points (size in bytes, cumulative probability), as for FromDistribution
     * \param unschedBytes bytes of each message sent unscheduled
     * \param boostTailBytes wire bytes at the end of a message counted as boosted (0: none)
     * \param numPriorities levels in use (1..8)
     * \param unschedLevels how many of them are unscheduled (at least 1)
     * \param mtu IP MTU (packet sizes and their wire bytes)
     * \param wholePackets unschedBytes rounded up to whole packets (HomaL4Protocol's
     *        UnschedWholePackets; it sets where packets are cut)
     * \return the cutoffs
     */
    static Array FromDistributionGraduated(const std::vector<std::pair<double, double>>& cdf,
                                           uint32_t unschedBytes,
                                           uint32_t boostTailBytes,
                                           uint8_t numPriorities,
                                           uint8_t unschedLevels,
                                           uint32_t mtu = 1500,
                                           bool wholePackets = false);
};

} // namespace ns3

#endif /* HOMA_CUTOFFS_H */
