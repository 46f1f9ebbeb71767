#pragma once
// TerraformPlanReader: the planned values of `terraform show -json` output become
// an AwsModel. Resource types read: aws_vpc, aws_subnet, aws_internet_gateway
// (and _attachment), aws_route_table, aws_route, aws_route_table_association,
// aws_main_route_table_association, aws_nat_gateway, aws_eip (and _association),
// aws_instance, aws_security_group, aws_security_group_rule,
// aws_vpc_security_group_ingress_rule / _egress_rule, aws_network_acl,
// aws_network_acl_rule, aws_network_acl_association, aws_vpc_peering_connection
// (and _accepter), aws_default_security_group, aws_default_network_acl,
// aws_default_route_table. Any other managed resource is a warning
// (unsupported-resource); data sources are read only to follow references.
//
// Ids are unknown until apply, so references are followed through the plan's
// configuration (TerraformPlan). The model's keys are resource instance
// addresses. Semantics Terraform adds to AWS's: a group it creates has no egress
// rule unless the configuration gives one (it removes AWS's default), and a group
// or NACL whose inline rules are not configured gets only its rule resources.
#include <optional>
#include <string>

#include "tools/vpcsim/import/aws_model.hpp"
#include "tools/vpcsim/import/import_log.hpp"
#include "tools/vpcsim/import/terraform_plan.hpp"

namespace vpcsim::importer {

// `label` names the plan file in warnings.
[[nodiscard]] AwsModel read_terraform_plan(const TerraformPlan& plan, const std::string& label,
                                           ImportLog& log);

}  // namespace vpcsim::importer
