/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SHARED_BUFFER_SERIES_H
#define SHARED_BUFFER_SERIES_H

#include "shared-buffer.h"

#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <deque>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup fabric
 * \brief Switch buffers' occupancy over time: for each buffer, the most bytes it held in each
 * interval of a fixed width.
 *
 * Follows each buffer's Occupancy trace from when it is added; an interval with no change
 * holds what the buffer held at its start. Write gives a CSV (the interval's start in ms,
 * then one column per buffer), what homa-datacenter --poolSeries writes.
 */
class SharedBufferSeries
{
  public:
    /// \param interval the intervals' width (positive)
    explicit SharedBufferSeries(Time interval);

    /**
     * \brief Follow a buffer from now on.
     * \param name its column's name
     * \param buffer the buffer
     */
    void Add(const std::string& name, Ptr<SharedBuffer> buffer);

    /**
     * \param i a buffer, in the order added
     * \param end the last instant to cover
     * \return the most bytes it held in each interval from time 0 to \p end
     */
    std::vector<uint64_t> GetMost(size_t i, Time end) const;

    /**
     * \brief Write the CSV: a header, then one line per interval from time 0 to \p end.
     * \param os where to write
     * \param end the last instant to cover
     */
    void Write(std::ostream& os, Time end) const;

  private:
    /// One buffer's intervals.
    struct Pool
    {
        const SharedBufferSeries* series; //!< the series
        std::vector<uint64_t> most;       //!< most bytes per interval, up to the last change
        uint64_t now;                     //!< bytes held now
    };

    /// A buffer's occupancy changed. \param p its intervals \param now the new value
    static void Changed(Pool* p, uint64_t, uint64_t now);

    Time m_interval;                  //!< interval width
    std::vector<std::string> m_names; //!< column names
    std::deque<Pool> m_pools;         //!< stable addresses for the trace callbacks
};

} // namespace ns3

#endif /* SHARED_BUFFER_SERIES_H */
