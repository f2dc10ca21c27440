/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HOMA_NS3_COMPAT_H
#define HOMA_NS3_COMPAT_H

// The differences between the ns-3 releases this module builds with, in one place. Supported
// and tested: ns-3.37 (Debian 12's package) and ns-3.48 (the current release).
// HOMA_NS3_VERSION is the release as a number (337, 348), set by CMakeLists.txt from ns-3's
// NS3_VER; the waf-era build (3.35 and older) does not set it.
//
// What changed between the two, with the release that changed it (ns-3's CHANGES.md):
// - 3.39: Ipv4RoutingProtocol::RouteInput takes its callbacks by const reference;
// - 3.41: EnumValue became a template, and MakeEnumAccessor needs the enum type;
// - 3.42: TestSuite::Type and TestCase::Duration became enum classes (the old names were
//   deprecated, later removed);
// - 3.38: NetDeviceQueue::NotifyTransmittedBytes wakes the queue disc at once (3.37: in an
//   event of its own);
// - 3.42: EventId::IsRunning was deprecated (later removed); the module uses !IsExpired(),
//   valid in every release.
// Only 3.37 and 3.48 are tested; the thresholds follow the change log for the releases
// between.

#include "ns3/enum.h"

#ifndef HOMA_NS3_VERSION
#define HOMA_NS3_VERSION 337
#endif

/// Whether NetDeviceQueue::NotifyTransmittedBytes runs the queue disc before it returns.
#define HOMA_NS3_SYNC_WAKE (HOMA_NS3_VERSION >= 338)

#if HOMA_NS3_VERSION >= 339
/// A RouteInput callback parameter of type T.
#define HOMA_ROUTE_CALLBACK(T) const T&
#else
#define HOMA_ROUTE_CALLBACK(T) T
#endif

#if HOMA_NS3_VERSION >= 341
/// MakeEnumAccessor for an attribute of enum type E.
#define HOMA_MAKE_ENUM_ACCESSOR(E, member) MakeEnumAccessor<E>(member)
#else
#define HOMA_MAKE_ENUM_ACCESSOR(E, member) MakeEnumAccessor(member)
#endif

#if HOMA_NS3_VERSION >= 342
/// Test suite types and test case durations.
#define HOMA_TEST_UNIT ns3::TestSuite::Type::UNIT
#define HOMA_TEST_SYSTEM ns3::TestSuite::Type::SYSTEM
#define HOMA_TEST_QUICK ns3::TestCase::Duration::QUICK
#else
#define HOMA_TEST_UNIT ns3::TestSuite::UNIT
#define HOMA_TEST_SYSTEM ns3::TestSuite::SYSTEM
#define HOMA_TEST_QUICK ns3::TestCase::QUICK
#endif

#endif /* HOMA_NS3_COMPAT_H */
