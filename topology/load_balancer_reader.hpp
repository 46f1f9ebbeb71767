#pragma once
// Reading <load-balancer> and <target-group>, children of <vpc>
// (topology/load_balancer_spec.hpp): syntax and value types only; names of
// subnets, groups and instances are checked by validate_load_balancers.
#include <optional>
#include <span>
#include <string_view>

#include <pugixml.hpp>

#include "topology/diagnostics.hpp"
#include "topology/load_balancer_spec.hpp"
#include "topology/xml_reader.hpp"

namespace vpcsim::topo {

// `vocabulary`: every element name of the topology format (for misplaced elements).
[[nodiscard]] std::optional<LoadBalancerSpec> read_load_balancer(
    xml::XmlReader& r, Diagnostics& diags, pugi::xml_node n,
    std::span<const std::string_view> vocabulary);
[[nodiscard]] std::optional<TargetGroupSpec> read_target_group(
    xml::XmlReader& r, Diagnostics& diags, pugi::xml_node n,
    std::span<const std::string_view> vocabulary);

}  // namespace vpcsim::topo
