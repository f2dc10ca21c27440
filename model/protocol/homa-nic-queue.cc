/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-nic-queue.h"

#include "homa-header.h"

#include "ns3/boolean.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HomaNicQueue");

NS_OBJECT_ENSURE_REGISTERED(HomaNicQueue);

TypeId
HomaNicQueue::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::HomaNicQueue<Packet>") // helpers append <Packet>
            .SetParent<PriorityDeviceQueue>()
            .SetGroupName("Homa")
            .AddConstructor<HomaNicQueue>()
            .AddAttribute(
                "ControlFirst",
                "Send Homa's control packets (every type but DATA) before all "
                "levels.",
                BooleanValue(true),
                MakeBooleanAccessor(&HomaNicQueue::SetControlFirst, &HomaNicQueue::GetControlFirst),
                MakeBooleanChecker())
            .AddAttribute(
                "DataByLevel",
                "Serve DATA packets by their priority level (strict priority); "
                "false: in the order Homa handed them over, as a Linux NIC queue "
                "and the paper's simulator do (the level still travels in the TOS "
                "byte for the switches).",
                BooleanValue(true),
                MakeBooleanAccessor(&HomaNicQueue::SetDataByLevel, &HomaNicQueue::GetDataByLevel),
                MakeBooleanChecker());
    return tid;
}

HomaNicQueue::HomaNicQueue()
    : m_controlFirst(true)
{
    SetCheckUrgent(true);
}

HomaNicQueue::~HomaNicQueue() = default;

void
HomaNicQueue::SetControlFirst(bool on)
{
    m_controlFirst = on;
    SetCheckUrgent(on);
}

bool
HomaNicQueue::GetControlFirst() const
{
    return m_controlFirst;
}

void
HomaNicQueue::SetDataByLevel(bool on)
{
    m_dataByLevel = on;
    SetByLevel(on);
}

bool
HomaNicQueue::GetDataByLevel() const
{
    return m_dataByLevel;
}

bool
HomaNicQueue::IsUrgent(uint8_t protocol, const uint8_t* payload, uint32_t size) const
{
    return protocol == HomaWire::PROTOCOL && HomaCommonHeader::IsControl(payload, size);
}

} // namespace ns3
