#pragma once
// ReachMatrix: the reachability matrix of a plan, stored per pair of endpoint
// classes (see EndpointGrouping) and expanded into one row per pair of endpoints
// only while it is written out: a plan of 10,000 instances has 100 million pairs,
// but a few hundred classes.
//
// Rows go from every selected source to every selected target (never to itself),
// sorted by source name, then target name; a row's cells are its target's
// columns: a ping, then a TCP connect per port the target accepts (listens on, or
// forwards), both subject to the --port filter. Addresses are those of the pair
// itself: the source address it sends from and the target as the source names it
// (split horizon), derived from the representative probe of its classes.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/net/ipv4_addr.hpp"
#include "sim/net/prefix.hpp"
#include "tools/vpcsim/reach/probe_outcome.hpp"

namespace vpcsim::cli {

struct ReachEndpoint {
  std::string name;
  std::string kind;  // host | instance | internet-host
  std::vector<sim::InterfaceAddr> addresses;
  std::optional<sim::Ipv4Addr> public_ip;
  std::vector<ProbeKey> columns;  // the probes aimed at it, in ProbeKey order
  uint32_t cls = 0;               // its class (EndpointGrouping)
  bool is_source = false;         // selected by --from
  bool is_target = false;         // selected by --to
};

// The probes between two classes: the representative pair's outcomes, one per
// column of the target class, and how it addressed its ends, so that every
// member pair's addresses can be derived.
struct ClassPair {
  uint32_t from_cls = 0, to_cls = 0;
  uint32_t first_cell = 0;  // index of the first outcome in ReachMatrix::cells
  int16_t src_iface = 0;  // source address: this interface of the source (-1: none, use the first)
  int16_t dst_iface = 0;  // target address: this interface of the target, -1: its public IP
  uint64_t pairs = 0;     // member pairs it stands for, within the selection
};

class ReachMatrix {
 public:
  std::vector<ReachEndpoint> endpoints;        // by name
  std::vector<std::vector<uint32_t>> classes;  // members, by name
  std::vector<std::string> class_descriptions;
  std::vector<ClassPair> class_pairs;  // by (from_cls, to_cls)
  std::vector<ProbeOutcome> cells;
  bool grouped = false;  // classes may have several members
  uint64_t probes_run = 0;

  // Indexes class_pairs; call once they are all added.
  void index_class_pairs();
  [[nodiscard]] const ClassPair* class_pair(uint32_t from_cls, uint32_t to_cls) const;

  struct Row {
    const ReachEndpoint& from;
    const ReachEndpoint& to;
    sim::Ipv4Addr from_ip, to_ip;
    std::span<const ProbeOutcome> cells;  // one per to.columns
  };
  // Every row in order (sorted by source, then target); rows without cells are skipped.
  void for_each_row(const std::function<void(const Row&)>& fn) const;
  // The row of one pair, if both are selected and it has cells.
  [[nodiscard]] std::optional<Row> row(uint32_t from, uint32_t to) const;

  // Totals over all rows, without expanding them.
  struct Totals {
    uint64_t pairs = 0, probes = 0, ok = 0, blocked = 0;
  };
  [[nodiscard]] Totals totals() const;
  [[nodiscard]] const ReachEndpoint* endpoint(std::string_view name) const;

 private:
  [[nodiscard]] Row make_row(const ReachEndpoint& from, const ReachEndpoint& to,
                             const ClassPair& cp) const;
  std::unordered_map<uint64_t, uint32_t> pair_index_;  // lookups only, never iterated
};

}  // namespace vpcsim::cli
