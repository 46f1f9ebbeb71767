#pragma once
// DnsView: the zones one DNS server answers from, as seen from where it sits
// (split horizon is decided when the view is built: an alias or an instance's
// public DNS name already holds the address this server's askers should see),
// and the lookup a recursive resolver does over them: pick the most specific
// zone holding the name, match exact names before wildcards (RFC 4592, as
// Route 53 does: a wildcard covers names at any depth below it unless a closer
// name exists), follow CNAME chains across zones, detect loops, and tell
// NXDOMAIN from NODATA.
// Not modelled: delegation (NS records), negative caching, DNSSEC, TTL expiry.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/services/dns_message.hpp"
#include "sim/trace/drop_reason.hpp"

namespace vpcsim::sim {

struct DnsZone {
  std::string name;                // absolute: "example.net."
  std::string label;               // how explanations name it: "public zone example.net"
  std::vector<DnsRecord> records;  // absolute owner names; "*.example.net." a wildcard
};

// The outcome of one lookup: what goes in the response and why.
struct DnsLookup {
  uint8_t rcode = dns_rcode::kNoError;
  std::vector<DnsRecord> answers;    // the CNAME chain, then the records asked for
  std::vector<DnsRecord> authority;  // the zone's SOA on a negative answer
  std::vector<std::string> steps;    // one sentence per decision, for --explain
  // Set when no record of the type asked came back: nxdomain, nodata, cname-loop.
  std::optional<DropReason> failure;
  std::string failure_detail;
};

class DnsView {
 public:
  // Zones added later with the same name replace earlier ones (a private zone
  // shadows the public zone of the same name for the VPC it is associated with).
  void add_zone(DnsZone zone);
  [[nodiscard]] const std::vector<DnsZone>& zones() const { return zones_; }
  [[nodiscard]] DnsLookup lookup(const std::string& name, uint16_t qtype) const;

 private:
  [[nodiscard]] const DnsZone* zone_for(const std::string& name) const;
  std::vector<DnsZone> zones_;
};

// The SOA Route 53 puts in a negative answer for `zone`.
[[nodiscard]] DnsRecord route53_soa(const std::string& zone);

}  // namespace vpcsim::sim
