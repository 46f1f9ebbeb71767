#include "tools/vpcsim/crosscheck/connect_output.hpp"

#include "tools/vpcsim/crosscheck/text_lines.hpp"

namespace vpcsim::crosscheck {

std::string connect_verdict(std::string_view error) {
  if (error.empty()) return "open";
  if (error == "Connection refused") return "refused";
  if (error == "Connection timed out") return "timeout";
  // EPERM: the source's own firewall (an emulated security group's egress rule)
  // refused to send; in AWS the group drops outside the instance: a timeout.
  if (error == "Operation not permitted") return "timeout";
  return "unreachable";
}

ConnectOutput parse_nc_output(std::string_view err, int exit_code, bool killed) {
  if (killed) return {"timeout", "Connection timed out"};
  for (std::string_view line : split_lines(err)) {
    if (starts_with(line, "Connection to ") && line.find(" succeeded!") != std::string_view::npos) {
      return {"open", ""};
    }
    if (!starts_with(line, "nc: connect to ")) continue;
    // nc reports its own -w timeout with the errno of the pending connect().
    if (line.find(") timed out: ") != std::string_view::npos) {
      return {"timeout", "Connection timed out"};
    }
    size_t failed = line.find(") failed: ");
    if (failed != std::string_view::npos) {
      std::string error(trim(line.substr(failed + 10)));
      return {connect_verdict(error), error};
    }
  }
  // nc -z is silent without -v; with it, a line always says how it ended.
  if (exit_code == 0) return {"open", ""};
  return {"error", std::string(trim(err))};
}

std::string connect_error_in_tool_text(std::string_view text) {
  static constexpr std::string_view kTelnet = "telnet: Unable to connect to remote host: ";
  static constexpr std::string_view kSsh = "ssh: connect to host ";
  static constexpr std::string_view kChannel = "channel 0: open failed: connect failed: ";
  std::string error;
  for (std::string_view line : split_lines(text)) {
    if (starts_with(line, kTelnet)) {
      error = std::string(trim(line.substr(kTelnet.size())));
    } else if (starts_with(line, kChannel)) {
      error = std::string(trim(line.substr(kChannel.size())));
    } else if (starts_with(line, kSsh)) {
      // "ssh: connect to host NAME port N: ERROR": the error follows the port.
      size_t port = line.find(" port ");
      size_t colon = port == std::string_view::npos ? port : line.find(": ", port);
      if (colon != std::string_view::npos) error = std::string(trim(line.substr(colon + 2)));
    }
  }
  return error;
}

Observation observe_connect(const ConnectOutput& c) {
  Observation o;
  o.verdict = c.verdict;
  o.detail = c.verdict == "open" ? "connected" : c.error;
  o.reason_class = c.verdict == "error" ? ReasonClass::OtherIcmp : class_of_connect_error(c.error);
  return o;
}

}  // namespace vpcsim::crosscheck
