/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HOMA_MESSAGE_H
#define HOMA_MESSAGE_H

#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup homa
 * \brief Sender-side state of one message: what is granted, sent and to be retransmitted.
 *
 * The message is cut into packets of at most \c maxPayload bytes: from 0 in steps of
 * \c maxPayload up to the end of the unscheduled part, then from there in steps of
 * \c maxPayload (HomaWire::PacketEnd; with whole-packet rounding, the Linux default, that is
 * one grid of multiples of \c maxPayload). A packet may be sent when its first byte lies
 * below the granted offset, so a grant that ends inside a packet authorises the whole packet.
 */
class HomaOutboundMessage
{
  public:
    /**
     * \param payload the whole message
     * \param maxPayload data bytes per packet
     * \param unschedBytes bytes that may be sent without grants
     * \param wholePackets true: unschedBytes rounded up to whole packets (HomaModule before
     * ca8782f); false: exactly unschedBytes (HomaWire::UnscheduledPart)
     */
    HomaOutboundMessage(Ptr<const Packet> payload,
                        uint32_t maxPayload,
                        uint32_t unschedBytes,
                        bool wholePackets = false);

    /// \return the message length in bytes
    uint32_t GetLength() const;
    /// \return data bytes per packet
    uint32_t GetMaxPayload() const;
    /// \return bytes sent without grants
    uint32_t GetUnscheduled() const;
    /// \return the granted offset
    uint32_t GetGranted() const;
    /**
     * \brief Raise the granted offset (never lowers it; capped at the length).
     * \param offset the new granted offset
     * \return true if the granted offset grew
     */
    bool Grant(uint32_t offset);
    /// \return bytes the receiver can expect without further grants (whole packets)
    uint32_t GetIncoming() const;
    /// \return the offset of the next packet never sent before
    uint32_t GetNextOffset() const;
    /// \return true if every byte has been sent at least once
    bool IsFullySent() const;
    /// \return bytes not yet sent once (the SRPT key of the pacer)
    uint32_t GetBytesLeft() const;
    /// \return bytes still to send: never sent once plus queued for retransmission (the
    /// pacer's SRPT key)
    uint32_t GetBytesToSend() const;
    /// \return true if a new or retransmitted packet may be sent now
    bool HasPacketReady() const;
    /// \return true if granted bytes remain unsent ("the ball is in our court")
    bool HasGrantedUnsent() const;
    /// \return the priority for scheduled packets (from the latest GRANT)
    uint8_t GetSchedPriority() const;
    /// \param priority priority for scheduled packets
    void SetSchedPriority(uint8_t priority);

    /**
     * \brief Queue the packets overlapping [offset, end) that were sent before for retransmission.
     * \param offset first byte asked for
     * \param end one past the last byte asked for
     * \param priority priority for the retransmitted packets
     * \return the number of packets queued
     */
    uint32_t QueueRetransmit(uint32_t offset, uint32_t end, uint8_t priority);

    /// Description of the next packet to send.
    struct NextPacket
    {
        uint32_t offset;   //!< offset of its first byte
        uint32_t size;     //!< data bytes
        bool retransmit;   //!< true for a retransmission
        uint8_t priority;  //!< priority of a retransmission (new data: chosen by the caller)
        uint32_t rangeEnd; //!< a retransmission: end of the range it answers (Linux puts it
                           //!< in the DATA incoming field); new data: 0
    };

    /**
     * \brief Take the next packet (retransmissions first) and mark it sent.
     * \return the packet description; requires HasPacketReady()
     */
    NextPacket TakeNextPacket();

    /**
     * \brief Copy of the bytes of one packet.
     * \param offset first byte
     * \param size number of bytes
     * \return the fragment
     */
    Ptr<Packet> GetFragment(uint32_t offset, uint32_t size) const;

    /// Forget everything sent so that the message restarts from offset 0 (after RPC_UNKNOWN).
    void Restart();

  private:
    Ptr<const Packet> m_payload; //!< the message
    uint32_t m_length;           //!< message length
    uint32_t m_maxPayload;       //!< bytes per packet
    uint32_t m_unscheduled;      //!< unscheduled bytes
    uint32_t m_granted;          //!< granted offset
    uint32_t m_nextOffset;       //!< first byte never sent
    uint8_t m_schedPriority;     //!< priority for scheduled packets
    /// packet offset -> (priority to resend at, end of the requested range)
    std::map<uint32_t, std::pair<uint8_t, uint32_t>> m_retransmit;
};

/**
 * \brief Receiver-side state of one message: reassembly by offset, gaps, grants.
 *
 * Packets may arrive in any order and with any boundaries; a packet that overlaps
 * bytes already held or lies outside the message is refused.
 */
class HomaInboundMessage
{
  public:
    /**
     * \param length the message length from the DATA header
     * \param incoming the sender's incoming promise from the DATA header
     */
    HomaInboundMessage(uint32_t length, uint32_t incoming);

    /// Result of adding a packet.
    enum AddResult
    {
        ADDED,     //!< new bytes stored
        DUPLICATE, //!< holds no byte that is missing: dropped
        INVALID,   //!< lies outside the message: dropped
    };

    /**
     * \brief Store one packet's bytes: those of its bytes that are missing (a packet that
     * overlaps bytes already held fills the gaps it covers; the first copy of a byte wins).
     * \param offset offset of its first byte
     * \param data its bytes
     * \return what happened
     */
    AddResult Add(uint32_t offset, Ptr<Packet> data);

    /// \return the message length
    uint32_t GetLength() const;
    /// \return bytes held
    uint32_t GetReceived() const;
    /// \return bytes still missing
    uint32_t GetBytesRemaining() const;
    /// \return true when every byte is held
    bool IsComplete() const;
    /// \return the offset up to which the sender may send (incoming or granted)
    uint32_t GetGranted() const;
    /// \param granted new granted offset (never lowered; capped at the length)
    void SetGranted(uint32_t granted);
    /// \return the priority given in the last grant
    uint8_t GetGrantPriority() const;
    /// \param priority the priority given in a grant
    void SetGrantPriority(uint8_t priority);
    /// \return true if every byte below the granted offset is held
    bool HasAllGranted() const;
    /// \return the offset of the first byte not held (the length once complete)
    uint32_t GetFirstMissing() const;

    /**
     * \brief Remember the level at which a range of scheduled bytes was granted.
     * \param from the granted offset before the grant
     * \param to the granted offset after it
     * \param priority the level the grant carried
     */
    void RecordGrant(uint32_t from, uint32_t to, uint8_t priority);
    /**
     * \param none what to return when no granted byte is outstanding
     * \return the lowest level among granted ranges not yet wholly received (bytes that a
     *         higher-level packet can overtake), or \p none
     */
    uint8_t GetLowestPendingPriority(uint8_t none) const;

    /**
     * \brief The missing byte ranges below the granted offset.
     * \return pairs of (offset, length)
     */
    std::vector<std::pair<uint32_t, uint32_t>> GetGaps() const;

    /// \return the whole message; requires IsComplete(). A message whose every byte is zero
    ///         comes back as ns-3's virtual zero-filled payload.
    Ptr<Packet> Assemble() const;

    /**
     * \param data bytes
     * \return true if every byte is zero
     */
    static bool IsAllZero(Ptr<const Packet> data);

  private:
    /**
     * \brief Hold [offset, end), which overlaps no held byte, merged with the held ranges it
     * touches.
     * \param offset first byte
     * \param end one past the last byte
     * \param data its bytes
     */
    void Store(uint32_t offset, uint32_t end, Ptr<Packet> data);

    uint32_t m_length;       //!< message length
    uint32_t m_received;     //!< bytes held
    uint32_t m_granted;      //!< granted offset
    uint8_t m_grantPriority; //!< last grant priority
    uint32_t m_firstMissing; //!< first byte not held
    /// Received byte ranges, merged: start -> one past the end (few entries: one per gap).
    std::map<uint32_t, uint32_t> m_ranges;
    /// Fragments that carry non-zero bytes, by offset. Zero-filled fragments (ns-3's virtual
    /// payload) are kept as ranges only, so that a message of zeros costs no memory per
    /// byte and Assemble returns a virtual payload.
    std::map<uint32_t, Ptr<Packet>> m_data;

    /// A range of bytes granted at one level.
    struct GrantedRange
    {
        uint32_t end;     //!< one past its last byte
        uint8_t priority; //!< its level
    };

    std::deque<GrantedRange> m_grantedRanges; //!< ranges beyond m_firstMissing, in order
};

} // namespace ns3

#endif /* HOMA_MESSAGE_H */
