// vpcsim dig | nslookup: one DNS question asked from a node of the topology,
// over simulated UDP to its resolver (or the server named with @SERVER),
// printed as dig or nslookup print it (or as JSON), optionally followed by the
// journey of the query and the answer (docs/dns.md).
#include <iostream>

#include "sim/core/simulation.hpp"
#include "sim/services/dns_client.hpp"
#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/commands/commands.hpp"
#include "tools/vpcsim/commands/pcap_option.hpp"
#include "tools/vpcsim/commands/probe_options.hpp"
#include "tools/vpcsim/format/dns_text.hpp"
#include "tools/vpcsim/format/journey_text.hpp"
#include "topology/dns_lower.hpp"

namespace vpcsim::cli {
namespace {

// The options of every probe command (probe_options.hpp), NAME and the rest.
struct DnsCommand : ProbeCommandLine {
  DnsCommand()
      : ProbeCommandLine(
            "after the result, print the journey of the query and the answer, hop by hop; "
            "--explain=layers: event by event, layer by layer") {
    hidden.add_options()("name", po::value<std::string>()->required(), "the name to look up")(
        "rest", po::value<std::vector<std::string>>(), "TYPE, @SERVER, +short");
    positional.add("name", 1).add("rest", -1);
  }
  [[nodiscard]] std::vector<std::string> rest() const {
    return flag("rest") ? vm["rest"].as<std::vector<std::string>>() : std::vector<std::string>{};
  }
};

struct Question {
  uint16_t type = sim::dns_type::kA;
  std::string server;  // as typed after '@', or empty
  bool short_form = false;
};

Question parse_rest(const std::vector<std::string>& rest, bool allow_type) {
  Question q;
  bool typed = false;
  for (const std::string& a : rest) {
    if (a.starts_with("@")) {
      if (!q.server.empty()) throw UsageError("only one @SERVER may be given");
      q.server = a.substr(1);
      if (q.server.empty()) throw UsageError("@ needs a server: @IP or @NODE");
    } else if (a == "+short") {
      q.short_form = true;
    } else if (a.starts_with("+")) {
      throw UsageError("unknown query option '" + a + "' (vpcsim dig knows +short)");
    } else if (allow_type && !typed) {
      auto t = sim::dns_type_of(a);
      if (!t || *t == sim::dns_type::kSoa) {
        throw UsageError("unknown record type '" + a + "' (A, CNAME, SRV)");
      }
      q.type = *t;
      typed = true;
    } else {
      throw UsageError("unexpected argument '" + a + "'");
    }
  }
  return q;
}

struct DnsRun {
  sim::DnsQueryResult result;
  std::string resolver_label;
};

// Loads FILE, runs the query, writes the capture. Throws UsageError for a
// source without a resolver when no @SERVER was given.
int run_query(const DnsCommand& cmd, const Question& q, bool nslookup) {
  LoadedTopology topology = load_topology(cmd.arg("file"), std::cerr);
  const topo::LoweredTopology& lowered = *topology.lowered;
  const topo::Endpoint& from = source_endpoint(lowered, cmd.arg("from"));
  sim::Ipv4Addr server;
  if (!q.server.empty()) {
    server = target_address(lowered, from, q.server);
  } else {
    std::string why;
    auto resolver = topo::resolver_of(topology.spec, lowered, from, &why);
    if (!resolver) throw UsageError(why + "; name a server with @SERVER");
    server = resolver->ip;
  }
  sim::Simulation sim(std::move(topology.lowered->network));
  sim.schedule_faults(fault_options(cmd.vm, sim.network()));
  (void)cmd.layers();
  std::unique_ptr<PcapFile> pcap = open_pcap(cmd.vm, sim.network());
  sim::DnsQueryResult r = sim::run_dns_query(sim, from.device, server, cmd.arg("name"), q.type);
  if (pcap) {
    pcap->add_run(sim);
    pcap->close();
  }
  bool ok = r.reason == std::nullopt;
  if (cmd.flag("json")) {
    nlohmann::ordered_json j = dig_json(r);
    j["from"] = from.name;
    if (cmd.flag("explain")) j["journey"] = journey_json(sim);
    std::cout << j.dump(2) << "\n";
    return ok ? kOk : kFailed;
  }
  if (nslookup) {
    std::cout << nslookup_text(r);
  } else {
    DigOptions options;
    if (!q.server.empty()) options.server_arg = "@" + q.server;
    options.short_form = q.short_form;
    std::cout << dig_text(r, options);
  }
  if (r.reason) {
    std::cout.flush();
    std::cerr << "why: " << dns_why(*r.reason) << " [" << sim::reason_code(r.reason->reason)
              << "]\n";
  }
  if (cmd.flag("explain")) {
    std::cout << "\n" << cmd.explanation(sim);
  }
  return ok ? kOk : kFailed;
}

}  // namespace

int run_dig(const Args& args) {
  DnsCommand cmd;
  if (!cmd.parse(
          args,
          "vpcsim dig FILE FROM NAME [TYPE] [@SERVER] [+short] [--json] [--explain[=layers]] "
          "[--pcap OUT [--pcap-port DEVICE:PORT]] [--fail|--restore LINK|NODE@TIME]...",
          "  vpcsim dig plan.xml app www.example.net\n"
          "  vpcsim dig plan.xml client www.example.net +short\n"
          "  vpcsim dig plan.xml alice _ssh._tcp.alice.ssh.example.org SRV\n"
          "  vpcsim dig plan.xml app www.example.net @dns1 --explain   # a server you run\n"
          "  vpcsim dig plan.xml app db.internal.example.net --json\n"
          "  vpcsim dig plan.xml app www.example.net --pcap dns.pcap   # then: tshark -r dns.pcap\n"
          "\nTYPE is A (default), CNAME or SRV. Without @SERVER the source asks its own\n"
          "resolver: an instance its VPC's Amazon DNS server (base+2), an internet host\n"
          "the public resolver 8.8.8.8, a LAN host the server of its resolver= attribute.\n"
          "Exit status: 0 when records of TYPE came back, 1 otherwise (NXDOMAIN, NODATA,\n"
          "SERVFAIL, timeout), 2 for bad usage or input.\n")) {
    return kOk;
  }
  return run_query(cmd, parse_rest(cmd.rest(), true), false);
}

int run_nslookup(const Args& args) {
  DnsCommand cmd;
  if (!cmd.parse(args,
                 "vpcsim nslookup FILE FROM NAME [@SERVER] [--json] [--explain[=layers]] "
                 "[--pcap OUT [--pcap-port DEVICE:PORT]] [--fail|--restore LINK|NODE@TIME]...",
                 "  vpcsim nslookup plan.xml app www.example.net\n"
                 "  vpcsim nslookup plan.xml client www.example.net --explain\n"
                 "\nAsks for the A records of NAME, as nslookup NAME does, from FROM's resolver\n"
                 "(or @SERVER). Exit status as vpcsim dig.\n")) {
    return kOk;
  }
  return run_query(cmd, parse_rest(cmd.rest(), false), true);
}

}  // namespace vpcsim::cli
