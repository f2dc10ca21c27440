/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HOMA_CLIENT_H
#define HOMA_CLIENT_H

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/homa-socket.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <map>
#include <vector>

namespace ns3
{

/**
 * \ingroup homa
 * \brief The outcome of one RPC issued by a HomaClient.
 */
struct HomaRpcRecord
{
    uint64_t id{0};                         //!< RPC id
    Address server;                         //!< the server
    uint32_t requestSize{0};                //!< request bytes
    uint32_t responseSize{0};               //!< response bytes (0 if it failed)
    Time start;                             //!< request handed to Homa
    Time end;                               //!< response received or failure reported
    HomaRpcError error{HomaRpcError::NONE}; //!< why it failed
    bool echoMatches{false}; //!< VerifyEcho: the response equals the request byte for byte
};

/**
 * \ingroup homa
 * \brief A Homa client application: issues RPCs and records each one's completion.
 *
 * Requests arrive at times spaced by Interval (a constant gives fixed arrivals, an
 * exponential variable Poisson arrivals; 0 makes every request arrive at start) and are
 * sent at once unless MaxOutstanding RPCs are already in flight, in which case they wait
 * for one to finish. Each request goes to a server chosen uniformly among those added (or
 * to each in turn, ServersInTurn);
 * its size is drawn from MessageSize. MaxRpcs bounds the number of requests.
 *
 * Set Pattern to fill requests with bytes a HomaServer with Verify set can check, and
 * VerifyEcho to compare each response with its request byte for byte (for a server that
 * echoes, e.g. HomaServer with ResponseSize 0). SetMessageSizes replaces MessageSize by a
 * list of sizes used in turn. The Request trace reports each request handed to Homa, the
 * Rpc trace each RPC that ended.
 */
class HomaClient : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    HomaClient();
    ~HomaClient() override;

    /// \param server a server's InetSocketAddress to send requests to
    void AddServer(const Address& server);
    /// \param sizes request sizes used in turn (replaces MessageSize; empty: MessageSize)
    void SetMessageSizes(const std::vector<uint32_t>& sizes);
    /// \return RPCs whose response differed from the request (VerifyEcho)
    uint32_t GetMismatches() const;
    /// \return every RPC that ended, in completion order
    const std::vector<HomaRpcRecord>& GetRecords() const;
    /// \return requests sent so far
    uint32_t GetSent() const;
    /// \return RPCs in flight
    uint32_t GetOutstanding() const;

    /**
     * \brief Assign fixed random variable streams.
     * \param stream first stream index
     * \return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * \brief A message of checkable bytes.
     * \param size bytes
     * \param seed what makes the bytes differ between messages
     * \return the message
     */
    static Ptr<Packet> MakePattern(uint32_t size, uint64_t seed);
    /**
     * \param message a message
     * \return true if its bytes are a pattern made by MakePattern
     */
    static bool CheckPattern(Ptr<const Packet> message);

    /**
     * \brief Ask for responses of other sizes than the requests, in HomaModule's util/server
     * convention: each request of 8 bytes or more carries the response length it wants in
     * bytes 4-7 (little-endian), and the server answers with the request's first that many
     * bytes. With VerifyEcho the response is compared with that prefix. Shorter requests
     * are echoed whole.
     * \param sizes response lengths used in turn, each capped at its request's length
     */
    void SetResponseSizes(const std::vector<uint32_t>& sizes);

    /**
     * \param request a request
     * \return the response length it asks for in the util/server convention (bytes 4-7,
     *         little-endian, capped at the request's length; its length if shorter than 8)
     */
    static uint32_t ResponseLengthIn(Ptr<const Packet> request);

    /**
     * TracedCallback signature for finished RPCs.
     * \param record the RPC
     */
    typedef void (*RpcTracedCallback)(const HomaRpcRecord& record);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    /// A request arrives; schedule the next arrival.
    void Arrival();
    /// Send waiting requests while the outstanding limit allows.
    void SendPending();
    /// \param socket the socket with responses waiting
    void HandleRead(Ptr<Socket> socket);

    Ptr<RandomVariableStream> m_size;                    //!< MessageSize attribute
    Ptr<RandomVariableStream> m_interval;                //!< Interval attribute
    Ptr<UniformRandomVariable> m_pick;                   //!< server choice
    uint32_t m_maxRpcs;                                  //!< MaxRpcs attribute
    uint32_t m_maxOutstanding;                           //!< MaxOutstanding attribute
    bool m_pattern;                                      //!< Pattern attribute
    std::vector<Address> m_servers;                      //!< servers
    bool m_inTurn{false};                                //!< ServersInTurn attribute
    Ptr<HomaSocket> m_socket;                            //!< the socket
    uint32_t m_arrived;                                  //!< requests arrived
    uint32_t m_sent;                                     //!< requests sent
    uint32_t m_pending;                                  //!< arrived, not yet sent
    EventId m_arrivalEvent;                              //!< next arrival
    std::map<uint64_t, HomaRpcRecord> m_inFlight;        //!< by RPC id
    std::vector<HomaRpcRecord> m_records;                //!< finished RPCs
    TracedCallback<const HomaRpcRecord&> m_rpcTrace;     //!< RPC finished
    TracedCallback<const HomaRpcRecord&> m_requestTrace; //!< request handed to Homa
    bool m_verifyEcho;                                   //!< VerifyEcho attribute
    std::vector<uint32_t> m_sizes;                       //!< sizes in turn (if any)
    std::vector<uint32_t> m_responseSizes;               //!< response sizes in turn (if any)
    std::map<uint64_t, Ptr<Packet>> m_requests;          //!< VerifyEcho: requests by RPC id
    uint32_t m_mismatches;                               //!< VerifyEcho: responses differing
};

} // namespace ns3

#endif /* HOMA_CLIENT_H */
