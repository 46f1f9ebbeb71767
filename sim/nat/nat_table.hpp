#pragma once
// NatTable: connection-tracking NAT like Linux conntrack. An entry holds a connection's
// original tuple (as first seen, before any rewrite) and its reply tuple (the reverse of the
// rewritten packet); both are indexed, so either direction is one lookup, and no tuple
// belongs to two entries. ICMP errors are translated through the datagram they quote.
// Ports come from a counter or a scan, never at random.
// Not modelled: timeouts (entries never expire), TCP state (RST and FIN do not remove an
// entry), address pools, Linux's low-port range, hairpinning, helpers (FTP, ...). Only
// connections the table rewrote are tracked; others do not reserve their ports.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/net/flow_tuple.hpp"
#include "sim/net/ipv4_addr.hpp"
#include "sim/net/packet.hpp"

namespace vpcsim::sim {

// How `NatTable::snat` picks the translated source port (ICMP echo: the identifier).
enum class PortPolicy : uint8_t {
  // Linux MASQUERADE: keep the port when that translated tuple is free, else the next free
  // one upward, wrapping within 1024..65535.
  KeepWhenFree,
  // AWS NAT gateway: ports from 1024 upward in order, one per new connection (a counter per
  // protocol), skipping ones whose reply tuple is taken.
  Sequential,
};

// What one translation did, for explanations. For an ICMP error, `before`/`after` are the
// tuples of its quoted datagram and the outer addresses are recorded separately, because
// the outer header of an error has no tuple of its own.
struct NatRewrite {
  FlowTuple before, after;
  bool icmp_error = false;
  Ipv4Addr outer_src_before{}, outer_dst_before{}, outer_src_after{}, outer_dst_after{};
  bool operator==(const NatRewrite&) const = default;

  // What changed: "source 10.0.2.10:40001 -> 10.0.1.20:1024",
  // "destination 203.0.113.5:2222 -> 10.0.1.7:22", both joined by ", " when both changed;
  // ICMP echo names the identifier: "source 10.0.2.10 id 7 -> 10.0.1.20 id 1024" (sides by
  // address; "id 7 -> 1024" when only the identifier changed). An ICMP error lists its
  // outer addresses, then its quote: "destination 10.0.1.20 -> 10.0.2.10, quoted source
  // 10.0.1.20:1024 -> 10.0.2.10:40001".
  [[nodiscard]] std::string str() const;
};

// One tracked connection, as `conntrack -L` shows it.
struct NatEntry {
  FlowTuple original;  // as first seen, before any rewrite
  FlowTuple reply;     // what replies carry: the reverse of the rewritten packet
  bool operator==(const NatEntry&) const = default;
};

class NatTable {
 public:
  explicit NatTable(PortPolicy policy) : policy_(policy) {}

  // A packet of a connection already in the table, in either direction, rewritten to what
  // the other side expects. An ICMP error (with a quote) about such a connection has its
  // outer addresses and its quoted datagram rewritten, as Linux does. Returns nullopt, with
  // the packet untouched, when nothing matches.
  std::optional<NatRewrite> apply_existing(Packet& pkt);

  // New connections: begin(), then dnat() and/or snat() (Linux order is dnat first), then
  // commit(). The entry is recorded once, with original = the tuple at begin(). A begin()
  // whose packet never reaches commit() (dropped in between) is simply forgotten by the
  // next begin(). The packet must have a FlowTuple and must not belong to a known
  // connection (call apply_existing first).
  void begin(const Packet& pkt);
  // Rewrites the destination (ICMP echo: the address only, `to_port` is ignored). Should
  // the reply tuple then clash with another entry, the source port moves as for snat()
  // (Linux's null binding), so two clients using one port still get distinct entries.
  void dnat(Packet& pkt, Ipv4Addr to_ip, uint16_t to_port);
  // Rewrites the source address to `to_ip`, with the port chosen by the policy so that the
  // reply tuple is unique in the table.
  void snat(Packet& pkt, Ipv4Addr to_ip);
  // Records the entry if the packet changed since begin(); the rewrite, or nullopt.
  std::optional<NatRewrite> commit(const Packet& pkt);

  // Whether the packet is a reply of a translated connection: its tuple is an entry's reply
  // tuple (the whole tuple, as conntrack matches, so a stranger sending to a translated
  // port is still unsolicited), or it is an ICMP error about a translated packet of the
  // original direction (one coming back through the NAT).
  [[nodiscard]] bool has_reply_for(const Packet& pkt) const;
  // All entries, sorted by original tuple (the tables are hashed, so this sorts).
  [[nodiscard]] std::vector<NatEntry> entries() const;
  [[nodiscard]] size_t size() const { return by_original_.size(); }
  // Forgets every connection and restarts port allocation (Device::reset_state).
  void clear() {
    by_original_.clear();
    by_reply_.clear();
    next_port_ = {1024, 1024, 1024};
    pending_.reset();
  }

 private:
  [[nodiscard]] bool taken(const FlowTuple& t) const;
  // Sets the packet's source to `ip` and a port per the policy, keeping the reply unique.
  void pick_source(Packet& pkt, Ipv4Addr ip);
  [[nodiscard]] std::optional<NatRewrite> apply_to_error(Packet& err);

  struct TupleHash {
    size_t operator()(const FlowTuple& t) const;
  };
  // Hashed for per-packet lookups; never iterated in hash order (entries() sorts).
  using Index = std::unordered_map<FlowTuple, FlowTuple, TupleHash>;

  PortPolicy policy_;
  Index by_original_;  // original -> reply
  Index by_reply_;     // reply -> original
  // Sequential: the next port to hand out, per protocol (ICMP, TCP, UDP).
  std::array<uint16_t, 3> next_port_{1024, 1024, 1024};
  // The original tuple between begin() and commit().
  std::optional<FlowTuple> pending_;
};

}  // namespace vpcsim::sim
