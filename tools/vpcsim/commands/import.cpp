// vpcsim import aws DIR... | terraform PLAN.json [-o OUT.xml]: AWS CLI describe
// output or a Terraform plan (terraform show -json) becomes a topology file.
// The importer's warnings (what it skipped or guessed) go to stderr with the JSON
// path of the value concerned; malformed JSON is FILE:LINE:COL: error. The XML
// goes to OUT (or stdout); it is then checked as `vpcsim lint` would, and lint's
// findings are printed against OUT. Exit 0 when the result lints clean (warnings
// allowed), 1 when lint finds errors in it (the XML is written anyway: the plan
// itself is wrong, e.g. a NAT gateway in a VPC without internet gateway), 2 on bad
// usage or input (nothing written).
#include <fstream>
#include <iostream>

#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/commands/commands.hpp"
#include "tools/vpcsim/import/importer.hpp"
#include "topology/validate.hpp"
#include "topology/xml_loader.hpp"

namespace vpcsim::cli {
namespace {

constexpr const char* kUsage =
    "vpcsim import aws DIR|FILE... [-o OUT.xml] [OPTIONS]\n"
    "       vpcsim import terraform PLAN.json [-o OUT.xml] [OPTIONS]";

constexpr const char* kExamples =
    "  aws ec2 describe-vpcs > aws/vpcs.json   # ... one file per describe call\n"
    "  vpcsim import aws aws/ -o plan.xml --internet-host client=198.51.100.10\n"
    "  terraform plan -out=tfplan && terraform show -json tfplan > plan.json\n"
    "  vpcsim import terraform plan.json -o plan.xml --listen 22\n"
    "  vpcsim import terraform plan.json --internet-host repo=198.51.100.80:80,443 | less\n"
    "  vpcsim reach --import terraform plan.json   # without writing the XML\n"
    "\n"
    "Instances tagged vpcsim:listen=\"22,8080\" (or tcp/22, udp/53, none) listen on\n"
    "those ports; the others on --listen's. See docs/import.md.\n";

// Lints the imported XML as `vpcsim lint OUT` would; prints its findings.
size_t lint_imported(const std::string& xml, const std::string& label) {
  topo::Diagnostics diags;
  auto spec = topo::load_topology_string(xml, label, diags);
  if (spec && !diags.has_errors()) diags.append(topo::validate(*spec));
  diags.sort();
  std::cerr << diags.render();
  return spec ? diags.error_count() : diags.error_count() + 1;
}

}  // namespace

int run_import(const Args& args) {
  po::options_description visible("options");
  visible.add_options()("help,h", "show this help")("output,o", po::value<std::string>(),
                                                    "write the topology to OUT (default: stdout)");
  importer::add_import_options(visible);
  po::options_description hidden;
  hidden.add_options()("source", po::value<std::string>()->required(), "aws or terraform")(
      "input", po::value<std::vector<std::string>>()->required(), "inputs");
  po::positional_options_description positional;
  positional.add("source", 1).add("input", -1);
  po::variables_map vm;
  if (!parse_command_line(args, visible, positional, hidden, vm, kUsage, kExamples)) return kOk;

  auto source = importer::parse_import_source(vm["source"].as<std::string>());
  if (!source) {
    throw UsageError("'" + vm["source"].as<std::string>() +
                     "' is not something vpcsim imports (valid: aws, terraform)\nusage: " + kUsage);
  }
  const auto inputs = vm["input"].as<std::vector<std::string>>();
  if (*source == importer::ImportSource::Terraform && inputs.size() != 1) {
    throw UsageError("import terraform reads one plan file (terraform show -json output)\nusage: " +
                     std::string(kUsage));
  }
  importer::ImportOptions options;
  try {
    options = importer::import_options_from(vm);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }

  importer::ImportLog log;
  importer::ImportSummary summary;
  auto xml = importer::import_topology(*source, inputs, options, log, &summary);
  std::cerr << log.render();
  if (!xml) {
    std::cerr << "vpcsim import: " << log.error_count()
              << (log.error_count() == 1 ? " error" : " errors") << ", nothing written\n";
    return kBadInput;
  }

  const std::string out = vm.count("output") ? vm["output"].as<std::string>() : "";
  size_t lint_errors = lint_imported(*xml, out.empty() ? "<stdout>" : out);
  if (out.empty()) {
    std::cout << *xml;
  } else {
    std::ofstream file(out, std::ios::binary | std::ios::trunc);
    if (!(file << *xml) || !file.flush()) throw UsageError("cannot write " + out);
    // stdout is free when the XML goes to a file: say what is in it.
    std::cout << "wrote " << out << ": " << summary.str() << "; " << log.warning_count()
              << (log.warning_count() == 1 ? " warning" : " warnings") << "\n";
  }
  return lint_errors > 0 ? kFailed : kOk;
}

}  // namespace vpcsim::cli
