/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "homa-priority-queue-disc.h"

#include "homa-header.h"

#include "ns3/boolean.h"
#include "ns3/drop-tail-queue.h"
#include "ns3/fabric-switch.h"
#include "ns3/ipv4-queue-disc-item.h"
#include "ns3/log.h"
#include "ns3/object-factory.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HomaPriorityQueueDisc");

NS_OBJECT_ENSURE_REGISTERED(HomaPriorityQueueDisc);

TypeId
HomaPriorityQueueDisc::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::HomaPriorityQueueDisc")
            .SetParent<QueueDisc>()
            .SetGroupName("Homa")
            .AddConstructor<HomaPriorityQueueDisc>()
            .AddAttribute("MaxSize",
                          "Most packets (or bytes) held by the whole queue disc.",
                          QueueSizeValue(QueueSize("10000p")),
                          MakeQueueSizeAccessor(&QueueDisc::SetMaxSize, &QueueDisc::GetMaxSize),
                          MakeQueueSizeChecker())
            .AddAttribute("BandMaxSize",
                          "Most packets (or bytes) held by one priority level.",
                          QueueSizeValue(QueueSize("10000p")),
                          MakeQueueSizeAccessor(&HomaPriorityQueueDisc::m_bandMaxSize),
                          MakeQueueSizeChecker())
            .AddAttribute("ControlFirst",
                          "Serve Homa control packets (every type but DATA) before any data, "
                          "whatever their priority level, so that grants, resends and acks "
                          "never wait behind data. For host NICs. They have a queue of their own "
                          "(BandMaxSize) and are counted as level 7.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&HomaPriorityQueueDisc::m_controlFirst),
                          MakeBooleanChecker());
    return tid;
}

HomaPriorityQueueDisc::HomaPriorityQueueDisc()
    : QueueDisc(QueueDiscSizePolicy::MULTIPLE_QUEUES),
      m_controlFirst(false)
{
    NS_LOG_FUNCTION(this);
}

HomaPriorityQueueDisc::~HomaPriorityQueueDisc()
{
    NS_LOG_FUNCTION(this);
}

void
HomaPriorityQueueDisc::DoDispose()
{
    m_bands.fill(nullptr);
    m_nonEmpty = 0;
    QueueDisc::DoDispose();
}

uint8_t
HomaPriorityQueueDisc::Classify(Ptr<const QueueDiscItem> item)
{
    uint8_t tos;
    if (!item->GetUint8Value(QueueItem::IP_DSFIELD, tos))
    {
        return NUM_BANDS - 1; // not IPv4: keep control traffic such as ARP moving
    }
    return tos >> HomaWire::PRIORITY_SHIFT;
}

bool
HomaPriorityQueueDisc::IsHomaControl(Ptr<const QueueDiscItem> item)
{
    uint8_t protocol = 0;
    if (Ptr<const Ipv4QueueDiscItem> ip = DynamicCast<const Ipv4QueueDiscItem>(item))
    {
        protocol = ip->GetHeader().GetProtocol();
    }
    else if (auto fabric = DynamicCast<const FabricQueueDiscItem>(item))
    {
        protocol = fabric->GetIpProtocol(); // at a FabricSwitch port
    }
    if (protocol != HomaWire::PROTOCOL)
    {
        return false;
    }
    uint8_t bytes[HomaCommonHeader::TYPE_OFFSET + 1];
    return HomaCommonHeader::IsControl(bytes, item->GetPacket()->CopyData(bytes, sizeof(bytes)));
}

bool
HomaPriorityQueueDisc::DoEnqueue(Ptr<QueueDiscItem> item)
{
    uint8_t priority = Classify(item);
    // Queue 0 holds control packets (ControlFirst), queue 1 priority 7, ..., queue 8 priority 0.
    uint32_t band = m_controlFirst && IsHomaControl(item) ? 0 : NUM_BANDS - priority;
    InternalQueue* queue = m_bands[band];

    QueueSize total = GetCurrentSize();
    bool totalFull = GetMaxSize().GetUnit() == QueueSizeUnit::PACKETS
                         ? total.GetValue() + 1 > GetMaxSize().GetValue()
                         : total.GetValue() + item->GetSize() > GetMaxSize().GetValue();
    if (totalFull)
    {
        ++m_drops[priority];
        DropBeforeEnqueue(item, LIMIT_EXCEEDED_DROP);
        return false;
    }
    bool bandFull = m_bandMaxSize.GetUnit() == QueueSizeUnit::PACKETS
                        ? queue->GetNPackets() + 1 > m_bandMaxSize.GetValue()
                        : queue->GetNBytes() + item->GetSize() > m_bandMaxSize.GetValue();
    if (bandFull)
    {
        ++m_drops[priority];
        DropBeforeEnqueue(item, BAND_LIMIT_EXCEEDED_DROP);
        return false;
    }
    bool ok = queue->Enqueue(item);
    if (ok)
    {
        ++m_enqueued[priority];
        m_nonEmpty |= 1u << band;
    }
    else
    {
        ++m_drops[priority];
    }
    return ok;
}

Ptr<QueueDiscItem>
HomaPriorityQueueDisc::DoDequeue()
{
    if (m_nonEmpty == 0)
    {
        return nullptr;
    }
    // The first non-empty band: control, then the highest level.
    auto band = static_cast<uint32_t>(__builtin_ctz(m_nonEmpty));
    Ptr<QueueDiscItem> item = m_bands[band]->Dequeue();
    if (m_bands[band]->IsEmpty())
    {
        m_nonEmpty &= ~(1u << band);
    }
    return item;
}

Ptr<const QueueDiscItem>
HomaPriorityQueueDisc::DoPeek()
{
    if (m_nonEmpty == 0)
    {
        return nullptr;
    }
    return m_bands[__builtin_ctz(m_nonEmpty)]->Peek();
}

bool
HomaPriorityQueueDisc::CheckConfig()
{
    if (GetNQueueDiscClasses() > 0 || GetNPacketFilters() > 0)
    {
        NS_LOG_ERROR("HomaPriorityQueueDisc takes no classes and no packet filters");
        return false;
    }
    if (GetNInternalQueues() == 0)
    {
        // The queue disc and the bands enforce the limits; the internal queues are unbounded.
        for (uint32_t band = 0; band < NUM_BANDS + 1; ++band)
        {
            Ptr<InternalQueue> q = CreateObject<DropTailQueue<QueueDiscItem>>();
            q->SetMaxSize(QueueSize(QueueSizeUnit::PACKETS, 0xffffffff));
            AddInternalQueue(q);
        }
    }
    if (GetNInternalQueues() != NUM_BANDS + 1)
    {
        NS_LOG_ERROR("HomaPriorityQueueDisc needs 9 internal queues (control, then 8 levels)");
        return false;
    }
    for (uint32_t band = 0; band < NUM_BANDS + 1; ++band)
    {
        m_bands[band] = PeekPointer(GetInternalQueue(band));
    }
    m_nonEmpty = 0;
    return true;
}

void
HomaPriorityQueueDisc::InitializeParams()
{
}

uint64_t
HomaPriorityQueueDisc::GetDrops(uint8_t priority) const
{
    return priority < NUM_BANDS ? m_drops[priority] : 0;
}

uint64_t
HomaPriorityQueueDisc::GetEnqueued(uint8_t priority) const
{
    return priority < NUM_BANDS ? m_enqueued[priority] : 0;
}

uint32_t
HomaPriorityQueueDisc::GetBandPackets(uint8_t priority) const
{
    if (priority >= NUM_BANDS || GetNInternalQueues() != NUM_BANDS + 1)
    {
        return 0;
    }
    uint32_t packets = GetInternalQueue(NUM_BANDS - priority)->GetNPackets();
    return priority == NUM_BANDS - 1 ? packets + GetInternalQueue(0)->GetNPackets() : packets;
}

} // namespace ns3
