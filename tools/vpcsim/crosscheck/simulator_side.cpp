#include "tools/vpcsim/crosscheck/simulator_side.hpp"

#include "tools/vpcsim/crosscheck/connect_output.hpp"
#include "tools/vpcsim/crosscheck/ping_output.hpp"
#include "tools/vpcsim/crosscheck/traceroute_output.hpp"

namespace vpcsim::crosscheck {

SimulatorSide simulator_side(const cli::ItemOutcome& item) {
  SimulatorSide side;
  side.reason = item.reason;
  side.explanation = item.explanation;
  Observation& o = side.observation;
  if (item.type == "ping") {
    o = observe_ping(parse_ping_output(item.tool_output));
  } else if (item.type == "traceroute") {
    o = observe_traceroute(parse_traceroute_output(item.tool_output));
  } else {
    // telnet, ssh: the verdict is the runner's; the error is what it printed.
    std::string error = item.result == "open" ? "" : connect_error_in_tool_text(item.tool_output);
    o = observe_connect(ConnectOutput{item.result, error});
  }
  if (o.verdict != item.result) {
    side.inconsistency =
        "its " + item.type + " output reads as " + o.verdict + ", its verdict is " + item.result;
    o.verdict = item.result;
  }
  if (item.reason && !reason_allows(*item.reason, o.reason_class) && !side.inconsistency) {
    side.inconsistency = "its output shows " + std::string(class_name(o.reason_class)) +
                         ", which reason " + *item.reason + " does not allow";
  }
  return side;
}

}  // namespace vpcsim::crosscheck
