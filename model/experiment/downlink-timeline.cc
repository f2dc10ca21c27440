/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "downlink-timeline.h"

#include "ns3/abort.h"
#include "ns3/channel.h"
#include "ns3/fabric-wire.h"
#include "ns3/homa-header.h"
#include "ns3/homa-l4-protocol.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/leaf-spine-helper.h"
#include "ns3/log.h"
#include "ns3/priority-device-queue.h"
#include "ns3/shared-buffer.h"
#include "ns3/simulator.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/traffic-control-layer.h"
#include "ns3/udp-header.h"
#include "ns3/udp-l4-protocol.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DownlinkTimeline");

DownlinkTimeline::DownlinkTimeline(Time interval)
    : m_interval(interval),
      m_start(Seconds(0)),
      m_stop(Time::Max())
{
    NS_ABORT_MSG_UNLESS(interval.IsStrictlyPositive(),
                        "DownlinkTimeline: the interval must be positive");
}

void
DownlinkTimeline::SetWindow(Time start, Time stop)
{
    NS_ABORT_MSG_UNLESS(start.IsPositive() && stop > start,
                        "DownlinkTimeline::SetWindow: need 0 <= start < stop");
    NS_ABORT_MSG_IF(m_open || !m_intervals.empty(),
                    "DownlinkTimeline::SetWindow: call it before the run");
    m_start = start;
    m_stop = stop;
}

void
DownlinkTimeline::WatchReceiver(Ptr<NetDevice> nic)
{
    NS_ABORT_MSG_UNLESS(nic, "DownlinkTimeline::WatchReceiver: no device");
    Ptr<Node> node = nic->GetNode();
    Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>();
    NS_ABORT_MSG_UNLESS(ipv4,
                        "DownlinkTimeline::WatchReceiver: node " << node->GetId()
                                                                 << " has no IPv4 stack");
    int32_t interface = ipv4->GetInterfaceForDevice(nic);
    NS_ABORT_MSG_IF(interface < 0,
                    "DownlinkTimeline::WatchReceiver: the device has no IPv4 interface");
    m_interface = static_cast<uint32_t>(interface);
    ipv4->TraceConnectWithoutContext("Rx", MakeCallback(&DownlinkTimeline::Received, this));
    if (Ptr<HomaL4Protocol> homa = node->GetObject<HomaL4Protocol>())
    {
        m_homa = true;
        m_maxIncoming = homa->GetMaxIncoming();
        homa->TraceConnectWithoutContext("TotalIncoming",
                                         MakeCallback(&DownlinkTimeline::IncomingChanged, this));
        homa->TraceConnectWithoutContext("ActiveMessages",
                                         MakeCallback(&DownlinkTimeline::ActiveChanged, this));
    }
}

void
DownlinkTimeline::WatchPort(Ptr<NetDevice> port)
{
    NS_ABORT_MSG_UNLESS(port, "DownlinkTimeline::WatchPort: no device");
    Ptr<Node> node = port->GetNode();
    bool watched = false;
    if (Ptr<TrafficControlLayer> tc = node->GetObject<TrafficControlLayer>())
    {
        if (Ptr<QueueDisc> disc = tc->GetRootQueueDiscOnDevice(port))
        {
            disc->TraceConnectWithoutContext("Enqueue",
                                             MakeCallback(&DownlinkTimeline::DiscEnqueue, this));
            disc->TraceConnectWithoutContext("Dequeue",
                                             MakeCallback(&DownlinkTimeline::DiscDequeue, this));
            watched = true;
        }
    }
    if (Ptr<QueueBase> queue = LeafSpineHelper::DeviceQueue(port))
    {
        queue->TraceConnectWithoutContext("Enqueue",
                                          MakeCallback(&DownlinkTimeline::DeviceEnqueue, this));
        queue->TraceConnectWithoutContext("Dequeue",
                                          MakeCallback(&DownlinkTimeline::DeviceDequeue, this));
        watched = true;
    }
    NS_ABORT_MSG_UNLESS(watched, "DownlinkTimeline::WatchPort: the device has no queue");
    if (Ptr<SharedBuffer> pool = LeafSpineHelper::GetSharedBuffer(node))
    {
        m_pool = pool->GetOccupancy();
        pool->TraceConnectWithoutContext("Occupancy",
                                         MakeCallback(&DownlinkTimeline::PoolChanged, this));
    }
    DataRateValue rate;
    if (port->GetAttributeFailSafe("DataRate", rate))
    {
        m_rate = rate.Get();
    }
}

void
DownlinkTimeline::WatchHost(const LeafSpineHelper& fabric, uint32_t host)
{
    NS_ABORT_MSG_UNLESS(host < fabric.GetNHosts(),
                        "DownlinkTimeline::WatchHost: host " << host << " of "
                                                             << fabric.GetNHosts());
    Ptr<NetDevice> nic = fabric.GetHosts().Get(host)->GetDevice(1);
    Ptr<Channel> wire = nic->GetChannel();
    NS_ABORT_MSG_UNLESS(wire && wire->GetNDevices() == 2,
                        "DownlinkTimeline::WatchHost: host " << host << " has no link");
    WatchReceiver(nic);
    WatchPort(wire->GetDevice(0) == nic ? wire->GetDevice(1) : wire->GetDevice(0));
}

bool
DownlinkTimeline::Recording() const
{
    return m_open;
}

void
DownlinkTimeline::Roll()
{
    Time now = Simulator::Now();
    if (!m_open)
    {
        if (m_finished || now < m_start || m_current.start == m_stop)
        {
            return; // before the window, or after it
        }
        Open(m_start);
    }
    while (m_open && now >= End())
    {
        Close();
    }
}

Time
DownlinkTimeline::End() const
{
    return std::min(m_current.start + m_interval, m_stop);
}

void
DownlinkTimeline::Open(Time start)
{
    m_current = Interval();
    m_current.start = start;
    // The peaks start from what the interval begins with.
    m_current.queuePeak = m_queueTotal;
    m_current.poolPeak = m_pool;
    m_current.incomingPeak = m_incoming;
    m_open = start < m_stop;
}

void
DownlinkTimeline::Close()
{
    auto index = static_cast<uint32_t>(m_intervals.size());
    m_current.queue = m_queue;
    m_current.pool = m_pool;
    m_current.incoming = m_incoming;
    m_current.active = m_active;
    m_current.messages = static_cast<uint32_t>(m_pending.size());
    for (const auto& [message, bytes] : m_pending)
    {
        m_shares.push_back({index, message, bytes});
    }
    m_pending.clear();
    Time next = End();
    m_intervals.push_back(m_current);
    Open(next);
}

void
DownlinkTimeline::Finish(Time end)
{
    NS_ABORT_MSG_IF(m_finished, "DownlinkTimeline::Finish: called twice");
    NS_ABORT_MSG_UNLESS(end <= Simulator::Now(),
                        "DownlinkTimeline::Finish: " << end << " is still to come");
    if (!m_open && end > m_start && m_intervals.empty())
    {
        // No trace fired inside the window: open it now, with the values it started with.
        Open(m_start);
    }
    while (m_open && end >= End())
    {
        Close();
    }
    if (m_open && end > m_current.start)
    {
        Close(); // the last, shorter interval
    }
    m_open = false;
    m_finished = true;
}

const std::vector<DownlinkTimeline::Interval>&
DownlinkTimeline::GetIntervals() const
{
    return m_intervals;
}

const std::vector<DownlinkTimeline::Message>&
DownlinkTimeline::GetMessages() const
{
    return m_messages;
}

const std::vector<DownlinkTimeline::Share>&
DownlinkTimeline::GetShares() const
{
    return m_shares;
}

Time
DownlinkTimeline::GetInterval() const
{
    return m_interval;
}

DataRate
DownlinkTimeline::GetRate() const
{
    return m_rate;
}

uint64_t
DownlinkTimeline::GetMaxIncoming() const
{
    return m_maxIncoming;
}

bool
DownlinkTimeline::HasHoma() const
{
    return m_homa;
}

void
DownlinkTimeline::Received(Ptr<const Packet> p, Ptr<Ipv4>, uint32_t interface)
{
    if (interface != m_interface)
    {
        return;
    }
    Roll();
    if (!Recording())
    {
        return;
    }
    m_current.rxBytes += p->GetSize();
    Ptr<Packet> copy = p->Copy();
    Ipv4Header ip;
    copy->RemoveHeader(ip);
    uint32_t size = copy->GetSize();
    uint32_t payload = 0;
    uint16_t port = 0;
    uint64_t id = 0;
    uint32_t length = 0;
    uint8_t protocol = ip.GetProtocol();
    if (protocol == HomaL4Protocol::PROT_NUMBER)
    {
        if (size < HomaDataHeader::SIZE)
        {
            return; // control packets (or anything too short to be DATA) carry no bytes
        }
        HomaCommonHeader common;
        copy->PeekHeader(common);
        if (common.GetType() != HomaCommonHeader::DATA)
        {
            return;
        }
        HomaDataHeader data;
        copy->PeekHeader(data);
        payload = size - HomaDataHeader::SIZE;
        port = common.GetSourcePort();
        id = common.GetSenderId();
        length = data.GetMessageLength();
    }
    else if (protocol == TcpL4Protocol::PROT_NUMBER && size >= 20)
    {
        TcpHeader tcp;
        uint32_t header = copy->PeekHeader(tcp);
        payload = size > header ? size - header : 0;
        port = tcp.GetSourcePort();
    }
    else if (protocol == UdpL4Protocol::PROT_NUMBER && size >= 8)
    {
        UdpHeader udp;
        copy->PeekHeader(udp);
        payload = size - 8;
        port = udp.GetSourcePort();
    }
    if (payload == 0)
    {
        return;
    }
    auto key = std::make_tuple(protocol, ip.GetSource().Get(), port, id);
    auto [it, added] = m_index.emplace(key, static_cast<uint32_t>(m_messages.size()));
    if (added)
    {
        Message m;
        m.protocol = protocol;
        m.source = ip.GetSource();
        m.port = port;
        m.id = id;
        m.length = length;
        m.first = Simulator::Now();
        m_messages.push_back(m);
    }
    Message& m = m_messages[it->second];
    m.last = Simulator::Now();
    m.bytes += payload;
    m_pending[it->second] += payload;
}

uint8_t
DownlinkTimeline::Level(Ptr<const QueueDiscItem> item)
{
    uint8_t tos;
    if (!item->GetUint8Value(QueueItem::IP_DSFIELD, tos))
    {
        return NUM_LEVELS - 1; // not IPv4 (the queues send such frames first)
    }
    return tos >> FabricWire::PRIORITY_SHIFT;
}

void
DownlinkTimeline::QueueChange(uint8_t level, int64_t delta)
{
    Roll();
    m_queue[level] += delta;
    m_queueTotal += delta;
    if (Recording())
    {
        m_current.queuePeak = std::max(m_current.queuePeak, m_queueTotal);
    }
}

void
DownlinkTimeline::DiscEnqueue(Ptr<const QueueDiscItem> item)
{
    QueueChange(Level(item), item->GetSize());
}

void
DownlinkTimeline::DiscDequeue(Ptr<const QueueDiscItem> item)
{
    QueueChange(Level(item), -int64_t(item->GetSize()));
}

void
DownlinkTimeline::DeviceEnqueue(Ptr<const Packet> p)
{
    QueueChange(PriorityDeviceQueue::Classify(p), p->GetSize());
}

void
DownlinkTimeline::DeviceDequeue(Ptr<const Packet> p)
{
    QueueChange(PriorityDeviceQueue::Classify(p), -int64_t(p->GetSize()));
}

void
DownlinkTimeline::PoolChanged(uint64_t, uint64_t now)
{
    Roll();
    m_pool = now;
    if (Recording())
    {
        m_current.poolPeak = std::max(m_current.poolPeak, now);
    }
}

void
DownlinkTimeline::IncomingChanged(uint64_t, uint64_t now)
{
    Roll();
    m_incoming = now;
    if (Recording())
    {
        m_current.incomingPeak = std::max(m_current.incomingPeak, now);
    }
}

void
DownlinkTimeline::ActiveChanged(uint32_t, uint32_t now)
{
    Roll();
    m_active = now;
}

namespace
{

/// \param t a time \return it in microseconds, to the nanosecond
std::string
Us(Time t)
{
    std::ostringstream s;
    s << std::fixed << std::setprecision(3) << t.GetNanoSeconds() / 1000.0;
    return s.str();
}

/**
 * The numbers of a CSV file written by DownlinkTimeline::Write, header left out.
 * \param name the file
 * \return one row of numbers per line (fields that are not numbers, such as addresses, as 0)
 */
std::vector<std::vector<double>>
ReadCsv(const std::string& name)
{
    std::ifstream in(name);
    NS_ABORT_MSG_UNLESS(in, "DownlinkTimeline::WritePlot: cannot read " << name);
    std::vector<std::vector<double>> rows;
    std::string line;
    std::getline(in, line); // the header
    while (std::getline(in, line))
    {
        std::vector<double> row;
        std::istringstream fields(line);
        for (std::string f; std::getline(fields, f, ',');)
        {
            row.push_back(std::strtod(f.c_str(), nullptr));
        }
        rows.push_back(row);
    }
    return rows;
}

/// Open \p name for writing, or abort with a message.
std::ofstream
OpenCsv(const std::string& name)
{
    std::ofstream out(name);
    NS_ABORT_MSG_UNLESS(out, "DownlinkTimeline::Write: cannot write " << name);
    return out;
}

} // namespace

void
DownlinkTimeline::Write(const std::string& prefix) const
{
    std::ofstream link = OpenCsv(prefix + "-link.csv");
    link << "start_us,rx_bytes,messages";
    for (uint32_t l = 0; l < NUM_LEVELS; ++l)
    {
        link << ",level" << l;
    }
    link << ",queue_peak,pool,pool_peak,incoming,incoming_peak,max_incoming,active\n";
    for (const Interval& i : m_intervals)
    {
        link << Us(i.start) << "," << i.rxBytes << "," << i.messages;
        for (uint64_t b : i.queue)
        {
            link << "," << b;
        }
        link << "," << i.queuePeak << "," << i.pool << "," << i.poolPeak << "," << i.incoming << ","
             << i.incomingPeak << "," << m_maxIncoming << "," << i.active << "\n";
    }
    std::ofstream messages = OpenCsv(prefix + "-messages.csv");
    messages << "message,protocol,source,port,id,length,first_us,last_us,bytes\n";
    for (size_t k = 0; k < m_messages.size(); ++k)
    {
        const Message& m = m_messages[k];
        messages << k << "," << +m.protocol << "," << m.source << "," << m.port << "," << m.id
                 << "," << m.length << "," << Us(m.first) << "," << Us(m.last) << "," << m.bytes
                 << "\n";
    }
    std::ofstream shares = OpenCsv(prefix + "-shares.csv");
    shares << "start_us,message,bytes,share\n";
    double capacity = m_rate.GetBitRate() * m_interval.GetSeconds() / 8; // bytes per interval
    for (const Share& s : m_shares)
    {
        shares << Us(m_intervals[s.interval].start) << "," << s.message << "," << s.bytes << ","
               << std::setprecision(4) << (capacity > 0 ? s.bytes / capacity : 0) << "\n";
    }
}

void
DownlinkTimeline::WritePlot(std::ostream& os,
                            const std::string& png,
                            const std::string& title,
                            const std::vector<PlotRun>& runs)
{
    NS_ABORT_MSG_IF(runs.empty(), "DownlinkTimeline::WritePlot: no timeline");
    // Common axes, from the files: the earliest start and latest end, the most messages, the
    // highest queue and pool, the most messages receiving bytes at once.
    double startMs = 1e300;
    double endMs = 0;
    uint64_t queueMax = 1;
    uint64_t poolMax = 0;
    uint64_t messagesMax = 1;
    uint64_t receivingMax = 1;
    uint64_t incomingMax = 1;
    std::vector<double> ivs;    // each run's interval, us
    std::vector<bool> homaRuns; // each run followed Homa
    for (const PlotRun& r : runs)
    {
        std::vector<std::vector<double>> link = ReadCsv(r.prefix + "-link.csv");
        NS_ABORT_MSG_IF(link.empty(),
                        "DownlinkTimeline::WritePlot: " << r.prefix << "-link.csv has no interval");
        double iv = link.size() > 1 ? link[1][0] - link[0][0] : 1;
        bool homa = false;
        for (const std::vector<double>& row : link)
        {
            NS_ABORT_MSG_UNLESS(row.size() == 18,
                                "DownlinkTimeline::WritePlot: " << r.prefix
                                                                << "-link.csv is not Write's");
            startMs = std::min(startMs, row[0] / 1000);
            endMs = std::max(endMs, (row[0] + iv) / 1000);
            queueMax = std::max(queueMax, static_cast<uint64_t>(row[11]));
            poolMax = std::max(poolMax, static_cast<uint64_t>(row[13]));
            receivingMax = std::max(
                {receivingMax, static_cast<uint64_t>(row[2]), static_cast<uint64_t>(row[17])});
            incomingMax = std::max(
                {incomingMax, static_cast<uint64_t>(row[15]), static_cast<uint64_t>(row[16])});
            homa = homa || row[16] > 0;
        }
        messagesMax = std::max<uint64_t>(messagesMax, ReadCsv(r.prefix + "-messages.csv").size());
        ivs.push_back(iv);
        homaRuns.push_back(homa);
    }
    bool homa = std::find(homaRuns.begin(), homaRuns.end(), true) != homaRuns.end();
    size_t rows = homa ? 4 : 3;
    os << "# Drawn by DownlinkTimeline::WritePlot; the CSV files are DownlinkTimeline::Write's.\n"
       << "set terminal pngcairo size " << 560 * runs.size() + 160 << "," << 250 * rows + 60
       << " font ',10'\n"
       << "set output '" << png << "'\n"
       << "set datafile separator ','\n"
       << "set xrange [" << startMs << ":" << endMs << "]\n"
       << "set multiplot layout " << rows << "," << runs.size() << " title \"" << title << "\"\n"
       << "set linetype 11 lc rgb '#3b4cc0'\nset linetype 12 lc rgb '#6788ee'\n"
       << "set linetype 13 lc rgb '#9abbff'\nset linetype 14 lc rgb '#c9d7f0'\n"
       << "set linetype 15 lc rgb '#edd1c2'\nset linetype 16 lc rgb '#f7a889'\n"
       << "set linetype 17 lc rgb '#e26952'\nset linetype 18 lc rgb '#b40426'\n"
       << "set palette defined (0 '#fde0c5', 0.5 '#f08050', 1 '#7a0403')\n"
       << "set cbrange [0:1]\n";
    // Row 1: each message's bytes per interval, as its share of the link.
    for (size_t c = 0; c < runs.size(); ++c)
    {
        const PlotRun& r = runs[c];
        os << "iv = " << ivs[c] << "  # interval, us\n"
           << "set title '" << r.label << ": messages over time (colour: share of the link)'\n"
           << "set ylabel 'message or connection'\nset yrange [-1:" << messagesMax << "]\n"
           << (c + 1 == runs.size() ? "set colorbox\n" : "unset colorbox\n") << "plot '" << r.prefix
           << "-shares.csv' every ::1 using (($1+iv/2)/1000):2:(iv/2000):(0.45):4 "
              "with boxxyerror lc palette fs solid border notitle\n";
    }
    os << "unset colorbox\nset key top right maxrows 3 font ',8'\n";
    // Row 2: the port's queue by level, stacked (level 0 at the bottom).
    for (size_t c = 0; c < runs.size(); ++c)
    {
        const PlotRun& r = runs[c];
        os << "iv = " << ivs[c] << "\n"
           << "set title '" << r.label << ": the port queue by priority level'\n"
           << "set ylabel 'queue (kB)'\nset yrange [0:" << queueMax * 1.1 / 1000 << "]\n";
        if (poolMax > 0)
        {
            os << "set y2label 'switch pool (kB)'\nset y2range [0:" << poolMax * 1.1 / 1000
               << "]\nset y2tics\n";
        }
        os << "plot for [L=7:0:-1] '" << r.prefix
           << "-link.csv' every ::1 using (($1+iv)/1000):(sum [k=0:L] column(4+k))/1000 "
              "with filledcurves x1 lt 11+L title "
           << (c == 0 ? "sprintf('level %d', L)" : "''") << ", '" << r.prefix
           << "-link.csv' every ::1 using (($1+iv)/1000):($12/1000) with steps lc 'black' "
              "title 'peak in the interval'";
        if (poolMax > 0)
        {
            os << ", '" << r.prefix
               << "-link.csv' every ::1 using (($1+iv)/1000):($14/1000) axes x1y2 with steps "
                  "lc 'gray40' dt 2 title 'switch pool'";
        }
        os << "\n";
    }
    os << "unset y2label\nunset y2tics\n";
    // Row 3: messages receiving bytes per interval (and Homa's granted messages).
    for (size_t c = 0; c < runs.size(); ++c)
    {
        const PlotRun& r = runs[c];
        os << "iv = " << ivs[c] << "\n"
           << "set title '" << r.label << ": messages receiving bytes'\n"
           << "set ylabel 'messages'\nset yrange [0:" << receivingMax * 1.4 + 1 << "]\n"
           << (rows == 3 ? "set xlabel 'time (ms)'\n" : "") << "plot '" << r.prefix
           << "-link.csv' every ::1 using (($1+iv)/1000):3 with steps lc 'black' title "
              "'receiving bytes'";
        if (homaRuns[c])
        {
            os << ", '" << r.prefix
               << "-link.csv' every ::1 using (($1+iv)/1000):18 with steps lc 'red' dt 2 title "
                  "'granted (Homa active)'";
        }
        os << "\n";
    }
    if (homa)
    {
        // Row 4: the Homa receiver's granted-but-not-received bytes against its budget.
        os << "set xlabel 'time (ms)'\n";
        for (size_t c = 0; c < runs.size(); ++c)
        {
            const PlotRun& r = runs[c];
            if (!homaRuns[c])
            {
                os << "set multiplot next\n";
                continue;
            }
            os << "iv = " << ivs[c] << "\n"
               << "set title '" << r.label << ": granted, not yet received, against MaxIncoming'\n"
               << "set ylabel 'bytes (kB)'\nset yrange [0:" << incomingMax * 1.4 / 1000 << "]\n"
               << "plot '" << r.prefix
               << "-link.csv' every ::1 using (($1+iv)/1000):($16/1000) with steps lc 'black' "
                  "title 'incoming (peak in the interval)', '"
               << r.prefix
               << "-link.csv' every ::1 using (($1+iv)/1000):($17/1000) with lines lc 'red' dt 2 "
                  "title 'MaxIncoming'\n";
        }
    }
    os << "unset multiplot\n";
}

} // namespace ns3
