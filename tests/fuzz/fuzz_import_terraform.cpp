// fuzz_import_terraform: any bytes as the `terraform show -json` output of a plan
// (or state): JsonDocument, the plan index (TerraformPlan), the plan reader, and
// when that found no error, the topology writer and the loader on its XML
// (import_check.hpp).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/import_check.hpp"
#include "tools/vpcsim/import/json_document.hpp"
#include "tools/vpcsim/import/terraform_plan.hpp"
#include "tools/vpcsim/import/terraform_plan_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace vpcsim;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  importer::ImportLog log;
  auto doc = importer::JsonDocument::parse(text, "plan.json", log);
  if (!doc) {
    fuzz::require(log.has_errors());
    (void)log.render();
    return 0;
  }
  auto plan = importer::TerraformPlan::index(*doc, log);
  if (!plan) {
    (void)log.render();
    return 0;
  }
  importer::AwsModel model = importer::read_terraform_plan(*plan, "plan.json", log);
  if (log.has_errors()) {
    (void)log.render();
    return 0;
  }
  fuzz::write_and_reload(model, log);
  return 0;
}
