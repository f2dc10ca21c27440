/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef DOWNLINK_TIMELINE_H
#define DOWNLINK_TIMELINE_H

#include "ns3/data-rate.h"
#include "ns3/ipv4-address.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <array>
#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

namespace ns3
{

class Ipv4;
class LeafSpineHelper;
class QueueDiscItem;
class SharedBuffer;

/**
 * \ingroup homa
 * \brief What one receiver's downlink carries and holds over time, interval by interval: each
 * message's bytes, the switch port's queue by priority level, the switch's shared pool, and
 * (for Homa) the receiver's granted-but-not-received bytes against its budget.
 *
 * Watch a receiver (WatchReceiver: its NIC; every IPv4 packet that arrives there is counted,
 * DATA payload per Homa message, TCP and UDP payload per connection), the switch port that
 * sends to it (WatchPort: its queue disc and device queue, bytes per level from each packet's
 * TOS; the switch's SharedBuffer if it has one) or both (WatchHost on a LeafSpineHelper
 * fabric). Nothing is sampled: every record follows the traces (Ipv4L3Protocol Rx, the
 * queues' Enqueue and Dequeue, SharedBuffer Occupancy, HomaL4Protocol TotalIncoming and
 * ActiveMessages), so an interval's values at its end are exact and its peaks are the true
 * peaks. Intervals are closed as the next trace fires after them, and by Finish; the
 * timeline schedules no event.
 *
 * The timeline must outlive the simulation's run (its traces call it); it holds no pointer
 * to the watched objects. Write gives three CSV files, WritePlot a gnuplot script that draws
 * several timelines (Homa beside TCP) on the same axes.
 */
class DownlinkTimeline
{
  public:
    /// Priority levels of the queue records.
    static constexpr uint32_t NUM_LEVELS = 8;

    /// One interval of the timeline.
    struct Interval
    {
        Time start;                               //!< its start
        uint64_t rxBytes{0};                      //!< IPv4 bytes (headers included) received
        uint32_t messages{0};                     //!< messages with payload received in it
        std::array<uint64_t, NUM_LEVELS> queue{}; //!< port queue bytes per level at its end
        uint64_t queuePeak{0};                    //!< most port queue bytes (all levels) in it
        uint64_t pool{0};                         //!< shared pool bytes at its end
        uint64_t poolPeak{0};                     //!< most shared pool bytes in it
        uint64_t incoming{0};                     //!< Homa: granted, not received, at its end
        uint64_t incomingPeak{0};                 //!< Homa: the most of that in it
        uint32_t active{0};                       //!< Homa: messages granted at its end
    };

    /// One message (Homa) or connection (TCP, UDP) seen at the receiver.
    struct Message
    {
        uint8_t protocol{0}; //!< IPv4 protocol (146 Homa, 6 TCP, 17 UDP)
        Ipv4Address source;  //!< sender's address
        uint16_t port{0};    //!< sender's port
        uint64_t id{0};      //!< Homa: the sender's RPC id (0 otherwise)
        uint32_t length{0};  //!< Homa: the message's length (0 otherwise)
        Time first;          //!< first payload byte received
        Time last;           //!< last payload byte received
        uint64_t bytes{0};   //!< payload bytes received (duplicates included)
    };

    /// A message's payload bytes in one interval.
    struct Share
    {
        uint32_t interval; //!< the interval (index into GetIntervals)
        uint32_t message;  //!< the message (index into GetMessages)
        uint64_t bytes;    //!< its payload bytes received in that interval
    };

    /// One timeline of a plot: CSV files that Write wrote (in this run or an earlier one).
    struct PlotRun
    {
        std::string label;  //!< its column's title (e.g. "homa")
        std::string prefix; //!< its CSV files' prefix, as Write was given it
    };

    /// \param interval the intervals' width (positive)
    explicit DownlinkTimeline(Time interval);

    /**
     * \brief Record only from \p start to \p stop (default: from 0 on). Call before the run.
     * \param start the first interval's start
     * \param stop no interval starts at or after it
     */
    void SetWindow(Time start, Time stop);

    /**
     * \brief Count what arrives at a host's NIC (IPv4 packets on its interface), and follow
     * the host's Homa receiver (TotalIncoming, ActiveMessages, MaxIncoming) if it runs Homa.
     * \param nic the receiver's NIC
     */
    void WatchReceiver(Ptr<NetDevice> nic);

    /**
     * \brief Follow the queue of the port that sends to the receiver: its root queue disc
     * (if any), its device queue, and its switch's SharedBuffer (if any).
     * \param port the switch port (or any device)
     */
    void WatchPort(Ptr<NetDevice> port);

    /**
     * \brief WatchReceiver on a fabric host's NIC and WatchPort on its ToR's port to it.
     * \param fabric an installed fabric
     * \param host the host's index
     */
    void WatchHost(const LeafSpineHelper& fabric, uint32_t host);

    /**
     * \brief Close the intervals up to \p end (the simulation's end): the last one may be
     * shorter. Call once, after the run.
     * \param end the last instant covered
     */
    void Finish(Time end);

    /// \return the intervals (complete after Finish)
    const std::vector<Interval>& GetIntervals() const;
    /// \return the messages, in the order of their first byte
    const std::vector<Message>& GetMessages() const;
    /// \return every message's bytes per interval (non-zero entries, by interval)
    const std::vector<Share>& GetShares() const;
    /// \return the intervals' width
    Time GetInterval() const;
    /// \return the watched port's rate (0 if none)
    DataRate GetRate() const;
    /// \return the Homa receiver's MaxIncoming (0 without Homa)
    uint64_t GetMaxIncoming() const;
    /// \return whether a Homa receiver is followed
    bool HasHoma() const;

    /**
     * \brief Write PREFIX-link.csv (one line per interval), PREFIX-messages.csv (one line per
     * message) and PREFIX-shares.csv (one line per message and interval with bytes; share is
     * the fraction of the port's rate). Aborts with a message when a file cannot be written.
     * \param prefix the files' prefix
     */
    void Write(const std::string& prefix) const;

    /**
     * \brief A gnuplot script that draws the timelines side by side, one column each, on the
     * same axes: messages over time (each message's share of the link), the port queue by
     * level, messages receiving bytes, and for Homa the granted-not-received bytes against
     * MaxIncoming (a row drawn only when a run followed Homa). The axes' ranges come from the
     * CSV files, read now; the script reads them again, under the same names, when gnuplot
     * runs it. Aborts with a message when a file is missing or not Write's.
     * \param os where to write the script
     * \param png the PNG file it draws
     * \param title the figure's title
     * \param runs the timelines' files
     */
    static void WritePlot(std::ostream& os,
                          const std::string& png,
                          const std::string& title,
                          const std::vector<PlotRun>& runs);

  private:
    /// Close the intervals that ended before now; open the first when the window starts.
    void Roll();
    /// Open the interval starting at \p start (none at or after the window's end).
    /// \param start its start
    void Open(Time start);
    /// \return the open interval's end (the window's end for the last one)
    Time End() const;
    /// Close the open interval with the current values.
    void Close();
    /// \return whether an interval is open (inside the window)
    bool Recording() const;
    /// The port queue changed by \p delta bytes at \p level.
    void QueueChange(uint8_t level, int64_t delta);

    /// Ipv4L3Protocol Rx trace. \param p the packet (IPv4 header in front) \param ipv4 the
    /// host's IPv4 \param interface the interface it arrived on
    void Received(Ptr<const Packet> p, Ptr<Ipv4> ipv4, uint32_t interface);
    /// Queue disc Enqueue trace. \param item the item
    void DiscEnqueue(Ptr<const QueueDiscItem> item);
    /// Queue disc Dequeue trace. \param item the item
    void DiscDequeue(Ptr<const QueueDiscItem> item);
    /// Device queue Enqueue trace. \param p the framed packet
    void DeviceEnqueue(Ptr<const Packet> p);
    /// Device queue Dequeue trace. \param p the framed packet
    void DeviceDequeue(Ptr<const Packet> p);
    /// SharedBuffer Occupancy trace. \param now the pool's bytes
    void PoolChanged(uint64_t, uint64_t now);
    /// HomaL4Protocol TotalIncoming trace. \param now the bytes
    void IncomingChanged(uint64_t, uint64_t now);
    /// HomaL4Protocol ActiveMessages trace. \param now the messages
    void ActiveChanged(uint32_t, uint32_t now);

    /// \param item a queue disc item \return its level (TOS >> 5; 7 when not IPv4)
    static uint8_t Level(Ptr<const QueueDiscItem> item);

    Time m_interval;                        //!< the intervals' width
    Time m_start;                           //!< the window's start
    Time m_stop;                            //!< the window's end
    bool m_open{false};                     //!< an interval is open
    bool m_finished{false};                 //!< Finish was called
    Interval m_current;                     //!< the open interval
    std::vector<Interval> m_intervals;      //!< closed intervals
    std::vector<Message> m_messages;        //!< messages by first byte
    std::vector<Share> m_shares;            //!< closed intervals' shares
    std::map<uint32_t, uint64_t> m_pending; //!< the open interval's bytes per message
    std::map<std::tuple<uint8_t, uint32_t, uint16_t, uint64_t>, uint32_t>
        m_index;                                //!< message index by (protocol, source, port, id)
    uint32_t m_interface{0};                    //!< the receiver's IPv4 interface
    std::array<uint64_t, NUM_LEVELS> m_queue{}; //!< port queue bytes per level now
    uint64_t m_queueTotal{0};                   //!< their sum
    uint64_t m_pool{0};                         //!< pool bytes now
    uint64_t m_incoming{0};                     //!< Homa incoming bytes now
    uint32_t m_active{0};                       //!< Homa active messages now
    uint64_t m_maxIncoming{0};                  //!< Homa MaxIncoming
    bool m_homa{false};                         //!< a Homa receiver is followed
    DataRate m_rate;                            //!< the port's rate
};

} // namespace ns3

#endif /* DOWNLINK_TIMELINE_H */
