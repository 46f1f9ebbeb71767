#include "topology/scenario_loader.hpp"

#include <filesystem>
#include <map>
#include <set>

#include "topology/dns_loader.hpp"
#include "topology/dns_scenario.hpp"
#include "topology/limits.hpp"
#include "topology/load_balancer_validate.hpp"
#include "topology/validate.hpp"
#include "topology/xml_reader.hpp"

// Scenario vocabulary (DESIGN.md section 4). Which settings and expectations fit
// which probe type is checked here, so a scenario that asks a ping for a port or
// a telnet for a hop list is an error, not an expectation silently ignored.

namespace vpcsim::topo {
namespace {

using xml::Bad;
using xml::El;

constexpr std::string_view kVocabulary[] = {"scenario", "probe",   "table", "hop",
                                            "fail",     "restore", "wait"};

// Latest time a fault or wait may name: a day of simulated time.
constexpr int64_t kMaxStepNs = 86'400LL * 1'000'000'000;

const std::vector<std::string> kReasonCodes = {"security-group",    "nacl",
                                               "no-route",          "blackhole",
                                               "prohibited",        "ttl-exceeded",
                                               "host-unreachable",  "no-public-ip",
                                               "nat-no-mapping",    "port-closed",
                                               "source-dest-check", "not-transitive",
                                               "link-down",         "event-budget",
                                               "not-for-this-host", "device-down",
                                               "broadcast-storm",   "same-port-reflection",
                                               "lb-no-listener",    "lb-empty-target-group",
                                               "nxdomain",          "nodata",
                                               "cname-loop",        "no-resolver",
                                               "dns-timeout",
                                               "dhcp-no-offer",     "dhcp-no-lease",
                                               "dhcp-pool-exhausted"};

struct ProbeKind {
  ProbeType type;
  std::vector<std::string> results;
  std::set<std::string_view> attributes;  // beyond type/from/to/expect/reason/error-from
};

const std::map<std::string, ProbeKind, std::less<>>& probe_kinds() {
  static const std::map<std::string, ProbeKind, std::less<>> kinds = {
      {"ping",
       {ProbeType::Ping, {"reachable", "unreachable", "unresolved"}, {"ttl", "count", "reply-ttl"}}},
      {"traceroute",
       {ProbeType::Traceroute,
        {"reachable", "unreachable", "unresolved"},
        {"mode", "port", "max-hops", "source-port"}}},
      {"telnet",
       {ProbeType::Telnet,
        {"open", "refused", "timeout", "unreachable", "unresolved"},
        {"port", "source-port", "ttl", "served-by", "seen-source"}}},
      {"ssh",
       {ProbeType::Ssh,
        {"open", "refused", "timeout", "unreachable", "unresolved"},
        {"via", "port", "source-port", "served-by", "seen-source"}}},
      {"curl",
       {ProbeType::Curl,
        {"response", "refused", "timeout", "unreachable", "unresolved"},
        {"url", "host", "follow", "expect-status", "served-by", "seen-source"}}},
      {"dig",  // docs/dns.md
       {ProbeType::Dig,
        {"noerror", "nxdomain", "nodata", "servfail", "timeout", "refused", "unreachable"},
        {"name", "record-type", "server", "answer"}}},
  };
  return kinds;
}

std::optional<int> parse_small(std::string_view v, int lo, int hi, Bad& bad) {
  auto n = xml::parse_number(v, bad);
  if (!n || *n < uint32_t(lo) || *n > uint32_t(hi)) {
    bad = {"bad-number",
           "is not a whole number from " + std::to_string(lo) + " to " + std::to_string(hi)};
    return std::nullopt;
  }
  return int(*n);
}

// A node name or an IPv4 address (what from/to/via/error-from accept).
std::optional<std::string> parse_node_or_ip(std::string_view v, Bad& bad) {
  if (sim::Ipv4Addr::parse(v)) return std::string(v);
  return xml::parse_name(v, bad);
}

class ScenarioLoader {
 public:
  ScenarioLoader(std::string_view text, const std::string& file, Diagnostics& diags)
      : r_(text, file, diags), diags_(diags) {}

  std::optional<ScenarioSpec> run() {
    pugi::xml_document doc;
    pugi::xml_node root = r_.parse(doc, "scenario");
    if (!root) return std::nullopt;
    El el = r_.open(root, {"name", "topology"});
    ScenarioSpec s;
    s.loc = el.loc;
    s.file = r_.file();
    if (auto name = r_.read_name(el, "scenario")) s.name = *name;
    if (auto topology = r_.need(el, "topology", "the topology file, relative to this one")) {
      s.topology = std::string(*topology);
      s.topology_loc = el.loc;
    }
    uint64_t items = 0;
    if (!r_.children_within(root, {"probe", "table"}, items, limits::kMaxScenarioItems,
                            "too-many-probes", "probes and table checks in one scenario")) {
      return s;  // with an error, so it never runs
    }
    std::vector<StepSpec> steps;  // scenario steps waiting for the item they precede
    r_.for_children(el, {"probe", "table", "fail", "restore", "wait"}, kVocabulary,
                    [&](pugi::xml_node c) { read_item(c, s, steps); });
    for (const StepSpec& step : steps) {
      diags_.warning(step.loc, "step-after-last-probe",
                     "this step comes after the last probe and table check: nothing observes it");
    }
    if (s.items.empty() && !diags_.has_errors()) {
      diags_.warning(s.loc, "empty-scenario",
                     "scenario '" + s.name + "' has no probe and no table check");
    }
    return s;
  }

 private:
  ProbeSpec read_probe(pugi::xml_node n) {
    El el = r_.open(
        n, {"type", "from", "to", "via", "port", "expect", "reason", "error-from", "reply-ttl",
            "ttl", "count", "mode", "max-hops", "source-port", "served-by", "seen-source", "url",
            "host", "follow", "expect-status", "name", "record-type", "server", "answer"});
    ProbeSpec p;
    p.loc = el.loc;
    el.ctx = "<probe>";
    auto type = r_.need(el, "type", "ping, traceroute, telnet or ssh");
    const ProbeKind* kind = nullptr;
    if (type) {
      auto it = probe_kinds().find(*type);
      if (it == probe_kinds().end()) {
        std::vector<std::string> names;
        for (const auto& [k, v] : probe_kinds()) names.push_back(k);
        r_.report(
            el, "type", *type,
            Bad{"bad-probe-type", "is not a probe type", {known_names_note("probe types", names)}});
      } else {
        kind = &it->second;
        p.type = kind->type;
        p.type_name = it->first;
        el.ctx = "<probe type=\"" + p.type_name + "\">";
      }
    }
    if (auto v = r_.get(el, "from", true, parse_node_or_ip)) p.from = *v;
    if (kind && kind->type == ProbeType::Curl) {
      read_curl(el, p);  // url= instead of to=
    } else if (kind && kind->type == ProbeType::Dig) {
      read_dig_probe(r_, diags_, el, p);  // name= instead of to=
    } else if (auto v = r_.get(el, "to", true, parse_node_or_ip)) {
      p.to = *v;
    }
    if (auto v = r_.get(el, "via", false, parse_node_or_ip)) p.via = *v;
    p.port = r_.get(el, "port", false, xml::parse_port);
    if (auto v = r_.need(el, "expect")) p.expect = std::string(*v);
    p.reason =
        r_.get(el, "reason", false, [](std::string_view v, Bad& bad) -> std::optional<std::string> {
          if (std::find(kReasonCodes.begin(), kReasonCodes.end(), v) != kReasonCodes.end())
            return std::string(v);
          bad = {"unknown-reason",
                 "is not a reason code",
                 {known_names_note("reason codes", kReasonCodes)}};
          return std::nullopt;
        });
    p.error_from = r_.get(el, "error-from", false, parse_node_or_ip);
    p.reply_ttl = r_.get(el, "reply-ttl", false,
                         [](std::string_view v, Bad& b) { return parse_small(v, 1, 255, b); });
    p.ttl = r_.get(el, "ttl", false,
                   [](std::string_view v, Bad& b) { return parse_small(v, 1, 255, b); });
    p.count = r_.get(el, "count", false, [](std::string_view v, Bad& b) {
      return parse_small(v, 1, limits::kMaxProbeCount, b);
    });
    p.max_hops = r_.get(el, "max-hops", false, [](std::string_view v, Bad& b) {
      return parse_small(v, 1, limits::kMaxProbeHops, b);
    });
    p.mode =
        r_.get(el, "mode", false, [](std::string_view v, Bad& bad) -> std::optional<std::string> {
          if (v == "udp" || v == "icmp" || v == "tcp") return std::string(v);
          bad = {"bad-value", "is not a traceroute mode (valid: udp, icmp, tcp)"};
          return std::nullopt;
        });
    p.source_port = r_.get(el, "source-port", false, xml::parse_port);
    p.served_by = r_.get(el, "served-by", false, xml::parse_name);
    p.seen_source = r_.get(el, "seen-source", false, parse_node_or_ip);
    read_hops(n, p);
    if (kind) check_fits(el, *kind, p);
    // Kept even when broken (the diagnostics say so, and nothing runs then), so
    // validate_scenario also reports the unknown names of this probe: every
    // problem of the file in one run.
    return p;
  }

  // curl: url= (required), host= (-H 'Host: …'), follow= (-L), expect-status=.
  void read_curl(El& el, ProbeSpec& p) {
    if (r_.attr(el, "to")) {
      diags_.error(el.loc, "attribute-not-applicable",
                   el.ctx + ": 'to' does not apply to a curl probe (the URL names the host)");
      el.ok = false;
    }
    auto url = r_.get(el, "url", true, [](std::string_view v, Bad& bad) -> std::optional<std::string> {
      if (v.empty() || v.find_first_of(" \t\r\n\"'") != std::string_view::npos) {
        bad = {"bad-value", "is not a URL (e.g. https://api.example.net/v1)"};
        return std::nullopt;
      }
      return std::string(v);
    });
    if (url) p.url = *url;
    p.host = r_.get(el, "host", false, [](std::string_view v, Bad& bad) -> std::optional<std::string> {
      if (v.empty() || v.find_first_of(" \t\r\n\"'/") != std::string_view::npos) {
        bad = {"bad-value", "is not a host name for the Host header"};
        return std::nullopt;
      }
      return std::string(v);
    });
    if (auto f = r_.get(el, "follow", false, xml::parse_bool)) p.follow = *f;
    p.expect_status = r_.get(el, "expect-status", false,
                             [](std::string_view v, Bad& b) { return parse_small(v, 100, 599, b); });
  }

  // A probe or table check, which takes the scenario steps written before it, or
  // a step, kept until the next probe or check.
  void read_item(pugi::xml_node c, ScenarioSpec& s, std::vector<StepSpec>& steps) {
    std::string_view kind = c.name();
    if (kind == "fail" || kind == "restore" || kind == "wait") {
      if (auto step = read_step(c, false)) steps.push_back(std::move(*step));
      return;
    }
    if (kind == "probe") {
      s.items.emplace_back(read_probe(c));
      std::get<ProbeSpec>(s.items.back()).steps_before = std::move(steps);
    } else {
      s.items.emplace_back(read_table(c));
      std::get<TableCheckSpec>(s.items.back()).steps_before = std::move(steps);
    }
    steps.clear();
  }

  // <fail link=|node= at=/>, <restore …/>, <wait duration=/>. Inside a probe `at`
  // is required (when, during the probe); between probes it is optional.
  std::optional<StepSpec> read_step(pugi::xml_node n, bool in_probe) {
    std::string_view name = n.name();
    StepSpec step;
    step.action = name == "fail"      ? StepAction::Fail
                  : name == "restore" ? StepAction::Restore
                                      : StepAction::Wait;
    auto duration = [](std::string_view v, Bad& b) {
      return xml::parse_duration(v, kMaxStepNs, b);
    };
    if (step.action == StepAction::Wait) {
      El el = r_.open(n, {"duration"});
      el.ctx = "<wait>";
      step.loc = el.loc;
      if (in_probe) {
        diags_.error(el.loc, "unknown-element", "<wait> goes between probes, not inside <probe>",
                     {"inside a probe, give the fault its time with at=\"…\""});
        return std::nullopt;
      }
      auto d = r_.get(el, "duration", true, duration);
      r_.for_children(el, {}, kVocabulary, [](pugi::xml_node) {});
      if (!el.ok || !d) return std::nullopt;
      step.at = *d;
      return step;
    }
    El el = r_.open(n, {"link", "node", "at"});
    el.ctx = "<" + std::string(name) + ">";
    step.loc = el.loc;
    if (auto v = r_.attr(el, "link")) step.link = std::string(*v);
    if (auto v = r_.get(el, "node", false, xml::parse_name)) step.node = *v;
    if (r_.attr(el, "link").has_value() == r_.attr(el, "node").has_value()) {
      diags_.error(el.loc, "missing-attribute",
                   el.ctx + ": give either link=\"NODE:PORT\" or node=\"NAME\"");
      el.ok = false;
    }
    auto at = r_.get(el, "at", in_probe, duration);
    if (at) step.at = *at;
    r_.for_children(el, {}, kVocabulary, [](pugi::xml_node) {});
    if (!el.ok) return std::nullopt;
    return step;
  }

  void read_hops(pugi::xml_node n, ProbeSpec& p) {
    for (pugi::xml_node c : n.children()) {
      if (c.type() == pugi::node_pcdata &&
          std::string_view(c.value()).find_first_not_of(" \t\r\n") != std::string_view::npos) {
        diags_.error(r_.loc_of(c), "unexpected-text",
                     "unexpected text inside <probe> (values go in attributes or <hop>)");
        continue;
      }
      if (c.type() != pugi::node_element) continue;
      std::string_view child = c.name();
      if (child == "fail" || child == "restore" || child == "wait") {
        if (auto step = read_step(c, true)) p.faults.push_back(std::move(*step));
        continue;
      }
      if (child != "hop") {
        diags_.error(r_.loc_of(c), "unknown-element",
                     "unknown element <" + std::string(c.name()) + "> inside <probe>",
                     {known_names_note("elements inside <probe>", {"hop", "fail", "restore"})});
        continue;
      }
      std::string text = c.text().get();
      text.erase(0, text.find_first_not_of(" \t\r\n"));
      text.erase(text.find_last_not_of(" \t\r\n") + 1);
      Bad bad;
      if (text != "*" && !parse_node_or_ip(text, bad)) {
        diags_.error(r_.loc_of(c), "bad-hop",
                     "<hop> '" + text + "' is not an address, a node name or '*'");
        continue;
      }
      if (!p.hops) p.hops.emplace();
      p.hops->push_back(text);
    }
  }

  // Settings and expectations that only some probe types have.
  void check_fits(El& el, const ProbeKind& kind, const ProbeSpec& p) {
    static const std::set<std::string_view> kSpecific = {
        "via",  "port",     "reply-ttl",   "ttl",       "count",
        "mode", "max-hops", "source-port", "served-by", "seen-source", "url", "host", "follow",
        "expect-status", "name", "record-type", "server", "answer"};
    for (pugi::xml_attribute a : el.node.attributes()) {
      std::string_view name = a.name();
      if (kSpecific.count(name) && !kind.attributes.count(name)) {
        diags_.error(
            el.loc, "attribute-not-applicable",
            el.ctx + ": '" + std::string(name) + "' does not apply to a " + p.type_name + " probe");
        el.ok = false;
      }
    }
    if (p.hops && p.type != ProbeType::Traceroute) {
      diags_.error(el.loc, "attribute-not-applicable",
                   el.ctx + ": <hop> expectations apply to traceroute probes only");
      el.ok = false;
    }
    if (p.type == ProbeType::Telnet && !r_.attr(el, "port")) {
      diags_.error(el.loc, "missing-attribute", el.ctx + ": missing attribute 'port'");
      el.ok = false;
    }
    if (p.port && p.mode == "icmp") {
      diags_.error(el.loc, "attribute-not-applicable",
                   el.ctx + ": 'port' has no meaning with mode=\"icmp\"");
      el.ok = false;
    }
    if (!p.expect.empty() &&
        std::find(kind.results.begin(), kind.results.end(), p.expect) == kind.results.end()) {
      diags_.error(
          el.loc, "bad-expect",
          el.ctx + ": expect '" + p.expect + "' is not a result of a " + p.type_name + " probe",
          {known_names_note("results", kind.results)});
      el.ok = false;
      return;
    }
    check_consistent(el, kind, p);
  }

  // Extra expectations that no run can meet together with `expect`: a probe that
  // could never pass is a mistake in the file, so it is reported before running
  // rather than failing in every CI run with a puzzling mismatch.
  void check_consistent(El& el, const ProbeKind& kind, const ProbeSpec& p) {
    auto never = [&](const std::string& what, const std::string& why) {
      diags_.error(el.loc, "impossible-expectation",
                   el.ctx + ": " + what + " cannot hold with expect=\"" + p.expect + "\" (" +
                       why + ")");
      el.ok = false;
    };
    const bool success = p.expect == "reachable" || p.expect == "open";
    if (p.reason && success) {
      never("reason=\"" + *p.reason + "\"", "a probe that succeeds has no reason");
    }
    // Attributes foreign to the probe type were reported as not applicable already.
    auto applies = [&](std::string_view attr) { return kind.attributes.count(attr) > 0; };
    if (p.reply_ttl && applies("reply-ttl") && p.expect != "reachable") {
      never("reply-ttl", "only a reachable ping has replies");
    }
    for (const auto& [attr, value] : {std::pair{"served-by", p.served_by.has_value()},
                                      std::pair{"seen-source", p.seen_source.has_value()}}) {
      if (value && applies(attr) && p.expect != "open" && p.expect != "response") {
        never(attr, "only an open connection reaches a listener");
      }
    }
    if (p.expect_status && p.expect != "response") {
      never("expect-status", "only a response has a status");
    }
    if (p.error_from && (p.expect == "open" || p.expect == "refused")) {
      never("error-from", p.expect == "open" ? "the connection is accepted"
                                             : "a refusal is a TCP reset, not an ICMP error");
    }
    const int max_hops = p.max_hops.value_or(30);
    if (p.hops && p.type == ProbeType::Traceroute && int(p.hops->size()) > max_hops) {
      never(std::to_string(p.hops->size()) + " <hop> elements",
            "traceroute stops after max-hops " + std::to_string(max_hops));
    }
  }

  TableCheckSpec read_table(pugi::xml_node n) {
    El el = r_.open(n, {"node", "kind", "has", "lacks"});
    el.ctx = "<table>";
    TableCheckSpec t;
    t.loc = el.loc;
    if (auto v = r_.get(el, "node", true, xml::parse_name)) t.node = *v;
    auto kind =
        r_.get(el, "kind", true, [](std::string_view v, Bad& bad) -> std::optional<TableKind> {
          if (v == "mac") return TableKind::Mac;
          if (v == "arp") return TableKind::Arp;
          bad = {"bad-value", "is not a table kind (valid: mac, arp)"};
          return std::nullopt;
        });
    t.kind = kind;
    auto list = [&](const char* attr) {
      std::vector<std::string> out;
      auto raw = r_.attr(el, attr);
      // Entries are names or addresses depending on the kind: without a valid
      // kind, judging them would only add confusing errors.
      if (!raw || !t.kind) return out;
      size_t i = 0;
      std::string_view v = *raw;
      while (i <= v.size()) {
        size_t j = std::min(v.find(',', i), v.size());
        std::string item(v.substr(i, j - i));
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        if (!item.empty()) {
          Bad bad;
          bool ok = t.kind == TableKind::Arp ? bool(xml::parse_ip(item, bad))
                                             : bool(xml::parse_name(item, bad));
          if (ok) {
            out.push_back(item);
          } else {
            r_.report(el, attr, item,
                      t.kind == TableKind::Arp
                          ? Bad{"bad-ip", "is not an IPv4 address (an ARP check lists addresses)"}
                          : bad);
          }
        }
        i = j + 1;
      }
      return out;
    };
    t.has = list("has");
    t.lacks = list("lacks");
    if (!r_.attr(el, "has") && !r_.attr(el, "lacks")) {
      diags_.error(el.loc, "missing-attribute", "<table>: give 'has', 'lacks' or both");
      el.ok = false;
    }
    // A set: both lists may be as long as the topology has nodes.
    const std::set<std::string> lacks(t.lacks.begin(), t.lacks.end());
    for (const std::string& item : t.has) {
      if (lacks.count(item)) {
        diags_.error(el.loc, "impossible-expectation",
                     "<table>: '" + item + "' is listed in both has and lacks");
        el.ok = false;
      }
    }
    return t;  // kept even when broken, as probes are
  }

  xml::XmlReader r_;
  Diagnostics& diags_;
};

}  // namespace

std::optional<ScenarioSpec> load_scenario_string(std::string_view text,
                                                 const std::string& file_label,
                                                 Diagnostics& diags) {
  return ScenarioLoader(text, file_label, diags).run();
}

std::optional<ScenarioSpec> load_scenario_file(const std::string& path, Diagnostics& diags) {
  auto text = xml::read_file(path, diags);
  if (!text) return std::nullopt;
  auto spec = load_scenario_string(*text, path, diags);
  if (spec && !spec->topology.empty()) {
    std::filesystem::path p = std::filesystem::path(path).parent_path() / spec->topology;
    spec->topology_path = p.lexically_normal().string();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(spec->topology_path, ec)) {
      diags.error(spec->topology_loc, "topology-not-found",
                  "scenario '" + spec->name + "': topology file '" + spec->topology +
                      "' not found (looked for " + spec->topology_path + ")");
    }
  }
  return spec;
}

// ---- semantics against the topology -----------------------------------------

namespace {

struct TopologyNames {
  std::map<std::string, std::string>
      kind;                            // name -> "host", "router", "switch", "hub", "instance", ...
  std::set<sim::Ipv4Addr> owned;       // every address a node holds
  std::vector<std::string> endpoints;  // names probes can start from

  explicit TopologyNames(const TopologySpec& t) {
    auto endpoint = [&](const std::string& name, const char* k) {
      kind[name] = k;
      endpoints.push_back(name);
    };
    for (const NetworkSpec& net : t.networks) {
      for (const NodeSpec& n : net.nodes) {
        switch (n.kind) {
          case NodeKind::Host:
            endpoint(n.name, "host");
            break;
          case NodeKind::Router:
            endpoint(n.name, "router");
            break;
          case NodeKind::Switch:
            kind[n.name] = "switch";
            break;
          case NodeKind::Hub:
            kind[n.name] = "hub";
            break;
        }
        for (const InterfaceSpec& i : n.interfaces) owned.insert(i.addr.ip);
      }
    }
    if (t.internet) {
      for (const InternetHostSpec& h : t.internet->hosts) {
        endpoint(h.name, "internet host");
        owned.insert(h.ip);
      }
    }
    for (const VpcSpec& v : t.vpcs) {
      for (const InstanceSpec& i : v.instances) {
        endpoint(i.name, "instance");
        owned.insert(i.ip);
        if (i.elastic_ip) owned.insert(*i.elastic_ip);
      }
      for (const LoadBalancerSpec& lb : v.load_balancers) {
        endpoint(lb.name, "load balancer");
        for (const LbEni& eni : lb_enis(v, lb)) owned.insert(eni.ip);
      }
      // A subnet may share its name with an instance (subnet "app", instance
      // "app"); probes and tables then mean the instance.
      for (const SubnetSpec& s : v.subnets) kind.emplace(s.name, "subnet");
    }
  }
};

class ScenarioValidator {
 public:
  ScenarioValidator(const ScenarioSpec& s, const TopologySpec& t) : s_(s), names_(t) {}

  Diagnostics run() {
    for (const ScenarioItem& item : s_.items) {
      if (const auto* p = std::get_if<ProbeSpec>(&item)) {
        // An empty name did not parse; the loader has reported it.
        if (!p->from.empty()) check_source(p->loc, "from", p->from);
        if (!p->to.empty()) check_target(p->loc, "to", p->to);
        if (!p->via.empty()) check_source(p->loc, "via", p->via);
        if (!p->dns_server.empty()) check_target(p->loc, "server", p->dns_server);
        if (p->served_by) check_endpoint(p->loc, "served-by", *p->served_by);
        if (p->seen_source) check_target(p->loc, "seen-source", *p->seen_source);
        if (p->error_from) check_target(p->loc, "error-from", *p->error_from);
        if (p->hops) {
          for (const std::string& h : *p->hops) {
            if (h != "*") check_target(p->loc, "<hop>", h);
          }
        }
      } else {
        check_table(std::get<TableCheckSpec>(item));
      }
    }
    return std::move(diags_);
  }

 private:
  void unknown(const SourceLoc& loc, const char* what, const std::string& name) {
    std::vector<std::string> notes;
    if (auto near = closest_name(name, names_.endpoints))
      notes.push_back("did you mean '" + *near + "'?");
    notes.push_back(known_names_note("nodes", names_.endpoints));
    diags_.error(loc, "unknown-node", std::string(what) + " names unknown node '" + name + "'",
                 notes);
  }
  void check_endpoint(const SourceLoc& loc, const char* what, const std::string& name) {
    auto it = names_.kind.find(name);
    if (it == names_.kind.end()) {
      unknown(loc, what, name);
    } else if (std::find(names_.endpoints.begin(), names_.endpoints.end(), name) ==
               names_.endpoints.end()) {
      diags_.error(loc, "wrong-node-kind",
                   std::string(what) + " '" + name + "' is a " + it->second +
                       ", which cannot send or answer probes");
    }
  }
  void check_source(const SourceLoc& loc, const char* what, const std::string& v) {
    if (auto ip = sim::Ipv4Addr::parse(v)) {
      if (!names_.owned.count(*ip)) {
        diags_.error(loc, "unknown-address",
                     std::string(what) + " address " + v + " belongs to no node");
      }
      return;
    }
    check_endpoint(loc, what, v);
  }
  void check_target(const SourceLoc& loc, const char* what, const std::string& v) {
    if (sim::Ipv4Addr::parse(v)) return;  // any address may be a destination
    // A DNS name, looked up when the probe runs (docs/dns.md); a node's name wins.
    if (!names_.kind.count(v) && v.find('.') != std::string::npos && !dns_name_problem(v, false)) {
      return;
    }
    check_endpoint(loc, what, v);
  }
  void check_table(const TableCheckSpec& t) {
    if (t.node.empty()) return;  // reported by the loader
    auto it = names_.kind.find(t.node);
    if (it == names_.kind.end()) {
      std::vector<std::string> all;
      for (const auto& [n, k] : names_.kind) all.push_back(n);
      diags_.error(t.loc, "unknown-node", "<table> names unknown node '" + t.node + "'",
                   {known_names_note("nodes", all)});
      return;
    }
    if (!t.kind) return;  // a bad kind= was reported by the loader
    bool mac_capable = it->second == "switch";
    bool arp_capable = it->second == "host" || it->second == "router" || it->second == "instance";
    if (t.kind == TableKind::Mac && !mac_capable) {
      diags_.error(t.loc, "wrong-node-kind",
                   "<table kind=\"mac\">: '" + t.node + "' is a " + it->second +
                       "; only switches have a MAC table");
    } else if (t.kind == TableKind::Arp && !arp_capable) {
      diags_.error(t.loc, "wrong-node-kind",
                   "<table kind=\"arp\">: '" + t.node + "' is a " + it->second +
                       "; only hosts, routers and instances have an ARP cache");
    }
    if (t.kind == TableKind::Mac) {
      for (const auto* list : {&t.has, &t.lacks}) {
        for (const std::string& n : *list) {
          if (!names_.kind.count(n)) unknown(t.loc, "<table>", n);
        }
      }
    }
  }

  const ScenarioSpec& s_;
  TopologyNames names_;
  Diagnostics diags_;
};

}  // namespace

Diagnostics validate_scenario(const ScenarioSpec& scenario, const TopologySpec& topology) {
  return ScenarioValidator(scenario, topology).run();
}

}  // namespace vpcsim::topo
