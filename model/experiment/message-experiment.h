/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MESSAGE_EXPERIMENT_H
#define MESSAGE_EXPERIMENT_H

#include "message-record.h"
#include "message-stats.h"
#include "message-transport.h"
#include "message-workload.h"

#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/shared-buffer.h"

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace ns3
{

class LeafSpineHelper;
class Packet;

/**
 * \ingroup homa
 * \brief A traffic experiment on a leaf-spine fabric, for any MessageTransport: every host
 * sends one-way messages with Poisson arrivals to hosts chosen uniformly among the others,
 * sizes drawn from a workload, at an offered load given as a fraction of the host link
 * rate; the schedule is drawn before the run from fixed random streams, so every transport
 * carries the same messages.
 *
 * It records when each message was delivered, the message bytes delivered in each tenth of
 * the arrival window next to what a work-conserving fabric would deliver
 * (MessageStats::WorkConservingBytes), and the run's counters. Under MPI each rank runs its
 * own hosts; Finish gathers everything on rank 0.
 *
 * \code
 *   LeafSpineHelper fabric;
 *   Ptr<HomaMessageTransport> homa = CreateObject<HomaMessageTransport>();
 *   MessageExperiment exp(fabric, homa);
 *   exp.SetWorkload(MessageWorkload::Load("W3"));
 *   exp.SetLoad(0.5);
 *   exp.SetWindow(MilliSeconds(1));
 *   exp.Setup();
 *   Simulator::Stop(MilliSeconds(50));
 *   Simulator::Run();
 *   exp.Finish();
 *   std::vector<double> slowdowns = exp.GetSlowdowns(MessageStats::PIPELINED);
 * \endcode
 */
class MessageExperiment
{
  public:
    /// Parts of the arrival window whose delivered bytes are counted one by one.
    static constexpr size_t TENTHS = 10;

    /// What one rank counted.
    struct RankCounters
    {
        uint64_t tenthBytes[TENTHS]; //!< message bytes received by the end of each tenth of
                                     //!< the window (the fifth: half; the last: all of it)
        uint64_t packets;            //!< data packets received
        uint64_t hostSentBytes;      //!< bytes hosts sent in the window's second half
        uint64_t backlog;            //!< senders' bytes left (TCP)
        uint64_t events;             //!< events executed
        uint64_t peakMiB;            //!< peak memory, MiB
        uint64_t linkPackets;        //!< packets put on links (every kind, every hop)
        uint64_t opened;             //!< connections the senders opened (TCP)
        uint64_t openedMost;         //!< ... the most by one host
        uint64_t poolPeak;           //!< shared buffers: the most bytes one switch held
        uint64_t poolP99;            //!< ... the largest time-weighted p99 (second half)
        uint64_t poolDrops;          //!< ... packets they refused
        uint64_t failed;             //!< messages the transport reported failed
        uint64_t retransmitted;      //!< data packets sent again
        uint64_t lostFrames;         //!< frames lost on failed ToR-spine wires
    };

    /// A switch's shared buffer (LeafSpineHelper::SetSharedBuffer) over the run.
    struct SwitchBuffer
    {
        uint32_t node{0};  //!< the switch's node id
        uint64_t peak{0};  //!< the most bytes it held
        uint64_t p99{0};   //!< time-weighted p99 of its occupancy in the window's second half
        uint64_t drops{0}; //!< packets it refused
    };

    /**
     * \param fabric the fabric (configured, not installed: Setup installs it)
     * \param transport the transport (not installed)
     */
    MessageExperiment(LeafSpineHelper& fabric, Ptr<MessageTransport> transport);

    /// \param workload the message-size distribution
    void SetWorkload(const MessageWorkload& workload);
    /// \param load offered load per host, a fraction of the host link rate
    void SetLoad(double load);
    /**
     * \param bytes what one message of a size counts for the load (default
     *        MessageStats::WireBytes: its DATA bytes with their headers)
     */
    void SetLoadBytes(std::function<double(uint32_t)> bytes);
    /// \param window how long messages arrive
    void SetWindow(Time window);

    /**
     * \brief Set up the fabric's ports for the transport, install the fabric (random streams
     * from 1000) and the transport, draw the schedule (streams from 1) and schedule every
     * host's first message.
     */
    void Setup();

    /**
     * \brief After Simulator::Run(), on every rank: match deliveries to their messages and
     * total the counters. Under MPI each rank saw only its own hosts: every rank's records
     * go to rank 0, where the messages and the getters then hold the whole run (the other
     * ranks' hold their own).
     */
    void Finish();

    /// \return the schedule and its outcome (end negative: not delivered)
    const std::vector<MessageRecord>& GetMessages() const;
    /// \return the message-size distribution
    const MessageWorkload& GetWorkload() const;
    /// \return the transport
    Ptr<MessageTransport> GetTransport() const;

    /**
     * \param model how the ideal time is computed (MessageStats::IdealMessageTime)
     * \return each message's ideal time alone on the idle fabric (1500-byte MTU): over two
     *         host links within a rack, over host, ToR-spine, spine-ToR and host links
     *         between racks
     */
    std::vector<Time> GetIdealTimes(MessageStats::IdealModel model) const;
    /**
     * \param ideal each message's ideal time (GetIdealTimes)
     * \return each message's slowdown (completion over ideal time; -1: not delivered)
     */
    std::vector<double> GetSlowdowns(const std::vector<Time>& ideal) const;

    /// \return message bytes delivered during the second half of the arrival window
    uint64_t GetWindowBytes() const;
    /// \return message bytes of the messages created during the second half of the window
    uint64_t GetOfferedBytes() const;
    /// \return message bytes that a work-conserving fabric would deliver in the second half
    uint64_t GetWorkConservingBytes() const;
    /**
     * \brief Steady state, tenth by tenth: at steady state the bytes created and not yet
     * delivered stop growing; a transport that falls behind the load leaves more and more
     * behind the work-conserving fabric once that fabric's own backlog has levelled off.
     * \return for each tenth of the arrival window: message bytes delivered in it, bytes of
     *         the messages created in it, and what a work-conserving fabric delivers in it
     */
    std::vector<std::array<uint64_t, 3>> GetTenths() const;
    /// \return bytes hosts sent in the window's second half over what their links could carry
    double GetMeasuredHostLoad() const;

    /// \return what each rank counted (after Finish; one entry when serial)
    const std::vector<RankCounters>& GetRanks() const;
    /// \return events executed, over every rank (after Finish)
    uint64_t GetEvents() const;
    /// \return data packets received by hosts, over every rank (after Finish)
    uint64_t GetPacketsReceived() const;
    /// \return packets of every kind put on a link, once per hop, over every rank (after
    ///         Finish): the fabric's unit of work
    uint64_t GetLinkPackets() const;
    /// \return the senders' bytes left, over every rank (after Finish)
    uint64_t GetBacklog() const;
    /// \return connections opened, in all and the most by one host (after Finish)
    std::pair<uint64_t, uint64_t> GetConnectionsOpened() const;
    /// \return this rank's switches' shared buffers (after Finish; empty without them)
    const std::vector<SwitchBuffer>& GetSwitchBuffers() const;
    /// \return the most bytes one switch's shared buffer held, over every rank (after Finish)
    uint64_t GetPoolPeak() const;
    /// \return the largest time-weighted p99 of a switch's shared buffer in the window's
    ///         second half, over every rank (after Finish)
    uint64_t GetPoolP99() const;
    /// \return packets the shared buffers refused, over every rank (after Finish)
    uint64_t GetPoolDrops() const;
    /// \return messages the transport reported failed, over every rank (after Finish)
    uint64_t GetFailed() const;
    /// \return data packets the hosts sent again, over every rank (after Finish)
    uint64_t GetRetransmitted() const;
    /// \return frames lost on failed ToR-spine wires (LeafSpineHelper::ScheduleLinkFault),
    ///         over every rank (after Finish)
    uint64_t GetLostFrames() const;

  private:
    /// Draw every message, announce it to its receiver, schedule each host's first.
    void DrawSchedule();
    /// Send message \p i of host \p h and schedule the host's next. \param h \param i
    void SendNext(uint32_t h, size_t i);
    /// \param r a message delivered at one of this rank's hosts
    void Delivered(const MessageRecord& r);
    /// \param p a packet a host sent
    void HostSent(Ptr<const Packet> p);
    /// \param h a host \return true if this rank simulates it (always, when serial)
    bool IsLocal(uint32_t h) const;
    /// \return packets this rank's devices took into their transmit queues, not dropped
    uint64_t CountLinkPackets() const;
    /// Watch this rank's switches' shared buffers over the window's second half.
    void WatchSwitchBuffers();
    /// \param field a counter \return its sum over the ranks (after Finish)
    uint64_t Total(uint64_t RankCounters::*field) const;
    /// \param field a counter \return its largest value over the ranks (after Finish)
    uint64_t Most(uint64_t RankCounters::*field) const;

    LeafSpineHelper& m_fabric;                   //!< the fabric
    Ptr<MessageTransport> m_transport;           //!< the transport
    std::optional<MessageWorkload> m_workload;   //!< size distribution
    double m_load{0.5};                          //!< offered load
    std::function<double(uint32_t)> m_loadBytes; //!< a message's bytes for the load
    Time m_window{MilliSeconds(1)};              //!< arrival window
    uint32_t m_n{0};                             //!< hosts
    std::vector<MessageRecord> m_messages;       //!< the schedule
    std::vector<size_t> m_first;                 //!< first message of each host
    std::vector<std::array<uint64_t, 4>> m_sent; //!< (src, dst, id, message) started here
    std::vector<MessageRecord> m_receipts;       //!< deliveries at this rank's hosts
    std::array<uint64_t, TENTHS> m_tenthBytes{}; //!< bytes received by each tenth's end
    uint64_t m_hostSentBytes{0};                 //!< bytes hosts sent, second half
    std::vector<RankCounters> m_ranks;           //!< each rank's counters (Finish)
    std::vector<Ptr<SharedBuffer>> m_buffers;    //!< this rank's switches' buffers
    std::vector<SwitchBuffer> m_switchBuffers;   //!< and what they did
};

} // namespace ns3

#endif /* MESSAGE_EXPERIMENT_H */
