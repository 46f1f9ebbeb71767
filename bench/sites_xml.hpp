#pragma once
// Writes a SitesPlan as topology XML (DESIGN.md section 3): one <network> with
// the site routers, switches and hosts and every link, in a fixed order, so the
// same plan always gives the same bytes. Used by the BuildSites benchmark and by
// the vpcsim_gen_sites tool (bench/gen_sites.cpp).
#include <string>

#include "bench/sites_plan.hpp"

namespace vpcsim::bench {

// The whole document. About 150 bytes per host.
[[nodiscard]] std::string sites_xml(const SitesPlan& plan);

}  // namespace vpcsim::bench
