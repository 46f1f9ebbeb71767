// vpcsim lint FILE...: every diagnostic of every file, in reading order, then a
// summary line. Exit 1 when any file has errors (warnings alone pass), 2 when a
// file cannot be read or parsed at all.
#include <iostream>

#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/commands/commands.hpp"
#include "topology/validate.hpp"
#include "topology/xml_loader.hpp"

namespace vpcsim::cli {

int run_lint(const Args& args) {
  po::options_description visible("options");
  visible.add_options()("help,h", "show this help")("werror", "treat warnings as errors");
  po::options_description hidden;
  hidden.add_options()("file", po::value<std::vector<std::string>>()->required(), "topology files");
  po::positional_options_description positional;
  positional.add("file", -1);
  po::variables_map vm;
  if (!parse_command_line(args, visible, positional, hidden, vm, "vpcsim lint FILE... [--werror]",
                          "  vpcsim lint plan.xml\n  vpcsim lint --werror plans/*.xml\n")) {
    return kOk;
  }
  size_t errors = 0, warnings = 0;
  bool unreadable = false;
  for (const std::string& file : vm["file"].as<std::vector<std::string>>()) {
    topo::Diagnostics diags;
    auto spec = topo::load_topology_file(file, diags);
    if (spec && !diags.has_errors()) diags.append(topo::validate(*spec));
    unreadable = unreadable || !spec;
    diags.sort();
    std::cout << diags.render();
    errors += diags.error_count();
    warnings += diags.warning_count();
  }
  std::cout << errors << (errors == 1 ? " error, " : " errors, ") << warnings
            << (warnings == 1 ? " warning" : " warnings") << "\n";
  if (unreadable) return kBadInput;
  return errors > 0 || (vm.count("werror") && warnings > 0) ? kFailed : kOk;
}

}  // namespace vpcsim::cli
