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
// What changed between the two (all by ns-3.48, some releases earlier):
// - Ipv4RoutingProtocol::RouteInput takes its callbacks by const reference;
// - EnumValue became a template, and MakeEnumAccessor needs the enum type;
// - TestSuite::Type and TestCase::Duration became enum classes.
// (EventId::IsRunning is gone too; the module uses !IsExpired(), valid in both.)

#include "ns3/enum.h"

#ifndef HOMA_NS3_VERSION
#define HOMA_NS3_VERSION 337
#endif

/// Newer ns-3 API (the threshold is the release that first needed it among those tested).
#define HOMA_NS3_NEW_API (HOMA_NS3_VERSION >= 341)

#if HOMA_NS3_NEW_API
/// A RouteInput callback parameter of type T.
#define HOMA_ROUTE_CALLBACK(T) const T&
/// MakeEnumAccessor for an attribute of enum type E.
#define HOMA_MAKE_ENUM_ACCESSOR(E, member) MakeEnumAccessor<E>(member)
/// Test suite types and test case durations.
#define HOMA_TEST_UNIT ns3::TestSuite::Type::UNIT
#define HOMA_TEST_SYSTEM ns3::TestSuite::Type::SYSTEM
#define HOMA_TEST_QUICK ns3::TestCase::Duration::QUICK
#else
#define HOMA_ROUTE_CALLBACK(T) T
#define HOMA_MAKE_ENUM_ACCESSOR(E, member) MakeEnumAccessor(member)
#define HOMA_TEST_UNIT ns3::TestSuite::UNIT
#define HOMA_TEST_SYSTEM ns3::TestSuite::SYSTEM
#define HOMA_TEST_QUICK ns3::TestCase::QUICK
#endif

#endif /* HOMA_NS3_COMPAT_H */
