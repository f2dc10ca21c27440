/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HOMA_MESSAGE_TRANSPORT_H
#define HOMA_MESSAGE_TRANSPORT_H

#include "message-transport.h"

#include "ns3/homa-helper.h"
#include "ns3/homa-l4-protocol.h"
#include "ns3/queue-size.h"

namespace ns3
{

class HomaSocket;
class Socket;

/**
 * \ingroup homa
 * \brief Homa as a MessageTransport: each message is a request to the receiver's
 * HomaServer, which answers with ResponseSize bytes; the message is delivered when the
 * request's last byte reaches the server (the MsgEnd trace of its HomaL4Protocol).
 *
 * The ports get 8 strict priority levels (HomaHelper::ConfigureFabric) and Homa packets are
 * sprayed. Homa itself is installed by the HomaHelper given to SetHomaHelper, with whatever
 * attributes and cutoffs it carries.
 */
class HomaMessageTransport : public MessageTransport
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    HomaMessageTransport();
    ~HomaMessageTransport() override;

    /// \param homa the helper that installs Homa on the hosts (copied)
    void SetHomaHelper(const HomaHelper& homa);

    std::string GetName() const override;
    void ConfigureFabric(LeafSpineHelper& fabric) override;
    uint64_t Send(uint32_t src, uint32_t dst, uint32_t size) override;
    /// \return requests whose RPC ended with an error (a timeout, an ICMP error)
    uint64_t GetFailed() const override;
    /// \return DATA packets the local hosts retransmitted (HomaMetrics::resentPackets)
    uint64_t GetRetransmitted() const override;

  protected:
    void DoDispose() override;
    void DoInstall(NodeContainer hosts) override;

  private:
    /// A request's last byte arrived at a server. \param r the message
    void MessageEnded(const HomaMessageRecord& r);
    /// A Homa packet arrived at a host: count DATA payload.
    /// \param p the packet with its Homa header
    void PacketReceived(Ptr<const Packet> p, Ipv4Address, Ipv4Address, uint8_t);
    /// Responses arrived at a client socket: read and drop them, count the RPCs that failed.
    /// \param socket it
    void DiscardResponses(Ptr<Socket> socket);

    HomaHelper m_homa;                      //!< installs Homa
    uint16_t m_port;                        //!< ServerPort attribute
    uint32_t m_responseSize;                //!< ResponseSize attribute
    QueueSize m_portBuffer;                 //!< PortBuffer attribute
    bool m_queueDiscs;                      //!< QueueDiscs attribute
    std::vector<Ptr<HomaSocket>> m_clients; //!< each host's client socket
    uint64_t m_failed{0};                   //!< RPCs that ended with an error
};

} // namespace ns3

#endif /* HOMA_MESSAGE_TRANSPORT_H */
