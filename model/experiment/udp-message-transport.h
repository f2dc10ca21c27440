/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef UDP_MESSAGE_TRANSPORT_H
#define UDP_MESSAGE_TRANSPORT_H

#include "message-transport.h"

#include <deque>
#include <map>

namespace ns3
{

class Socket;

/**
 * \ingroup homa
 * \brief Plain UDP as a MessageTransport, the floor of the benchmarks: a message leaves at
 * once as datagrams of 1472 bytes (1500-byte IP packets, as Homa's full DATA packets), with
 * nothing above (no grants, acknowledgements or retransmission).
 *
 * The datagrams of one host pair stay in order (one path, FIFO ports), so a receiver counts
 * each message's bytes off the messages announced to it (Expect) for that pair. Ports as
 * Homa's (HomaHelper::ConfigureFabric; every datagram at level 0, hashed per flow).
 */
class UdpMessageTransport : public MessageTransport
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    UdpMessageTransport();
    ~UdpMessageTransport() override;

    std::string GetName() const override;
    void ConfigureFabric(LeafSpineHelper& fabric) override;
    uint64_t Send(uint32_t src, uint32_t dst, uint32_t size) override;
    void Expect(uint32_t src, uint32_t dst, uint32_t size) override;

    static constexpr uint32_t PAYLOAD = 1472; //!< bytes per datagram
    static constexpr uint16_t PORT = 9100;    //!< every host's port

  protected:
    void DoDispose() override;
    void DoInstall(NodeContainer hosts) override;

  private:
    /// Host \p h's socket has datagrams. \param h the host \param socket its socket
    void Receive(uint32_t h, Ptr<Socket> socket);

    bool m_queueDiscs;                  //!< QueueDiscs attribute
    std::vector<Ptr<Socket>> m_sockets; //!< per host
    /// (source, destination) -> messages announced and not yet complete (bytes still due)
    std::map<std::pair<uint32_t, uint32_t>, std::deque<uint32_t>> m_pending;
    /// (source, destination) -> messages of the pair sent (at the sender)
    std::map<std::pair<uint32_t, uint32_t>, uint64_t> m_sent;
    /// (source, destination) -> messages of the pair completed (at the receiver)
    std::map<std::pair<uint32_t, uint32_t>, uint64_t> m_completed;
};

} // namespace ns3

#endif /* UDP_MESSAGE_TRANSPORT_H */
