#include "tools/vpcsim/crosscheck/real_probe.hpp"

#include <stdexcept>

#include "tools/vpcsim/cli_common.hpp"

namespace vpcsim::crosscheck {
namespace {

using namespace std::chrono_literals;

// Long enough for a neighbour that never answers: Linux gives up on ARP after
// 3 probes 1 s apart and only then sends "host unreachable", as the simulator.
constexpr int kWaitSeconds = 4;
// nc's connect timeout; the simulator waits 10 s, but past ARP's 3 s nothing
// more can come back in an emulated network.
constexpr int kConnectSeconds = 5;
// Added to a tool's own waiting before the runner kills it.
constexpr auto kMargin = 5s;

std::string resolve(const topo::LoweredTopology& t, const topo::Endpoint& from,
                    const std::string& target) {
  return cli::target_address(t, from, target).str();
}

std::string netns_of(const NamespaceOf& namespace_of, const std::string& node) {
  std::optional<std::string> ns = namespace_of(node);
  if (!ns) throw std::runtime_error("node '" + node + "' has no namespace in the emulation");
  return *ns;
}

RealStep nc_step(const NamespaceOf& namespace_of, const topo::Endpoint& from, const std::string& ip,
                 uint16_t port, std::optional<uint16_t> source_port, std::optional<int> ttl) {
  RealStep s{Tool::Nc, from.name, netns_of(namespace_of, from.name), ip, {}, {}, {}};
  s.argv = {"nc", "-z", "-v", "-w", std::to_string(kConnectSeconds)};
  if (source_port) s.argv.insert(s.argv.end(), {"-p", std::to_string(*source_port)});
  if (ttl) s.argv.insert(s.argv.end(), {"-M", std::to_string(*ttl)});
  s.argv.insert(s.argv.end(), {ip, std::to_string(port)});
  s.limit = std::chrono::seconds(kConnectSeconds) + kMargin;
  return s;
}

RealStep ping_step(const topo::ProbeSpec& p, const NamespaceOf& namespace_of,
                   const topo::Endpoint& from, const std::string& ip) {
  // The simulator's default count (sim::PingOptions) when the scenario gives none.
  const int count = p.count.value_or(3);
  RealStep s{Tool::Ping, from.name, netns_of(namespace_of, from.name), ip, {}, {}, {}};
  s.argv = {"ping", "-n", "-c", std::to_string(count), "-W", std::to_string(kWaitSeconds)};
  if (p.ttl) s.argv.insert(s.argv.end(), {"-t", std::to_string(*p.ttl)});
  s.argv.push_back(ip);
  s.limit = std::chrono::seconds(count + kWaitSeconds) + kMargin;
  return s;
}

RealStep traceroute_step(const topo::ProbeSpec& p, const NamespaceOf& namespace_of,
                         const topo::Endpoint& from, const std::string& ip) {
  const int max_hops = p.max_hops.value_or(30);
  RealStep s{Tool::Traceroute, from.name, netns_of(namespace_of, from.name), ip, {}, {}, {}};
  // One query per hop, one probe at a time: Linux rate-limits the ICMP errors
  // of unroutable packets (net.ipv4.route.error_burst, not per namespace), which
  // 16 parallel probes reaching the same router would exhaust.
  s.argv = {"traceroute", "-n",
            "-q",         "1",
            "-N",         "1",
            "-w",         std::to_string(kWaitSeconds),
            "-m",         std::to_string(max_hops)};
  if (p.mode == "icmp") {
    s.argv.push_back("-I");
  } else if (p.mode == "tcp") {
    s.argv.insert(s.argv.end(), {"-T", "-p", std::to_string(p.port.value_or(80))});
  } else if (p.port) {
    s.argv.insert(s.argv.end(), {"-p", std::to_string(*p.port)});
  }
  if (p.source_port && p.mode != "icmp") {
    s.argv.push_back("--sport=" + std::to_string(*p.source_port));
  }
  s.argv.push_back(ip);
  s.limit = std::chrono::seconds(max_hops * kWaitSeconds) + kMargin;
  return s;
}

// A word a POSIX shell reads back as itself.
std::string shell_quote(const std::string& word) {
  bool plain = !word.empty();
  for (char c : word) {
    bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '_' || c == '.' || c == '/' || c == ':' || c == '=' || c == ',';
    if (!safe) plain = false;
  }
  if (plain) return word;
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

RealProbe real_probe(const topo::ProbeSpec& p, const topo::LoweredTopology& t,
                     const NamespaceOf& namespace_of) {
  const topo::Endpoint& from = cli::source_endpoint(t, p.from);
  RealProbe out;
  switch (p.type) {
    case topo::ProbeType::Ping:
      out.steps.push_back(ping_step(p, namespace_of, from, resolve(t, from, p.to)));
      break;
    case topo::ProbeType::Traceroute:
      out.steps.push_back(traceroute_step(p, namespace_of, from, resolve(t, from, p.to)));
      break;
    case topo::ProbeType::Telnet:
      out.steps.push_back(nc_step(namespace_of, from, resolve(t, from, p.to), p.port.value_or(23),
                                  p.source_port, p.ttl));
      break;
    case topo::ProbeType::Ssh: {
      const uint16_t port = p.port.value_or(22);
      if (p.via.empty()) {
        out.steps.push_back(
            nc_step(namespace_of, from, resolve(t, from, p.to), port, p.source_port, {}));
        break;
      }
      // As `vpcsim check`: the source port is the client's (first leg); the
      // bastion picks its own and names the target as it sees it.
      const topo::Endpoint& bastion = cli::source_endpoint(t, p.via);
      out.steps.push_back(
          nc_step(namespace_of, from, resolve(t, from, p.via), 22, p.source_port, {}));
      out.steps.push_back(nc_step(namespace_of, bastion, resolve(t, bastion, p.to), port, {}, {}));
      break;
    }
    default:
      break;
  }
  // A probe type added after crosscheck was written: no real tool for it here.
  if (out.steps.empty()) {
    throw std::runtime_error("crosscheck has no real tool for " + p.type_name + " probes");
  }
  return out;
}

std::optional<std::string> not_run_here(const topo::ProbeSpec& p, const topo::LoweredTopology& t) {
  switch (p.type) {
    case topo::ProbeType::Ping:
    case topo::ProbeType::Traceroute:
    case topo::ProbeType::Telnet:
    case topo::ProbeType::Ssh:
      break;
    default:
      return "crosscheck has no real tool for " + p.type_name + " probes";
  }
  for (const std::string* name : {&p.to, &p.via}) {
    if (name->empty() || t.endpoint(*name) || sim::Ipv4Addr::parse(*name)) continue;
    return "'" + *name + "' is a DNS name, and the emulation runs no name server";
  }
  return std::nullopt;
}

std::string command_line(const RealStep& step) {
  std::string out = "ip netns exec " + shell_quote(step.netns);
  for (const std::string& word : step.argv) out += " " + shell_quote(word);
  return out;
}

}  // namespace vpcsim::crosscheck
