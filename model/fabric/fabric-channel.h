/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef FABRIC_CHANNEL_H
#define FABRIC_CHANNEL_H

#include "ns3/channel.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/traced-callback.h"

#include <array>

namespace ns3
{

class FabricNetDevice;
class Packet;

/**
 * \ingroup fabric
 * \brief The full-duplex wire between two FabricNetDevices: a propagation delay.
 *
 * A packet whose transmission starts at t with transmission time T arrives at the other end
 * at t + T + Delay, as on ns-3's PointToPointChannel. When the other end belongs to another
 * MPI rank (distributed simulation), the packet goes there through ns-3's MpiInterface and
 * arrives at the same time; the delay is then the lookahead the ranks synchronise on.
 *
 * The wire can fail (SetLinkUp): while it is down, every frame a device starts to transmit
 * is lost (the Drop trace, GetLostFrames), and both devices report the link down
 * (NetDevice::IsLinkUp, their link-change callbacks). Frames already on the wire when it
 * fails still arrive. Nothing else changes: the devices keep draining their queues into the
 * dead wire until routing stops sending there (LeafSpineHelper::ScheduleLinkFault).
 */
class FabricChannel : public Channel
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    FabricChannel();

    /**
     * \brief Attach a device as the next of the two ends.
     * \param device the device (aborts when both ends are attached already)
     */
    void Attach(Ptr<FabricNetDevice> device);

    /**
     * \brief Carry a packet to the other end of the wire.
     * \param packet the frame (the receiving device takes it over)
     * \param src the device that transmits it
     * \param txTime its transmission time
     */
    void Transmit(Ptr<Packet> packet, const FabricNetDevice* src, Time txTime);

    /// \return the propagation delay
    Time GetDelay() const;

    /**
     * \brief Fail or repair the wire, in both directions.
     * \param up false: frames sent from now on are lost; true: they arrive again
     */
    void SetLinkUp(bool up);
    /// \return whether the wire carries frames (true unless SetLinkUp(false))
    bool IsLinkUp() const;
    /// \return frames lost because they were sent while the wire was down
    uint64_t GetLostFrames() const;

    /**
     * \param src one end of the wire
     * \return the other end
     */
    Ptr<FabricNetDevice> GetPeer(const FabricNetDevice* src) const;

    std::size_t GetNDevices() const override;
    Ptr<NetDevice> GetDevice(std::size_t i) const override;

  protected:
    void DoDispose() override;

  private:
    /// One direction's receiving end.
    struct End
    {
        Ptr<FabricNetDevice> device; //!< the device at this end
        uint32_t nodeId{0};          //!< its node (the receive event's context)
        bool remote{false};          //!< on another MPI rank
    };

    /**
     * \param src one end of the wire
     * \return the other end
     */
    const End& Across(const FabricNetDevice* src) const;

    Time m_delay;                                  //!< propagation delay
    std::array<End, 2> m_ends;                     //!< the two ends
    std::size_t m_attached;                        //!< ends attached
    bool m_up{true};                               //!< the wire carries frames
    uint64_t m_lost{0};                            //!< frames sent while down
    TracedCallback<Ptr<const Packet>> m_dropTrace; //!< a frame lost on the down wire
};

} // namespace ns3

#endif /* FABRIC_CHANNEL_H */
