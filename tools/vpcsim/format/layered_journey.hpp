#pragma once
// LayeredJourney: the recorded journey of a probe regrouped for a beginner, by
// OSI layer: for every event (a device handling one frame, in time order) the
// frame's headers layer by layer, what the device did at each layer (the same
// steps, details and deciding table entries as `--explain`), the routes that
// competed in each route lookup, and each frame it sent on with what changed
// (MACs rewritten, TTL decremented, addresses translated). Read-only: built
// from the Simulation's journey, transmissions and (static) route tables.
// Shared by `--explain=layers` (text) and `vpcsim report` (JSON in the page).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/core/simulation.hpp"

namespace vpcsim::cli {

// One header of a frame: layer ("L2", "L3", "L4"), protocol ("Ethernet",
// "ARP", "IPv4", "ICMP", "TCP", "UDP") and its fields in words.
struct HeaderLine {
  std::string layer, protocol, text;
};

// What a device did at one layer: one journey step.
struct LayerAction {
  std::string layer;  // "L1", "L2", "L3", "L4", or "L3/4" (filters, NAT)
  std::string label;  // the --explain label: in, arp, l2, route, ttl, nat, filter, ...
  std::string text;   // the step's detail, "[table: rule]" and, for drops, "name (code): "
  bool drop = false;
  std::vector<std::string> notes;  // route lookups: the candidate routes, best first
};

// A frame the device sent on, when it differs from the frame it handled.
struct SentFrame {
  std::string port;  // "r1:eth1"
  std::vector<HeaderLine> frame;
  std::vector<std::string> changes;  // "TTL 64 -> 63", "source MAC ... -> ...", ...
};

struct LayeredEvent {
  size_t index = 0;             // 1-based, in time order
  sim::Duration since_start;    // since the first event
  sim::DeviceId device;
  std::string device_name, device_kind;
  std::string how;              // "received on sw1:p1" or "created"
  std::optional<uint32_t> link;  // the link the frame arrived on
  std::vector<HeaderLine> frame;
  std::vector<LayerAction> actions;
  std::vector<SentFrame> sent;
  std::vector<uint32_t> sent_links;  // the links it sent frames on (all of them)
  bool dropped = false;
};

[[nodiscard]] std::vector<LayeredEvent> layered_journey(const sim::Simulation& sim);
// The headers of one frame, top to bottom of the wire order (L2 first).
[[nodiscard]] std::vector<HeaderLine> header_lines(const sim::Packet& pkt);
// The layer a journey step works at.
[[nodiscard]] std::string step_layer(const sim::Step& step, const sim::Packet& pkt);

// For the HTML report: [{"index", "time", "device", "kind", "how", "link",
// "frame": [{"layer", "protocol", "text"}], "actions": [{"layer", "label",
// "text", "drop", "notes"}], "sent": [{"port", "frame", "changes"}],
// "sent_links", "dropped"}].
[[nodiscard]] nlohmann::ordered_json layered_json(const std::vector<LayeredEvent>& events);

}  // namespace vpcsim::cli
