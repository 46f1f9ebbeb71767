#include "topology/load_balancer_reader.hpp"

#include <cctype>

namespace vpcsim::topo {
namespace {

using xml::Bad;
using xml::El;

const char* kActionAttrs[] = {"forward", "redirect", "fixed-response"};

std::optional<LbProtocol> parse_lb_protocol(std::string_view v, Bad& bad) {
  std::string up;
  for (char c : v) up.push_back(char(std::toupper(static_cast<unsigned char>(c))));
  if (up == "HTTP") return LbProtocol::Http;
  if (up == "HTTPS") return LbProtocol::Https;
  if (up == "TCP") return LbProtocol::Tcp;
  if (up == "UDP" || up == "TLS" || up == "TCP_UDP") {
    // Real NLB protocols, refused by name rather than as unknown words.
    bad = {"lb-protocol-not-modelled",
           "is a network load balancer protocol vpcsim does not simulate (TCP only: no UDP "
           "flows through load balancers, no TLS termination)"};
    return std::nullopt;
  }
  bad = {"bad-value", "is not a load balancer protocol (valid: HTTP, HTTPS, TCP)"};
  return std::nullopt;
}

// An HTTP status code as AWS accepts it for fixed responses: 2XX, 4XX, 5XX.
std::optional<uint16_t> parse_status(std::string_view v, Bad& bad) {
  auto n = xml::parse_unsigned(v, 999);
  if (!n || *n < 200 || *n > 599 || (*n >= 300 && *n < 400)) {
    bad = {"bad-value", "is not an HTTP status code AWS allows here (2XX, 4XX or 5XX)"};
    return std::nullopt;
  }
  return uint16_t(*n);
}

// "HTTPS:443" (the protocol as a listener names it, then the port).
std::optional<LbActionSpec> parse_redirect(std::string_view v, Bad& bad) {
  size_t colon = v.find(':');
  Bad inner;
  if (colon != std::string_view::npos) {
    auto proto = parse_lb_protocol(v.substr(0, colon), inner);
    auto port = xml::parse_port(v.substr(colon + 1), inner);
    if (proto && *proto != LbProtocol::Tcp && port) {
      LbActionSpec a;
      a.kind = LbActionSpec::Kind::Redirect;
      a.redirect_protocol = lb_protocol_name(*proto);
      a.redirect_port = *port;
      a.status = 301;
      return a;
    }
  }
  bad = {"bad-value", "is not PROTOCOL:PORT with protocol HTTP or HTTPS (e.g. HTTPS:443)"};
  return std::nullopt;
}

// A host-header pattern: letters, digits, '-', '.', and the wildcards '*' and '?'.
std::optional<std::string> parse_host_pattern(std::string_view v, Bad& bad) {
  bool ok = !v.empty() && v.size() <= 128;
  for (char c : v) {
    ok &=
        std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '*' || c == '?';
  }
  if (!ok) {
    bad = {"bad-value",
           "is not a host pattern (letters, digits, '-', '.', wildcards '*' and '?'; at most "
           "128 characters)"};
    return std::nullopt;
  }
  std::string s(v);
  for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));  // hosts ignore case
  return s;
}

std::optional<std::string> parse_path_pattern(std::string_view v, Bad& bad) {
  if (v.empty() || v[0] != '/' || v.size() > 128 ||
      v.find_first_of(" \t\r\n\"") != std::string_view::npos) {
    bad = {"bad-value", "is not a path pattern (starts with '/', wildcards '*' and '?')"};
    return std::nullopt;
  }
  return std::string(v);
}

std::optional<std::vector<sim::Ipv4Addr>> parse_ip_list(std::string_view v, Bad& bad) {
  std::vector<sim::Ipv4Addr> out;
  size_t i = 0;
  while (i <= v.size()) {
    size_t j = std::min(v.find(',', i), v.size());
    std::string_view item = v.substr(i, j - i);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    auto ip = sim::Ipv4Addr::parse(item);
    if (!ip) {
      bad = {"bad-ip", "is not a comma-separated list of IPv4 addresses (one per subnet)"};
      return std::nullopt;
    }
    out.push_back(*ip);
    i = j + 1;
  }
  return out;
}

// forward= | redirect= | fixed-response=: exactly one, or none when `optional`.
std::optional<LbActionSpec> read_action(xml::XmlReader& r, Diagnostics& diags, El& el,
                                        bool optional) {
  int given = 0;
  for (const char* a : kActionAttrs) given += r.attr(el, a).has_value();
  if (given > 1) {
    r.conflict(el, "give one action: forward=, redirect= or fixed-response=");
    return std::nullopt;
  }
  if (given == 0) {
    if (!optional) {
      diags.error(el.loc, "missing-attribute",
                  el.ctx +
                      ": missing an action: forward=\"TARGET-GROUP\", "
                      "redirect=\"HTTPS:443\" or fixed-response=\"404\"");
      el.ok = false;
    }
    return LbActionSpec{};
  }
  if (auto tg = r.get(el, "forward", false, xml::parse_name)) {
    LbActionSpec a;
    a.kind = LbActionSpec::Kind::Forward;
    a.target_group = *tg;
    return a;
  }
  if (auto a = r.get(el, "redirect", false, parse_redirect)) return a;
  if (auto status = r.get(el, "fixed-response", false, parse_status)) {
    LbActionSpec a;
    a.kind = LbActionSpec::Kind::FixedResponse;
    a.status = *status;
    return a;
  }
  return std::nullopt;  // the broken value was reported
}

std::optional<LbRuleSpec> read_rule(xml::XmlReader& r, Diagnostics& diags, pugi::xml_node n,
                                    const std::string& owner,
                                    std::span<const std::string_view> vocabulary) {
  El el = r.open(n, {"priority", "host", "path", "forward", "redirect", "fixed-response"});
  el.ctx = "rule of " + owner;
  LbRuleSpec spec;
  spec.loc = el.loc;
  auto priority = r.get(el, "priority", true, xml::parse_number);
  if (priority) el.ctx = "rule " + std::to_string(*priority) + " of " + owner;
  if (auto h = r.get(el, "host", false, parse_host_pattern)) spec.host = *h;
  if (auto p = r.get(el, "path", false, parse_path_pattern)) spec.path = *p;
  auto action = read_action(r, diags, el, false);
  r.for_children(el, {}, vocabulary, [](pugi::xml_node) {});
  if (!el.ok || !priority || !action) return std::nullopt;
  spec.priority = *priority;
  spec.action = *action;
  return spec;
}

std::optional<LbListenerSpec> read_listener(xml::XmlReader& r, Diagnostics& diags, pugi::xml_node n,
                                            const std::string& owner,
                                            std::span<const std::string_view> vocabulary) {
  El el = r.open(n, {"protocol", "port", "forward", "redirect", "fixed-response"});
  el.ctx = "listener of " + owner;
  LbListenerSpec spec;
  spec.loc = el.loc;
  auto proto = r.get(el, "protocol", true, parse_lb_protocol);
  auto port = r.get(el, "port", true, xml::parse_port);
  if (proto && port) {
    el.ctx = std::string("listener ") + lb_protocol_name(*proto) + ":" + std::to_string(*port) +
             " of " + owner;
  }
  auto action = read_action(r, diags, el, false);
  const std::string who = el.ctx;
  r.for_children(el, {"rule"}, vocabulary, [&](pugi::xml_node c) {
    if (auto rule = read_rule(r, diags, c, who, vocabulary)) spec.rules.push_back(std::move(*rule));
  });
  if (!el.ok || !proto || !port || !action) return std::nullopt;
  spec.protocol = *proto;
  spec.port = *port;
  spec.default_action = *action;
  return spec;
}

}  // namespace

const char* lb_protocol_name(LbProtocol p) {
  switch (p) {
    case LbProtocol::Http:
      return "HTTP";
    case LbProtocol::Https:
      return "HTTPS";
    case LbProtocol::Tcp:
      return "TCP";
  }
  return "HTTP";
}

std::optional<LoadBalancerSpec> read_load_balancer(xml::XmlReader& r, Diagnostics& diags,
                                                   pugi::xml_node n,
                                                   std::span<const std::string_view> vocabulary) {
  El el = r.open(n, {"name", "type", "scheme", "subnets", "security-groups", "ip", "elastic-ip"});
  LoadBalancerSpec spec;
  spec.loc = el.loc;
  auto name = r.read_name(el, "load balancer");
  auto type = r.get(el, "type", true, [](std::string_view v, Bad& bad) -> std::optional<LbType> {
    if (v == "application") return LbType::Application;
    if (v == "network") return LbType::Network;
    bad = {"bad-value", "is not a load balancer type (valid: application, network)"};
    return std::nullopt;
  });
  auto scheme = r.get(el, "scheme", false, [](std::string_view v, Bad& bad) -> std::optional<bool> {
    if (v == "internet-facing") return true;
    if (v == "internal") return false;
    bad = {"bad-value", "is not a scheme (valid: internet-facing, internal)"};
    return std::nullopt;
  });
  if (scheme) spec.internet_facing = *scheme;
  auto subnets = r.get(el, "subnets", true, xml::parse_name_list);
  if (auto groups = r.get(el, "security-groups", false, xml::parse_name_list)) {
    spec.security_groups = std::move(*groups);
  }
  if (auto ips = r.get(el, "ip", false, parse_ip_list)) spec.ips = std::move(*ips);
  if (auto eips = r.get(el, "elastic-ip", false, parse_ip_list))
    spec.elastic_ips = std::move(*eips);
  const std::string owner = el.ctx;
  r.for_children(el, {"listener"}, vocabulary, [&](pugi::xml_node c) {
    if (auto l = read_listener(r, diags, c, owner, vocabulary)) {
      spec.listeners.push_back(std::move(*l));
    }
  });
  if (!el.ok || !name || !type || !subnets) return std::nullopt;
  spec.name = *name;
  spec.type = *type;
  spec.subnets = std::move(*subnets);
  return spec;
}

std::optional<TargetGroupSpec> read_target_group(xml::XmlReader& r, Diagnostics& /*diags*/,
                                                 pugi::xml_node n,
                                                 std::span<const std::string_view> vocabulary) {
  El el = r.open(n, {"name", "protocol", "port"});
  TargetGroupSpec spec;
  spec.loc = el.loc;
  auto name = r.read_name(el, "target group");
  auto proto = r.get(el, "protocol", true, parse_lb_protocol);
  auto port = r.get(el, "port", true, xml::parse_port);
  const std::string owner = el.ctx;
  r.for_children(el, {"target"}, vocabulary, [&](pugi::xml_node c) {
    El t = r.open(c, {"instance", "port"});
    t.ctx = "target of " + owner;
    LbTargetSpec target;
    target.loc = t.loc;
    auto instance = r.get(t, "instance", true, xml::parse_name);
    if (auto p = r.get(t, "port", false, xml::parse_port)) target.port = *p;
    r.for_children(t, {}, vocabulary, [](pugi::xml_node) {});
    if (!t.ok || !instance) return;
    target.instance = *instance;
    spec.targets.push_back(std::move(target));
  });
  if (!el.ok || !name || !proto || !port) return std::nullopt;
  spec.name = *name;
  spec.protocol = *proto;
  spec.port = *port;
  return spec;
}

}  // namespace vpcsim::topo
