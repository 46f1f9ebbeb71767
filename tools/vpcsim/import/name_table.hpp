#pragma once
// NameTable: turns AWS ids, Name tags and Terraform resource names into names the
// topology format accepts (letters, digits, '_', '-', '.'; at most 64 characters;
// not an IPv4 address; not the route target keywords "local" and "blackhole"),
// unique within one namespace. The first object to ask for a name gets it; later
// ones get NAME-2, NAME-3, ... in the order they ask, so the result depends only on
// the input's order. One table per namespace: the topology has one for nodes,
// gateways and peerings, one for VPCs, and one per VPC for its subnets, route
// tables, network ACLs and security groups.
#include <set>
#include <string>
#include <string_view>

namespace vpcsim::importer {

class NameTable {
 public:
  // Reserves `name` as is (e.g. the internet hosts the user named). False if taken.
  bool reserve(const std::string& name);
  // A unique, valid name from `hint`, or from `fallback` when `hint` is empty.
  [[nodiscard]] std::string claim(std::string_view hint, std::string_view fallback);
  [[nodiscard]] bool taken(const std::string& name) const { return used_.count(name) > 0; }

 private:
  std::set<std::string> used_;
};

// `text` with every character a name may not contain replaced by '-', runs of
// '-' collapsed, and trimmed to 64 characters; empty if nothing usable is left.
[[nodiscard]] std::string sanitize_name(std::string_view text);

}  // namespace vpcsim::importer
