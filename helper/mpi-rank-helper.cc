/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mpi-rank-helper.h"

#include "ns3/abort.h"
#include "ns3/global-value.h"
#include "ns3/log.h"
#include "ns3/string.h"

#include <cstdlib>

#ifdef NS3_MPI
#include "ns3/mpi-interface.h"

#include <mpi.h>
#endif

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MpiRankHelper");

bool
MpiRankHelper::IsAvailable()
{
#ifdef NS3_MPI
    return true;
#else
    return false;
#endif
}

bool
MpiRankHelper::LaunchedByMpirun()
{
    return std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMI_SIZE");
}

MpiRankHelper::Sync
MpiRankHelper::ParseSync(const std::string& name)
{
    NS_ABORT_MSG_UNLESS(name == "gtw" || name == "null",
                        "the MPI synchroniser is gtw (granted time window) or null (null "
                        "messages), not '"
                            << name << "'");
    return name == "gtw" ? GRANTED_TIME_WINDOW : NULL_MESSAGE;
}

void
MpiRankHelper::Enable(int* argc, char*** argv, Sync sync)
{
#ifdef NS3_MPI
    NS_LOG_FUNCTION(sync);
    GlobalValue::Bind("SimulatorImplementationType",
                      StringValue(sync == GRANTED_TIME_WINDOW ? "ns3::DistributedSimulatorImpl"
                                                              : "ns3::NullMessageSimulatorImpl"));
    MpiInterface::Enable(argc, argv);
#else
    (void)argc;
    (void)argv;
    (void)sync;
    NS_ABORT_MSG("this ns-3 has no mpi module: configure it with --enable-mpi (OpenMPI: "
                 "packages libopenmpi-dev and openmpi-bin), e.g. utils/setup-ns3.sh without "
                 "HOMA_MPI=0, or run without mpirun");
#endif
}

bool
MpiRankHelper::IsEnabled()
{
#ifdef NS3_MPI
    return MpiInterface::IsEnabled();
#else
    return false;
#endif
}

uint32_t
MpiRankHelper::GetRank()
{
#ifdef NS3_MPI
    return MpiInterface::IsEnabled() ? MpiInterface::GetSystemId() : 0;
#else
    return 0;
#endif
}

uint32_t
MpiRankHelper::GetSize()
{
#ifdef NS3_MPI
    return MpiInterface::IsEnabled() ? MpiInterface::GetSize() : 1;
#else
    return 1;
#endif
}

bool
MpiRankHelper::IsLocal(Ptr<Node> node)
{
    return !IsEnabled() || node->GetSystemId() == GetRank();
}

std::vector<std::string>
MpiRankHelper::Gather(const std::string& local)
{
    if (!IsEnabled())
    {
        return {local};
    }
#ifdef NS3_MPI
    MPI_Comm comm = MpiInterface::GetCommunicator();
    int size = static_cast<int>(GetSize());
    bool root = GetRank() == 0;
    NS_ABORT_MSG_IF(local.size() > static_cast<size_t>(INT32_MAX),
                    "MpiRankHelper::Gather: more than 2 GiB from one rank");
    int mine = static_cast<int>(local.size());
    std::vector<int> lengths(root ? size : 0);
    MPI_Gather(&mine, 1, MPI_INT, lengths.data(), 1, MPI_INT, 0, comm);
    std::vector<int> offsets(lengths.size());
    size_t total = 0;
    for (size_t r = 0; r < lengths.size(); ++r)
    {
        offsets[r] = static_cast<int>(total);
        total += lengths[r];
        NS_ABORT_MSG_IF(total > static_cast<size_t>(INT32_MAX),
                        "MpiRankHelper::Gather: more than 2 GiB in all");
    }
    std::string all(total, '\0');
    MPI_Gatherv(local.data(),
                mine,
                MPI_CHAR,
                all.data(),
                lengths.data(),
                offsets.data(),
                MPI_CHAR,
                0,
                comm);
    std::vector<std::string> out;
    for (size_t r = 0; r < lengths.size(); ++r)
    {
        out.push_back(all.substr(offsets[r], lengths[r]));
    }
    return out;
#else
    return {local};
#endif
}

void
MpiRankHelper::Disable()
{
#ifdef NS3_MPI
    if (MpiInterface::IsEnabled())
    {
        MpiInterface::Disable();
    }
#endif
}

} // namespace ns3
