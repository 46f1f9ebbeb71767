#pragma once
// The DNS parts of scenario files (docs/dns.md):
//   <probe type="dig" from="NODE" name="www.example.net" record-type="A|CNAME|SRV"?
//          server="NODE|IP"? expect="noerror|nxdomain|nodata|servfail|timeout|refused|unreachable"
//          answer="10.0.1.10,10.0.1.11"? reason="…"?/>
// `answer` lists the records of the type asked as dig +short prints them (SRV:
// "10 5 22 alice.example.org"), in any order; a trailing dot may be left out.
#include <string>
#include <vector>

#include "topology/diagnostics.hpp"
#include "topology/scenario_spec.hpp"
#include "topology/xml_reader.hpp"

namespace vpcsim::topo {

// Reads name=, record-type=, server= and answer= of a dig probe into `p`.
void read_dig_probe(xml::XmlReader& reader, Diagnostics& diags, xml::El& el, ProbeSpec& p);

// The reason codes of DNS outcomes, for the scenario loader's list.
[[nodiscard]] const std::vector<std::string>& dns_reason_codes();

}  // namespace vpcsim::topo
