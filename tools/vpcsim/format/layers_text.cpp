#include "tools/vpcsim/format/layers_text.hpp"

#include "tools/vpcsim/format/journey_text.hpp"
#include "tools/vpcsim/format/layered_journey.hpp"

namespace vpcsim::cli {
namespace {

std::string pad(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

void frame_lines(std::string& out, const char* title, const std::vector<HeaderLine>& frame) {
  bool first = true;
  for (const HeaderLine& h : frame) {
    out += "    " + pad(first ? title : "", 10) + pad(h.layer, 5) + pad(h.protocol, 9) + h.text +
           "\n";
    first = false;
  }
}

constexpr const char* kLegend =
    "Layers: L1 physical (ports, cables)  L2 data link (Ethernet MACs, ARP, switches)\n"
    "        L3 network (IP addresses, routes, TTL, ICMP)  L4 transport (TCP/UDP ports)\n"
    "        L3/4 filters and NAT (security groups, NACLs, translations look at both)\n";

}  // namespace

std::string layers_text(const sim::Simulation& sim) {
  std::vector<LayeredEvent> events = layered_journey(sim);
  std::string out;
  if (events.empty()) return "Journey: no packet was recorded.\n";
  out += "Journey by layer (" + std::to_string(events.size()) +
         " events, times relative to the first):\n";
  out += kLegend;
  for (const LayeredEvent& e : events) {
    out += "\n#" + std::to_string(e.index) + " [+" + e.since_start.ms_str() + " ms] " +
           e.device_name + " (" + e.device_kind + ") " +
           (e.how == "created" ? std::string("creates a frame") : e.how) + "\n";
    frame_lines(out, "frame", e.frame);
    for (const LayerAction& a : e.actions) {
      out += "    " + pad(a.layer, 5) + pad(a.label, 7) + a.text + "\n";
      for (const std::string& note : a.notes) out += "                " + note + "\n";
    }
    for (const SentFrame& f : e.sent) {
      out += "    sent on " + f.port + ", changed: ";
      for (size_t i = 0; i < f.changes.size(); ++i) out += (i ? "; " : "") + f.changes[i];
      out += "\n";
      frame_lines(out, "frame out", f.frame);
    }
  }
  // The tables section of --explain, unchanged, so both views end alike.
  std::string plain = explain_text(sim);
  size_t tables = plain.find("\nTables after the probe:\n");
  if (tables != std::string::npos) out += plain.substr(tables);
  return out;
}

}  // namespace vpcsim::cli
