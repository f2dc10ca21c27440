/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_MESSAGE_TRANSPORT_H
#define TCP_MESSAGE_TRANSPORT_H

#include "message-transport.h"

#include "ns3/nstime.h"
#include "ns3/queue-size.h"

namespace ns3
{

class Ipv4;
class Packet;
class TcpMessageBaseline;
struct TcpMessageRecord;

/**
 * \ingroup homa
 * \brief TCP (NewReno) or DCTCP as a MessageTransport: every host runs a
 * TcpMessageBaseline (pooled connections, framed messages).
 *
 * ConfigureFabric sets the TCP socket defaults (1448-byte segments, 4 MiB buffers, an ACK
 * per segment, MinRto and ConnTimeout; for DCTCP TcpDctcpFloor with ECN) and the ports
 * (TcpBaselineHelper::ConfigureFabric: drop-tail FIFOs, or RED marking above K for DCTCP).
 */
class TcpMessageTransport : public MessageTransport
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    TcpMessageTransport();
    ~TcpMessageTransport() override;

    std::string GetName() const override;
    void ConfigureFabric(LeafSpineHelper& fabric) override;
    uint64_t Send(uint32_t src, uint32_t dst, uint32_t size) override;
    uint64_t GetBacklog() const override;
    std::pair<uint64_t, uint64_t> GetConnectionsOpened() const override;

  protected:
    void DoDispose() override;
    void DoInstall(NodeContainer hosts) override;

  private:
    /// A message's last byte was read. \param r the message
    void MessageEnded(const TcpMessageRecord& r);
    /// An IP packet arrived at a host: count TCP payload. \param p it
    void PacketReceived(Ptr<const Packet> p, Ptr<Ipv4>, uint32_t);

    bool m_dctcp;                                //!< Dctcp attribute
    QueueSize m_portBuffer;                      //!< PortBuffer attribute
    bool m_queueDiscs;                           //!< QueueDiscs attribute
    uint32_t m_ecnK;                             //!< EcnThreshold attribute
    Time m_minRto;                               //!< MinRto attribute
    std::vector<Ptr<TcpMessageBaseline>> m_apps; //!< each host's sender and receiver
};

} // namespace ns3

#endif /* TCP_MESSAGE_TRANSPORT_H */
