#pragma once
// Reading the DNS elements of a topology file (topology/dns_spec.hpp,
// docs/dns.md): <dns-zone> with its <record>s, and <dns-server/> on a node.
// Syntax and value checks only (names, types, values, TTLs); references (the
// VPC of private-to=, the node of alias=) are checked by validate_dns.
#include <span>
#include <string_view>

#include <pugixml.hpp>

#include "topology/diagnostics.hpp"
#include "topology/spec.hpp"
#include "topology/xml_reader.hpp"

namespace vpcsim::topo {

// Appends the zone to `topo.dns_zones` (records that do not read are left out).
void read_dns_zone(xml::XmlReader& reader, Diagnostics& diags, pugi::xml_node n,
                   std::span<const std::string_view> vocabulary, TopologySpec& topo);
// Records <dns-server/> in `dns` (creating it); a second one on the same node is an error.
void read_dns_server(xml::XmlReader& reader, Diagnostics& diags, pugi::xml_node n,
                     std::span<const std::string_view> vocabulary, const std::string& owner,
                     Boxed<DnsNodeSpec>& dns);

// Checks a domain name as written in a zone file of ours: labels of letters,
// digits, '-' and '_' (SRV names start with '_'), at most 63 characters each and
// 253 in all. `wildcard`: a first label "*" is allowed. Returns the problem.
[[nodiscard]] std::optional<std::string> dns_name_problem(std::string_view name, bool wildcard);

}  // namespace vpcsim::topo

namespace vpcsim::topo {
// Reads resolver="IP" of a LAN host into `dns`, created only when the attribute is there (the
// attribute was allowed by the caller's open()).
void read_dns_resolver(xml::XmlReader& reader, xml::El& el, Boxed<DnsNodeSpec>& dns);
}  // namespace vpcsim::topo
