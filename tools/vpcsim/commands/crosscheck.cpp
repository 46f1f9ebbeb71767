// vpcsim crosscheck SCENARIO... [--json] [--keep] [--prefix P]: runs every
// probe of each scenario twice, in the simulator (as `vpcsim check` does) and
// with the real ping, traceroute and nc in the topology emulated in Linux
// network namespaces (as `vpcsim emulate` builds it), and reports where the
// two disagree in verdict, reason class, hop list, reply TTL or ICMP error
// source. Needs root; see docs/crosscheck.md.
// Exit codes: 0 all agree, 1 a disagreement, 2 bad usage or input, 3 an
// emulation could not be built, 4 network namespaces are not available here.
#include <unistd.h>

#include <iostream>
#include <optional>
#include <thread>
#include <variant>

#include "sim/devices/ip_node.hpp"
#include "sim/fabric/fault.hpp"
#include "sim/fabric/network.hpp"

#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/commands/commands.hpp"
#include "tools/vpcsim/crosscheck/crosscheck_report.hpp"
#include "tools/vpcsim/crosscheck/emulated_network.hpp"
#include "tools/vpcsim/crosscheck/scenario_check.hpp"
#include "tools/vpcsim/emulate/command_runner.hpp"
#include "tools/vpcsim/emulate/emulation_plan.hpp"
#include "tools/vpcsim/emulate/emulation_runner.hpp"
#include "tools/vpcsim/emulate/fault_model.hpp"
#include "tools/vpcsim/scenario_input.hpp"
#include "tools/vpcsim/scenario_runner.hpp"

namespace vpcsim::cli {
namespace {

using crosscheck::ScenarioCheck;

// Namespace names are PREFIX-TOPO-NODE: keep the prefix to characters that
// need no quoting anywhere.
void check_prefix(const std::string& prefix) {
  bool ok = !prefix.empty() && prefix.size() <= 16;
  for (char c : prefix) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  }
  if (!ok) {
    throw UsageError("--prefix '" + prefix + "' must be 1 to 16 characters among a-z, 0-9 and '-'");
  }
}

bool has_faults(const topo::ScenarioSpec& scenario) {
  for (const topo::ScenarioItem& item : scenario.items) {
    if (const auto* p = std::get_if<topo::ProbeSpec>(&item)) {
      if (!p->faults.empty() || !p->steps_before.empty()) return true;
    } else if (const auto* t = std::get_if<topo::TableCheckSpec>(&item)) {
      if (!t->steps_before.empty()) return true;
    }
  }
  return false;
}

// What the replay needs from the simulator's network, read before the
// simulator runs (run_scenario takes the network over): the two ends of every
// link a step names, and every node's MACs.
void describe_network(const topo::ScenarioSpec& scenario, const topo::TopologySpec& spec,
                      const topo::LoweredTopology& lowered, crosscheck::KernelControl& kernel) {
  const sim::Network& net = lowered.network;
  auto add_link = [&](const topo::StepSpec& step) {
    std::string error;
    if (step.link.empty() || kernel.link_ends.count(step.link)) return;
    std::optional<uint32_t> id = sim::find_link(net, step.link, error);
    if (!id) return;
    const sim::Link& link = net.links()[*id];
    for (const sim::PortRef& end : {link.a, link.b}) {
      const sim::Device& dev = net.device(end.device);
      kernel.link_ends[step.link].emplace_back(dev.name(), dev.ports()[end.port].name);
    }
  };
  for (const topo::ScenarioItem& item : scenario.items) {
    if (const auto* p = std::get_if<topo::ProbeSpec>(&item)) {
      for (const topo::StepSpec& s : p->faults) add_link(s);
      for (const topo::StepSpec& s : p->steps_before) add_link(s);
    } else if (const auto* t = std::get_if<topo::TableCheckSpec>(&item)) {
      for (const topo::StepSpec& s : t->steps_before) add_link(s);
    }
  }
  for (const topo::VpcSpec& vpc : spec.vpcs) {
    for (const topo::LoadBalancerSpec& lb : vpc.load_balancers) {
      const std::string what = "load balancer " + lb.name;
      kernel.unemulated[lb.name] = what;
      for (const sim::Ipv4Addr& ip : lb.ips) kernel.unemulated[ip.str()] = what;
      for (const sim::Ipv4Addr& ip : lb.elastic_ips) kernel.unemulated[ip.str()] = what;
      if (const topo::Endpoint* ep = lowered.endpoint(lb.name)) {
        for (const auto& a : ep->addresses) kernel.unemulated[a.ip.str()] = what;
        if (ep->public_ip) kernel.unemulated[ep->public_ip->str()] = what;
      }
    }
  }
  for (const topo::NetworkSpec& network : spec.networks) {
    for (const topo::NodeSpec& n : network.nodes) {
      for (const topo::InterfaceSpec& i : n.interfaces) kernel.dhcp_at_start |= i.dhcp.has_value();
    }
  }
  for (size_t d = 0; d < net.device_count(); ++d) {
    const auto* node = dynamic_cast<const sim::IpNode*>(&net.device(sim::DeviceId{uint32_t(d)}));
    if (!node) continue;
    for (const sim::IpInterface& i : node->interfaces()) {
      kernel.macs[node->name()].push_back(i.mac.str());
    }
  }
}

ScenarioCheck crosscheck_one(LoadedScenario& s, const std::string& prefix, bool keep) {
  ScenarioCheck check;
  check.name = s.spec.name;
  check.file = s.spec.file;
  std::optional<emulate::EmulationPlan> plan;
  try {
    // Links between two IP interfaces can only fail through a cable namespace.
    plan = emulate::EmulationPlan::build(s.topology.spec, prefix, {has_faults(s.spec)});
  } catch (const std::exception& e) {
    // Something of the topology the emulation cannot build (documented in docs/emulate.md).
    check.error = std::string("the topology cannot be emulated: ") + e.what();
    return check;
  }
  const std::string emulation = plan->name_prefix();
  crosscheck::KernelControl kernel;
  kernel.faults = &plan->fault_model();
  kernel.namespaces = plan->namespaces();
  describe_network(s.spec, s.topology.spec, *s.topology.lowered, kernel);
  kernel.run = [](const std::vector<std::string>& argv) {
    return emulate::run(argv, std::chrono::seconds(15));
  };
  kernel.settle = [](std::chrono::milliseconds ms) { std::this_thread::sleep_for(ms); };
  // The simulator first (it owns no namespace), then the same probes for real.
  std::vector<int64_t>& time_after = kernel.time_after;
  time_after.assign(s.spec.items.size(), -1);
  ScenarioOutcome simulated =
      run_scenario(s.spec, s.topology, [&time_after](size_t item, const sim::Simulation& sim) {
        if (item < time_after.size()) time_after[item] = (sim.now() - sim::SimTime{}).ns;
      });
  // Tables take no time: each item ends when the last probe before it ended.
  for (size_t i = 0; i < time_after.size(); ++i) {
    if (time_after[i] < 0) time_after[i] = i == 0 ? 0 : time_after[i - 1];
  }
  // Progress, for a person watching: stderr stays quiet in CI logs and pipes.
  if (isatty(STDERR_FILENO)) {
    std::cerr << "crosscheck: emulating " << s.spec.file << " in " << plan->namespaces().size()
              << " namespaces (" << emulation << "*)\n";
  }
  try {
    crosscheck::EmulatedNetwork network(*plan, keep, std::cerr);
    const emulate::EmulationPlan& p = *plan;
    check = crosscheck::check_scenario(
        s.spec, simulated, *s.topology.lowered,
        [&p](std::string_view node) { return p.namespace_of(node); },
        [](const crosscheck::RealStep& step) {
          std::vector<std::string> argv{"ip", "netns", "exec", step.netns};
          argv.insert(argv.end(), step.argv.begin(), step.argv.end());
          return emulate::run_during(argv, step.limit, step.during);
        },
        kernel);
  } catch (const crosscheck::EmulationError& e) {
    check.error = std::string("the emulation could not be built: ") + e.what();
  }
  check.emulation = emulation;
  if (keep && !check.error) {
    std::cerr << "crosscheck: kept the emulation " << emulation
              << "*; remove it with: vpcsim emulate " << s.spec.topology_path
              << " --destroy --prefix " << prefix << "\n";
  }
  return check;
}

}  // namespace

int run_crosscheck(const Args& args) {
  po::options_description visible("options");
  visible.add_options()("help,h", "show this help")(
      "json", "print the report as one JSON document (instead of text)")(
      "keep",
      "leave each emulated network in place after its scenario (for a look with "
      "`vpcsim emulate FILE --exec NODE -- CMD`)")(
      "prefix", po::value<std::string>()->default_value("vsx")->value_name("P"),
      "start every namespace name with P- (namespaces are P-TOPOLOGY-NODE)");
  po::options_description hidden;
  hidden.add_options()("scenario", po::value<std::vector<std::string>>()->required(),
                       "scenario files");
  po::positional_options_description positional;
  positional.add("scenario", -1);
  po::variables_map vm;
  if (!parse_command_line(
          args, visible, positional, hidden, vm,
          "vpcsim crosscheck SCENARIO... [--json] [--keep] [--prefix P]   (needs root)",
          "  sudo vpcsim crosscheck scenarios/lan-three-routers/scenario.xml\n"
          "  sudo vpcsim crosscheck scenarios/*/scenario.xml --json > crosscheck.json\n"
          "  sudo vpcsim crosscheck scenarios/small-service/scenario.xml --keep --prefix try\n"
          "\nEach probe runs in the simulator and, in the topology emulated in network\n"
          "namespaces, as ping -n, traceroute -n or nc -z; one line per probe says\n"
          "whether both agree on the verdict, reason class, hops, reply TTL and ICMP\n"
          "error source. docs/crosscheck.md lists where AWS and Linux differ by design.\n"
          "\nexit codes: 0 all agree, 1 a disagreement, 2 bad usage or input,\n"
          "            3 an emulation could not be built, 4 no network namespaces here\n")) {
    return kOk;
  }
  const std::string prefix = vm["prefix"].as<std::string>();
  check_prefix(prefix);
  const bool json = vm.count("json") > 0;
  const bool keep = vm.count("keep") > 0;
  std::vector<LoadedScenario> scenarios =
      load_scenario_inputs(vm["scenario"].as<std::vector<std::string>>());
  std::string why_not;
  if (!emulate::namespaces_available(&why_not)) {
    std::cerr << "vpcsim crosscheck: cannot emulate on this machine: " << why_not << "\n";
    return emulate::kExitNoNamespaces;
  }
  std::vector<ScenarioCheck> checks;
  for (LoadedScenario& s : scenarios) {
    checks.push_back(crosscheck_one(s, prefix, keep));
    if (!json) crosscheck::print_scenario_text(checks.back(), std::cout);
    std::cout.flush();
  }
  if (json) {
    std::cout << crosscheck::report_json(checks).dump(2) << "\n";
  } else {
    crosscheck::print_total_text(checks, std::cout);
  }
  bool errors = false, disagreements = false;
  for (const ScenarioCheck& c : checks) {
    errors = errors || c.error.has_value();
    disagreements = disagreements || c.count(crosscheck::Status::Disagree) > 0;
  }
  if (errors) return kInternal;
  return disagreements ? kFailed : kOk;
}

}  // namespace vpcsim::cli
