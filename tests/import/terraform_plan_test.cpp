// TerraformPlan on real plans (tests/data/import/*/plan.json, made by regen.sh):
// known and unknown values, and references followed through for_each, count,
// module inputs and outputs.
#include "tools/vpcsim/import/terraform_plan.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace vpcsim::importer {
namespace {

namespace fs = std::filesystem;
const fs::path kData = fs::path(VPCSIM_REPO_ROOT) / "tests/data/import";

struct LoadedPlan {
  std::optional<JsonDocument> doc;
  std::optional<TerraformPlan> plan;
};

// The document must outlive the index, which points into it.
const LoadedPlan& plan_of(const std::string& scenario) {
  static std::map<std::string, LoadedPlan> cache;
  auto [it, fresh] = cache.try_emplace(scenario);
  if (fresh) {
    ImportLog log;
    it->second.doc =
        JsonDocument::load((kData / scenario / "plan.json").string(), "plan.json", log);
    if (it->second.doc) it->second.plan = TerraformPlan::index(*it->second.doc, log);
    EXPECT_EQ(log.render(), "");
  }
  return it->second;
}

std::vector<std::string> refs(const std::string& scenario, const std::string& address,
                              const std::string& attr) {
  const TerraformPlan& plan = *plan_of(scenario).plan;
  const TfResource* r = plan.find(address);
  EXPECT_NE(r, nullptr) << address;
  std::vector<std::string> out;
  if (!r) return out;
  for (const RefTarget& t : plan.references(*r, attr)) {
    out.push_back(t.resource->address + (t.attribute.empty() ? "" : "." + t.attribute));
  }
  return out;
}

using Strings = std::vector<std::string>;

TEST(TerraformPlan, IndexesEveryResourceWithItsPath) {
  const TerraformPlan& plan = *plan_of("small-service").plan;
  EXPECT_EQ(plan.resources().size(), 30u);
  EXPECT_EQ(plan.terraform_version(), "1.11.4");
  EXPECT_FALSE(plan.is_state());
  const TfResource* subnet = plan.find("aws_subnet.tier[\"app\"]");
  ASSERT_NE(subnet, nullptr);
  EXPECT_EQ(subnet->type, "aws_subnet");
  EXPECT_EQ(subnet->name, "tier");
  EXPECT_EQ(*subnet->index, "app");
  EXPECT_EQ(subnet->path.rfind("$.planned_values.root_module.resources[", 0), 0u);
}

TEST(TerraformPlan, IdsAreUnknownUntilApplyConfiguredValuesAreKnown) {
  const TerraformPlan& plan = *plan_of("small-service").plan;
  const TfResource& nat = *plan.find("aws_instance.nat");
  EXPECT_EQ(plan.state(nat, "subnet_id"), ValueState::Unknown);
  EXPECT_EQ(plan.state(nat, "private_ip"), ValueState::Known);
  EXPECT_EQ(plan.state(nat, "hibernation"), ValueState::Null);
  EXPECT_TRUE(plan.configured(nat, "subnet_id"));
  EXPECT_FALSE(plan.configured(nat, "public_ip"));
}

TEST(TerraformPlan, FollowsAPlainReference) {
  EXPECT_EQ(refs("small-service", "aws_instance.bastion", "subnet_id"),
            (Strings{"aws_subnet.tier[\"public\"].id"}));
  EXPECT_EQ(refs("small-service", "aws_route.private_default", "network_interface_id"),
            (Strings{"aws_instance.nat.primary_network_interface_id"}));
}

TEST(TerraformPlan, FollowsEachKeyToTheInstanceOfTheSameKey) {
  // subnet_id = aws_subnet.tier[each.key].id is listed as "aws_subnet.tier", "each.key".
  EXPECT_EQ(refs("small-service", "aws_route_table_association.private[\"db\"]", "subnet_id"),
            (Strings{"aws_subnet.tier[\"db\"]"}));
}

TEST(TerraformPlan, FollowsCountIndex) {
  EXPECT_EQ(refs("public-private-nat", "aws_eip.web[1]", "instance"),
            (Strings{"aws_instance.web[1]"}));
}

TEST(TerraformPlan, KeepsEveryReferenceOfAList) {
  EXPECT_EQ(
      refs("four-public-subnets", "aws_instance.web[\"c\"]", "vpc_security_group_ids"),
      (Strings{"aws_security_group.web.id", "aws_vpc.default_vpc.default_security_group_id"}));
}

TEST(TerraformPlan, FollowsModuleOutputsAndTheirIndex) {
  EXPECT_EQ(refs("peering", "aws_vpc_peering_connection.ab", "peer_vpc_id"),
            (Strings{"module.b.aws_vpc.this.id"}));
  // module.a.route_table_ids["a-two"]: a for expression over aws_route_table.this.
  EXPECT_EQ(refs("peering", "aws_route.a_two_to_b", "route_table_id"),
            (Strings{"module.a.aws_route_table.this[\"a-two\"]"}));
}

TEST(TerraformPlan, EvaluatesEachValueFieldsOfAConstantForEach) {
  // aws_subnet.this[each.value.subnet] with for_each = var.instances, a constant
  // map given to the module.
  EXPECT_EQ(refs("peering", "module.a.aws_instance.this[\"a2\"]", "subnet_id"),
            (Strings{"module.a.aws_subnet.this[\"a-two\"]"}));
  EXPECT_EQ(refs("peering", "module.c.aws_subnet.this[\"c-one\"]", "vpc_id"),
            (Strings{"module.c.aws_vpc.this.id"}));
}

TEST(TerraformPlan, MergesTheReferencesOfInlineBlocks) {
  EXPECT_EQ(refs("edge-cases", "aws_security_group.mixed", "ingress"),
            (Strings{"aws_security_group.admin.id", "aws_security_group.app.id"}));
}

TEST(TerraformPlan, RejectsWhatIsNotShowJsonOutput) {
  ImportLog log;
  auto doc = JsonDocument::parse(R"({"version": 4, "resources": []})", "state.tfstate", log);
  ASSERT_TRUE(doc);
  EXPECT_FALSE(TerraformPlan::index(*doc, log));
  EXPECT_EQ(log.render(),
            "state.tfstate: error: not the output of `terraform show -json` (no format_version and "
            "planned_values): run `terraform plan -out=PLAN` then `terraform show -json PLAN > "
            "plan.json` [not-terraform-plan]\n");
}

TEST(TerraformPlan, ReadsStateOutputWithEverythingKnownAndIdsFindable) {
  ImportLog log;
  auto doc = JsonDocument::parse(R"({"format_version": "1.0", "terraform_version": "1.11.4",
    "values": {"root_module": {"resources": [
      {"address": "aws_vpc.v", "mode": "managed", "type": "aws_vpc", "name": "v",
       "values": {"id": "vpc-1", "cidr_block": "10.0.0.0/16", "default_security_group_id": "sg-d"}},
      {"address": "aws_subnet.s", "mode": "managed", "type": "aws_subnet", "name": "s",
       "values": {"id": "subnet-1", "vpc_id": "vpc-1", "cidr_block": "10.0.1.0/24"}}]}}})",
                                 "show.json", log);
  ASSERT_TRUE(doc);
  auto plan = TerraformPlan::index(*doc, log);
  ASSERT_TRUE(plan);
  EXPECT_TRUE(plan->is_state());
  const TfResource& s = *plan->find("aws_subnet.s");
  EXPECT_EQ(plan->state(s, "vpc_id"), ValueState::Known);
  EXPECT_EQ(plan->state(s, "map_public_ip_on_launch"), ValueState::Null);
  auto vpc = plan->find_id("vpc-1");
  ASSERT_TRUE(vpc);
  EXPECT_EQ(vpc->resource->address, "aws_vpc.v");
  auto sg = plan->find_id("sg-d");
  ASSERT_TRUE(sg);
  EXPECT_EQ(sg->attribute, "default_security_group_id");
}

}  // namespace
}  // namespace vpcsim::importer
