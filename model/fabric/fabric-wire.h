/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef FABRIC_WIRE_H
#define FABRIC_WIRE_H

#include <cstdint>

/**
 * \defgroup fabric Datacenter fabric
 * \brief A leaf-spine datacenter fabric for any transport: point-to-point links
 * (FabricNetDevice, FabricChannel), switches that forward in the device's receive event
 * (FabricSwitch), routing by longest prefix with spraying or flow hashing (FabricRouting),
 * strict-priority port queues (PriorityDeviceQueue) and the leaf-spine helper
 * (LeafSpineHelper). It reads IPv4 headers and nothing above them.
 */

namespace ns3
{

/**
 * \ingroup fabric
 * \brief The byte layout of the frames the fabric carries: ns-3's PPP framing around IPv4
 * (RFC 791), and the 8 priority levels switches serve strictly, taken from the TOS byte.
 */
struct FabricWire
{
    static constexpr uint8_t NUM_PRIORITIES = 8;         //!< priority levels (IPv4 TOS >> 5)
    static constexpr uint8_t PRIORITY_SHIFT = 5;         //!< a level travels as TOS = level << 5
    static constexpr uint32_t IPV4_HEADER = 20;          //!< IPv4 header without options
    static constexpr uint32_t IPV4_MAX_HEADER = 60;      //!< IPv4 header with the most options
    static constexpr uint32_t IPV4_TOS_OFFSET = 1;       //!< IPv4 TOS byte (priority)
    static constexpr uint32_t IPV4_TTL_OFFSET = 8;       //!< IPv4 time to live
    static constexpr uint32_t IPV4_PROTOCOL_OFFSET = 9;  //!< IPv4 protocol number
    static constexpr uint32_t IPV4_CHECKSUM_OFFSET = 10; //!< IPv4 header checksum (2 bytes)
    static constexpr uint32_t PPP_HEADER = 2;            //!< ns-3 point-to-point framing
    static constexpr uint16_t PPP_IPV4 = 0x0021;         //!< PPP protocol number of IPv4
    static constexpr uint16_t PPP_IPV6 = 0x0057;         //!< PPP protocol number of IPv6
    static constexpr uint16_t ETHERTYPE_IPV4 = 0x0800;   //!< link-layer protocol number of IPv4
    static constexpr uint16_t ETHERTYPE_IPV6 = 0x86DD;   //!< link-layer protocol number of IPv6
};

} // namespace ns3

#endif /* FABRIC_WIRE_H */
