#include "tools/vpcsim/format/dhcp_text.hpp"

#include <algorithm>
#include <variant>
#include <vector>

#include "sim/aws/vpc_router.hpp"
#include "sim/devices/ip_node.hpp"
#include "sim/services/dhcp_client.hpp"
#include "sim/services/dhcp_server.hpp"

namespace vpcsim::cli {
namespace {

// The device whose interface has `mac`: dhcpd learns it as client-hostname.
std::string owner_of(const sim::Simulation& sim, sim::MacAddr mac) {
  for (size_t d = 0; d < sim.network().device_count(); ++d) {
    const auto* n =
        dynamic_cast<const sim::IpNode*>(&sim.network().device(sim::DeviceId{uint32_t(d)}));
    if (!n) continue;
    for (const sim::IpInterface& i : n->interfaces()) {
      if (i.mac == mac) return n->name();
    }
  }
  return "";
}

void server_text(const sim::Simulation& sim, const sim::IpNode& node, const sim::DhcpServer& server,
                 std::string& out) {
  const sim::DhcpPool& pool = server.pool();
  out += node.name() + " DHCP leases on " + node.interfaces()[pool.iface].name + ", pool " +
         pool.first.str() + "-" + pool.last.str() + " (dhcpd.leases):\n";
  if (server.leases().empty()) out += "  (none)\n";
  // By address, as dhcpd lists its pool.
  std::vector<std::pair<sim::Ipv4Addr, sim::MacAddr>> leases;
  for (const auto& [mac, ip] : server.leases()) leases.emplace_back(ip, mac);
  std::sort(leases.begin(), leases.end());
  for (const auto& [ip, mac] : leases) {
    out += "  lease " + ip.str() + " {\n";
    out += "    binding state active;\n";
    out += "    hardware ethernet " + mac.str() + ";\n";
    std::string host = owner_of(sim, mac);
    if (!host.empty()) out += "    client-hostname \"" + host + "\";\n";
    out += "  }\n";
  }
}

void client_text(const sim::IpNode& node, const sim::DhcpClient& client, std::string& out) {
  const std::string iface = node.interfaces()[client.iface()].name;
  out += node.name() + " DHCP lease of " + iface + " (dhclient.leases):\n";
  if (!client.lease()) {
    out += "  (no lease: " +
           (client.failure().empty() ? std::string("the exchange has not run") : client.failure()) +
           ")\n";
    return;
  }
  const sim::DhcpMessage& m = *client.lease();
  out += "  lease {\n";
  out += "    interface \"" + iface + "\";\n";
  out += "    fixed-address " + m.your_ip.str() + ";\n";
  if (m.subnet_mask) out += "    option subnet-mask " + m.subnet_mask->str() + ";\n";
  if (m.router) out += "    option routers " + m.router->str() + ";\n";
  if (m.dns) out += "    option domain-name-servers " + m.dns->str() + ";\n";
  if (m.lease_seconds)
    out += "    option dhcp-lease-time " + std::to_string(*m.lease_seconds) + ";\n";
  out += "    option dhcp-message-type 5;\n";
  if (m.server_id) out += "    option dhcp-server-identifier " + m.server_id->str() + ";\n";
  if (!m.host_name.empty()) out += "    option host-name \"" + m.host_name + "\";\n";
  if (!m.domain_name.empty()) out += "    option domain-name \"" + m.domain_name + "\";\n";
  out += "  }\n";
}

// AWS's DHCP service of a VPC (on its router): the leases it gave, per subnet.
void vpc_text(const sim::VpcRouter& router, const sim::DhcpVpcService& service, std::string& out) {
  out += router.name() + " DHCP leases of VPC " + service.vpc() +
         " (AWS's DHCP service; dhcpd.leases):\n";
  const auto leases = service.leases();
  if (leases.empty()) out += "  (none)\n";
  for (const sim::DhcpVpcService::Lease& l : leases) {
    out += "  lease " + l.ip.str() + " {\n";
    out += "    binding state active;\n";
    out += "    hardware ethernet " + l.mac.str() + ";\n";
    out += "    client-hostname \"" + l.owner + "\";  # subnet " + l.subnet + "\n";
    out += "  }\n";
  }
}

nlohmann::ordered_json ip_or_null(const std::optional<sim::Ipv4Addr>& ip) {
  return ip ? nlohmann::ordered_json(ip->str()) : nlohmann::ordered_json();
}

}  // namespace

std::optional<nlohmann::ordered_json> dhcp_json(const sim::Simulation& sim,
                                                const sim::Packet& pkt) {
  const sim::AppPayload* payload = sim.app_payloads().get(pkt.app);
  const auto* m = payload ? std::get_if<sim::DhcpMessage>(payload) : nullptr;
  if (!m) return std::nullopt;
  nlohmann::ordered_json j;
  j["type"] = sim::dhcp_type_name(m->type);
  j["xid"] = m->xid;
  j["client_mac"] = m->client_mac.str();
  j["your_ip"] = ip_or_null(m->your_ip.is_unspecified() ? std::nullopt : std::optional(m->your_ip));
  j["requested_ip"] = ip_or_null(m->requested_ip);
  j["server_id"] = ip_or_null(m->server_id);
  j["lease_seconds"] =
      m->lease_seconds ? nlohmann::ordered_json(*m->lease_seconds) : nlohmann::ordered_json();
  j["subnet_mask"] = ip_or_null(m->subnet_mask);
  j["router"] = ip_or_null(m->router);
  j["dns"] = ip_or_null(m->dns);
  j["host_name"] =
      m->host_name.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(m->host_name);
  j["domain_name"] =
      m->domain_name.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(m->domain_name);
  return j;
}

std::string dhcp_leases_text(const sim::Simulation& sim, sim::DeviceId device) {
  std::string out;
  if (const auto* router = dynamic_cast<const sim::VpcRouter*>(&sim.network().device(device))) {
    if (router->dhcp()) vpc_text(*router, *router->dhcp(), out);
    return out;
  }
  const auto* node = dynamic_cast<const sim::IpNode*>(&sim.network().device(device));
  if (!node) return "";
  for (size_t s = 0; s < node->service_count(); ++s) {
    if (const auto* server = dynamic_cast<const sim::DhcpServer*>(&node->service(s))) {
      server_text(sim, *node, *server, out);
    }
  }
  for (size_t i = 0; i < node->interfaces().size(); ++i) {
    if (const sim::DhcpClient* client = node->dhcp_client(uint16_t(i)))
      client_text(*node, *client, out);
  }
  return out;
}

}  // namespace vpcsim::cli
