#pragma once
// LoadBalancerConfig: what one load balancer node needs to know, resolved at
// lowering time from the topology: its listeners with their rules (sorted by
// priority), and its target groups with each target's address and port.
// Matching follows AWS's listener rules: host patterns are case-insensitive,
// path patterns case-sensitive and compared with the whole path (no query);
// both take the wildcards '*' (any run of characters) and '?' (one character).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/ids.hpp"
#include "sim/net/ipv4_addr.hpp"

namespace vpcsim::sim {

struct LbTarget {
  std::string name;  // the instance
  DeviceId device;
  Ipv4Addr ip;
  uint16_t port = 0;
};

struct LbTargetGroup {
  std::string name;
  std::vector<LbTarget> targets;
};

struct LbAction {
  enum class Kind : uint8_t { Forward, Redirect, FixedResponse };
  Kind kind = Kind::Forward;
  uint32_t group = 0;             // Forward: index into LoadBalancerConfig::groups
  std::string redirect_protocol;  // Redirect: "HTTPS"
  uint16_t redirect_port = 0;     // Redirect
  uint16_t status = 0;            // FixedResponse, Redirect (301)
};

struct LbRule {
  uint32_t priority = 0;
  std::string host, path;  // patterns; empty: any
  LbAction action;
  std::string source;  // "file:line:col" of the rule
};

struct LbListener {
  std::string protocol;  // "HTTP", "HTTPS", "TCP"
  uint16_t port = 0;
  LbAction default_action;
  std::vector<LbRule> rules;  // ascending priority
  std::string source;
};

struct LoadBalancerConfig {
  std::string name;
  bool application = true;  // false: a network load balancer
  std::vector<LbListener> listeners;
  std::vector<LbTargetGroup> groups;

  [[nodiscard]] const LbListener* listener(uint16_t port) const;
  // " has no listener on port 8080: the segment is dropped (listeners: HTTP:80,
  // HTTPS:443)": the lb-no-listener explanation of both kinds, after the node's name.
  [[nodiscard]] std::string no_listener(uint16_t port) const;
};

// Whether `text` matches `pattern` ('*' any run, '?' one character).
[[nodiscard]] bool wildcard_match(std::string_view pattern, std::string_view text,
                                  bool ignore_case);
// Whether `rule` matches a request for `host` (the Host header without a port)
// and `path` (without the query string).
[[nodiscard]] bool rule_matches(const LbRule& rule, std::string_view host, std::string_view path);
// "host api.example.net, path /v1/*".
[[nodiscard]] std::string rule_conditions(const LbRule& rule);

}  // namespace vpcsim::sim
