#pragma once
// The service tables of `vpcsim show`, read from the topology rather than from
// a device's memory (they do not change as probes run):
//   --zones      a DNS server's zones as zone-file lines, as that server answers
//                from them: split horizon applied, aliases resolved to the
//                address its askers see, private zones of its VPC shadowing
//                public ones (the VPC's Amazon DNS server VPC:dns, the public
//                resolver internet:dns, any node with <dns-server/>);
//   --listeners  a load balancer's listeners with their rules in evaluation
//                order and its target groups with the targets' addresses (the
//                load balancer's name, or one of its nodes LB/SUBNET).
// Both return nullopt when `device` has no such table.
#include <optional>
#include <string>

#include "topology/lower.hpp"
#include "topology/spec.hpp"

namespace vpcsim::cli {

[[nodiscard]] std::optional<std::string> zones_text(const topo::TopologySpec& spec,
                                                    const topo::LoweredTopology& t,
                                                    const std::string& device);

[[nodiscard]] std::optional<std::string> listeners_text(const topo::TopologySpec& spec,
                                                        const topo::LoweredTopology& t,
                                                        const std::string& device);

// "web-alb/public-a, web-alb/public-b" when `name` is a load balancer (its
// devices are its nodes), for the error on a device table asked of its name;
// "" otherwise.
[[nodiscard]] std::string load_balancer_nodes(const topo::TopologySpec& spec,
                                              const std::string& name);

}  // namespace vpcsim::cli
