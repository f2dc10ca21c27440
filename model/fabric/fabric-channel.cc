/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "fabric-channel.h"

#include "fabric-net-device.h"

#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

#ifdef NS3_MPI
#include "ns3/mpi-interface.h"
#endif

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("FabricChannel");

NS_OBJECT_ENSURE_REGISTERED(FabricChannel);

TypeId
FabricChannel::GetTypeId()
{
    static TypeId tid = TypeId("ns3::FabricChannel")
                            .SetParent<Channel>()
                            .SetGroupName("Fabric")
                            .AddConstructor<FabricChannel>()
                            .AddAttribute("Delay",
                                          "Propagation delay of the wire (s).",
                                          TimeValue(Seconds(0)),
                                          MakeTimeAccessor(&FabricChannel::m_delay),
                                          MakeTimeChecker(Seconds(0)))
                            .AddTraceSource("Drop",
                                            "A frame sent while the wire was down, lost.",
                                            MakeTraceSourceAccessor(&FabricChannel::m_dropTrace),
                                            "ns3::Packet::TracedCallback");
    return tid;
}

FabricChannel::FabricChannel()
    : m_attached(0)
{
}

void
FabricChannel::DoDispose()
{
    for (End& end : m_ends)
    {
        end.device = nullptr;
    }
    Channel::DoDispose();
}

void
FabricChannel::Attach(Ptr<FabricNetDevice> device)
{
    NS_ABORT_MSG_UNLESS(m_attached < 2, "FabricChannel::Attach: the wire has two ends");
    NS_ABORT_MSG_UNLESS(device && device->GetNode(),
                        "FabricChannel::Attach: add the device to its node first");
    End& end = m_ends[m_attached++];
    end.device = device;
    end.nodeId = device->GetNode()->GetId();
#ifdef NS3_MPI
    end.remote = MpiInterface::IsEnabled() &&
                 device->GetNode()->GetSystemId() != MpiInterface::GetSystemId();
#endif
}

void
FabricChannel::Transmit(Ptr<Packet> packet, const FabricNetDevice* src, Time txTime)
{
    NS_ASSERT_MSG(m_attached == 2, "FabricChannel: a wire with one end");
    if (!m_up)
    {
        ++m_lost;
        m_dropTrace(packet);
        return;
    }
    const End& dst = Across(src);
#ifdef NS3_MPI
    if (dst.remote)
    {
        MpiInterface::SendPacket(packet,
                                 Simulator::Now() + txTime + m_delay,
                                 dst.nodeId,
                                 dst.device->GetIfIndex());
        return;
    }
#endif
    Simulator::ScheduleWithContext(dst.nodeId,
                                   txTime + m_delay,
                                   &FabricNetDevice::Receive,
                                   dst.device,
                                   packet);
}

Time
FabricChannel::GetDelay() const
{
    return m_delay;
}

void
FabricChannel::SetLinkUp(bool up)
{
    if (up == m_up)
    {
        return;
    }
    NS_LOG_INFO("wire " << GetId() << (up ? " up" : " down"));
    m_up = up;
    for (std::size_t i = 0; i < m_attached; ++i)
    {
        m_ends[i].device->NotifyLinkChange();
    }
}

bool
FabricChannel::IsLinkUp() const
{
    return m_up;
}

uint64_t
FabricChannel::GetLostFrames() const
{
    return m_lost;
}

Ptr<FabricNetDevice>
FabricChannel::GetPeer(const FabricNetDevice* src) const
{
    return Across(src).device;
}

const FabricChannel::End&
FabricChannel::Across(const FabricNetDevice* src) const
{
    return m_ends[PeekPointer(m_ends[0].device) == src ? 1 : 0];
}

std::size_t
FabricChannel::GetNDevices() const
{
    return m_attached;
}

Ptr<NetDevice>
FabricChannel::GetDevice(std::size_t i) const
{
    NS_ABORT_MSG_UNLESS(i < m_attached, "FabricChannel::GetDevice: no device " << i);
    return m_ends[i].device;
}

} // namespace ns3
