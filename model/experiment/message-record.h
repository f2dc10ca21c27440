/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MESSAGE_RECORD_H
#define MESSAGE_RECORD_H

#include "ns3/nstime.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup homa
 * \brief One message of an experiment, whatever carries it: drawn in a schedule
 * (MessageWorkload::DrawSchedule), sent and delivered by a MessageTransport (its Delivered
 * trace), timed by MessageExperiment.
 *
 * Hosts are indices in the host list the transport was installed on (the fabric's hosts).
 */
struct MessageRecord
{
    uint32_t src{0};  //!< sending host
    uint32_t dst{0};  //!< receiving host
    uint64_t id{0};   //!< the transport's id of the message at its sender (0: none yet)
    uint32_t size{0}; //!< message bytes
    Time start;       //!< created at the sender
    Time end{-1};     //!< delivered to the receiving application (negative: not delivered)
};

} // namespace ns3

#endif /* MESSAGE_RECORD_H */
