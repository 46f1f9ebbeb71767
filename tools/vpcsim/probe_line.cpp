#include "tools/vpcsim/probe_line.hpp"

#include "sim/probes/ping.hpp"
#include "sim/probes/tcp_connect.hpp"
#include "sim/probes/traceroute.hpp"
#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/commands/curl_session.hpp"
#include "tools/vpcsim/dns_resolve.hpp"

namespace vpcsim::cli {
namespace {

constexpr const char* kForms =
    "\"ping FROM TO [-c N] [-t TTL]\", \"traceroute FROM TO [-I|-T] [-p PORT] [-m MAX]\", "
    "\"telnet FROM TO PORT\", \"ssh FROM TO [-J BASTION] [-p PORT]\" or "
    "\"curl FROM URL [-H 'Host: NAME'] [-L]\"";

void check_range(int v, int lo, int hi, const std::string& what, const std::string& option) {
  if (v < lo || v > hi) {
    throw UsageError(option + ": " + what + " must be between " + std::to_string(lo) + " and " +
                     std::to_string(hi));
  }
}

// curl: the request, its redirects with -L, each run shown to `done`.
ProbeLineOutcome run_curl_line(sim::Simulation& sim, const topo::TopologySpec& spec,
                               const topo::LoweredTopology& topology, const topo::Endpoint& from,
                               const ProbeLine& p, const std::function<void()>& done) {
  CurlRequest request;
  request.url = p.to;
  request.host_header = p.host_header;
  request.follow = p.follow;
  CurlSession session =
      run_curl(sim, spec, topology, from, request, [&](const std::string&) { done(); });
  ProbeLineOutcome out;
  const CurlExchange* last = session.last();
  out.reason = session.reason();
  std::string result;
  if (session.resolve_error || !last) {
    out.verdict = "unresolved";
    result = "could not resolve " + session.resolve_error.value_or(p.to);
  } else if (last->result.response) {
    out.success = true;
    out.verdict = "response";
    result = "HTTP " + std::to_string(last->result.status());
    if (last->result.served_by) {
      result += " from " + sim.network().device(*last->result.served_by).name();
    }
  } else {
    out.verdict = std::string(sim::verdict_name(last->result.verdict));
    result = out.verdict;
  }
  out.caption = "curl " + p.from + " -> " + p.to + ": " + result;
  return out;
}

}  // namespace

ProbeLine parse_probe_line(const std::string& text, const std::string& option) {
  std::vector<std::string> tokens = po::split_unix(text);
  ProbeLine p;
  p.text = text;
  if (tokens.empty()) throw UsageError(option + ": empty probe; write " + kForms);
  p.type = tokens.front();
  if (p.type != "ping" && p.type != "traceroute" && p.type != "telnet" && p.type != "ssh" &&
      p.type != "curl") {
    throw UsageError(option + ": '" + p.type + "' is not a probe; write " + kForms);
  }
  po::options_description opts;
  opts.add_options()("from", po::value<std::string>()->required())(
      "to", po::value<std::string>()->required())("port-arg", po::value<int>())(
      "count,c", po::value<int>())("ttl,t", po::value<int>())("max-hops,m", po::value<int>())(
      "icmp,I", "")("tcp,T", "")("port,p", po::value<int>())("jump,J", po::value<std::string>())(
      "header,H", po::value<std::vector<std::string>>())("location,L", "");
  po::positional_options_description pos;
  pos.add("from", 1).add("to", 1);
  if (p.type == "telnet") pos.add("port-arg", 1);
  po::variables_map vm;
  try {
    std::vector<std::string> rest(tokens.begin() + 1, tokens.end());
    po::store(po::command_line_parser(rest).options(opts).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(option + " \"" + text + "\": " + e.what() + "; write " + kForms);
  }
  auto only_for = [&](const char* name, bool allowed, const char* shown) {
    if (vm.count(name) && !allowed) {
      throw UsageError(option + " \"" + text + "\": " + shown + " has no meaning for " + p.type);
    }
  };
  only_for("count", p.type == "ping", "-c");
  only_for("ttl", p.type == "ping", "-t");
  only_for("max-hops", p.type == "traceroute", "-m");
  only_for("icmp", p.type == "traceroute", "-I");
  only_for("tcp", p.type == "traceroute", "-T");
  only_for("port", p.type == "traceroute" || p.type == "ssh", "-p");
  only_for("jump", p.type == "ssh", "-J");
  only_for("header", p.type == "curl", "-H");
  only_for("location", p.type == "curl", "-L");
  p.from = vm["from"].as<std::string>();
  p.to = vm["to"].as<std::string>();
  if (vm.count("count")) p.count = vm["count"].as<int>();
  if (vm.count("ttl")) p.ttl = vm["ttl"].as<int>();
  if (vm.count("max-hops")) p.max_hops = vm["max-hops"].as<int>();
  if (vm.count("icmp") && vm.count("tcp"))
    throw UsageError(option + ": -I and -T exclude each other");
  if (vm.count("icmp")) p.mode = "icmp";
  if (vm.count("tcp")) p.mode = "tcp";
  if (vm.count("port")) p.port = vm["port"].as<int>();
  if (vm.count("port-arg")) p.port = vm["port-arg"].as<int>();
  if (vm.count("jump")) p.via = vm["jump"].as<std::string>();
  if (vm.count("header"))
    p.host_header = parse_host_header(vm["header"].as<std::vector<std::string>>());
  p.follow = vm.count("location") > 0;
  if (p.type == "curl") {
    std::string error;
    if (!parse_url(p.to, error)) throw UsageError(option + " \"" + text + "\": " + error);
  }
  if (p.type == "telnet" && !p.port) throw UsageError(option + ": telnet needs a PORT: " + kForms);
  check_range(p.count, 1, 1000, "-c COUNT", option);
  check_range(p.ttl, 1, 255, "-t TTL", option);
  check_range(p.max_hops, 1, 255, "-m MAXHOPS", option);
  if (p.port) check_range(*p.port, 1, 65535, "the port", option);
  return p;
}

ProbeLineOutcome run_probe_line(sim::Simulation& sim, const topo::TopologySpec& spec,
                                const topo::LoweredTopology& topology, const ProbeLine& p,
                                const std::function<void(const sim::Simulation&)>& after_run) {
  const topo::Endpoint& from = source_endpoint(topology, p.from);
  std::function<void()> done = [&] {
    if (after_run) after_run(sim);
  };
  if (p.type == "curl") return run_curl_line(sim, spec, topology, from, p, done);
  ProbeLineOutcome out;
  // A DNS name is looked up first, where the connection to it starts (ssh -J:
  // on the jump host), as the probe commands do; a node name or an address is
  // taken as the side that sends sees it.
  const topo::Endpoint& to_from = p.via.empty() ? from : source_endpoint(topology, p.via);
  std::optional<sim::Ipv4Addr> looked_up;
  if (is_dns_name(topology, p.to)) {
    NameLookup lookup = lookup_name(sim, spec, topology, to_from, p.to, false);
    done();
    looked_up = lookup.address();
    if (!looked_up) {
      out.verdict = "unresolved";
      out.reason = lookup.query.reason;
      out.caption =
          p.type + " " + p.from + " -> " + p.to + ": unresolved (" + lookup.gai_error() + ")";
      return out;
    }
  }
  auto target = [&](const topo::Endpoint& sender) {
    return looked_up ? *looked_up : target_address(topology, sender, p.to);
  };
  if (p.type == "ping") {
    sim::PingOptions o;
    o.count = p.count;
    o.ttl = uint8_t(p.ttl);
    sim::PingResult r = sim::run_ping(sim, from.device, target(from), o);
    done();
    out.success = r.reachable();
    out.verdict = out.success ? "reachable" : "unreachable";
    out.reason = r.reason;
  } else if (p.type == "traceroute") {
    sim::TracerouteOptions o;
    o.max_hops = p.max_hops;
    o.mode = p.mode == "icmp"  ? sim::TracerouteMode::Icmp
             : p.mode == "tcp" ? sim::TracerouteMode::Tcp
                               : sim::TracerouteMode::Udp;
    if (p.port) o.port = uint16_t(*p.port);
    sim::TracerouteResult r = sim::run_traceroute(sim, from.device, target(from), o);
    done();
    out.success = r.reached;
    out.verdict = out.success ? "reachable" : "unreachable";
    out.reason = r.reason;
  } else {
    // telnet, or ssh directly or through a jump host (its first leg to port 22).
    const topo::Endpoint* leg_from = &from;
    if (!p.via.empty()) {
      sim::ConnectResult first =
          sim::run_tcp_connect(sim, from.device, target_address(topology, from, p.via), 22, {});
      done();
      if (first.verdict != sim::ConnectVerdict::Open) {
        out.verdict = std::string(sim::verdict_name(first.verdict));
        out.reason = first.reason;
        out.caption = p.type + " " + p.from + " -> " + p.to + " via " + p.via + ": " + out.verdict +
                      " (at the jump host)";
        return out;
      }
      leg_from = &source_endpoint(topology, p.via);
    }
    uint16_t port = uint16_t(p.port.value_or(p.type == "ssh" ? 22 : 23));
    sim::ConnectResult r = sim::run_tcp_connect(sim, leg_from->device, target(*leg_from), port, {});
    done();
    out.success = r.verdict == sim::ConnectVerdict::Open;
    out.verdict = std::string(sim::verdict_name(r.verdict));
    out.reason = r.reason;
  }
  if (!out.success) blame_missing_public_ip(topology, from, p.to, out.reason);
  out.caption = p.type + " " + p.from + " -> " + p.to + (p.via.empty() ? "" : " via " + p.via) +
                (p.port && p.type != "traceroute" ? ":" + std::to_string(*p.port) : "") +
                (looked_up ? " (" + looked_up->str() + ")" : "") + ": " + out.verdict;
  return out;
}

}  // namespace vpcsim::cli
