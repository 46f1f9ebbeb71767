#include "tools/vpcsim/crosscheck/kernel_side.hpp"

#include "tools/vpcsim/crosscheck/connect_output.hpp"
#include "tools/vpcsim/crosscheck/ping_output.hpp"
#include "tools/vpcsim/crosscheck/text_lines.hpp"
#include "tools/vpcsim/crosscheck/traceroute_output.hpp"

namespace vpcsim::crosscheck {
namespace {

Observation error(std::string detail) {
  Observation o;
  o.verdict = "error";
  o.reason_class = ReasonClass::OtherIcmp;
  o.detail = std::move(detail);
  return o;
}

std::string first_line(const std::string& text) {
  std::vector<std::string_view> lines = split_lines(text);
  for (std::string_view l : lines) {
    if (!trim(l).empty()) return std::string(trim(l));
  }
  return "no output";
}

}  // namespace

Observation observe_step(const RealStep& step, const emulate::ExecResult& r) {
  const std::string program = step.argv.empty() ? "?" : step.argv.front();
  if (r.timed_out && step.tool != Tool::Nc) {
    return error(program + " ran past " + std::to_string(step.limit.count() / 1000) +
                 " s and was killed");
  }
  // 127: not started (no such namespace or program); 255: `ip netns exec` failed.
  if (r.exit_code == 127 || r.exit_code == 255) return error(program + ": " + first_line(r.err));
  switch (step.tool) {
    case Tool::Ping: {
      PingOutput ping = parse_ping_output(r.out + r.err);
      if (ping.destination.empty() && !ping.local_error) return error("ping: " + first_line(r.err));
      return observe_ping(ping);
    }
    case Tool::Traceroute: {
      TracerouteOutput trace = parse_traceroute_output(r.out + r.err);
      if (trace.destination.empty() && !trace.local_error) {
        return error("traceroute: " + first_line(r.err));
      }
      return observe_traceroute(trace);
    }
    case Tool::Nc: {
      ConnectOutput c = parse_nc_output(r.err, r.exit_code, r.timed_out);
      if (c.verdict == "error") return error("nc: " + first_line(r.err));
      return observe_connect(c);
    }
  }
  return error("unknown tool");
}

KernelSide run_real_probe(const RealProbe& probe, const StepRunner& runner) {
  KernelSide side;
  for (const RealStep& step : probe.steps) {
    side.commands.push_back(command_line(step));
    emulate::ExecResult r = runner(step);
    side.output += r.out + r.err;
    side.observation = observe_step(step, r);
    // The next leg (ssh through a bastion) only when this one opened.
    if (side.observation.verdict != "open") break;
  }
  return side;
}

}  // namespace vpcsim::crosscheck
