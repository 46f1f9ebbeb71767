#pragma once
// Renderings of a ReachMatrix (vpcsim reach): the table people read, the JSON
// scripts compare (DESIGN.md section 5), and the per-class summary for plans too
// large to list pair by pair. All are streamed row by row, so memory stays flat
// however many pairs a plan has.
#include <iosfwd>

#include "tools/vpcsim/reach/reach_matrix.hpp"

namespace vpcsim::cli {

// One line per (source, target) pair: target address, the ping's verdict and
// each TCP port's, blocked ones with their reason code; with `explain`, the
// explanation of each blocked probe below its row. Ends with a totals line.
void write_reach_text(std::ostream& out, const ReachMatrix& m, bool explain);
// {"endpoints": [...], "results": [...], "totals": {...}}: one result per probe,
// sorted by source, target, protocol (icmp first) and port; one element a line.
void write_reach_json(std::ostream& out, const ReachMatrix& m, bool explain);
// The classes of equivalent endpoints, then one line per pair of classes.
void write_reach_summary_text(std::ostream& out, const ReachMatrix& m);
void write_reach_summary_json(std::ostream& out, const ReachMatrix& m);

// "42 pairs, 96 probes: 30 reachable or open, 66 blocked".
[[nodiscard]] std::string totals_line(const ReachMatrix& m);

}  // namespace vpcsim::cli
