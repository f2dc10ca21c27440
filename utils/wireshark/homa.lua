-- Wireshark dissector for Homa, IP protocol 146, in the Linux HomaModule wire format
-- (homa_wire.h) that the ns-3 homa module sends: a 28-byte common header laid out like a
-- TCP header followed by the 8-byte RPC id, then one header per packet type.
--
--   tshark -X lua_script:utils/wireshark/homa.lua -r capture.pcap
--   wireshark -X lua_script:utils/wireshark/homa.lua capture.pcap
--
-- or copy this file into Wireshark's personal Lua plugin folder
-- (~/.local/lib/wireshark/plugins/). Every field is under "homa."; malformed packets
-- (too short for their type, unknown type, wrong doff, DATA beyond the message, too many
-- acks) get expert info in the "homa" group.

local homa = Proto("homa", "Homa")

local TYPES = {
    [0x10] = "DATA", [0x11] = "GRANT", [0x12] = "RESEND", [0x13] = "RPC_UNKNOWN",
    [0x14] = "BUSY", [0x15] = "CUTOFFS", [0x16] = "FREEZE", [0x17] = "NEED_ACK",
    [0x18] = "ACK",
}
-- Header size of each type (bytes); DATA is followed by message bytes.
local SIZES = {
    [0x10] = 56, [0x11] = 33, [0x12] = 37, [0x13] = 28, [0x14] = 28, [0x15] = 62,
    [0x16] = 28, [0x17] = 28, [0x18] = 80,
}
local COMMON = 28
local MAX_ACKS = 5

local f = homa.fields
f.sport = ProtoField.uint16("homa.sport", "Source port")
f.dport = ProtoField.uint16("homa.dport", "Destination port")
f.sequence = ProtoField.uint32("homa.sequence", "Sequence")
f.type = ProtoField.uint8("homa.type", "Type", base.HEX, TYPES)
f.doff = ProtoField.uint8("homa.doff", "Header length (doff)", base.HEX)
f.flags = ProtoField.uint8("homa.flags", "Flags", base.HEX)
f.window = ProtoField.uint16("homa.window", "Window (0 from Linux; homa-ns3: incast limit of the response)")
f.checksum = ProtoField.uint16("homa.checksum", "Checksum", base.HEX)
f.urgent = ProtoField.uint16("homa.urgent", "Urgent")
f.sender_id = ProtoField.uint64("homa.sender_id", "Sender's RPC id")
f.client_id = ProtoField.uint64("homa.client_id", "Client's RPC id")
f.priority = ProtoField.uint8("homa.priority", "Priority level (IP TOS >> 5)")
f.message_length = ProtoField.uint32("homa.message_length", "Message length")
f.incoming = ProtoField.uint32("homa.incoming", "Incoming (sent without more grants)")
f.ack_client_id = ProtoField.uint64("homa.ack.client_id", "Ack: client RPC id")
f.ack_server_port = ProtoField.uint16("homa.ack.server_port", "Ack: server port")
f.cutoff_version = ProtoField.uint16("homa.cutoff_version", "Cutoff version")
f.retransmit = ProtoField.uint8("homa.retransmit", "Retransmission")
f.offset = ProtoField.uint32("homa.offset", "Offset")
f.seg_offset = ProtoField.uint32("homa.seg_offset",
    "Segment offset (0xffffffff: the offset is in the sequence field)", base.HEX)
f.data_length = ProtoField.uint32("homa.data_length", "Message bytes in this packet")
f.length = ProtoField.uint32("homa.length", "Length (0xffffffff: everything sent)", base.DEC)
f.grant_priority = ProtoField.uint8("homa.grant_priority", "Priority for the granted bytes")
f.cutoff = ProtoField.uint32("homa.cutoff", "Unscheduled cutoff")
f.num_acks = ProtoField.uint16("homa.num_acks", "Number of acks")

local e_short = ProtoExpert.new("homa.short", "Shorter than its Homa header",
    expert.group.MALFORMED, expert.severity.ERROR)
local e_type = ProtoExpert.new("homa.unknown_type", "Unknown Homa packet type",
    expert.group.MALFORMED, expert.severity.ERROR)
local e_doff = ProtoExpert.new("homa.bad_doff", "doff does not match the packet type",
    expert.group.MALFORMED, expert.severity.WARN)
local e_data = ProtoExpert.new("homa.bad_data", "DATA outside its message (offset, length)",
    expert.group.MALFORMED, expert.severity.ERROR)
local e_acks = ProtoExpert.new("homa.too_many_acks", "More than 5 acks",
    expert.group.MALFORMED, expert.severity.ERROR)
local e_length = ProtoExpert.new("homa.bad_length", "Control packet of the wrong length",
    expert.group.MALFORMED, expert.severity.WARN)
homa.experts = { e_short, e_type, e_doff, e_data, e_acks, e_length }

local ip_dsfield = Field.new("ip.dsfield")

function homa.dissector(tvb, pinfo, tree)
    pinfo.cols.protocol = "Homa"
    local len = tvb:len()
    local t = tree:add(homa, tvb(), "Homa")
    local ds = ip_dsfield()
    if ds then
        t:add(f.priority, math.floor(ds.value / 32)):set_generated()
    end
    if len < COMMON then
        t:add_proto_expert_info(e_short)
        pinfo.cols.info = "Homa (truncated)"
        return
    end
    local ptype = tvb(11, 1):uint()
    local name = TYPES[ptype]
    t:add(f.sport, tvb(0, 2))
    t:add(f.dport, tvb(2, 2))
    t:add(f.sequence, tvb(4, 4))
    t:add(f.type, tvb(11, 1))
    local doff = t:add(f.doff, tvb(12, 1))
    t:add(f.flags, tvb(13, 1))
    t:add(f.window, tvb(14, 2))
    t:add(f.checksum, tvb(16, 2))
    t:add(f.urgent, tvb(18, 2))
    t:add(f.sender_id, tvb(20, 8))
    local id = tvb(20, 8):uint64()
    local client = id:band(UInt64.new(0xFFFFFFFE, 0xFFFFFFFF))
    t:add(f.client_id, client):set_generated()
    if not name then
        t:add_proto_expert_info(e_type)
        pinfo.cols.info = string.format("Homa unknown type 0x%02x", ptype)
        return
    end
    t:append_text(", " .. name)
    local size = SIZES[ptype]
    local info = string.format("%s id=%s %d->%d", name, tostring(id), tvb(0, 2):uint(),
        tvb(2, 2):uint())
    if len < size then
        t:add_proto_expert_info(e_short)
        pinfo.cols.info = info .. " (truncated)"
        return
    end
    -- DATA: 0xE0 (56-byte header), or 0xD0 for a multi-segment (TSO/GSO) packet whose
    -- further segments each start with a 4-byte offset; control packets: 0x50.
    local got_doff = tvb(12, 1):uint()
    local doff_ok = (ptype == 0x10 and (got_doff == 0xE0 or got_doff == 0xD0)) or
        (ptype ~= 0x10 and got_doff == 0x50)
    if not doff_ok then
        doff:add_proto_expert_info(e_doff)
    end
    if ptype ~= 0x10 and len ~= size then
        t:add_proto_expert_info(e_length)
    end
    if ptype == 0x10 then
        local mlen = tvb(28, 4):uint()
        -- As Linux's homa_get_offset: seg.offset, or the sequence field when it is -1
        -- (a first transmission of a single-segment packet).
        local seg = tvb(52, 4):uint()
        local offset = seg
        if seg == 0xFFFFFFFF then
            offset = tvb(4, 4):uint()
        end
        local bytes = len - size
        t:add(f.message_length, tvb(28, 4))
        t:add(f.incoming, tvb(32, 4))
        t:add(f.ack_client_id, tvb(36, 8))
        t:add(f.ack_server_port, tvb(44, 2))
        t:add(f.cutoff_version, tvb(46, 2))
        t:add(f.retransmit, tvb(48, 1))
        t:add(f.seg_offset, tvb(52, 4))
        t:add(f.offset, offset):set_generated()
        t:add(f.data_length, bytes):set_generated()
        if bytes == 0 or offset >= mlen or bytes > mlen - offset then
            t:add_proto_expert_info(e_data)
        end
        info = info .. string.format(" off=%d len=%d msg=%d", offset, bytes, mlen)
        if tvb(48, 1):uint() ~= 0 then
            info = info .. " retransmit"
        end
    elseif ptype == 0x11 then
        t:add(f.offset, tvb(28, 4))
        t:add(f.grant_priority, tvb(32, 1))
        info = info .. string.format(" off=%d prio=%d", tvb(28, 4):uint(), tvb(32, 1):uint())
    elseif ptype == 0x12 then
        t:add(f.offset, tvb(28, 4))
        t:add(f.length, tvb(32, 4))
        t:add(f.grant_priority, tvb(36, 1))
        info = info .. string.format(" off=%d len=%d", tvb(28, 4):uint(), tvb(32, 4):int())
    elseif ptype == 0x15 then
        for i = 0, 7 do
            t:add(f.cutoff, tvb(28 + 4 * i, 4)):prepend_text(string.format("[%d] ", i))
        end
        t:add(f.cutoff_version, tvb(60, 2))
        info = info .. string.format(" version=%d", tvb(60, 2):uint())
    elseif ptype == 0x18 then
        local n = tvb(28, 2):uint()
        local acks = t:add(f.num_acks, tvb(28, 2))
        if n > MAX_ACKS then
            acks:add_proto_expert_info(e_acks)
            n = MAX_ACKS
        end
        for i = 0, n - 1 do
            t:add(f.ack_client_id, tvb(30 + 10 * i, 8))
            t:add(f.ack_server_port, tvb(38 + 10 * i, 2))
        end
        info = info .. string.format(" acks=%d", tvb(28, 2):uint())
    end
    pinfo.cols.info = info
end

DissectorTable.get("ip.proto"):add(146, homa)
