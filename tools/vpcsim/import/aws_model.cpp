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

void set_dns_resolution(Peering& peering, bool requester_side, bool accepter_side) {
  peering.dns_resolution = requester_side && accepter_side;
  if (requester_side != accepter_side) {
    peering.notes.push_back(std::string("DNS resolution from the remote VPC is on for the ") +
                            (requester_side ? "requester" : "accepter") +
                            " side only: imported as off (vpcsim sets both sides at once)");
  }
}

}  // namespace vpcsim::importer
