/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "priority-device-queue.h"

#include "ns3/abort.h"
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
            .SetGroupName("Fabric")
            .AddConstructor<PriorityDeviceQueue>()
            .AddAttribute("MaxSize",
                          "Most packets (or bytes) the queue holds, all levels together.",
                          QueueSizeValue(QueueSize("1000p")),
                          MakeQueueSizeAccessor(&QueueBase::SetMaxSize, &QueueBase::GetMaxSize),
                          MakeQueueSizeChecker());
    return tid;
}

PriorityDeviceQueue::PriorityDeviceQueue() = default;

PriorityDeviceQueue::~PriorityDeviceQueue() = default;

uint8_t
PriorityDeviceQueue::Classify(Ptr<const Packet> packet)
{
    uint8_t bytes[FabricWire::PPP_HEADER + FabricWire::IPV4_HEADER];
    uint32_t n = packet->CopyData(bytes, std::min<uint32_t>(packet->GetSize(), sizeof(bytes)));
    if (n < sizeof(bytes) || ((uint16_t(bytes[0]) << 8) | bytes[1]) != FabricWire::PPP_IPV4 ||
        (bytes[FabricWire::PPP_HEADER] >> 4) != 4)
    {
        return NUM_LEVELS - 1; // not IPv4: keep it moving
    }
    return bytes[FabricWire::PPP_HEADER + FabricWire::IPV4_TOS_OFFSET] >>
           FabricWire::PRIORITY_SHIFT;
}

uint8_t
PriorityDeviceQueue::Classify(Ptr<const Packet> packet, bool& urgent, bool askUrgent) const
{
    urgent = false;
    if (!askUrgent)
    {
        return Classify(packet);
    }
    uint8_t bytes[FabricWire::PPP_HEADER + FabricWire::IPV4_MAX_HEADER + URGENT_PEEK];
    uint32_t n = packet->CopyData(bytes, std::min<uint32_t>(packet->GetSize(), sizeof(bytes)));
    if (n < FabricWire::PPP_HEADER + FabricWire::IPV4_HEADER ||
        ((uint16_t(bytes[0]) << 8) | bytes[1]) != FabricWire::PPP_IPV4 ||
        (bytes[FabricWire::PPP_HEADER] >> 4) != 4)
    {
        return NUM_LEVELS - 1; // not IPv4: keep it moving
    }
    uint8_t priority =
        bytes[FabricWire::PPP_HEADER + FabricWire::IPV4_TOS_OFFSET] >> FabricWire::PRIORITY_SHIFT;
    uint32_t payloadAt = FabricWire::PPP_HEADER + (bytes[FabricWire::PPP_HEADER] & 0x0f) * 4;
    if (payloadAt < n)
    {
        urgent = IsUrgent(bytes[FabricWire::PPP_HEADER + FabricWire::IPV4_PROTOCOL_OFFSET],
                          bytes + payloadAt,
                          n - payloadAt);
    }
    return priority;
}

bool
PriorityDeviceQueue::IsUrgent(uint8_t /* protocol */,
                              const uint8_t* /* payload */,
                              uint32_t /* size */) const
{
    return false;
}

void
PriorityDeviceQueue::SetCheckUrgent(bool check)
{
    m_checkUrgent = check;
}

void
PriorityDeviceQueue::SetByLevel(bool byLevel)
{
    NS_ABORT_MSG_IF(!IsEmpty(), "PriorityDeviceQueue::SetByLevel: the queue holds packets");
    m_byLevel = byLevel;
}

bool
PriorityDeviceQueue::Enqueue(Ptr<Packet> item)
{
    bool urgent;
    uint8_t priority = Classify(item, urgent, m_checkUrgent);
    // The shared buffer is asked only for a packet that the queue's own limit lets in.
    bool admitted = m_buffer && !(GetCurrentSize() + item > GetMaxSize());
    if (admitted && !m_buffer->Admit(m_bufferPort, priority, item->GetSize()))
    {
        ++m_drops[priority];
        DropBeforeEnqueue(item);
        return false;
    }
    uint32_t band = urgent ? 0 : (m_byLevel ? NUM_LEVELS - priority : 1);
    // In front of the first packet of a lower band, or at the end.
    uint32_t lower = m_nonEmpty & ~((2u << band) - 1);
    ConstIterator pos = lower ? m_first[__builtin_ctz(lower)] : GetContainer().end();
    Iterator inserted;
    if (!DoEnqueue(pos, item, inserted))
    {
        ++m_drops[priority];
        if (admitted)
        {
            m_buffer->Release(m_bufferPort, priority, item->GetSize());
        }
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
    Ptr<Packet> p = DoDequeue(GetContainer().begin());
    ReleaseToBuffer(p);
    return p;
}

Ptr<Packet>
PriorityDeviceQueue::Remove()
{
    if (m_nonEmpty == 0)
    {
        return nullptr;
    }
    ForgetFront();
    Ptr<Packet> p = DoRemove(GetContainer().begin());
    ReleaseToBuffer(p);
    return p;
}

void
PriorityDeviceQueue::ReleaseToBuffer(Ptr<const Packet> p)
{
    if (m_buffer && p)
    {
        m_buffer->Release(m_bufferPort, Classify(p), p->GetSize());
    }
}

void
PriorityDeviceQueue::SetSharedBuffer(Ptr<SharedBuffer> buffer, uint32_t port)
{
    NS_ABORT_MSG_IF(GetNPackets() > 0,
                    "PriorityDeviceQueue::SetSharedBuffer: the queue holds packets");
    m_buffer = buffer;
    m_bufferPort = port;
}

Ptr<SharedBuffer>
PriorityDeviceQueue::GetSharedBuffer() const
{
    return m_buffer;
}

void
PriorityDeviceQueue::DoDispose()
{
    m_buffer = nullptr;
    Queue<Packet>::DoDispose();
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
