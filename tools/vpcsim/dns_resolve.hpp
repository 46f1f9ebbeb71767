#pragma once
// DNS names as probe targets (docs/dns.md): a `to` that is neither a node nor
// an address but a domain name is looked up first, in the simulation, from the
// probe's source through the resolver that source uses (resolver_of in
// topology/dns_lower.hpp), as the real tools' getaddrinfo() would; the probe
// then runs to the first address of the answer. Node names and addresses keep
// their meaning: a node's name is never looked up.
// Shared by ping/traceroute/telnet/ssh, scenario probes and curl.
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/core/simulation.hpp"
#include "sim/services/dns_client.hpp"
#include "topology/lower.hpp"
#include "topology/spec.hpp"

namespace vpcsim::cli {

// Whether `to` is to be looked up: not a node of `t`, not a dotted-quad address,
// and made of DNS labels with at least one dot.
[[nodiscard]] bool is_dns_name(const topo::LoweredTopology& t, const std::string& to);

// One lookup and what --explain and --json show of it.
struct NameLookup {
  std::string name;                // as typed
  std::string resolver_label;      // "Amazon DNS server of VPC prod" (empty: none)
  bool asked = false;              // false: no resolver, nothing was sent
  sim::DnsQueryResult query;       // query.reason set when no address came back
  std::string explanation;         // the lookup's journey as --explain prints it
  nlohmann::ordered_json journey;  // the same as JSON (null unless kept)

  [[nodiscard]] std::optional<sim::Ipv4Addr> address() const;
  // {"name", "server", "resolver", "status", "addresses", "reason", "journey"?}
  [[nodiscard]] nlohmann::ordered_json json() const;
  // "Name or service not known", "Temporary failure in name resolution", as glibc says it.
  [[nodiscard]] std::string gai_error() const;
};

// Asks `from`'s resolver for the A records of `name`, in `sim` (the lookup's
// journey replaces the previous one, and is copied into the result when
// `keep_journey`). Never throws for a failed lookup: see NameLookup::address().
[[nodiscard]] NameLookup lookup_name(sim::Simulation& sim, const topo::TopologySpec& spec,
                                     const topo::LoweredTopology& t, const topo::Endpoint& from,
                                     const std::string& name, bool keep_journey);

}  // namespace vpcsim::cli

namespace vpcsim::cli {

// The line the real tool prints when getaddrinfo() fails, e.g.
// "ping: nosuch.example.net: Name or service not known" (tool: ping,
// traceroute, telnet, ssh, curl; `port` for telnet's "NAME/PORT").
[[nodiscard]] std::string lookup_failure_text(const std::string& tool, const NameLookup& lookup,
                                              uint16_t port = 0);

// For the probe commands: the lookup's failure as the tool reports it (stderr,
// with a "why:" line naming the cause), the lookup's journey with --explain,
// one JSON document with --json; then throws InputRejected (exit 2).
[[noreturn]] void fail_lookup(const std::string& tool, const NameLookup& lookup, bool json,
                              bool explain, uint16_t port = 0);

// With --explain: "Name lookup: NAME -> ADDRESS, asked of RESOLVER" and the
// lookup's journey, printed before the probe's own.
[[nodiscard]] std::string lookup_explanation(const NameLookup& lookup);

}  // namespace vpcsim::cli
