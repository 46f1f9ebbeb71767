#pragma once
// Shared by the importer fuzz targets: what must hold after a model was read
// without errors. The topology writer turns it into XML, and that XML must load
// through the real topology loader with no syntax-level error: the writer makes
// names valid and addresses whole, so a loader error there is a writer bug.
// (Semantic findings of `validate` may remain: AWS accepts some plans vpcsim
// lints as wrong, e.g. tests/data/import/lint-errors.)
#include <cstdlib>
#include <string>

#include "tools/vpcsim/import/import_log.hpp"
#include "tools/vpcsim/import/import_options.hpp"
#include "tools/vpcsim/import/topology_writer.hpp"
#include "topology/validate.hpp"
#include "topology/xml_loader.hpp"

namespace vpcsim::fuzz {

inline void require(bool ok) {
  if (!ok) std::abort();  // libFuzzer reports the abort as a crash, with the input
}

inline void write_and_reload(const importer::AwsModel& model, importer::ImportLog& log) {
  importer::ImportOptions options;
  options.topology_name = "fuzz";
  const std::string xml = importer::write_topology(model, options, "fuzz input", log);
  (void)log.render();
  topo::Diagnostics diags;
  auto spec = topo::load_topology_string(xml, "imported.xml", diags);
  require(spec.has_value());
  require(!diags.has_errors());
  diags.append(topo::validate(*spec));
  (void)diags.render();
}

}  // namespace vpcsim::fuzz
