/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MPI_RANK_HELPER_H
#define MPI_RANK_HELPER_H

#include "ns3/node.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup fabric
 * \brief Distributed runs on ns-3's mpi module: choosing the parallel simulator, which nodes
 * this process simulates, and gathering each process's results on rank 0.
 *
 * ns-3 runs a distributed simulation as one process per MPI rank; every process builds the
 * whole topology, each node carries the rank that simulates it (its system id, given when
 * the node is created: LeafSpineHelper does it), point-to-point links between nodes of
 * different ranks become remote channels whose delay is the lookahead, and a process runs
 * only its own nodes' events. Applications and traffic must be started only on local nodes
 * (IsLocal), and each rank sees only its own nodes' traces: Gather brings every rank's
 * records to rank 0.
 *
 * Without ns-3's mpi module (IsAvailable() false) the class still answers: one rank, every
 * node local, Gather returns the caller's own bytes; Enable aborts with what to do.
 *
 * \code
 *   if (MpiRankHelper::LaunchedByMpirun())
 *   {
 *       MpiRankHelper::Enable(&argc, &argv, MpiRankHelper::GRANTED_TIME_WINDOW);
 *   }
 *   LeafSpineHelper fabric; // partitions its racks over MpiRankHelper::GetSize() ranks
 *   fabric.Install();
 *   ...
 *   Simulator::Run();
 *   std::vector<std::string> all = MpiRankHelper::Gather(myRecords); // rank 0: every rank's
 *   Simulator::Destroy();
 *   MpiRankHelper::Disable();
 * \endcode
 */
class MpiRankHelper
{
  public:
    /// How the ranks keep their clocks together (ns-3's two parallel simulators).
    enum Sync
    {
        GRANTED_TIME_WINDOW, //!< ns3::DistributedSimulatorImpl: every rank advances by the
                             //!< smallest lookahead after a collective exchange
        NULL_MESSAGE,        //!< ns3::NullMessageSimulatorImpl: per-neighbour null messages
                             //!< (Chandy-Misra-Bryant)
    };

    /// \return true if ns-3 was built with its mpi module (--enable-mpi)
    static bool IsAvailable();

    /**
     * \return true if this process was started by an MPI launcher (mpirun, mpiexec: Open MPI's
     *         OMPI_COMM_WORLD_SIZE or a PMI launcher's PMI_SIZE in the environment)
     */
    static bool LaunchedByMpirun();

    /**
     * \brief Select the parallel simulator and initialise MPI; call before any node or event
     * is created. Aborts with a message if ns-3 has no mpi module.
     * \param argc main's argc
     * \param argv main's argv
     * \param sync the synchroniser
     */
    static void Enable(int* argc, char*** argv, Sync sync);

    /// \param name "gtw" or "null" \return the synchroniser (aborts on anything else)
    static Sync ParseSync(const std::string& name);

    /// \return true between Enable and Disable
    static bool IsEnabled();

    /// \return this process's rank (0 when MPI is not enabled)
    static uint32_t GetRank();

    /// \return the number of ranks (1 when MPI is not enabled)
    static uint32_t GetSize();

    /**
     * \param node a node
     * \return true if this process simulates it (always true when MPI is not enabled)
     */
    static bool IsLocal(Ptr<Node> node);

    /**
     * \brief Collective: every rank calls it, after Simulator::Run().
     * \param local this rank's bytes
     * \return on rank 0, every rank's bytes in rank order; on the others, nothing
     */
    static std::vector<std::string> Gather(const std::string& local);

    /// \brief Finalise MPI (after Simulator::Destroy); nothing when not enabled.
    static void Disable();
};

} // namespace ns3

#endif /* MPI_RANK_HELPER_H */
