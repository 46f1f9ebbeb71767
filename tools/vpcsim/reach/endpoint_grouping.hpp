#pragma once
// EndpointGrouping: splits the endpoints of a reachability matrix into classes
// whose members behave identically, so that one probe per pair of classes answers
// for every pair of their members (vpcsim reach).
//
// Two VPC instances share a class only when nothing in the plan can tell them
// apart: the same VPC and subnet (so the same route table, NACL and broadcast
// domain), the same security groups (as listed), public IP present or not, the
// same listeners, and the same membership of both their private and public
// addresses in every CIDR the plan mentions anywhere (security-group, NACL and
// route rules, subnets, VPCs, masquerade sources, the internet's hosts and the
// RFC 1918 ranges), so a rule for 10.0.1.10/32 separates that instance from its
// neighbours. Instances with a special role are alone in their class: a route
// target, a port-forward destination, a NAT instance or router (source/dest
// check off, masquerade, port forwards). Internet hosts and classic hosts are
// always alone: there are few of them, and classic networks may reuse addresses.
//
// The representatives of a class are its first two members by name (two, so a
// pair inside the class can be probed). `representative_plan` keeps only them of
// each class: the plan the grouped probes run on, where subnets hold a handful of
// instances instead of hundreds, so floods stay small. Every instance that another
// one's traffic could pass through (route targets, port-forward destinations) is a
// class of its own and therefore kept.
#include <cstdint>
#include <string>
#include <vector>

#include "topology/lower.hpp"
#include "topology/spec.hpp"

namespace vpcsim::cli {

class EndpointGrouping {
 public:
  // Classes of `endpoints` (of `spec`'s lowering; listed in the order members
  // are to be kept, e.g. by name). With `group` false, every endpoint is a class.
  EndpointGrouping(const topo::TopologySpec& spec,
                   const std::vector<const topo::Endpoint*>& endpoints, bool group);

  // Class of each endpoint (index into `classes`), classes numbered in order of
  // their first member.
  [[nodiscard]] const std::vector<uint32_t>& class_of() const { return class_of_; }
  // Members of each class, as endpoint indices in the order given.
  [[nodiscard]] const std::vector<std::vector<uint32_t>>& classes() const { return classes_; }
  // What the members of a class share, in a few words: "instance in prod/web,
  // security groups web-sg, public IP, listens tcp 80,443" or "internet host".
  [[nodiscard]] const std::string& description(uint32_t cls) const { return descriptions_[cls]; }

  // `spec` with only the representatives of each class among the instances
  // (everything else unchanged).
  [[nodiscard]] topo::TopologySpec representative_plan(const topo::TopologySpec& spec) const;

 private:
  std::vector<uint32_t> class_of_;
  std::vector<std::vector<uint32_t>> classes_;
  std::vector<std::string> descriptions_;
  std::vector<std::string> dropped_instances_;  // sorted names not in the representative plan
};

}  // namespace vpcsim::cli
