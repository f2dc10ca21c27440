/*
 * Copyright (c) 2026 The homa module authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_MESSAGE_BASELINE_H
#define TCP_MESSAGE_BASELINE_H

#include "tcp-hash-demux.h"

#include "ns3/application.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <deque>
#include <map>
#include <memory>
#include <vector>

namespace ns3
{

class Socket;
class Packet;

/**
 * \ingroup homa
 * \brief One message carried by TcpMessageBaseline, as its receiver saw it.
 */
struct TcpMessageRecord
{
    Ipv4Address source;      //!< sending host
    Ipv4Address destination; //!< receiving host
    uint32_t id{0};          //!< the sender's message number (Send's return value)
    uint32_t size{0};        //!< message bytes (without the framing)
    Time start;              //!< handed to TcpMessageBaseline::Send at the sender
    Time end;                //!< last byte read by the receiver
};

/**
 * \ingroup homa
 * \brief Baseline for comparisons with Homa: the same one-way messages over ns-3's TCP
 * (or DCTCP, or any TcpSocketFactory congestion control).
 *
 * Every host runs one instance: it listens on Port and sends the messages handed to Send().
 * A message travels on a connection of a per-destination pool: an idle connection (all its
 * bytes written and acknowledged) is reused; if none is idle a new one is opened (up to
 * MaxConnectionsPerPeer), so that a short message does not wait behind a long one, as an
 * RPC system with a connection pool would do. Beyond the limit the message joins the
 * connection with the least data outstanding.
 *
 * Each message is framed with a 20-byte header (send time in ns, the sender's message
 * number, length, a marker) so that the receiver knows where it ends and when it started; the
 * receiver fires Delivered when its last byte has been read. The header bytes are real, the payload
 * is ns-3's zero-filled virtual payload.
 *
 * With ReplySize > 0 every message is a request: its receiver answers on the same connection
 * with a framed reply of ReplySize bytes (the same 20-byte header, carrying the request's
 * number and send time), and the sender fires Replied when the reply's last byte has been
 * read: an RPC over TCP, like Homa's request and response.
 */
class TcpMessageBaseline : public Application
{
  public:
    /// Bytes of framing in front of every message.
    static constexpr uint32_t FRAME_HEADER = 20;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    TcpMessageBaseline();
    ~TcpMessageBaseline() override;

    /**
     * \brief Send a message now.
     * \param destination the receiving host (running a TcpMessageBaseline on the same Port)
     * \param size message bytes (at least 1)
     * \return the message's number (0, 1, 2, ... per sender), also in the receiver's record
     */
    uint32_t Send(Ipv4Address destination, uint32_t size);

    /**
     * \brief Open a connection to a destination now, so that a later message does not wait
     * for the handshake (it is the first idle connection Send finds).
     * \param destination the receiving host
     */
    void Connect(Ipv4Address destination);

    /// \return messages handed to Send
    uint64_t GetSent() const;
    /// \return messages received completely at this host
    uint64_t GetReceived() const;
    /// \return connections this host opened
    uint64_t GetConnectionsOpened() const;
    /// \return messages lost with a connection that failed
    uint64_t GetFailed() const;
    /// \return bytes this host still has to get across: waiting for a connection's send
    ///         buffer, or in a send buffer and not yet acknowledged
    uint64_t GetBacklog() const;
    /// \return message bytes read at this host so far (framing excluded, partial messages
    ///         included)
    uint64_t GetBytesReceived() const;
    /// \return replies received at this host (ReplySize > 0)
    uint64_t GetReplied() const;

    /**
     * TracedCallback signature for delivered messages.
     * \param record the message
     */
    typedef void (*DeliveredTracedCallback)(const TcpMessageRecord& record);

  protected:
    void DoDispose() override;
    void StartApplication() override;
    void StopApplication() override;

  private:
    /// A connection to one destination and the bytes still to write on it.
    struct Connection
    {
        Ptr<Socket> socket;              //!< the socket
        bool connected{false};           //!< handshake done
        bool failed{false};              //!< the handshake failed: never used again
        std::deque<Ptr<Packet>> pending; //!< framed messages (or their rest) not yet written
        uint64_t pendingBytes{0};        //!< bytes in pending
        uint32_t sendBuffer{0};          //!< the socket's SndBufSize
    };

    /// Receive state of one connection (accepted: requests; opened: replies).
    struct Receiver
    {
        uint8_t header[FRAME_HEADER]; //!< header bytes gathered so far
        uint32_t headerBytes{0};      //!< how many
        uint32_t remaining{0};        //!< payload bytes of the current message still due
        bool replies{false};          //!< a connection this host opened: replies arrive on it
        TcpMessageRecord record;      //!< the current message
    };

    /**
     * \param c a connection
     * \return true if a message sent on it now would not wait behind another: nothing
     *         waiting, and everything written acknowledged (or still connecting, as after
     *         Connect)
     */
    bool IsIdle(const Connection& c) const;
    /**
     * \param destination a host
     * \return a new connection to it (connecting)
     */
    Connection* Open(Ipv4Address destination);
    /// Write as much pending data as the socket takes. \param c the connection
    void Flush(Connection* c);
    /// Socket callback: the connection is up. \param socket the socket
    void Connected(Ptr<Socket> socket);
    /// Socket callback: the connection failed. \param socket the socket
    void ConnectFailed(Ptr<Socket> socket);
    /// Socket callback: room in the send buffer. \param socket the socket \param n bytes
    void Writable(Ptr<Socket> socket, uint32_t n);
    /// Listener callback. \param socket new socket \param from peer
    void Accept(Ptr<Socket> socket, const Address& from);
    /// Socket callback: bytes to read. \param socket the socket
    void Readable(Ptr<Socket> socket);
    /**
     * \param socket a socket of this application
     * \return its connection
     */
    Connection* Find(Ptr<Socket> socket);
    /**
     * \param id the message number
     * \param start when the message was handed to Send
     * \param size framed bytes to follow the header
     * \param marker request or reply marker
     * \return the framed message (zero-filled payload)
     */
    static Ptr<Packet> Frame(uint32_t id, Time start, uint32_t size, uint32_t marker);
    /**
     * \brief A whole frame was read.
     * \param socket where \param r its receive state (record filled)
     */
    void FrameComplete(Ptr<Socket> socket, Receiver& r);

    uint16_t m_port;           //!< Port attribute
    uint32_t m_maxConnections; //!< MaxConnectionsPerPeer attribute
    uint32_t m_replySize;      //!< ReplySize attribute
    bool m_fastDemux;          //!< FastDemux attribute
    Ptr<TcpHashDemux> m_demux; //!< the node's hashed TCP demultiplexer (FastDemux)
    Ptr<Socket> m_listener;    //!< accepts connections
    std::map<Ipv4Address, std::vector<std::unique_ptr<Connection>>> m_pool; //!< by destination
    std::map<Ptr<Socket>, Connection*> m_bySocket;                          //!< lookup
    std::map<Ptr<Socket>, Receiver> m_receivers;                            //!< accepted
    uint64_t m_sent;                                                        //!< messages sent
    uint64_t m_received;                                                    //!< messages received
    uint64_t m_opened;                                                      //!< connections opened
    uint64_t m_failed;                       //!< messages lost with failed connections
    uint64_t m_bytesReceived;                //!< message bytes read
    uint64_t m_replied;                      //!< replies received
    std::map<uint32_t, uint32_t> m_awaiting; //!< request sizes by number, awaiting replies
    TracedCallback<const TcpMessageRecord&> m_deliveredTrace; //!< message delivered
    TracedCallback<const TcpMessageRecord&> m_repliedTrace;   //!< reply received
};

} // namespace ns3

#endif /* TCP_MESSAGE_BASELINE_H */
