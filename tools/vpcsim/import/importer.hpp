#pragma once
// The importers as the commands use them: AWS CLI describe output or a Terraform
// plan in, topology XML text out (import_topology), or a loaded, validated and
// lowered topology for commands that take `--import SOURCE INPUT` instead of a
// topology file (load_imported_topology, e.g. `vpcsim reach --import ...`).
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/import/import_log.hpp"
#include "tools/vpcsim/import/import_options.hpp"

namespace vpcsim::importer {

enum class ImportSource { Aws, Terraform };

// "aws" or "terraform".
[[nodiscard]] std::optional<ImportSource> parse_import_source(std::string_view text);

// What was imported, for the command's summary line.
struct ImportSummary {
  size_t vpcs = 0, subnets = 0, instances = 0, nat_gateways = 0, security_groups = 0,
         route_tables = 0, nacls = 0, peerings = 0;
  [[nodiscard]] std::string str() const;
};

// The topology XML for `inputs` (AWS: files or directories of describe output;
// Terraform: one `terraform show -json` file), or nullopt when the input has
// errors. Warnings and errors go to `log`.
[[nodiscard]] std::optional<std::string> import_topology(ImportSource source,
                                                         const std::vector<std::string>& inputs,
                                                         const ImportOptions& options,
                                                         ImportLog& log,
                                                         ImportSummary* summary = nullptr);

// Imports, prints the importer's warnings to `err`, then loads, validates and
// lowers the result, whose diagnostics name it `label` (e.g. "plan.json
// (imported)"). Throws cli::InputRejected (exit 2) on any error.
[[nodiscard]] cli::LoadedTopology load_imported_topology(ImportSource source,
                                                         const std::vector<std::string>& inputs,
                                                         const ImportOptions& options,
                                                         std::ostream& err);

}  // namespace vpcsim::importer
