// vpcsim ping | traceroute | telnet | ssh: one probe on a topology, printed as
// the real tool prints it (or as JSON), optionally followed by its journey.
#include <iostream>

#include "sim/core/simulation.hpp"
#include "sim/probes/ping.hpp"
#include "sim/probes/tcp_connect.hpp"
#include "sim/probes/traceroute.hpp"
#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/commands/commands.hpp"
#include "tools/vpcsim/commands/pcap_option.hpp"
#include "tools/vpcsim/commands/probe_options.hpp"
#include "tools/vpcsim/dns_resolve.hpp"
#include "tools/vpcsim/format/journey_text.hpp"
#include "tools/vpcsim/format/layered_journey.hpp"
#include "tools/vpcsim/format/layers_text.hpp"
#include "tools/vpcsim/format/probe_json.hpp"
#include "tools/vpcsim/format/probe_text.hpp"

namespace vpcsim::cli {
namespace {

// The options every probe command has (shared with dig: probe_options.hpp) and TO.
struct ProbeCommand : ProbeCommandLine {
  ProbeCommand()
      : ProbeCommandLine(
            "after the result, print the journey of every packet, hop by hop; "
            "--explain=layers: event by event with each frame's headers and what every "
            "OSI layer did (for teaching)") {
    hidden.add_options()("to", po::value<std::string>()->required(), "destination node or address");
    positional.add("to", 1);
  }
};

// Loaded topology, the simulation over it, and the resolved endpoints.
struct ProbeSetup {
  LoadedTopology topology;
  std::unique_ptr<sim::Simulation> sim;
  const topo::Endpoint* from = nullptr;
  sim::Ipv4Addr to;
  std::unique_ptr<PcapFile> pcap;
  std::optional<NameLookup> lookup;  // TO was a DNS name (docs/dns.md)

  explicit ProbeSetup(const ProbeCommand& cmd, const char* tool = "ping", uint16_t port = 0)
      : topology(load_topology(cmd.arg("file"), std::cerr)) {
    from = &source_endpoint(*topology.lowered, cmd.arg("from"));
    bool by_name = is_dns_name(*topology.lowered, cmd.arg("to"));
    if (!by_name) to = target_address(*topology.lowered, *from, cmd.arg("to"));
    sim = std::make_unique<sim::Simulation>(std::move(topology.lowered->network));
    sim->schedule_faults(fault_options(cmd.vm, sim->network()));
    (void)cmd.layers();  // a bad --explain value is bad usage before anything runs
    pcap = open_pcap(cmd.vm, sim->network());
    if (by_name) resolve(cmd, tool, port);
  }
  // TO looked up as FROM would (its resolver, in the simulation), as getaddrinfo() first.
  void resolve(const ProbeCommand& cmd, const char* tool, uint16_t port) {
    lookup = lookup_name(*sim, topology.spec, *topology.lowered, *from, cmd.arg("to"),
                         cmd.flag("explain"));
    if (pcap) pcap->add_run(*sim);
    auto address = lookup->address();
    if (!address) fail_lookup(tool, *lookup, cmd.flag("json"), cmd.flag("explain"), port);
    to = *address;
  }
  [[nodiscard]] const NameLookup* name_lookup() const { return lookup ? &*lookup : nullptr; }
  // After the probe: its frames to the capture, if one was asked for.
  void capture() {
    if (!pcap) return;
    pcap->add_run(*sim);
    pcap->close();
  }
  void blame_missing_public_ip(const ProbeCommand& cmd, std::optional<sim::ProbeReason>& reason) {
    cli::blame_missing_public_ip(*topology.lowered, *from, cmd.arg("to"), reason);
  }
};

// A port option's value, checked to be 1-65535; nullopt when not given.
std::optional<uint16_t> port_option(const ProbeCommand& cmd, const char* name, const char* shown) {
  if (!cmd.flag(name)) return std::nullopt;
  int v = cmd.vm[name].as<int>();
  if (v < 1 || v > 65535) throw UsageError(std::string(shown) + " must be between 1 and 65535");
  return uint16_t(v);
}

// The real tools say only "timed out"; we also say why, on stderr so that parsers of
// the tools' output (jc) see exactly what they expect on stdout. JSON carries the same
// sentence in its "reason" object.
void print_why(const std::optional<sim::ProbeReason>& why) {
  if (!why) return;
  std::cout.flush();
  std::cerr << "why: " << why->sentence() << " [" << sim::reason_code(why->reason) << "]\n";
}

void print_result(const ProbeCommand& cmd, const sim::Simulation& sim, std::string text,
                  nlohmann::ordered_json json, const std::optional<sim::ProbeReason>& why,
                  const NameLookup* lookup = nullptr) {
  if (lookup) json["lookup"] = lookup->json();
  if (cmd.flag("json")) {
    if (cmd.flag("explain")) json["journey"] = journey_json(sim);
    if (cmd.layers()) json["layers"] = layered_json(layered_journey(sim));
    std::cout << json.dump(2) << "\n";
    return;
  }
  std::cout << text;
  print_why(why);
  if (cmd.flag("explain")) {
    std::cout << "\n" << (lookup ? lookup_explanation(*lookup) : "") << cmd.explanation(sim);
  }
}

}  // namespace

int run_ping(const Args& args) {
  ProbeCommand cmd;
  cmd.visible.add_options()("count,c", po::value<int>()->default_value(3), "echo requests to send")(
      "ttl,t", po::value<int>()->default_value(64), "TTL of the requests (1-255)");
  if (!cmd.parse(
          args,
          "vpcsim ping FILE FROM TO [-c COUNT] [-t TTL] [--json] [--explain[=layers]] "
          "[--pcap OUT [--pcap-port DEVICE:PORT]] [--fail|--restore LINK|NODE@TIME]...",
          "  vpcsim ping lan.xml pc1 pc2\n"
          "  vpcsim ping lan.xml pc1 10.9.0.1 -c 1 --explain\n"
          "  vpcsim ping plan.xml app db -t 2 --json\n"
          "  vpcsim ping lan.xml pc1 pc2 -c 1 --explain=layers\n"
          "  vpcsim ping lan.xml pc1 pc2 -c 1 --pcap ping.pcap   # then: wireshark ping.pcap\n"
          "  vpcsim ping lan.xml pc1 pc2 --pcap r1.pcap --pcap-port r1:eth0\n"
          "  vpcsim ping lan.xml pc1 pc2 -c 5 --fail r1:eth1@2s --restore r1:eth1@4s\n"
          "  vpcsim ping lan.xml pc1 pc2 --fail sw1@0s --explain   # a switch down\n")) {
    return kOk;
  }
  int count = cmd.vm["count"].as<int>(), ttl = cmd.vm["ttl"].as<int>();
  if (count < 1 || count > 100000) throw UsageError("-c COUNT must be between 1 and 100000");
  if (ttl < 1 || ttl > 255) throw UsageError("-t TTL must be between 1 and 255");
  ProbeSetup setup(cmd);
  sim::PingOptions options;
  options.count = count;
  options.ttl = uint8_t(ttl);
  sim::PingResult r = sim::run_ping(*setup.sim, setup.from->device, setup.to, options);
  setup.capture();
  if (!r.reachable()) setup.blame_missing_public_ip(cmd, r.reason);
  print_result(cmd, *setup.sim, ping_text(r, cmd.arg("to"), options),
               ping_json(r, setup.from->name, cmd.arg("to")),
               r.reachable() ? std::nullopt : r.reason, setup.name_lookup());
  return r.reachable() ? kOk : kFailed;
}

int run_traceroute(const Args& args) {
  ProbeCommand cmd;
  cmd.visible.add_options()("max-hops,m", po::value<int>()->default_value(30),
                            "largest TTL (1-255)")("icmp,I", "probe with ICMP echo requests")(
      "tcp,T", "probe with TCP SYN")("port,p", po::value<int>(),
                                     "destination port (UDP: base port, default 33434; TCP: 80)")(
      "source-port", po::value<int>(), "source port (UDP, TCP)");
  if (!cmd.parse(args,
                 "vpcsim traceroute FILE FROM TO [-m MAXHOPS] [-I|-T -p PORT] [--json] "
                 "[--explain[=layers]] [--pcap OUT [--pcap-port DEVICE:PORT]] "
                 "[--fail|--restore LINK|NODE@TIME]...",
                 "  vpcsim traceroute lan.xml h1 h2\n"
                 "  vpcsim traceroute lan.xml h1 h2 -I\n"
                 "  vpcsim traceroute plan.xml app 198.51.100.10 -T -p 443 --explain\n"
                 "  vpcsim traceroute lan.xml h1 h2 --explain=layers --pcap trace.pcap\n"
                 "  vpcsim traceroute lan.xml h1 h2 --fail r2@0s\n")) {
    return kOk;
  }
  sim::TracerouteOptions options;
  options.max_hops = cmd.vm["max-hops"].as<int>();
  if (options.max_hops < 1 || options.max_hops > 255)
    throw UsageError("-m MAXHOPS must be between 1 and 255");
  if (cmd.flag("icmp") && cmd.flag("tcp")) throw UsageError("-I and -T exclude each other");
  options.mode = cmd.flag("icmp")  ? sim::TracerouteMode::Icmp
                 : cmd.flag("tcp") ? sim::TracerouteMode::Tcp
                                   : sim::TracerouteMode::Udp;
  for (const char* name : {"port", "source-port"}) {
    if (!cmd.flag(name)) continue;
    int v = cmd.vm[name].as<int>();
    if (v < 1 || v > 65535)
      throw UsageError(std::string("--") + name + " must be between 1 and 65535");
    (name[0] == 'p' ? options.port : options.source_port) = uint16_t(v);
  }
  if (options.port && options.mode == sim::TracerouteMode::Icmp) {
    throw UsageError("-p PORT has no meaning with -I");
  }
  ProbeSetup setup(cmd, "traceroute");
  sim::TracerouteResult r = sim::run_traceroute(*setup.sim, setup.from->device, setup.to, options);
  setup.capture();
  if (!r.reached) setup.blame_missing_public_ip(cmd, r.reason);
  print_result(cmd, *setup.sim, traceroute_text(r, cmd.arg("to"), options.mode),
               traceroute_json(r, setup.from->name, cmd.arg("to")),
               r.reached ? std::nullopt : r.reason, setup.name_lookup());
  return r.reached ? kOk : kFailed;
}

int run_telnet(const Args& args) {
  ProbeCommand cmd;
  cmd.hidden.add_options()("port", po::value<int>()->required(), "TCP port");
  cmd.positional.add("port", 1);
  cmd.visible.add_options()("source-port", po::value<int>(), "source port (default: ephemeral)");
  if (!cmd.parse(args,
                 "vpcsim telnet FILE FROM TO PORT [--json] [--explain[=layers]] "
                 "[--pcap OUT [--pcap-port DEVICE:PORT]] [--fail|--restore LINK|NODE@TIME]...",
                 "  vpcsim telnet lan.xml pc1 server 22\n"
                 "  vpcsim telnet plan.xml app db 3306 --explain\n"
                 "  vpcsim telnet plan.xml client web 80 --pcap web.pcap --pcap-port igw:internet\n"
                 "  vpcsim telnet lan.xml pc1 server 22 --fail server@0s\n")) {
    return kOk;
  }
  int port = cmd.vm["port"].as<int>();
  if (port < 1 || port > 65535) throw UsageError("PORT must be between 1 and 65535");
  sim::ConnectOptions options;
  if (cmd.flag("source-port")) {
    int sp = cmd.vm["source-port"].as<int>();
    if (sp < 1 || sp > 65535) throw UsageError("--source-port must be between 1 and 65535");
    options.source_port = uint16_t(sp);
  }
  ProbeSetup setup(cmd, "telnet", uint16_t(port));
  sim::ConnectResult r =
      sim::run_tcp_connect(*setup.sim, setup.from->device, setup.to, uint16_t(port), options);
  setup.capture();
  if (r.verdict != sim::ConnectVerdict::Open) setup.blame_missing_public_ip(cmd, r.reason);
  print_result(cmd, *setup.sim, telnet_text(r, cmd.arg("to")),
               connect_json(r, setup.from->name, cmd.arg("to"), &setup.sim->network()),
               r.verdict == sim::ConnectVerdict::Open ? std::nullopt : r.reason,
               setup.name_lookup());
  return r.verdict == sim::ConnectVerdict::Open ? kOk : kFailed;
}

int run_ssh(const Args& args) {
  ProbeCommand cmd;
  cmd.visible.add_options()("jump,J", po::value<std::string>(),
                            "connect through this jump host (bastion): first to its port 22, "
                            "then from it to TO, named as the jump host sees it")(
      "port,p", po::value<int>()->default_value(22), "port to connect to on TO")(
      "source-port", po::value<int>(), "source port of FROM's connection (default: ephemeral)");
  if (!cmd.parse(args,
                 "vpcsim ssh FILE FROM TO [--jump BASTION] [-p PORT] [--source-port PORT] "
                 "[--json] [--explain[=layers]] [--pcap OUT [--pcap-port DEVICE:PORT]] "
                 "[--fail|--restore LINK|NODE@TIME]...",
                 "  vpcsim ssh plan.xml bastion app\n"
                 "  vpcsim ssh plan.xml client app --jump bastion\n"
                 "  vpcsim ssh plan.xml client app -J bastion -p 2222 --explain\n"
                 "  vpcsim ssh plan.xml client 203.0.113.10 --json\n"
                 "  vpcsim ssh plan.xml client app -J bastion --pcap ssh.pcap   # both legs\n"
                 "  vpcsim ssh plan.xml client app -J bastion --fail bastion@0s\n")) {
    return kOk;
  }
  uint16_t port = *port_option(cmd, "port", "-p PORT");
  sim::ConnectOptions first_options;
  first_options.source_port = port_option(cmd, "source-port", "--source-port");
  LoadedTopology topology = load_topology(cmd.arg("file"), std::cerr);
  const topo::LoweredTopology& lowered = *topology.lowered;
  const topo::Endpoint& from = source_endpoint(lowered, cmd.arg("from"));
  SshSession session{from.name, cmd.arg("to"), cmd.flag("jump") ? cmd.arg("jump") : "", {}};
  // Every name is checked before anything runs: a typo is bad usage (exit 2),
  // whichever leg it would have stopped.
  const topo::Endpoint* bastion = nullptr;
  sim::Ipv4Addr first_dst, onward_dst;
  const bool by_name = is_dns_name(lowered, session.to);  // docs/dns.md
  if (session.via.empty()) {
    if (!by_name) first_dst = target_address(lowered, from, session.to);
  } else {
    bastion = &source_endpoint(lowered, session.via);
    first_dst = target_address(lowered, from, session.via);
    if (!by_name) onward_dst = target_address(lowered, *bastion, session.to);
  }
  sim::Simulation sim(std::move(topology.lowered->network));
  // Times count from the first leg's start; faults still pending go on into the next leg.
  sim.schedule_faults(fault_options(cmd.vm, sim.network()));
  (void)cmd.layers();
  std::unique_ptr<PcapFile> pcap = open_pcap(cmd.vm, sim.network());
  // A name is looked up where the connection to it starts: on FROM, or on the
  // jump host (ssh -J: the jump host opens the onward connection).
  std::optional<NameLookup> lookup;
  if (by_name) {
    lookup = lookup_name(sim, topology.spec, lowered, bastion ? *bastion : from, session.to,
                         cmd.flag("explain"));
    if (pcap) pcap->add_run(sim);
    if (!lookup->address()) fail_lookup("ssh", *lookup, cmd.flag("json"), cmd.flag("explain"));
    (bastion ? onward_dst : first_dst) = *lookup->address();
  }

  // Each leg's journey is kept before the next leg starts a new one.
  std::vector<std::string> journeys_text;
  std::vector<nlohmann::ordered_json> journeys_json;
  auto run_leg = [&](const topo::Endpoint& leg_from, const std::string& target, sim::Ipv4Addr dst,
                     uint16_t dst_port, const sim::ConnectOptions& options) {
    SshLeg leg{leg_from.name, target,
               sim::run_tcp_connect(sim, leg_from.device, dst, dst_port, options)};
    if (leg.result.verdict != sim::ConnectVerdict::Open) {
      cli::blame_missing_public_ip(lowered, leg_from, target, leg.result.reason);
    }
    if (pcap) pcap->add_run(sim);
    if (cmd.flag("explain")) {
      if (cmd.flag("json")) {
        journeys_json.push_back(journey_json(sim));
      } else {
        journeys_text.push_back(cmd.explanation(sim));
      }
    }
    session.legs.push_back(std::move(leg));
    return session.legs.back().result.verdict == sim::ConnectVerdict::Open;
  };
  if (!bastion) {
    run_leg(from, session.to, first_dst, port, first_options);
  } else if (run_leg(from, session.via, first_dst, 22, first_options)) {
    // The jump host's sshd opens the onward connection from its own ephemeral port.
    run_leg(*bastion, session.to, onward_dst, port, {});
  }
  if (pcap) pcap->close();

  if (cmd.flag("json")) {
    nlohmann::ordered_json j = ssh_json(session, &sim.network());
    if (lookup) j["lookup"] = lookup->json();
    for (size_t i = 0; i < journeys_json.size(); ++i) {
      j["legs"][i]["journey"] = std::move(journeys_json[i]);
    }
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << ssh_text(session);  // says why itself, as its last line
    if (lookup && !journeys_text.empty()) std::cout << "\n" << lookup_explanation(*lookup);
    for (size_t i = 0; i < journeys_text.size(); ++i) {
      const SshLeg& leg = session.legs[i];
      std::cout << "\n";
      if (bastion) {
        std::cout << "Leg " << i + 1 << ": " << leg.from << " -> " << leg.target << " port "
                  << leg.result.dst_port << "\n";
      }
      std::cout << journeys_text[i];
    }
  }
  return session.connected() ? kOk : kFailed;
}

}  // namespace vpcsim::cli
