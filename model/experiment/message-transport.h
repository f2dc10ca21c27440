/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MESSAGE_TRANSPORT_H
#define MESSAGE_TRANSPORT_H

#include "message-record.h"

#include "ns3/ipv4-address.h"
#include "ns3/node-container.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace ns3
{

class LeafSpineHelper;

/**
 * \ingroup homa
 * \brief One-way messages between hosts, whatever carries them: the interface that
 * MessageExperiment (and any script) uses for Homa, TCP, DCTCP and UDP alike.
 *
 * A transport first sets up the fabric's ports as it needs them (ConfigureFabric, before the
 * fabric is installed), is then installed on the hosts (Install), and afterwards carries
 * messages handed to Send(src, dst, size), firing Delivered with a MessageRecord when the
 * last byte of one reaches the receiving application. Hosts are indices in the container
 * given to Install; a host's address is that of its interface 1.
 */
class MessageTransport : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    MessageTransport();
    ~MessageTransport() override;

    /// \return the transport's name (homa, tcp, dctcp, udp)
    virtual std::string GetName() const = 0;

    /**
     * \brief Set up the fabric's ports and routing for this transport (before its Install).
     * \param fabric the fabric
     */
    virtual void ConfigureFabric(LeafSpineHelper& fabric) = 0;

    /**
     * \brief Put the transport's endpoints on the hosts (their internet stack installed and
     * addressed).
     * \param hosts the hosts, in index order
     */
    void Install(NodeContainer hosts);

    /**
     * \brief Send a message now.
     * \param src sending host
     * \param dst receiving host
     * \param size message bytes (at least 1)
     * \return the message's id at its sender (never 0), as Delivered reports it
     */
    virtual uint64_t Send(uint32_t src, uint32_t dst, uint32_t size) = 0;

    /**
     * \brief Announce a message to its receiver before it is sent (for transports whose
     * receiver cannot tell messages apart by itself, such as plain UDP). Call it for every
     * message, in the order each sender sends them; others ignore it.
     * \param src sending host \param dst receiving host \param size message bytes
     */
    virtual void Expect(uint32_t src, uint32_t dst, uint32_t size);

    /// \return message (payload) bytes received by hosts so far
    uint64_t GetBytesReceived() const;
    /// \return data packets (or segments, datagrams) received by hosts so far
    uint64_t GetPacketsReceived() const;
    /// \return bytes senders still hold, not yet sent or acknowledged (0 if not counted)
    virtual uint64_t GetBacklog() const;
    /// \return connections the senders opened, in all and the most by one host (TCP)
    virtual std::pair<uint64_t, uint64_t> GetConnectionsOpened() const;
    /// \return messages the transport reported failed to their senders (0 if it never does)
    virtual uint64_t GetFailed() const;
    /// \return data packets the local hosts sent again (0 if not counted)
    virtual uint64_t GetRetransmitted() const;

    /// \return the hosts
    NodeContainer GetHosts() const;
    /// \param host a host \return its address
    Ipv4Address GetAddress(uint32_t host) const;
    /**
     * \param address a host's address
     * \return its index (aborts for an address that is no host's)
     */
    uint32_t GetHost(Ipv4Address address) const;

    /**
     * TracedCallback signature for delivered messages.
     * \param record the message: its hosts, id, size, when it started at the sender (where
     * the transport knows it) and when it ended
     */
    typedef void (*DeliveredTracedCallback)(const MessageRecord& record);

  protected:
    void DoDispose() override;

    /// Install the endpoints (the hosts and their addresses are known). \param hosts them
    virtual void DoInstall(NodeContainer hosts) = 0;

    /// \param record a message whose last byte reached the receiving application
    void NotifyDelivered(const MessageRecord& record);
    /// \param bytes message bytes of one received data packet
    void NotifyReceived(uint64_t bytes);

  private:
    NodeContainer m_hosts;                            //!< the hosts
    std::vector<Ipv4Address> m_addresses;             //!< each host's address
    std::unordered_map<uint32_t, uint32_t> m_hostOf;  //!< address -> host
    uint64_t m_rxBytes{0};                            //!< message bytes received
    uint64_t m_rxPackets{0};                          //!< data packets received
    TracedCallback<const MessageRecord&> m_delivered; //!< Delivered trace
};

} // namespace ns3

#endif /* MESSAGE_TRANSPORT_H */
