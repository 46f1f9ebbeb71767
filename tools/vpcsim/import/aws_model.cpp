#include "tools/vpcsim/import/aws_model.hpp"

namespace vpcsim::importer {

// '#' cannot appear in an AWS id or a Terraform address, so these never collide.
std::string default_key(const std::string& vpc_key, VpcDefault what) {
  switch (what) {
    case VpcDefault::SecurityGroup:
      return vpc_key + "#default-security-group";
    case VpcDefault::NetworkAcl:
      return vpc_key + "#default-network-acl";
    case VpcDefault::MainRouteTable:
      return vpc_key + "#main-route-table";
  }
  return vpc_key;
}

}  // namespace vpcsim::importer
