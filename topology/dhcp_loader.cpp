#include "topology/dhcp_loader.hpp"

#include <charconv>

namespace vpcsim::topo {
namespace {

using xml::Bad;

// "192.168.0.100-192.168.0.199"
std::optional<std::pair<sim::Ipv4Addr, sim::Ipv4Addr>> parse_pool(std::string_view v, Bad& bad) {
  const size_t dash = v.find('-');
  auto first =
      dash == std::string_view::npos ? std::nullopt : sim::Ipv4Addr::parse(v.substr(0, dash));
  auto last =
      dash == std::string_view::npos ? std::nullopt : sim::Ipv4Addr::parse(v.substr(dash + 1));
  if (!first || !last) {
    bad = {"bad-value", "is not an address range (e.g. 192.168.0.100-192.168.0.199)"};
    return std::nullopt;
  }
  if (*last < *first) {
    bad = {"bad-value", "ends before it starts (write the lower address first)"};
    return std::nullopt;
  }
  return std::pair{*first, *last};
}

// "3600s", "30m", "1h", "7d": a DHCP lease time (option 51 counts seconds).
std::optional<uint32_t> parse_lease(std::string_view v, Bad& bad) {
  uint64_t n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  std::string_view unit(end, size_t(v.data() + v.size() - end));
  uint64_t scale = unit == "s"   ? 1
                   : unit == "m" ? 60
                   : unit == "h" ? 3600
                   : unit == "d" ? 86400
                                 : 0;
  if (ec != std::errc{} || end == v.data() || scale == 0) {
    bad = {"bad-duration", "is not a lease time (e.g. 1h; units: s, m, h, d)"};
    return std::nullopt;
  }
  if (n == 0 || n > 0xfffffffeull / scale) {
    bad = {"bad-duration", "is not a lease time between 1s and 136 years"};
    return std::nullopt;
  }
  return uint32_t(n * scale);
}

}  // namespace

std::optional<sim::InterfaceAddr> parse_interface_ip(std::string_view v, Bad& bad) {
  if (v == "dhcp") return sim::InterfaceAddr{sim::Ipv4Addr{}, 32};
  return xml::parse_interface_addr(v, bad);
}

std::optional<sim::InterfaceAddr> parse_static_interface_ip(std::string_view v, Bad& bad) {
  if (v == "dhcp") {
    bad = {"bad-ip",
           "is for hosts: a router's interface needs a static ADDRESS/LEN (it is "
           "what DHCP clients use as their gateway)"};
    return std::nullopt;
  }
  return xml::parse_interface_addr(v, bad);
}

std::optional<sim::Ipv4Addr> parse_instance_ip(std::string_view v, Bad& bad) {
  if (v == "dhcp") return sim::Ipv4Addr{};
  return xml::parse_ip(v, bad);
}

void read_dhcp_server(xml::XmlReader& reader, pugi::xml_node n,
                      std::span<const std::string_view> vocabulary, const std::string& owner,
                      NodeSpec& node) {
  xml::El el = reader.open(n, {"interface", "pool", "gateway", "dns", "lease"});
  el.ctx = "dhcp-server of " + owner;
  DhcpServerSpec spec;
  spec.loc = el.loc;
  auto iface = reader.get(el, "interface", true, xml::parse_name);
  auto pool = reader.get(el, "pool", true, parse_pool);
  spec.gateway = reader.get(el, "gateway", false, xml::parse_ip);
  spec.dns = reader.get(el, "dns", false, xml::parse_ip);
  if (auto lease = reader.get(el, "lease", false, parse_lease)) spec.lease_seconds = *lease;
  reader.for_children(el, {}, vocabulary, [](pugi::xml_node) {});
  if (!el.ok || !iface || !pool) return;
  spec.interface = *iface;
  spec.pool_first = pool->first;
  spec.pool_last = pool->second;
  node.dhcp_servers.ensure().push_back(std::move(spec));
}

}  // namespace vpcsim::topo
