/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-header.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HomaHeader");

NS_OBJECT_ENSURE_REGISTERED(HomaCommonHeader);
NS_OBJECT_ENSURE_REGISTERED(HomaDataHeader);
NS_OBJECT_ENSURE_REGISTERED(HomaGrantHeader);
NS_OBJECT_ENSURE_REGISTERED(HomaResendHeader);
NS_OBJECT_ENSURE_REGISTERED(HomaCutoffsHeader);
NS_OBJECT_ENSURE_REGISTERED(HomaAckHeader);

/* ---------------------------------------------------------------- common */

HomaCommonHeader::HomaCommonHeader()
    : m_doff(HomaWire::DOFF_CONTROL),
      m_sport(0),
      m_dport(0),
      m_sequence(0),
      m_type(0),
      m_flags(HomaWire::HIJACK_FLAGS),
      m_urgent(HomaWire::HIJACK_URGENT),
      m_window(0),
      m_checksum(0),
      m_senderId(0),
      m_calcChecksum(false)
{
}

TypeId
HomaCommonHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::HomaCommonHeader")
                            .SetParent<Header>()
                            .SetGroupName("Homa")
                            .AddConstructor<HomaCommonHeader>();
    return tid;
}

TypeId
HomaCommonHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
HomaCommonHeader::GetSerializedSize() const
{
    return SIZE;
}

const char*
HomaCommonHeader::TypeName(uint8_t type)
{
    switch (type)
    {
    case DATA:
        return "DATA";
    case GRANT:
        return "GRANT";
    case RESEND:
        return "RESEND";
    case RPC_UNKNOWN:
        return "RPC_UNKNOWN";
    case BUSY:
        return "BUSY";
    case CUTOFFS:
        return "CUTOFFS";
    case FREEZE:
        return "FREEZE";
    case NEED_ACK:
        return "NEED_ACK";
    case ACK:
        return "ACK";
    default:
        return "UNKNOWN";
    }
}

uint32_t
HomaCommonHeader::HeaderSize(uint8_t type)
{
    switch (type)
    {
    case DATA:
        return HomaDataHeader::SIZE;
    case GRANT:
        return HomaGrantHeader::SIZE;
    case RESEND:
        return HomaResendHeader::SIZE;
    case CUTOFFS:
        return HomaCutoffsHeader::SIZE;
    case ACK:
        return HomaAckHeader::SIZE;
    case RPC_UNKNOWN:
    case BUSY:
    case FREEZE:
    case NEED_ACK:
        return SIZE;
    default:
        return 0;
    }
}

void
HomaCommonHeader::SerializeCommon(Buffer::Iterator& i) const
{
    i.WriteHtonU16(m_sport);
    i.WriteHtonU16(m_dport);
    i.WriteHtonU32(m_sequence);
    i.WriteU8(0, 3); // unused high bytes of the TCP ack field
    i.WriteU8(m_type);
    i.WriteU8(m_doff);
    i.WriteU8(HomaWire::HIJACK_FLAGS);
    i.WriteHtonU16(m_window);
    i.WriteHtonU16(0); // checksum: FinishChecksum fills it once the whole header is written
    i.WriteHtonU16(HomaWire::HIJACK_URGENT);
    i.WriteHtonU64(m_senderId);
}

uint16_t
HomaCommonHeader::Checksum(Buffer::Iterator start,
                           uint32_t size,
                           Ipv4Address source,
                           Ipv4Address destination)
{
    // As UdpHeader does: the pseudo-header's sum first, then the packet's own bytes.
    Buffer pseudo(12);
    pseudo.AddAtStart(12);
    Buffer::Iterator p = pseudo.Begin();
    p.WriteHtonU32(source.Get());
    p.WriteHtonU32(destination.Get());
    p.WriteU8(0);
    p.WriteU8(HomaWire::CHECKSUM_PROTOCOL);
    p.WriteHtonU16(static_cast<uint16_t>(size));
    p = pseudo.Begin();
    uint16_t pseudoSum = ~(p.CalculateIpChecksum(12));
    return start.CalculateIpChecksum(static_cast<uint16_t>(size), pseudoSum);
}

void
HomaCommonHeader::FinishChecksum(Buffer::Iterator start) const
{
    if (!m_calcChecksum)
    {
        return;
    }
    // Over the header just written and the payload after it: all of the buffer from start.
    uint16_t checksum = Checksum(start, start.GetSize(), m_source, m_destination);
    Buffer::Iterator i = start;
    i.Next(CHECKSUM_OFFSET);
    i.WriteU16(checksum);
}

void
HomaCommonHeader::EnableChecksum(Ipv4Address source, Ipv4Address destination)
{
    m_calcChecksum = true;
    m_source = source;
    m_destination = destination;
}

bool
HomaCommonHeader::ChecksumOk(Ptr<const Packet> packet, Ipv4Address source, Ipv4Address destination)
{
    uint32_t size = packet->GetSize();
    if (size < SIZE)
    {
        return false;
    }
    // With the right checksum in place, the checksum over the whole packet comes out 0.
    std::vector<uint8_t> bytes(size);
    packet->CopyData(bytes.data(), size);
    Buffer buffer(size);
    buffer.AddAtStart(size);
    buffer.Begin().Write(bytes.data(), size);
    return Checksum(buffer.Begin(), size, source, destination) == 0;
}

void
HomaCommonHeader::DeserializeCommon(Buffer::Iterator& i)
{
    m_sport = i.ReadNtohU16();
    m_dport = i.ReadNtohU16();
    m_sequence = i.ReadNtohU32();
    i.Next(3);
    m_type = i.ReadU8();
    m_doff = i.ReadU8();
    m_flags = i.ReadU8();
    m_window = i.ReadNtohU16();
    m_checksum = i.ReadNtohU16();
    m_urgent = i.ReadNtohU16();
    m_senderId = i.ReadNtohU64();
}

void
HomaCommonHeader::PrintCommon(std::ostream& os) const
{
    os << TypeName(m_type) << " " << m_sport << " > " << m_dport << " id=" << m_senderId;
    if (m_window != 0)
    {
        os << " incastLimit=" << m_window;
    }
}

void
HomaCommonHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    SerializeCommon(i);
    FinishChecksum(start);
}

uint32_t
HomaCommonHeader::Deserialize(Buffer::Iterator start)
{
    DeserializeCommon(start);
    return SIZE;
}

void
HomaCommonHeader::Print(std::ostream& os) const
{
    PrintCommon(os);
}

void
HomaCommonHeader::SetSourcePort(uint16_t port)
{
    m_sport = port;
}

uint16_t
HomaCommonHeader::GetSourcePort() const
{
    return m_sport;
}

void
HomaCommonHeader::SetDestinationPort(uint16_t port)
{
    m_dport = port;
}

uint16_t
HomaCommonHeader::GetDestinationPort() const
{
    return m_dport;
}

void
HomaCommonHeader::SetSequence(uint32_t seq)
{
    m_sequence = seq;
}

uint32_t
HomaCommonHeader::GetSequence() const
{
    return m_sequence;
}

void
HomaCommonHeader::SetType(uint8_t type)
{
    m_type = type;
    // DATA replicates a 56-byte (14-word) header; all other types use 20 bytes (5 words).
    m_doff = type == DATA ? HomaWire::DOFF_DATA : HomaWire::DOFF_CONTROL;
}

uint8_t
HomaCommonHeader::GetType() const
{
    return m_type;
}

uint8_t
HomaCommonHeader::GetDoff() const
{
    return m_doff;
}

uint8_t
HomaCommonHeader::GetFlags() const
{
    return m_flags;
}

uint16_t
HomaCommonHeader::GetUrgent() const
{
    return m_urgent;
}

uint16_t
HomaCommonHeader::GetChecksum() const
{
    return m_checksum;
}

void
HomaCommonHeader::SetWindow(uint16_t window)
{
    m_window = window;
}

uint16_t
HomaCommonHeader::GetWindow() const
{
    return m_window;
}

void
HomaCommonHeader::SetSenderId(uint64_t id)
{
    m_senderId = id;
}

uint64_t
HomaCommonHeader::GetSenderId() const
{
    return m_senderId;
}

/* ---------------------------------------------------------------- DATA */

HomaDataHeader::HomaDataHeader()
    : m_messageLength(0),
      m_incoming(0),
      m_cutoffVersion(0),
      m_retransmit(0),
      m_offset(0),
      m_segField(HomaWire::SEG_OFFSET_NONE)
{
    SetType(DATA);
}

TypeId
HomaDataHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::HomaDataHeader")
                            .SetParent<HomaCommonHeader>()
                            .SetGroupName("Homa")
                            .AddConstructor<HomaDataHeader>();
    return tid;
}

TypeId
HomaDataHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
HomaDataHeader::GetSerializedSize() const
{
    return SIZE;
}

void
HomaDataHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    SerializeCommon(i);
    i.WriteHtonU32(m_messageLength);
    i.WriteHtonU32(m_incoming);
    i.WriteHtonU64(m_ack.clientId);
    i.WriteHtonU16(m_ack.serverPort);
    i.WriteHtonU16(m_cutoffVersion);
    i.WriteU8(m_retransmit);
    i.WriteU8(0, 3);
    // Linux: first transmissions leave the offset in sequence alone (homa_tx_data_pkt_alloc),
    // retransmissions write it to both (homa_resend_data).
    i.WriteHtonU32(m_retransmit ? m_offset : HomaWire::SEG_OFFSET_NONE);
    FinishChecksum(start);
}

uint32_t
HomaDataHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    DeserializeCommon(i);
    m_messageLength = i.ReadNtohU32();
    m_incoming = i.ReadNtohU32();
    m_ack.clientId = i.ReadNtohU64();
    m_ack.serverPort = i.ReadNtohU16();
    m_cutoffVersion = i.ReadNtohU16();
    m_retransmit = i.ReadU8();
    i.Next(3);
    m_segField = i.ReadNtohU32();
    m_offset = m_segField == HomaWire::SEG_OFFSET_NONE ? GetSequence() : m_segField;
    return SIZE;
}

void
HomaDataHeader::Print(std::ostream& os) const
{
    PrintCommon(os);
    os << " len=" << m_messageLength << " off=" << m_offset << " incoming=" << m_incoming
       << " cutoff_version=" << m_cutoffVersion;
    if (m_retransmit)
    {
        os << " retransmit";
    }
    if (m_ack.clientId != 0)
    {
        os << " ack=" << m_ack.clientId << ":" << m_ack.serverPort;
    }
}

void
HomaDataHeader::SetMessageLength(uint32_t length)
{
    m_messageLength = length;
}

uint32_t
HomaDataHeader::GetMessageLength() const
{
    return m_messageLength;
}

void
HomaDataHeader::SetIncoming(uint32_t incoming)
{
    m_incoming = incoming;
}

uint32_t
HomaDataHeader::GetIncoming() const
{
    return m_incoming;
}

void
HomaDataHeader::SetAck(const HomaAck& ack)
{
    m_ack = ack;
}

HomaAck
HomaDataHeader::GetAck() const
{
    return m_ack;
}

void
HomaDataHeader::SetCutoffVersion(uint16_t version)
{
    m_cutoffVersion = version;
}

uint16_t
HomaDataHeader::GetCutoffVersion() const
{
    return m_cutoffVersion;
}

void
HomaDataHeader::SetRetransmit(bool retransmit)
{
    m_retransmit = retransmit ? 1 : 0;
}

bool
HomaDataHeader::GetRetransmit() const
{
    return m_retransmit != 0;
}

void
HomaDataHeader::SetOffset(uint32_t offset)
{
    m_offset = offset;
    SetSequence(offset);
}

uint32_t
HomaDataHeader::GetOffset() const
{
    return m_offset;
}

uint32_t
HomaDataHeader::GetSegOffsetField() const
{
    return m_segField;
}

bool
HomaDataHeader::IsSegmented() const
{
    return m_doff == HomaWire::DOFF_SEGMENTED;
}

std::vector<std::pair<uint32_t, Ptr<Packet>>>
HomaDataHeader::SplitSegments(Ptr<const Packet> payload, uint32_t offset)
{
    uint32_t size = payload->GetSize();
    std::vector<uint8_t> bytes(size);
    payload->CopyData(bytes.data(), size);
    auto wordAt = [&bytes](uint32_t k) {
        return (uint32_t(bytes[k]) << 24) | (uint32_t(bytes[k + 1]) << 16) |
               (uint32_t(bytes[k + 2]) << 8) | bytes[k + 3];
    };
    std::vector<std::pair<uint32_t, Ptr<Packet>>> segments;
    // Try each segment length: the first that makes every segment header hold
    // the previous offset plus that length wins.
    for (uint32_t len = 1; len + HomaWire::SEG_HEADER < size; ++len)
    {
        if (wordAt(len) != offset + len)
        {
            continue;
        }
        segments.clear();
        uint32_t k = 0;
        uint32_t segOffset = offset;
        bool ok = true;
        while (k < size)
        {
            if (k > 0)
            {
                if (k + HomaWire::SEG_HEADER >= size || wordAt(k) != segOffset)
                {
                    ok = false;
                    break;
                }
                k += HomaWire::SEG_HEADER;
            }
            uint32_t n = std::min(len, size - k);
            segments.emplace_back(segOffset, payload->CreateFragment(k, n));
            k += n;
            segOffset += n;
        }
        if (ok)
        {
            return segments;
        }
    }
    // No further segment header found: the payload is a single segment (a packet that a
    // NIC's TSO already cut, or one whose segments are inconsistent, which the receiver's
    // length checks then refuse).
    segments.clear();
    if (size > 0)
    {
        segments.emplace_back(offset, payload->Copy());
    }
    return segments;
}

/* ---------------------------------------------------------------- GRANT */

HomaGrantHeader::HomaGrantHeader()
    : m_offset(0),
      m_priority(0)
{
    SetType(GRANT);
}

TypeId
HomaGrantHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::HomaGrantHeader")
                            .SetParent<HomaCommonHeader>()
                            .SetGroupName("Homa")
                            .AddConstructor<HomaGrantHeader>();
    return tid;
}

TypeId
HomaGrantHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
HomaGrantHeader::GetSerializedSize() const
{
    return SIZE;
}

void
HomaGrantHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    SerializeCommon(i);
    i.WriteHtonU32(m_offset);
    i.WriteU8(m_priority);
    FinishChecksum(start);
}

uint32_t
HomaGrantHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    DeserializeCommon(i);
    m_offset = i.ReadNtohU32();
    m_priority = i.ReadU8();
    return SIZE;
}

void
HomaGrantHeader::Print(std::ostream& os) const
{
    PrintCommon(os);
    os << " offset=" << m_offset << " prio=" << +m_priority;
}

void
HomaGrantHeader::SetOffset(uint32_t offset)
{
    m_offset = offset;
}

uint32_t
HomaGrantHeader::GetOffset() const
{
    return m_offset;
}

void
HomaGrantHeader::SetPriority(uint8_t priority)
{
    m_priority = priority;
}

uint8_t
HomaGrantHeader::GetPriority() const
{
    return m_priority;
}

/* ---------------------------------------------------------------- RESEND */

HomaResendHeader::HomaResendHeader()
    : m_offset(0),
      m_length(0),
      m_priority(0)
{
    SetType(RESEND);
}

TypeId
HomaResendHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::HomaResendHeader")
                            .SetParent<HomaCommonHeader>()
                            .SetGroupName("Homa")
                            .AddConstructor<HomaResendHeader>();
    return tid;
}

TypeId
HomaResendHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
HomaResendHeader::GetSerializedSize() const
{
    return SIZE;
}

void
HomaResendHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    SerializeCommon(i);
    i.WriteHtonU32(m_offset);
    i.WriteHtonU32(m_length);
    i.WriteU8(m_priority);
    FinishChecksum(start);
}

uint32_t
HomaResendHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    DeserializeCommon(i);
    m_offset = i.ReadNtohU32();
    m_length = i.ReadNtohU32();
    m_priority = i.ReadU8();
    return SIZE;
}

void
HomaResendHeader::Print(std::ostream& os) const
{
    PrintCommon(os);
    os << " offset=" << m_offset << " length=";
    if (m_length == ALL)
    {
        os << "all";
    }
    else
    {
        os << m_length;
    }
    os << " prio=" << +m_priority;
}

void
HomaResendHeader::SetOffset(uint32_t offset)
{
    m_offset = offset;
}

uint32_t
HomaResendHeader::GetOffset() const
{
    return m_offset;
}

void
HomaResendHeader::SetLength(uint32_t length)
{
    m_length = length;
}

uint32_t
HomaResendHeader::GetLength() const
{
    return m_length;
}

void
HomaResendHeader::SetPriority(uint8_t priority)
{
    m_priority = priority;
}

uint8_t
HomaResendHeader::GetPriority() const
{
    return m_priority;
}

/* ---------------------------------------------------------------- CUTOFFS */

HomaCutoffsHeader::HomaCutoffsHeader()
    : m_cutoffs{},
      m_version(0)
{
    SetType(CUTOFFS);
}

TypeId
HomaCutoffsHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::HomaCutoffsHeader")
                            .SetParent<HomaCommonHeader>()
                            .SetGroupName("Homa")
                            .AddConstructor<HomaCutoffsHeader>();
    return tid;
}

TypeId
HomaCutoffsHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
HomaCutoffsHeader::GetSerializedSize() const
{
    return SIZE;
}

void
HomaCutoffsHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    SerializeCommon(i);
    for (uint32_t c : m_cutoffs)
    {
        i.WriteHtonU32(c);
    }
    i.WriteHtonU16(m_version);
    FinishChecksum(start);
}

uint32_t
HomaCutoffsHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    DeserializeCommon(i);
    for (uint32_t& c : m_cutoffs)
    {
        c = i.ReadNtohU32();
    }
    m_version = i.ReadNtohU16();
    return SIZE;
}

void
HomaCutoffsHeader::Print(std::ostream& os) const
{
    PrintCommon(os);
    os << " cutoffs=[";
    for (size_t k = 0; k < m_cutoffs.size(); ++k)
    {
        os << (k ? " " : "") << m_cutoffs[k];
    }
    os << "] version=" << m_version;
}

void
HomaCutoffsHeader::SetCutoffs(const std::array<uint32_t, HomaWire::NUM_PRIORITIES>& cutoffs)
{
    m_cutoffs = cutoffs;
}

const std::array<uint32_t, HomaWire::NUM_PRIORITIES>&
HomaCutoffsHeader::GetCutoffs() const
{
    return m_cutoffs;
}

void
HomaCutoffsHeader::SetCutoffVersion(uint16_t version)
{
    m_version = version;
}

uint16_t
HomaCutoffsHeader::GetCutoffVersion() const
{
    return m_version;
}

/* ---------------------------------------------------------------- ACK */

HomaAckHeader::HomaAckHeader()
    : m_numAcks(0),
      m_acks{}
{
    SetType(ACK);
}

TypeId
HomaAckHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::HomaAckHeader")
                            .SetParent<HomaCommonHeader>()
                            .SetGroupName("Homa")
                            .AddConstructor<HomaAckHeader>();
    return tid;
}

TypeId
HomaAckHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
HomaAckHeader::GetSerializedSize() const
{
    return SIZE;
}

void
HomaAckHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    SerializeCommon(i);
    i.WriteHtonU16(m_numAcks);
    for (const HomaAck& a : m_acks)
    {
        i.WriteHtonU64(a.clientId);
        i.WriteHtonU16(a.serverPort);
    }
    FinishChecksum(start);
}

uint32_t
HomaAckHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    DeserializeCommon(i);
    m_numAcks = i.ReadNtohU16();
    for (HomaAck& a : m_acks)
    {
        a.clientId = i.ReadNtohU64();
        a.serverPort = i.ReadNtohU16();
    }
    return SIZE;
}

void
HomaAckHeader::Print(std::ostream& os) const
{
    PrintCommon(os);
    os << " num_acks=" << m_numAcks;
    for (const HomaAck& a : GetAcks())
    {
        os << " " << a.clientId << ":" << a.serverPort;
    }
}

bool
HomaAckHeader::AddAck(const HomaAck& ack)
{
    if (m_numAcks >= MAX_ACKS)
    {
        return false;
    }
    m_acks[m_numAcks++] = ack;
    return true;
}

uint16_t
HomaAckHeader::GetNumAcks() const
{
    return m_numAcks;
}

std::vector<HomaAck>
HomaAckHeader::GetAcks() const
{
    uint16_t n = std::min<uint16_t>(m_numAcks, MAX_ACKS);
    return std::vector<HomaAck>(m_acks.begin(), m_acks.begin() + n);
}

} // namespace ns3
