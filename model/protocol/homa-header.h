/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HOMA_HEADER_H
#define HOMA_HEADER_H

#include "ns3/header.h"
#include "ns3/ipv4-address.h"
#include "ns3/packet.h"

#include <array>
#include <cstdint>
#include <vector>

/**
 * \defgroup homa Homa
 * \brief The Homa transport protocol (HomaModule's wire format, the SIGCOMM 2018 paper's
 * receiver-driven grants), its socket API and applications, the TCP/DCTCP baselines and the
 * experiment tooling that compares them over the datacenter fabric (\ref fabric).
 */

namespace ns3
{

/**
 * \ingroup homa
 * \brief Constants of Homa's wire format and of the IPv4 packets that carry it, kept here
 * once for the protocol, the queue disc, the routing and the statistics.
 */
struct HomaWire
{
    static constexpr uint8_t PROTOCOL = 146;             //!< IP protocol number of Homa
    static constexpr uint8_t NUM_PRIORITIES = 8;         //!< priority levels (IPv4 TOS >> 5)
    static constexpr uint8_t PRIORITY_SHIFT = 5;         //!< a level travels as TOS = level << 5
    static constexpr uint32_t IPV4_HEADER = 20;          //!< IPv4 header without options
    static constexpr uint32_t IPV4_MAX_HEADER = 60;      //!< IPv4 header with the most options
    static constexpr uint32_t IPV4_TOS_OFFSET = 1;       //!< IPv4 TOS byte (priority)
    static constexpr uint32_t IPV4_TTL_OFFSET = 8;       //!< IPv4 time to live
    static constexpr uint32_t IPV4_PROTOCOL_OFFSET = 9;  //!< IPv4 protocol number
    static constexpr uint32_t IPV4_CHECKSUM_OFFSET = 10; //!< IPv4 header checksum (2 bytes)
    static constexpr uint32_t DATA_HEADER = 56;        //!< Homa DATA header (HomaDataHeader::SIZE)
    static constexpr uint32_t PPP_HEADER = 2;          //!< ns-3 point-to-point framing
    static constexpr uint16_t PPP_IPV4 = 0x0021;       //!< PPP protocol number of IPv4
    static constexpr uint16_t PPP_IPV6 = 0x0057;       //!< PPP protocol number of IPv6
    static constexpr uint16_t ETHERTYPE_IPV4 = 0x0800; //!< link-layer protocol number of IPv4
    static constexpr uint16_t ETHERTYPE_IPV6 = 0x86DD; //!< link-layer protocol number of IPv6
    /// flags of every packet Linux sends (HOMA_HIJACK_FLAGS, homa_hijack.h: SYN|RST)
    static constexpr uint8_t HIJACK_FLAGS = 6;
    /// urgent field of every packet Linux sends (HOMA_HIJACK_URGENT, homa_wire.h)
    static constexpr uint16_t HIJACK_URGENT = 0xb97d;
    /// IP protocol the checksum's pseudo-header names: Linux fills the checksum with
    /// tcp_v4_check (homa_hijack_set_hdr), so it is TCP's, 6, not Homa's 146
    static constexpr uint8_t CHECKSUM_PROTOCOL = 6;
    /// DATA seg.offset when the offset is in common.sequence (single-segment packets)
    static constexpr uint32_t SEG_OFFSET_NONE = 0xffffffff;
    static constexpr uint32_t SEG_HEADER = 4;          //!< a homa_seg_hdr (segment offset)
    static constexpr uint8_t DOFF_CONTROL = 20 << 2;   //!< doff of control packets (20 bytes)
    static constexpr uint8_t DOFF_DATA = 56 << 2;      //!< doff of single-segment DATA (56 bytes)
    static constexpr uint8_t DOFF_SEGMENTED = 52 << 2; //!< doff of multi-segment (GSO) DATA
    /// Bytes a DATA packet adds to its payload on a point-to-point link.
    static constexpr uint32_t DATA_OVERHEAD = IPV4_HEADER + DATA_HEADER + PPP_HEADER;

    /**
     * \param mtu the IP MTU of the path
     * \return message bytes per DATA packet
     */
    static constexpr uint32_t MaxPayload(uint32_t mtu)
    {
        return mtu - IPV4_HEADER - DATA_HEADER;
    }

    /**
     * \param bytes message bytes
     * \param maxPayload message bytes per DATA packet (MaxPayload)
     * \return the DATA packets that carry them
     */
    static constexpr uint64_t Packets(uint64_t bytes, uint32_t maxPayload)
    {
        return (bytes + maxPayload - 1) / maxPayload;
    }

    /**
     * \param bytes message bytes
     * \param maxPayload message bytes per DATA packet (MaxPayload)
     * \return the bytes their DATA packets take on a point-to-point link, headers included
     */
    static constexpr uint64_t WireBytes(uint64_t bytes, uint32_t maxPayload)
    {
        return bytes + Packets(bytes, maxPayload) * DATA_OVERHEAD;
    }

    /**
     * \brief The unscheduled part of a message: the bytes before the first packet that
     * needs a grant. Packets never straddle it.
     * \param length message bytes
     * \param unschedBytes bytes the sender may send without grants (UnschedBytes)
     * \param maxPayload message bytes per DATA packet (MaxPayload)
     * \param wholePackets true: rounded up to whole packets (HomaModule before ca8782f); false:
     * exactly unschedBytes, the last unscheduled packet cut short (the paper's simulator) \return
     * the offset where the scheduled packets start (at most the length)
     */
    static constexpr uint32_t UnscheduledPart(uint32_t length,
                                              uint32_t unschedBytes,
                                              uint32_t maxPayload,
                                              bool wholePackets)
    {
        uint64_t part =
            wholePackets ? Packets(unschedBytes, maxPayload) * maxPayload : unschedBytes;
        return part < length ? static_cast<uint32_t>(part) : length;
    }

    /**
     * \param offset where a packet starts (on the grid: multiples of maxPayload below
     *        \p unscheduled, then \p unscheduled plus multiples of maxPayload)
     * \param length message bytes
     * \param unscheduled the unscheduled part (UnscheduledPart)
     * \param maxPayload message bytes per DATA packet
     * \return one past the packet's last byte
     */
    static constexpr uint32_t PacketEnd(uint32_t offset,
                                        uint32_t length,
                                        uint32_t unscheduled,
                                        uint32_t maxPayload)
    {
        uint32_t limit = offset < unscheduled ? unscheduled : length;
        return limit - offset < maxPayload ? limit : offset + maxPayload;
    }

    /**
     * \param byte an offset in the message
     * \param unscheduled the unscheduled part (UnscheduledPart)
     * \param maxPayload message bytes per DATA packet
     * \return where the packet that carries it starts
     */
    static constexpr uint32_t PacketStart(uint32_t byte, uint32_t unscheduled, uint32_t maxPayload)
    {
        uint32_t base = byte < unscheduled ? 0 : unscheduled;
        return byte - (byte - base) % maxPayload;
    }

    /**
     * \param length message bytes
     * \param unscheduled the unscheduled part (UnscheduledPart)
     * \param maxPayload message bytes per DATA packet
     * \return the DATA packets of the message
     */
    static constexpr uint64_t MessagePackets(uint32_t length,
                                             uint32_t unscheduled,
                                             uint32_t maxPayload)
    {
        return Packets(unscheduled, maxPayload) + Packets(length - unscheduled, maxPayload);
    }
};

/**
 * \ingroup homa
 * \brief The 28-byte header that starts every Homa packet (Linux Homa wire format).
 *
 * The layout mirrors a 20-byte TCP header followed by the 8-byte RPC id, all
 * multi-byte fields big-endian:
 *
 * | offset | size | field     |
 * |--------|------|-----------|
 * | 0      | 2    | sport     |
 * | 2      | 2    | dport     |
 * | 4      | 4    | sequence  |
 * | 8      | 3    | unused    |
 * | 11     | 1    | type      |
 * | 12     | 1    | doff      |
 * | 13     | 1    | flags     |
 * | 14     | 2    | window    |
 * | 16     | 2    | checksum  |
 * | 18     | 2    | urgent    |
 * | 20     | 8    | sender_id |
 *
 * RPC_UNKNOWN, BUSY, NEED_ACK and FREEZE packets consist of this header alone;
 * every other packet type has a header class derived from this one.
 *
 * Fields are filled as HomaModule 9edb958 fills them (homa_xmit_control,
 * homa_tx_data_pkt_alloc, homa_hijack_set_hdr): flags 6 and urgent 0xb97d on every packet,
 * window 0, doff 0x50 on control packets and 0xE0 on DATA, and, with EnableChecksum, a
 * TCP-style checksum (pseudo-header with protocol 6) over the Homa header and payload.
 * Receivers read but do not check flags, urgent and checksum (nor does Linux).
 *
 * Linux neither sets nor reads window ("Not used by HOMA", homa_wire.h). This module puts the
 * incast optimization's mark there (paper section 3.6, HomaL4Protocol::IncastThreshold): on
 * the DATA packets of a marked request, the most unscheduled bytes the server may send in the
 * response; 0 (what Linux sends) leaves the response's unscheduled bytes as they are.
 */
class HomaCommonHeader : public Header
{
  public:
    /// Homa packet types (the current Linux numbering).
    enum Type : uint8_t
    {
        DATA = 0x10,        //!< part or all of a message
        GRANT = 0x11,       //!< receiver permits more data
        RESEND = 0x12,      //!< receiver asks for a byte range again
        RPC_UNKNOWN = 0x13, //!< no state for this RPC
        BUSY = 0x14,        //!< sender is alive but deliberately not sending
        CUTOFFS = 0x15,     //!< new unscheduled priority cutoffs
        FREEZE = 0x16,      //!< debugging only
        NEED_ACK = 0x17,    //!< server asks the client to acknowledge RPCs
        ACK = 0x18,         //!< client acknowledges RPCs so the server can free them
    };

    static constexpr uint32_t SIZE = 28;                             //!< bytes of the common header
    static constexpr uint32_t TYPE_OFFSET = 11;                      //!< offset of the type byte
    static constexpr uint32_t CHECKSUM_OFFSET = 16;                  //!< offset of the checksum
    static constexpr uint8_t TYPE_FIRST = DATA;                      //!< lowest valid type value
    static constexpr uint8_t TYPE_LAST = ACK;                        //!< highest valid type value
    static constexpr uint8_t NUM_TYPES = TYPE_LAST - TYPE_FIRST + 1; //!< number of packet types

    /**
     * \brief Whether a Homa packet is a control packet (any type but DATA), read from its
     * first bytes: the rule by which host NICs send control packets first.
     * \param bytes the packet's first bytes (its common header)
     * \param size how many there are
     * \return true for a control packet; false for DATA or too few bytes to tell
     */
    static bool IsControl(const uint8_t* bytes, uint32_t size)
    {
        return size > TYPE_OFFSET && bytes[TYPE_OFFSET] != DATA;
    }

    HomaCommonHeader();

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    /**
     * \param type a packet type value
     * \return the name of the type ("DATA", ...), or "UNKNOWN"
     */
    static const char* TypeName(uint8_t type);

    /**
     * \param type a packet type value
     * \return the size in bytes of the full header of that type, or 0 for an unknown type
     */
    static uint32_t HeaderSize(uint8_t type);

    /// \param port the source port
    void SetSourcePort(uint16_t port);
    /// \return the source port
    uint16_t GetSourcePort() const;
    /// \param port the destination port
    void SetDestinationPort(uint16_t port);
    /// \return the destination port
    uint16_t GetDestinationPort() const;
    /// \param seq the sequence field (DATA: byte offset of the first data byte)
    void SetSequence(uint32_t seq);
    /// \return the sequence field
    uint32_t GetSequence() const;
    /// \param type the packet type; also sets doff to the value Linux uses for it
    void SetType(uint8_t type);
    /// \return the packet type
    uint8_t GetType() const;
    /// \return the doff byte (high nibble: header length in 32-bit words)
    uint8_t GetDoff() const;
    /// \return the flags byte (HomaWire::HIJACK_FLAGS when sent by Linux or this module)
    uint8_t GetFlags() const;
    /// \return the urgent field (HomaWire::HIJACK_URGENT when sent by Linux or this module)
    uint16_t GetUrgent() const;
    /// \return the checksum field as received (0 when sent without EnableChecksum)
    uint16_t GetChecksum() const;
    /**
     * \param window the window field: on request DATA, the response's unscheduled-byte limit
     * of the incast optimization (0: none, as Linux sends)
     */
    void SetWindow(uint16_t window);
    /// \return the window field (0 from Linux)
    uint16_t GetWindow() const;

    /**
     * \brief Fill the checksum field when the header is serialized, as Linux does: the
     * one's-complement sum of a TCP pseudo-header (source, destination, protocol 6, the Homa
     * length) and of the Homa header and the payload after it.
     * \param source IPv4 source address of the packet
     * \param destination IPv4 destination address of the packet
     */
    void EnableChecksum(Ipv4Address source, Ipv4Address destination);

    /**
     * \brief Check the checksum of a whole Homa packet (header and payload).
     * \param packet the packet, starting at the Homa header
     * \param source IPv4 source address of the packet
     * \param destination IPv4 destination address of the packet
     * \return true if its checksum field holds the checksum Linux would have put there
     */
    static bool ChecksumOk(Ptr<const Packet> packet, Ipv4Address source, Ipv4Address destination);
    /// \param id the RPC id as known by the sender of this packet
    void SetSenderId(uint64_t id);
    /// \return the RPC id as known by the sender of this packet
    uint64_t GetSenderId() const;

  protected:
    /**
     * \brief Write the 28 common bytes.
     * \param i where to write; advanced past the common header
     */
    void SerializeCommon(Buffer::Iterator& i) const;
    /**
     * \brief Read the 28 common bytes.
     * \param i where to read; advanced past the common header
     */
    void DeserializeCommon(Buffer::Iterator& i);
    /**
     * \brief Print the common fields.
     * \param os the output stream
     */
    void PrintCommon(std::ostream& os) const;
    /**
     * \brief With EnableChecksum, write the checksum of the serialized packet; call last.
     * \param start the start of the header, as given to Serialize
     */
    void FinishChecksum(Buffer::Iterator start) const;
    /**
     * \brief The TCP-style checksum Linux uses (tcp_v4_check): pseudo-header with protocol 6.
     * \param start the first byte of the Homa packet
     * \param size bytes of the Homa packet (header and payload)
     * \param source IPv4 source address
     * \param destination IPv4 destination address
     * \return the checksum, in the byte order it is written with WriteU16
     */
    static uint16_t Checksum(Buffer::Iterator start,
                             uint32_t size,
                             Ipv4Address source,
                             Ipv4Address destination);

    uint8_t m_doff; //!< doff byte (high nibble: replicated header length in words)

  private:
    uint16_t m_sport;          //!< source port
    uint16_t m_dport;          //!< destination port
    uint32_t m_sequence;       //!< sequence (DATA offset)
    uint8_t m_type;            //!< packet type
    uint8_t m_flags;           //!< flags byte
    uint16_t m_urgent;         //!< urgent field
    uint16_t m_window;         //!< window field (the incast optimization's limit)
    uint16_t m_checksum;       //!< checksum field as received
    uint64_t m_senderId;       //!< RPC id of the packet's sender
    bool m_calcChecksum;       //!< EnableChecksum was called
    Ipv4Address m_source;      //!< pseudo-header source
    Ipv4Address m_destination; //!< pseudo-header destination
};

/**
 * \ingroup homa
 * \brief One acknowledgement: a client RPC id and the server port it went to.
 */
struct HomaAck
{
    uint64_t clientId{0};   //!< the client's (even) RPC id; 0 = none
    uint16_t serverPort{0}; //!< the server port of the acknowledged RPC
};

/**
 * \ingroup homa
 * \brief DATA packet header, 56 bytes, followed by message bytes.
 *
 * | offset | size | field          |
 * |--------|------|----------------|
 * | 0      | 28   | common         |
 * | 28     | 4    | message_length |
 * | 32     | 4    | incoming       |
 * | 36     | 8    | ack.client_id  |
 * | 44     | 2    | ack.server_port|
 * | 46     | 2    | cutoff_version |
 * | 48     | 1    | retransmit     |
 * | 49     | 3    | pad            |
 * | 52     | 4    | seg.offset     |
 *
 * Where the offset travels (HomaModule 9edb958, homa_get_offset): a packet's first
 * transmission carries its offset in common.sequence and 0xffffffff in seg.offset; a
 * retransmission carries it in both; a multi-segment (GSO/TSO) packet has doff 0xD0, its
 * first segment's offset in seg.offset and, after each further segment's data, a 4-byte
 * segment header with that segment's offset (SplitSegments). GetOffset reads it as Linux
 * does: seg.offset unless it is 0xffffffff, then sequence.
 */
class HomaDataHeader : public HomaCommonHeader
{
  public:
    static constexpr uint32_t SIZE = HomaWire::DATA_HEADER; //!< bytes of the DATA header

    HomaDataHeader();

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    /// \param length total length of the message
    void SetMessageLength(uint32_t length);
    /// \return total length of the message
    uint32_t GetMessageLength() const;
    /// \param incoming the sender will send bytes [0, incoming) without further grants
    void SetIncoming(uint32_t incoming);
    /// \return the incoming field
    uint32_t GetIncoming() const;
    /// \param ack a piggy-backed acknowledgement (clientId 0 = none)
    void SetAck(const HomaAck& ack);
    /// \return the piggy-backed acknowledgement
    HomaAck GetAck() const;
    /// \param version version of the receiver's cutoffs the sender used
    void SetCutoffVersion(uint16_t version);
    /// \return the cutoff version
    uint16_t GetCutoffVersion() const;
    /// \param retransmit true if sent in answer to a RESEND
    void SetRetransmit(bool retransmit);
    /// \return true if sent in answer to a RESEND
    bool GetRetransmit() const;
    /**
     * \param offset offset in the message of this packet's first byte: written to sequence,
     * and to seg.offset if the packet is a retransmission (else seg.offset is 0xffffffff)
     */
    void SetOffset(uint32_t offset);
    /// \return offset in the message of this packet's first byte
    uint32_t GetOffset() const;
    /// \return the seg.offset field as it travels (HomaWire::SEG_OFFSET_NONE: in sequence)
    uint32_t GetSegOffsetField() const;
    /// \return true if the packet holds several segments, each after a segment header
    /// (doff HomaWire::DOFF_SEGMENTED)
    bool IsSegmented() const;

    /**
     * \brief Cut the payload of a multi-segment DATA packet into its segments.
     *
     * The payload is the first segment's data, then for each further segment a 4-byte
     * big-endian offset and its data; all segments but the last are equally long. The
     * segment length is found from the offsets themselves (each equal to the previous one
     * plus the segment length), so any sender's MTU is read correctly.
     * \param payload the bytes after the 56-byte header
     * \param offset the first segment's offset (GetOffset)
     * \return (offset, data) per segment in order; the whole payload as one segment if no
     *         segment length makes the offsets consistent
     */
    static std::vector<std::pair<uint32_t, Ptr<Packet>>> SplitSegments(Ptr<const Packet> payload,
                                                                       uint32_t offset);

  private:
    uint32_t m_messageLength; //!< total message length
    uint32_t m_incoming;      //!< bytes promised without grants
    HomaAck m_ack;            //!< piggy-backed ack
    uint16_t m_cutoffVersion; //!< cutoff version in use
    uint8_t m_retransmit;     //!< 1 if a retransmission
    uint32_t m_offset;        //!< offset of the first byte (wherever it travels)
    uint32_t m_segField;      //!< seg.offset as received
};

/**
 * \ingroup homa
 * \brief GRANT packet header, 33 bytes: common + offset(4) + priority(1).
 */
class HomaGrantHeader : public HomaCommonHeader
{
  public:
    static constexpr uint32_t SIZE = 33; //!< bytes of the GRANT header

    HomaGrantHeader();

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    /// \param offset the sender may send everything below this offset
    void SetOffset(uint32_t offset);
    /// \return the granted offset
    uint32_t GetOffset() const;
    /// \param priority priority for the message's future scheduled DATA packets
    void SetPriority(uint8_t priority);
    /// \return the priority
    uint8_t GetPriority() const;

  private:
    uint32_t m_offset;  //!< granted offset
    uint8_t m_priority; //!< scheduled priority
};

/**
 * \ingroup homa
 * \brief RESEND packet header, 37 bytes: common + offset(4) + length(4) + priority(1).
 */
class HomaResendHeader : public HomaCommonHeader
{
  public:
    static constexpr uint32_t SIZE = 37;        //!< bytes of the RESEND header
    static constexpr uint32_t ALL = 0xffffffff; //!< length meaning "everything sent"

    HomaResendHeader();

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    /// \param offset first byte to retransmit
    void SetOffset(uint32_t offset);
    /// \return first byte to retransmit
    uint32_t GetOffset() const;
    /// \param length bytes to retransmit (ALL = everything sent so far)
    void SetLength(uint32_t length);
    /// \return bytes to retransmit
    uint32_t GetLength() const;
    /// \param priority priority for the retransmitted packets
    void SetPriority(uint8_t priority);
    /// \return priority for the retransmitted packets
    uint8_t GetPriority() const;

  private:
    uint32_t m_offset;  //!< first byte
    uint32_t m_length;  //!< number of bytes
    uint8_t m_priority; //!< retransmission priority
};

/**
 * \ingroup homa
 * \brief CUTOFFS packet header, 62 bytes: common + unsched_cutoffs[8] (4 B each) + version(2).
 */
class HomaCutoffsHeader : public HomaCommonHeader
{
  public:
    static constexpr uint32_t SIZE = 62; //!< bytes of the CUTOFFS header

    HomaCutoffsHeader();

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    /// \param cutoffs cutoffs[i] = largest message length that uses priority i
    void SetCutoffs(const std::array<uint32_t, HomaWire::NUM_PRIORITIES>& cutoffs);
    /// \return the cutoffs
    const std::array<uint32_t, HomaWire::NUM_PRIORITIES>& GetCutoffs() const;
    /// \param version the version of these cutoffs
    void SetCutoffVersion(uint16_t version);
    /// \return the version of these cutoffs
    uint16_t GetCutoffVersion() const;

  private:
    std::array<uint32_t, HomaWire::NUM_PRIORITIES> m_cutoffs; //!< unscheduled cutoffs
    uint16_t m_version;                                       //!< their version
};

/**
 * \ingroup homa
 * \brief ACK packet header, 80 bytes: common + num_acks(2) + 5 x {client_id(8), server_port(2)}.
 *
 * The RPC named by the common header is acknowledged as well as the listed ones.
 */
class HomaAckHeader : public HomaCommonHeader
{
  public:
    static constexpr uint32_t SIZE = 80;    //!< bytes of the ACK header
    static constexpr uint16_t MAX_ACKS = 5; //!< acks per packet (HOMA_MAX_ACKS_PER_PKT)

    HomaAckHeader();

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    /**
     * \brief Add an acknowledgement.
     * \param ack the ack
     * \return false (and nothing added) if MAX_ACKS are present already
     */
    bool AddAck(const HomaAck& ack);
    /// \return the num_acks field as received (may exceed MAX_ACKS in a malformed packet)
    uint16_t GetNumAcks() const;
    /// \return the valid acknowledgements (at most MAX_ACKS)
    std::vector<HomaAck> GetAcks() const;

  private:
    uint16_t m_numAcks;                   //!< num_acks field
    std::array<HomaAck, MAX_ACKS> m_acks; //!< the ack slots
};

} // namespace ns3

#endif /* HOMA_HEADER_H */
