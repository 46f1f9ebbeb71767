#include "tools/vpcsim/import/importer.hpp"

#include <filesystem>
#include <ostream>

#include "tools/vpcsim/import/aws_describe_reader.hpp"
#include "tools/vpcsim/import/json_document.hpp"
#include "tools/vpcsim/import/name_table.hpp"
#include "tools/vpcsim/import/terraform_plan.hpp"
#include "tools/vpcsim/import/terraform_plan_reader.hpp"
#include "tools/vpcsim/import/topology_writer.hpp"
#include "topology/validate.hpp"
#include "topology/xml_loader.hpp"

namespace vpcsim::importer {
namespace {

namespace fs = std::filesystem;

// "tests/data/import/peering/plan.json" -> "peering": the file's own name unless
// it is a generic one, then its directory's.
std::string default_name(const std::string& input) {
  fs::path p = fs::path(input).lexically_normal();
  if (p.filename().empty()) p = p.parent_path();
  std::string stem = p.stem().string();
  for (std::string_view generic : {"aws", "plan", "tfplan", "describe", "terraform", "."}) {
    if (stem == generic && p.has_parent_path()) {
      stem = fs::absolute(p).parent_path().filename().string();
      break;
    }
  }
  std::string name = sanitize_name(stem);
  return name.empty() ? "imported" : name;
}

std::string plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::optional<ImportSource> parse_import_source(std::string_view text) {
  if (text == "aws") return ImportSource::Aws;
  if (text == "terraform") return ImportSource::Terraform;
  return std::nullopt;
}

std::string ImportSummary::str() const {
  return plural(vpcs, "VPC", "VPCs") + ", " + plural(subnets, "subnet", "subnets") + ", " +
         plural(instances, "instance", "instances") + ", " +
         plural(nat_gateways, "NAT gateway", "NAT gateways") + ", " +
         plural(security_groups, "security group", "security groups") + ", " +
         plural(route_tables, "route table", "route tables") + ", " +
         plural(nacls, "network ACL", "network ACLs") + ", " +
         plural(peerings, "peering", "peerings");
}

std::optional<std::string> import_topology(ImportSource source,
                                           const std::vector<std::string>& inputs,
                                           const ImportOptions& options, ImportLog& log,
                                           ImportSummary* summary) {
  if (inputs.empty()) return std::nullopt;
  std::optional<AwsModel> model;
  std::string header;
  if (source == ImportSource::Aws) {
    model = read_aws_describe(inputs, log);
    std::string from;
    for (const std::string& in : inputs) from += (from.empty() ? "" : " ") + in;
    header = "Imported by `vpcsim import aws` (AWS CLI describe output) from\n  " + from;
  } else {
    auto doc = JsonDocument::load(inputs.front(), inputs.front(), log);
    if (!doc) return std::nullopt;
    auto plan = TerraformPlan::index(*doc, log);
    if (!plan) return std::nullopt;
    model = read_terraform_plan(*plan, inputs.front(), log);
    std::string what = plan->is_state() ? "state" : "plan";
    header = "Imported by `vpcsim import terraform` (`terraform show -json` of a Terraform " +
             (plan->terraform_version().empty() ? "" : plan->terraform_version() + " ") + what +
             ") from\n  " + inputs.front();
  }
  if (!model || log.has_errors()) return std::nullopt;
  ImportOptions opts = options;
  if (opts.topology_name.empty()) opts.topology_name = default_name(inputs.front());
  std::string xml = write_topology(*model, opts, header, log);
  if (summary) {
    *summary = ImportSummary{
        model->vpcs.size(),         model->subnets.size(),         model->instances.size(),
        model->nat_gateways.size(), model->security_groups.size(), model->route_tables.size(),
        model->nacls.size(),        model->peerings.size()};
  }
  return xml;
}

cli::LoadedTopology load_imported_topology(ImportSource source,
                                           const std::vector<std::string>& inputs,
                                           const ImportOptions& options, std::ostream& err) {
  ImportLog log;
  auto xml = import_topology(source, inputs, options, log);
  err << log.render();
  const std::string label = (inputs.empty() ? std::string("?") : inputs.front()) + " (imported)";
  if (!xml) throw cli::InputRejected(label + ": the input has errors");
  topo::Diagnostics diags;
  auto spec = topo::load_topology_string(*xml, label, diags);
  if (spec && !diags.has_errors()) diags.append(topo::validate(*spec));
  if (!spec || diags.has_errors()) {
    diags.sort();
    err << diags.render();
    throw cli::InputRejected(label + ": " + std::to_string(diags.error_count()) + " error(s)");
  }
  cli::LoadedTopology out;
  out.spec = std::move(*spec);
  out.diagnostics = std::move(diags);
  out.lowered = std::make_unique<topo::LoweredTopology>(topo::lower(out.spec));
  return out;
}

}  // namespace vpcsim::importer
