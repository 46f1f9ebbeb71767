#include "topology/load_balancer_lower.hpp"

#include <algorithm>

#include "sim/aws/load_balancer.hpp"
#include "sim/aws/load_balancer_nlb.hpp"
#include "sim/services/http_server.hpp"
#include "topology/load_balancer_validate.hpp"

namespace vpcsim::topo {
namespace {

sim::LbAction action_of(const LbActionSpec& a, const VpcSpec& vpc) {
  sim::LbAction out;
  switch (a.kind) {
    case LbActionSpec::Kind::None:
    case LbActionSpec::Kind::Forward: {
      out.kind = sim::LbAction::Kind::Forward;
      auto it = std::find_if(vpc.target_groups.begin(), vpc.target_groups.end(),
                             [&](const TargetGroupSpec& g) { return g.name == a.target_group; });
      out.group = uint32_t(it - vpc.target_groups.begin());
      break;
    }
    case LbActionSpec::Kind::Redirect:
      out.kind = sim::LbAction::Kind::Redirect;
      out.redirect_protocol = a.redirect_protocol;
      out.redirect_port = a.redirect_port;
      out.status = a.status;
      break;
    case LbActionSpec::Kind::FixedResponse:
      out.kind = sim::LbAction::Kind::FixedResponse;
      out.status = a.status;
      break;
  }
  return out;
}

sim::LoadBalancerConfig config_of(const VpcSpec& vpc, const LoadBalancerSpec& lb,
                                  const LoweredTopology& out) {
  sim::LoadBalancerConfig c;
  c.name = lb.name;
  c.application = lb.type == LbType::Application;
  for (const TargetGroupSpec& g : vpc.target_groups) {
    sim::LbTargetGroup group{g.name, {}};
    for (const LbTargetSpec& t : g.targets) {
      auto ep = std::find_if(out.endpoints.begin(), out.endpoints.end(), [&](const Endpoint& e) {
        return e.name == t.instance && e.vpc == vpc.name && e.kind == "instance";
      });
      if (ep == out.endpoints.end() || ep->addresses.empty()) continue;  // validate() reported it
      group.targets.push_back(sim::LbTarget{t.instance, ep->device, ep->addresses.front().ip,
                                            t.port ? t.port : g.port});
    }
    c.groups.push_back(std::move(group));
  }
  for (const LbListenerSpec& l : lb.listeners) {
    sim::LbListener listener;
    listener.protocol = lb_protocol_name(l.protocol);
    listener.port = l.port;
    listener.default_action = action_of(l.default_action, vpc);
    listener.source = l.loc.str();
    for (const LbRuleSpec& r : l.rules) {
      listener.rules.push_back(
          sim::LbRule{r.priority, r.host, r.path, action_of(r.action, vpc), r.loc.str()});
    }
    std::stable_sort(
        listener.rules.begin(), listener.rules.end(),
        [](const sim::LbRule& a, const sim::LbRule& b) { return a.priority < b.priority; });
    c.listeners.push_back(std::move(listener));
  }
  return c;
}

}  // namespace

void lower_load_balancers(const VpcSpec& vpc, const LbLoweringHooks& hooks, LoweredTopology& out) {
  for (const LoadBalancerSpec& lb : vpc.load_balancers) {
    sim::LoadBalancerConfig config = config_of(vpc, lb, out);
    Endpoint ep{lb.name, {}, "load-balancer", {}, {}, vpc.name, std::nullopt};
    for (const LbEni& eni : lb_enis(vpc, lb)) {
      sim::IpNode& node =
          hooks.add_node(lb.name + "/" + eni.subnet->name, *eni.subnet, eni.ip, lb.loc);
      // An NLB created without security groups has none (AWS): nothing filters at
      // it, the targets' groups decide. An ALB without them is in the default group.
      if (config.application || !lb.security_groups.empty()) {
        node.set_security_groups(0, hooks.security_groups(lb.security_groups));
      }
      if (config.application) {
        node.add_service(std::make_unique<sim::LoadBalancerNode>(config));
      } else {
        // It forwards packets that keep the client's source address, and takes
        // back the replies the router steers to it: no source/destination check.
        node.set_source_dest_check(0, false);
        auto nlb = std::make_unique<sim::NlbNode>(config, hooks.router);
        node.set_transit_service(nlb.get());
        node.add_service(std::move(nlb));
      }
      if (eni.public_ip) hooks.expose(eni.ip, *eni.public_ip, "load balancer " + lb.name);
      if (ep.addresses.empty()) {
        ep.device = node.id();
        ep.public_ip = eni.public_ip;
      }
      ep.addresses.push_back(sim::InterfaceAddr{eni.ip, eni.subnet->cidr.len});
    }
    if (!ep.addresses.empty()) out.endpoints.push_back(std::move(ep));
  }
}

void add_lb_group_members(const VpcSpec& vpc,
                          std::map<std::string, std::vector<sim::Prefix>>& members) {
  for (const LoadBalancerSpec& lb : vpc.load_balancers) {
    if (lb.type == LbType::Network && lb.security_groups.empty()) continue;  // in no group
    std::vector<std::string> groups = lb.security_groups;
    if (groups.empty()) groups.push_back("default");
    for (const LbEni& eni : lb_enis(vpc, lb)) {
      for (const std::string& g : groups) members[g].push_back(sim::Prefix{eni.ip, 32});
    }
  }
}

void add_http_servers(LoweredTopology& out) {
  for (const Endpoint& ep : out.endpoints) {
    bool tcp = std::any_of(ep.listens.begin(), ep.listens.end(),
                           [](const ListenSpec& l) { return l.protocol == Protocol::Tcp; });
    if (!tcp) continue;
    if (auto* node = dynamic_cast<sim::IpNode*>(&out.network.device(ep.device))) {
      node->add_service(std::make_unique<sim::HttpServer>());
    }
  }
}

}  // namespace vpcsim::topo
