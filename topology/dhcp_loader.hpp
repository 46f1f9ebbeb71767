#pragma once
// Reading the DHCP parts of a topology file (topology/dhcp_spec.hpp,
// docs/dhcp.md): <dhcp-server> on a host or router, and the value "dhcp" of an
// interface's ip=. Syntax and value checks only; the interface named, the pool
// against its subnet and the leases are checked by validate_dhcp.
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "topology/diagnostics.hpp"
#include "topology/spec.hpp"
#include "topology/xml_reader.hpp"

namespace vpcsim::topo {

// Appends the <dhcp-server> to `node.dhcp_servers` (created then) when it reads without errors.
void read_dhcp_server(xml::XmlReader& reader, pugi::xml_node n,
                      std::span<const std::string_view> vocabulary, const std::string& owner,
                      NodeSpec& node);

// ip= of a host interface: "dhcp" gives an interface with no address yet (the
// lease plan fills it in) and `dhcp` set; anything else is read as an address.
[[nodiscard]] std::optional<sim::InterfaceAddr> parse_interface_ip(std::string_view v,
                                                                   xml::Bad& bad);
// ip= of a router interface: an address; "dhcp" is refused with a sentence saying why.
[[nodiscard]] std::optional<sim::InterfaceAddr> parse_static_interface_ip(std::string_view v,
                                                                          xml::Bad& bad);
// ip= of an instance: a plain address, or "dhcp" (0.0.0.0 until the lease plan fills it).
[[nodiscard]] std::optional<sim::Ipv4Addr> parse_instance_ip(std::string_view v, xml::Bad& bad);
[[nodiscard]] inline bool is_dhcp(std::optional<std::string_view> ip) { return ip == "dhcp"; }

}  // namespace vpcsim::topo
