#include "tools/vpcsim/crosscheck/comparison.hpp"

namespace vpcsim::crosscheck {
namespace {

std::string joined(const std::vector<std::string>& hops) {
  std::string out;
  for (const std::string& h : hops) out += (out.empty() ? "" : " ") + h;
  return out.empty() ? "(none)" : out;
}

// "hop 3: 10.0.12.2 vs *" for the first hop where the lists differ.
std::string first_difference(const std::vector<std::string>& sim,
                             const std::vector<std::string>& kernel) {
  size_t i = 0;
  while (i < sim.size() && i < kernel.size() && sim[i] == kernel[i]) ++i;
  auto at = [](const std::vector<std::string>& v, size_t k) {
    return k < v.size() ? v[k] : std::string("(end)");
  };
  return "hop " + std::to_string(i + 1) + ": " + at(sim, i) + " vs " + at(kernel, i);
}

}  // namespace

std::vector<Difference> compare(const Observation& sim, const Observation& kernel) {
  std::vector<Difference> out;
  if (sim.verdict != kernel.verdict) {
    out.push_back({"verdict", sim.verdict, kernel.verdict, ""});
  } else if (sim.reason_class != kernel.reason_class) {
    // With different verdicts the classes differ too; the verdict line says it.
    out.push_back({"reason class", std::string(class_name(sim.reason_class)),
                   std::string(class_name(kernel.reason_class)), ""});
  }
  if (sim.hops && kernel.hops && *sim.hops != *kernel.hops) {
    out.push_back({"hops", joined(*sim.hops), joined(*kernel.hops),
                   first_difference(*sim.hops, *kernel.hops)});
  }
  if (sim.reply_ttl && kernel.reply_ttl && *sim.reply_ttl != *kernel.reply_ttl) {
    out.push_back(
        {"reply TTL", std::to_string(*sim.reply_ttl), std::to_string(*kernel.reply_ttl), ""});
  }
  if (sim.error_from && kernel.error_from && *sim.error_from != *kernel.error_from) {
    out.push_back({"ICMP error from", *sim.error_from, *kernel.error_from, ""});
  }
  return out;
}

}  // namespace vpcsim::crosscheck
