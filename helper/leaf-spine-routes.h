/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef LEAF_SPINE_ROUTES_H
#define LEAF_SPINE_ROUTES_H

#include "ns3/fabric-channel.h"
#include "ns3/fabric-routing.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup fabric
 * \brief The switches' routes of a leaf-spine fabric, rebuilt when its ToR-spine links fail
 * and come back.
 *
 * LeafSpineHelper makes one after Install and keeps it; scheduled faults hold it too, so it
 * lives until the last one has run even when the helper is gone.
 *
 * Routes over the live links: ToR r reaches its own hosts directly and the other racks by
 * 10.0.0.0/8 over every uplink whose link is up; for each rack r' that some live uplink of r
 * cannot reach (its spine lost its link to r'), r gets 10.r'.0.0/16 over the spines that
 * reach both (none: no route, and the ToR drops those packets as NO_ROUTE). Spine s reaches
 * rack r only while the link between them is up.
 *
 * A link fails on the wire at once (FabricChannel::SetLinkUp: frames sent into it are lost)
 * and in the routes after the detection time (the time a real fabric takes to notice, by loss
 * of signal or BFD, and to withdraw the route): until then switches keep spraying onto it.
 * Repairs take the same time to reach the routes. Each convergence reads every wire's state
 * then, so flapping links end in the right routes.
 */
class LeafSpineRoutes : public SimpleRefCount<LeafSpineRoutes>
{
  public:
    /**
     * \param tors each ToR's routing
     * \param spines each spine's routing
     * \param hostsPerRack hosts of each rack (ToR r's host ports are 1..hostsPerRack[r], its
     *        uplinks follow, spine s first; spine s reaches ToR r on interface r + 1)
     * \param wires wires[r][s]: the ToR r - spine s wire
     */
    LeafSpineRoutes(std::vector<Ptr<FabricRouting>> tors,
                    std::vector<Ptr<FabricRouting>> spines,
                    std::vector<uint32_t> hostsPerRack,
                    std::vector<std::vector<Ptr<FabricChannel>>> wires);

    /// \param delay the time between a link's change on the wire and in the routes
    void SetDetectionTime(Time delay);
    /// \return the detection time (default 1 ms)
    Time GetDetectionTime() const;

    /// Rebuild every switch's routes from the links the routes believe up.
    void Build();
    /**
     * \brief Fail or repair a link on the wire now; the routes follow after the detection
     * time.
     * \param rack the ToR
     * \param spine the spine
     * \param up the new state
     */
    void SetLink(uint32_t rack, uint32_t spine, bool up);
    /**
     * \param rack the ToR \param spine the spine
     * \return whether the routes use the link now
     */
    bool IsRouted(uint32_t rack, uint32_t spine) const;
    /// \return frames lost on failed ToR-spine wires
    uint64_t GetLostFrames() const;
    /// \return times the routes were rebuilt after a change (not counting the first Build)
    uint32_t GetConvergences() const;

  private:
    /// The routes take in the wires' states.
    void Converge();

    std::vector<Ptr<FabricRouting>> m_tors;               //!< ToRs' routing
    std::vector<Ptr<FabricRouting>> m_spines;             //!< spines' routing
    std::vector<uint32_t> m_hostsPerRack;                 //!< hosts of each rack
    std::vector<std::vector<Ptr<FabricChannel>>> m_wires; //!< [rack][spine]
    std::vector<std::vector<bool>> m_routed;              //!< [rack][spine] used by routes
    Time m_detection{MilliSeconds(1)};                    //!< detection time
    uint32_t m_convergences{0};                           //!< rebuilds after a change
};

} // namespace ns3

#endif /* LEAF_SPINE_ROUTES_H */
