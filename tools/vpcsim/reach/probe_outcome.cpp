#include "tools/vpcsim/reach/probe_outcome.hpp"

namespace vpcsim::cli {

std::string ProbeKey::label() const {
  return proto == ProbeProto::Icmp ? "ping" : "tcp/" + std::to_string(port);
}

std::string_view ProbeKey::protocol_name() const {
  return proto == ProbeProto::Icmp ? "icmp" : "tcp";
}

std::string_view result_name(ReachResult r) {
  switch (r) {
    case ReachResult::Reachable:
      return "reachable";
    case ReachResult::Unreachable:
      return "unreachable";
    case ReachResult::Open:
      return "open";
    case ReachResult::Refused:
      return "refused";
    case ReachResult::Timeout:
      return "timeout";
    case ReachResult::ConnUnreachable:
      return "unreachable";
  }
  return "unreachable";
}

std::string_view ProbeOutcome::reason_code() const {
  return reason ? sim::reason_code(*reason) : std::string_view{};
}

std::string ProbeOutcome::verdict_text() const {
  std::string s(result_name(result));
  if (reason) s += " [" + std::string(sim::reason_code(*reason)) + "]";
  return s;
}

}  // namespace vpcsim::cli
