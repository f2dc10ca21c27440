/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HOMA_TIMER_H
#define HOMA_TIMER_H

#include "homa-rpc.h"

#include "ns3/event-id.h"
#include "ns3/ptr.h"

namespace ns3
{

class HomaL4Protocol;

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
 *   error for the application, a server RPC is freed;
 * - on a server whose response is fully sent, sends NEED_ACK every tick once
 *   RequestAckTicks have passed without an ACK.
 */
class HomaTimer
{
  public:
    /// \param homa the protocol
    explicit HomaTimer(HomaL4Protocol* homa);

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

    HomaL4Protocol* m_homa; //!< the protocol
    EventId m_event;        //!< next tick
};

} // namespace ns3

#endif /* HOMA_TIMER_H */
