/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef NS3_VERSION_COMPAT_H
#define NS3_VERSION_COMPAT_H

// The differences between the ns-3 releases this module builds with, in one place. Supported
// and tested: ns-3.37 (Debian 12's package) and ns-3.48 (the current release).
// NS3_COMPAT_VERSION is the release as a number (337, 348), set by CMakeLists.txt from ns-3's
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

#ifndef NS3_COMPAT_VERSION
#define NS3_COMPAT_VERSION 337
#endif

/// Whether NetDeviceQueue::NotifyTransmittedBytes runs the queue disc before it returns.
#define NS3_COMPAT_SYNC_WAKE (NS3_COMPAT_VERSION >= 338)

#if NS3_COMPAT_VERSION >= 339
/// A RouteInput callback parameter of type T.
#define NS3_COMPAT_ROUTE_CALLBACK(T) const T&
#else
#define NS3_COMPAT_ROUTE_CALLBACK(T) T
#endif

#if NS3_COMPAT_VERSION >= 341
/// MakeEnumAccessor for an attribute of enum type E.
#define NS3_COMPAT_MAKE_ENUM_ACCESSOR(E, member) MakeEnumAccessor<E>(member)
#else
#define NS3_COMPAT_MAKE_ENUM_ACCESSOR(E, member) MakeEnumAccessor(member)
#endif

#if NS3_COMPAT_VERSION >= 342
/// Test suite types and test case durations.
#define NS3_COMPAT_TEST_UNIT ns3::TestSuite::Type::UNIT
#define NS3_COMPAT_TEST_SYSTEM ns3::TestSuite::Type::SYSTEM
#define NS3_COMPAT_TEST_QUICK ns3::TestCase::Duration::QUICK
#else
#define NS3_COMPAT_TEST_UNIT ns3::TestSuite::UNIT
#define NS3_COMPAT_TEST_SYSTEM ns3::TestSuite::SYSTEM
#define NS3_COMPAT_TEST_QUICK ns3::TestCase::QUICK
#endif

#endif /* NS3_VERSION_COMPAT_H */
