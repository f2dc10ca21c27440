/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SHARED_BUFFER_H
#define SHARED_BUFFER_H

#include "fabric-wire.h"

#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"
#include "ns3/traced-value.h"

#include <array>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup fabric
 * \brief One switch's packet buffer, shared by all its egress ports, as datacenter switch
 * chips have it (Broadcom Trident/Tomahawk, Mellanox Spectrum): every egress queue (a port's
 * priority level) takes its bytes from one pool of Size bytes.
 *
 * Admission (DYNAMIC_THRESHOLD, Choudhury and Hahne, "Dynamic queue length thresholds for
 * shared-memory packet switches", IEEE/ACM ToN 6(2), 1998): a packet joins queue (port,
 * level) if that queue holds less than T = alpha[level] x (Size - Q), Q the bytes the whole
 * pool holds, and the pool has room for it; a queue at or above its threshold accepts
 * nothing. With S queues saturated, each settles at alpha Size / (1 + alpha S) and
 * Size / (1 + alpha S) stays free for queues that start to fill. Alphas (one per level) set
 * the headroom of each level: a larger alpha lets a level take more of the free buffer.
 *
 * STATIC is the statically divided buffer that simulators often assume: each port may hold
 * PortLimit bytes (all levels together), whatever the other ports hold.
 *
 * Queues (PriorityDeviceQueue) ask Admit before they take a packet and call Release when it
 * leaves; AddPort numbers the ports. Occupancy is traced for the pool, and kept per port and
 * per (port, level); drops are counted per port, level and cause.
 */
class SharedBuffer : public Object
{
  public:
    /// How a packet is admitted.
    enum Policy
    {
        DYNAMIC_THRESHOLD, //!< per queue: below alpha x the free buffer (Choudhury-Hahne)
        STATIC,            //!< per port: below PortLimit
    };

    /// Why a packet was refused.
    enum Cause
    {
        POOL_FULL = 0, //!< the pool has no room for it
        THRESHOLD = 1, //!< its queue is at or above its dynamic threshold
        PORT_LIMIT = 2 //!< its port holds PortLimit bytes (STATIC)
    };

    /// Priority levels (queues per port).
    static constexpr uint32_t NUM_LEVELS = FabricWire::NUM_PRIORITIES;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SharedBuffer();
    ~SharedBuffer() override;

    /// \return a new port's index (0, 1, ...)
    uint32_t AddPort();
    /// \return the ports added
    uint32_t GetNPorts() const;

    /**
     * \brief Ask for room for a packet; on success its bytes are taken from the pool.
     * \param port the egress port
     * \param level its priority level (0-7)
     * \param bytes its size
     * \return true if admitted (then Release it when it leaves), false if dropped
     */
    bool Admit(uint32_t port, uint8_t level, uint32_t bytes);
    /**
     * \brief Give back the bytes of a packet that leaves (or is removed from) its queue.
     * \param port the egress port \param level its level \param bytes its size
     */
    void Release(uint32_t port, uint8_t level, uint32_t bytes);

    /// \return the pool's size in bytes
    uint64_t GetSize() const;
    /// \return bytes the pool holds now
    uint64_t GetOccupancy() const;
    /// \return the most bytes the pool has held
    uint64_t GetPeakOccupancy() const;
    /// \param port a port \return bytes it holds now (all levels)
    uint64_t GetPortOccupancy(uint32_t port) const;
    /// \param port a port \return the most bytes it has held
    uint64_t GetPortPeak(uint32_t port) const;
    /// \param port a port \param level a level \return bytes that queue holds now
    uint64_t GetQueueOccupancy(uint32_t port, uint8_t level) const;
    /// \param level a level \return the dynamic threshold of its queues now, in bytes
    uint64_t GetThreshold(uint8_t level) const;
    /// \param port a port \param level a level \param cause why \return packets dropped
    uint64_t GetDrops(uint32_t port, uint8_t level, Cause cause) const;
    /// \return packets dropped, every port, level and cause
    uint64_t GetTotalDrops() const;

    /**
     * \brief Start the occupancy statistics afresh (the time-weighted histogram and the
     * peak since the reset), e.g. when a measurement window opens.
     */
    void ResetStatistics();
    /// \return the most bytes held since the last ResetStatistics (or the start)
    uint64_t GetPeakSinceReset() const;
    /**
     * \brief The time-weighted quantile of the pool's occupancy since the last
     * ResetStatistics: the smallest occupancy (a multiple of HistogramBin) at or below which
     * the pool spent a fraction q of the time.
     * \param q the fraction, e.g. 0.99
     * \return bytes (0 if no time has passed)
     */
    uint64_t GetOccupancyQuantile(double q) const;

    /**
     * TracedCallback signature for drops.
     * \param port the egress port \param level the level \param bytes the packet's size
     * \param cause why (a Cause)
     */
    typedef void (*DropTracedCallback)(uint32_t port, uint8_t level, uint32_t bytes, int cause);

  private:
    /// \param text eight alphas, level 0 first (Alphas attribute)
    void SetAlphas(std::string text);
    /// \return the Alphas attribute
    std::string GetAlphas() const;
    /// \param port a port index (aborts if unknown)
    void CheckPort(uint32_t port) const;
    /// Count a drop. \param port \param level \param bytes \param cause
    void Refuse(uint32_t port, uint8_t level, uint32_t bytes, Cause cause);
    /// The occupancy is about to change: credit the time since the last change to its bin.
    void Account();

    /// One port's accounting.
    struct Port
    {
        std::array<uint64_t, NUM_LEVELS> bytes{};                  //!< per level
        uint64_t total{0};                                         //!< all levels
        uint64_t peak{0};                                          //!< most held
        std::array<std::array<uint64_t, 3>, NUM_LEVELS> drops{{}}; //!< per level, cause
    };

    uint64_t m_size;                        //!< Size attribute
    Policy m_policy;                        //!< Policy attribute
    std::array<double, NUM_LEVELS> m_alpha; //!< Alphas attribute
    uint64_t m_portLimit;                   //!< PortLimit attribute
    std::vector<Port> m_ports;              //!< per port
    TracedValue<uint64_t> m_occupancy;      //!< bytes held (Occupancy trace)
    uint64_t m_peak{0};                     //!< most bytes held
    uint64_t m_drops{0};                    //!< every drop
    uint32_t m_bin;                         //!< HistogramBin attribute
    std::vector<int64_t> m_timeAt;          //!< time (ns) spent per occupancy bin
    Time m_lastChange;                      //!< when the occupancy last changed
    uint64_t m_peakSinceReset{0};           //!< most bytes since ResetStatistics
    TracedCallback<uint32_t, uint8_t, uint32_t, int> m_dropTrace; //!< Drop trace
};

} // namespace ns3

#endif /* SHARED_BUFFER_H */
