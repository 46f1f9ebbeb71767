#pragma once
// AwsDescribeReader: the JSON printed by the AWS CLI (v2) for
//   aws ec2 describe-vpcs, describe-subnets, describe-route-tables,
//   describe-internet-gateways, describe-nat-gateways, describe-security-groups,
//   describe-network-acls, describe-instances, describe-addresses,
//   describe-vpc-peering-connections
// becomes an AwsModel. One file per call, under any name: a document's top-level
// key ("Vpcs", "Subnets", "Reservations"...) says what it holds, and a call split
// over several files (pages) is merged. What AWS has and vpcsim does not model is
// a warning with its JSON path: IPv6 CIDRs, routes and rules, prefix lists,
// secondary CIDRs and addresses, extra network interfaces, route targets other
// than internet and NAT gateways, instances and peerings (written as blackhole
// routes), private NAT gateways, ICMP type filters, other IP protocols.
// Values of the wrong type and missing required fields are errors.
#include <optional>
#include <string>
#include <vector>

#include "tools/vpcsim/import/aws_model.hpp"
#include "tools/vpcsim/import/import_log.hpp"

namespace vpcsim::importer {

// `inputs` are files or directories (whose *.json files are read, in name order).
// Returns nullopt when nothing could be read or no describe-vpcs output was found;
// otherwise the model, with any errors in `log` (the caller decides whether to go on).
[[nodiscard]] std::optional<AwsModel> read_aws_describe(const std::vector<std::string>& inputs,
                                                        ImportLog& log);

}  // namespace vpcsim::importer
