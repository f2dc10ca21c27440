/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HOMA_TIMER_H
#define HOMA_TIMER_H

#include "homa-rpc.h"

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup homa
 * \brief The per-node Homa timer: RESENDs after silence, timeouts, NEED_ACK.
 *
 * It ticks every TickInterval while the node has any RPC, and for each RPC:
 * - counts a silent tick unless the RPC is legitimately quiet (we hold the ball: we
 *   have granted data to send; the application holds the request; the message
 *   receiver has everything it granted);
 * - after ResendTicks silent ticks, and every ResendInterval ticks after that, asks
 *   the peer to resend: one RESEND per gap below the granted offset, or RESEND of
 *   everything when nothing of the expected message has arrived;
 * - after TimeoutTicks silent ticks aborts the RPC: a client RPC completes with an
 *   error for the application, a server RPC is freed (a server still sending its
 *   response gives up only when the client's host has been silent that long too);
 * - on a server whose response is fully sent, sends NEED_ACK every tick once
 *   RequestAckTicks have passed without an ACK.
 *
 * It knows nothing of the protocol: settings come as a Config, and it lists RPCs and acts
 * through the callbacks of an Actions struct.
 */
class HomaTimer
{
  public:
    /// Settings, taken from HomaL4Protocol's attributes.
    struct Config
    {
        Time tickInterval{MilliSeconds(1)}; //!< TickInterval
        uint32_t resendTicks{5};            //!< ResendTicks
        uint32_t resendInterval{5};         //!< ResendInterval
        uint32_t timeoutTicks{100};         //!< TimeoutTicks
        uint32_t requestAckTicks{2};        //!< RequestAckTicks
    };

    /// What the timer does, as callbacks.
    struct Actions
    {
        Callback<std::vector<Ptr<HomaRpc>>> listRpcs;            //!< every live RPC
        Callback<void, Ptr<HomaRpc>, uint32_t, uint32_t> resend; //!< RESEND (offset, length)
        Callback<void, Ptr<HomaRpc>> needAck;                    //!< send NEED_ACK
        Callback<void, Ptr<HomaRpc>> timeout;                    //!< abort after silence
        Callback<Time, Ipv4Address> lastHeard; //!< a peer's last packet (Time::Min(): never)
        Callback<void> tick;                   //!< node-wide work of each tick (may be null)
    };

    HomaTimer();

    /// \param config the settings of the next ticks
    void SetConfig(const Config& config);
    /// \return the settings
    const Config& GetConfig() const;
    /// \param actions what a tick may do
    void SetActions(const Actions& actions);

    /// Make sure the timer runs (call when an RPC is created).
    void Start();
    /// Stop the timer.
    void Cancel();

  private:
    /// One tick over every RPC of the node.
    void Tick();
    /**
     * \brief The tick's work for one RPC.
     * \param rpc the RPC
     */
    void CheckRpc(Ptr<HomaRpc> rpc);
    /**
     * \brief Ask the peer to resend what is missing.
     * \param rpc the RPC whose incoming message is incomplete
     */
    void RequestRetransmission(Ptr<HomaRpc> rpc);

    Config m_config;   //!< settings
    Actions m_actions; //!< callbacks
    EventId m_event;   //!< next tick
};

} // namespace ns3

#endif /* HOMA_TIMER_H */
