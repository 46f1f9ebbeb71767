// fuzz_topology: any bytes as a topology file, through what `vpcsim lint` does:
// the XML loader, then (when it loaded cleanly) the validator, then the sorted,
// rendered diagnostics. The properties checked, beyond "no crash, no hang, no
// leak, no UB" (the sanitizers and libFuzzer see to those): a file that did not
// load has at least one error, and every diagnostic renders with a code.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "topology/validate.hpp"
#include "topology/xml_loader.hpp"

namespace {

void require(bool ok) {
  if (!ok) std::abort();  // libFuzzer reports the abort as a crash, with the input
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace vpcsim::topo;
  std::string_view xml(reinterpret_cast<const char*>(data), size);
  Diagnostics diags;
  auto spec = load_topology_string(xml, "fuzz.xml", diags);
  require(spec || diags.has_errors());
  if (spec && !diags.has_errors()) diags.append(validate(*spec));
  diags.sort();
  const std::string text = diags.render();
  for (const Diagnostic& d : diags.items()) {
    require(!d.code.empty() && !d.message.empty());
  }
  require(diags.items().empty() == text.empty());
  return 0;
}
