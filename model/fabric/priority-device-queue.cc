/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "priority-device-queue.h"

#include "ns3/boolean.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PriorityDeviceQueue");

NS_OBJECT_ENSURE_REGISTERED(PriorityDeviceQueue);

TypeId
PriorityDeviceQueue::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::PriorityDeviceQueue<Packet>") // helpers append <Packet>
            .SetParent<Queue<Packet>>()
            .SetGroupName("Homa")
            .AddConstructor<PriorityDeviceQueue>()
            .AddAttribute("MaxSize",
                          "Most packets (or bytes) the queue holds, all levels together.",
                          QueueSizeValue(QueueSize("1000p")),
                          MakeQueueSizeAccessor(&QueueBase::SetMaxSize, &QueueBase::GetMaxSize),
                          MakeQueueSizeChecker())
            .AddAttribute("ControlFirst",
                          "Send Homa's control packets (every type but DATA) before all "
                          "levels (for host NICs, as HomaPriorityQueueDisc's ControlFirst).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&PriorityDeviceQueue::m_controlFirst),
                          MakeBooleanChecker());
    return tid;
}

PriorityDeviceQueue::PriorityDeviceQueue()
    : m_controlFirst(false)
{
}

PriorityDeviceQueue::~PriorityDeviceQueue() = default;

uint8_t
PriorityDeviceQueue::Classify(Ptr<const Packet> packet, bool& control)
{
    control = false;
    uint8_t
        bytes[HomaWire::PPP_HEADER + HomaWire::IPV4_MAX_HEADER + HomaCommonHeader::TYPE_OFFSET + 1];
    uint32_t n = packet->CopyData(bytes, std::min<uint32_t>(packet->GetSize(), sizeof(bytes)));
    if (n < HomaWire::PPP_HEADER + HomaWire::IPV4_HEADER ||
        ((uint16_t(bytes[0]) << 8) | bytes[1]) != HomaWire::PPP_IPV4 ||
        (bytes[HomaWire::PPP_HEADER] >> 4) != 4)
    {
        return NUM_LEVELS - 1; // not IPv4: keep it moving
    }
    uint8_t priority =
        bytes[HomaWire::PPP_HEADER + HomaWire::IPV4_TOS_OFFSET] >> HomaWire::PRIORITY_SHIFT;
    uint32_t ihl = (bytes[HomaWire::PPP_HEADER] & 0x0f) * 4;
    uint32_t typeAt = HomaWire::PPP_HEADER + ihl + HomaCommonHeader::TYPE_OFFSET;
    if (bytes[HomaWire::PPP_HEADER + HomaWire::IPV4_PROTOCOL_OFFSET] == HomaWire::PROTOCOL &&
        typeAt < n)
    {
        control = bytes[typeAt] != HomaCommonHeader::DATA;
    }
    return priority;
}

bool
PriorityDeviceQueue::Enqueue(Ptr<Packet> item)
{
    bool control;
    uint8_t priority = Classify(item, control);
    uint32_t band = m_controlFirst && control ? 0 : NUM_LEVELS - priority;
    // In front of the first packet of a lower band, or at the end.
    uint32_t lower = m_nonEmpty & ~((2u << band) - 1);
    ConstIterator pos = lower ? m_first[__builtin_ctz(lower)] : GetContainer().end();
    Iterator inserted;
    if (!DoEnqueue(pos, item, inserted))
    {
        ++m_drops[priority];
        return false;
    }
    ++m_enqueued[priority];
    if (m_count[band]++ == 0)
    {
        m_first[band] = inserted;
        m_nonEmpty |= 1u << band;
    }
    return true;
}

void
PriorityDeviceQueue::ForgetFront()
{
    auto band = static_cast<uint32_t>(__builtin_ctz(m_nonEmpty));
    if (--m_count[band] == 0)
    {
        m_nonEmpty &= ~(1u << band);
    }
    else
    {
        m_first[band] = std::next(GetContainer().begin());
    }
}

Ptr<Packet>
PriorityDeviceQueue::Dequeue()
{
    if (m_nonEmpty == 0)
    {
        return nullptr;
    }
    ForgetFront();
    return DoDequeue(GetContainer().begin());
}

Ptr<Packet>
PriorityDeviceQueue::Remove()
{
    if (m_nonEmpty == 0)
    {
        return nullptr;
    }
    ForgetFront();
    return DoRemove(GetContainer().begin());
}

Ptr<const Packet>
PriorityDeviceQueue::Peek() const
{
    return m_nonEmpty == 0 ? nullptr : DoPeek(GetContainer().begin());
}

uint64_t
PriorityDeviceQueue::GetDrops(uint8_t priority) const
{
    return priority < NUM_LEVELS ? m_drops[priority] : 0;
}

uint64_t
PriorityDeviceQueue::GetEnqueued(uint8_t priority) const
{
    return priority < NUM_LEVELS ? m_enqueued[priority] : 0;
}

} // namespace ns3
