#include "tools/vpcsim/cli_common.hpp"

#include <iostream>

#include "topology/validate.hpp"
#include "topology/xml_loader.hpp"

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
