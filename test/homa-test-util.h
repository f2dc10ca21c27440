/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HOMA_TEST_UTIL_H
#define HOMA_TEST_UTIL_H

// Shared fixtures of the homa test suites: a star network of hosts around one switch,
// deterministic message contents, and small client/server drivers that record everything.

#include "ns3/homa-header.h"
#include "ns3/homa-l4-protocol.h"
#include "ns3/homa-socket.h"
#include "ns3/ipv4-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

class HomaHelper;
class ErrorModel;

namespace homatest
{

/// Hosts around one switch, each on its own point-to-point link.
struct Star
{
    NodeContainer hosts;                //!< the hosts (Homa installed)
    Ptr<Node> router;                   //!< the switch (IP forwarding only)
    std::vector<Ipv4Address> addresses; //!< address of each host
    NetDeviceContainer hostDevices;     //!< host side of each link
    NetDeviceContainer switchDevices;   //!< switch side of each link

    /// \param i host index \return its Homa protocol
    Ptr<HomaL4Protocol> Homa(uint32_t i) const;
};

/**
 * \brief Build a star of hosts with HomaPriorityQueueDisc on every device.
 * \param n number of hosts
 * \param rate link rate
 * \param delay link delay
 * \param homa helper used to install Homa (its attributes apply)
 * \return the network
 */
Star BuildStar(uint32_t n,
               const std::string& rate,
               const std::string& delay,
               const HomaHelper& homa);

/**
 * \brief Put a receive error model on every device of the star (both directions).
 * \param star the network
 * \param rate packet error rate
 * \param seedStream random stream for the models
 */
void AddLoss(Star& star, double rate, int64_t seedStream);

/**
 * \param size bytes
 * \param seed varies the contents
 * \return a message whose bytes depend on the seed and position
 */
Ptr<Packet> MakeMessage(uint32_t size, uint32_t seed);

/// \param p a packet \return its bytes
std::vector<uint8_t> Bytes(Ptr<const Packet> p);

/**
 * \param bytes the contents
 * \return a packet holding them (an empty vector gives an empty packet: ns-3 would copy from
 *         its null data pointer, which UBSan reports)
 */
Ptr<Packet> FromBytes(const std::vector<uint8_t>& bytes);

/**
 * \param p a Homa packet (as the Tx and Rx traces give it)
 * \param h its DATA header, if it is a DATA packet
 * \return true if it is a DATA packet
 */
bool PeekData(Ptr<const Packet> p, HomaDataHeader& h);

/// A server that answers each request through a function of the request.
class Server
{
  public:
    /**
     * \param homa the server host's protocol
     * \param port the port to bind
     * \param respond makes the response from the request (default: echo)
     */
    Server(Ptr<HomaL4Protocol> homa,
           uint16_t port,
           std::function<Ptr<Packet>(Ptr<Packet>)> respond = nullptr);
    Ptr<HomaSocket> socket;            //!< the socket
    std::vector<Ptr<Packet>> requests; //!< requests in arrival order
    std::vector<Time> requestTimes;    //!< when each arrived
    bool answer{true};                 //!< false: keep requests, never answer

  private:
    /// \param s the socket with data
    void OnRecv(Ptr<Socket> s);
    std::function<Ptr<Packet>(Ptr<Packet>)> m_respond; //!< response maker
};

/// A client that records the outcome of every RPC it sends.
class Client
{
  public:
    /// \param homa the client host's protocol
    explicit Client(Ptr<HomaL4Protocol> homa);

    /**
     * \brief Send a request.
     * \param server the server's address
     * \param port the server's port
     * \param request the request
     * \return the RPC id
     */
    uint64_t Send(Ipv4Address server, uint16_t port, Ptr<Packet> request);

    /// The outcome of one RPC.
    struct Result
    {
        uint64_t id;          //!< RPC id
        Ptr<Packet> response; //!< response (null on error)
        HomaRpcError error;   //!< error
        Time when;            //!< completion time
    };

    Ptr<HomaSocket> socket;                   //!< the socket
    std::map<uint64_t, Ptr<Packet>> requests; //!< requests by id
    std::map<uint64_t, Time> sentAt;          //!< send time by id
    std::vector<Result> results;              //!< in completion order

  private:
    /// \param s the socket with data
    void OnRecv(Ptr<Socket> s);
};

} // namespace homatest
} // namespace ns3

#endif /* HOMA_TEST_UTIL_H */
