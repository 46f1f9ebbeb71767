#include "tools/vpcsim/cli_common.hpp"

#include <iostream>

#include "topology/validate.hpp"
#include "topology/xml_loader.hpp"
#include "topology/xml_reader.hpp"

namespace vpcsim::cli {

LoadedTopology load_topology(const std::string& path, std::ostream& err) {
  LoadedTopology out;
  topo::Diagnostics diags;
  auto spec = topo::load_topology_file(path, diags);
  if (spec && !diags.has_errors()) diags.append(topo::validate(*spec));
  if (!spec || diags.has_errors()) {
    diags.sort();
    err << diags.render();
    throw InputRejected(path + ": " + std::to_string(diags.error_count()) + " error(s)");
  }
  out.spec = std::move(*spec);
  out.diagnostics = std::move(diags);
  out.lowered = std::make_unique<topo::LoweredTopology>(topo::lower(out.spec));
  return out;
}

namespace {

std::string known_endpoints(const topo::LoweredTopology& t) {
  std::vector<std::string> names;
  for (const topo::Endpoint& ep : t.endpoints) names.push_back(ep.name);
  return topo::known_names_note("nodes", names);
}

}  // namespace

const topo::Endpoint& source_endpoint(const topo::LoweredTopology& t, const std::string& from) {
  if (const topo::Endpoint* ep = t.endpoint(from)) return *ep;
  if (auto ip = sim::Ipv4Addr::parse(from)) {
    if (const topo::Endpoint* ep = t.endpoint_owning(*ip)) return *ep;
    throw UsageError("no node has the address " + from);
  }
  throw UsageError("unknown node '" + from + "' (" + known_endpoints(t) + ")");
}

sim::Ipv4Addr target_address(const topo::LoweredTopology& t, const topo::Endpoint& from,
                             const std::string& to) {
  if (auto ip = t.resolve(from, to)) return *ip;
  throw UsageError("unknown node '" + to + "' (" + known_endpoints(t) + ")");
}

void blame_missing_public_ip(const topo::LoweredTopology& t, const topo::Endpoint& from,
                             const std::string& to, std::optional<sim::ProbeReason>& reason) {
  std::optional<std::string> note = t.no_public_ip(from, to);
  // Only when the packets died for want of a public address (the internet drops
  // private destinations); a drop on the way, e.g. by a security group, says more.
  if (!note || (reason && reason->reason != sim::DropReason::InternetUnroutable)) return;
  sim::ProbeReason r = reason.value_or(sim::ProbeReason{});
  if (!reason) r.device_name = to;
  r.reason = sim::DropReason::NoPublicIp;
  r.detail = *note;
  reason = std::move(r);
}

void add_fault_options(po::options_description& options) {
  options.add_options()(
      "fail", po::value<std::vector<std::string>>()->composing()->value_name("LINK|NODE@TIME"),
      "fail a link (named by one end, node:port) or a node at TIME after the probe starts "
      "(e.g. r1:eth1@2s, sw1@500ms); repeatable")(
      "restore", po::value<std::vector<std::string>>()->composing()->value_name("LINK|NODE@TIME"),
      "bring a failed link or node back at TIME; repeatable");
}

// Longest time a fault may be scheduled at: a day of simulated time.
constexpr int64_t kMaxFaultTimeNs = 86'400LL * 1'000'000'000;

sim::TimedFault parse_fault(const std::string& text, bool down, const sim::Network& net) {
  const char* option = down ? "--fail" : "--restore";
  size_t at = text.rfind('@');
  if (at == std::string::npos || at == 0) {
    throw UsageError(std::string(option) + " '" + text +
                     "': expected LINK|NODE@TIME, e.g. r1:eth1@2s or sw1@500ms");
  }
  std::string name = text.substr(0, at);
  topo::xml::Bad bad;
  auto when =
      topo::xml::parse_duration(std::string_view(text).substr(at + 1), kMaxFaultTimeNs, bad);
  if (!when) {
    throw UsageError(std::string(option) + " '" + text + "': time '" + text.substr(at + 1) + "' " +
                     bad.problem);
  }
  std::string error;
  sim::TimedFault f{{}, *when, name};
  f.fault.down = down;
  // "node:port" names a link by one of its ends; a bare name is a node (a device
  // whose own name has a ':' — a VPC router — is found whole first).
  bool is_link = name.find(':') != std::string::npos && !net.find(name);
  std::optional<uint32_t> index =
      is_link ? sim::find_link(net, name, error) : sim::find_device(net, name, error);
  if (!index) {
    if (!is_link) {
      std::vector<std::string> names;
      for (size_t d = 0; d < net.device_count(); ++d) {
        names.push_back(net.device(sim::DeviceId{uint32_t(d)}).name());
      }
      error += " (" + topo::known_names_note("nodes", names) + ")";
    }
    throw UsageError(std::string(option) + " '" + text + "': " + error);
  }
  f.fault.target = is_link ? sim::FaultTarget::Link : sim::FaultTarget::Device;
  f.fault.index = *index;
  return f;
}

std::vector<sim::TimedFault> fault_options(const po::variables_map& vm, const sim::Network& net) {
  std::vector<sim::TimedFault> faults;
  for (const char* option : {"fail", "restore"}) {
    if (!vm.count(option)) continue;
    for (const std::string& text : vm[option].as<std::vector<std::string>>()) {
      faults.push_back(parse_fault(text, option[0] == 'f', net));
    }
  }
  sim::sort_faults(faults);
  return faults;
}

bool parse_command_line(const std::vector<std::string>& args,
                        const po::options_description& visible,
                        const po::positional_options_description& positional,
                        const po::options_description& hidden, po::variables_map& vm,
                        const std::string& usage, const std::string& examples) {
  po::options_description all;
  all.add(visible).add(hidden);
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    if (vm.count("help")) {
      std::cout << "usage: " << usage << "\n\n" << visible << "\nexamples:\n" << examples;
      return false;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(std::string(e.what()) + "\nusage: " + usage);
  }
  return true;
}

}  // namespace vpcsim::cli
