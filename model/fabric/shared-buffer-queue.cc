/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "shared-buffer-queue.h"

#include "ns3/abort.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SharedBufferQueue");

NS_OBJECT_ENSURE_REGISTERED(SharedBufferQueue);

TypeId
SharedBufferQueue::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SharedBufferQueue")
                            .SetParent<Queue<QueueDiscItem>>()
                            .SetGroupName("Fabric")
                            .AddConstructor<SharedBufferQueue>();
    return tid;
}

SharedBufferQueue::SharedBufferQueue() = default;

SharedBufferQueue::~SharedBufferQueue() = default;

void
SharedBufferQueue::DoDispose()
{
    m_buffer = nullptr;
    Queue<QueueDiscItem>::DoDispose();
}

void
SharedBufferQueue::SetSharedBuffer(Ptr<SharedBuffer> buffer, uint32_t port)
{
    NS_ABORT_MSG_UNLESS(GetNPackets() == 0,
                        "SharedBufferQueue::SetSharedBuffer: the queue holds packets");
    m_buffer = buffer;
    m_port = port;
}

Ptr<SharedBuffer>
SharedBufferQueue::GetSharedBuffer() const
{
    return m_buffer;
}

uint8_t
SharedBufferQueue::Level(Ptr<const QueueDiscItem> item)
{
    uint8_t ds = 0;
    return item->GetUint8Value(QueueItem::IP_DSFIELD, ds) ? ds >> 5 : 0;
}

bool
SharedBufferQueue::Enqueue(Ptr<QueueDiscItem> item)
{
    // The buffer is asked only for a packet that the queue's own limit lets in.
    if (GetCurrentSize() + item > GetMaxSize())
    {
        DropBeforeEnqueue(item);
        return false;
    }
    uint8_t level = Level(item);
    if (m_buffer && !m_buffer->Admit(m_port, level, item->GetSize()))
    {
        DropBeforeEnqueue(item);
        return false;
    }
    if (!DoEnqueue(GetContainer().end(), item))
    {
        if (m_buffer)
        {
            m_buffer->Release(m_port, level, item->GetSize());
        }
        return false;
    }
    return true;
}

void
SharedBufferQueue::GiveBack(Ptr<const QueueDiscItem> item)
{
    if (m_buffer && item)
    {
        m_buffer->Release(m_port, Level(item), item->GetSize());
    }
}

Ptr<QueueDiscItem>
SharedBufferQueue::Dequeue()
{
    Ptr<QueueDiscItem> item = DoDequeue(GetContainer().begin());
    GiveBack(item);
    return item;
}

Ptr<QueueDiscItem>
SharedBufferQueue::Remove()
{
    Ptr<QueueDiscItem> item = DoRemove(GetContainer().begin());
    GiveBack(item);
    return item;
}

Ptr<const QueueDiscItem>
SharedBufferQueue::Peek() const
{
    return DoPeek(GetContainer().begin());
}

} // namespace ns3
