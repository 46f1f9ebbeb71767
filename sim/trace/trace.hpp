#pragma once
// Journey: the per-hop record of what every device did to every packet, written
// by the devices as they run (never reconstructed afterwards). A Hop is one
// device handling one packet: it starts with the packet as received and lists
// the Steps of the device's pipeline in order. A Step that ends the packet's
// journey carries a DropReason; steps that consulted a table name it (`object`)
// and the entry that decided (`rule`).
//
// Recording is off unless a probe asks for it, so benchmarks pay one branch per
// stage and no string formatting.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/ids.hpp"
#include "sim/core/time.hpp"
#include "sim/net/packet.hpp"
#include "sim/trace/drop_reason.hpp"

namespace vpcsim::sim {

enum class Layer : uint8_t { L2, L3, L4 };

enum class StepKind : uint8_t {
  Originate,  // a local application created the packet
  Ingress,    // received on a port
  Arp,        // ARP request/reply handling, neighbour cache
  L2Lookup,   // MAC learning and forwarding decision
  Filter,     // security group / NACL verdict
  Nat,        // address/port translation
  Route,      // route lookup
  Ttl,        // TTL decrement / expiry
  Local,      // delivered to this node's stack or application
  Icmp,       // an ICMP message generated in response
  Egress,     // sent out of a port
  Drop,       // journey ends here; `drop` says why
};

struct Step {
  StepKind kind = StepKind::Ingress;
  std::optional<DropReason> drop;
  std::string object;  // the table/filter/gateway consulted, e.g. "route table r1"
  std::string rule;    // the entry that decided, e.g. "10.0.0.0/16 via 10.0.1.1"
  std::string detail;  // one short deterministic sentence

  [[nodiscard]] Layer layer() const;
};

// A frame put on a link, as it left the sender: what pcap captures and what the
// layered view shows as "frame out". Recorded only while the journey records.
struct Transmission {
  SimTime sent;        // when the frame left the port (after any queueing on the link)
  SimTime arrives;     // when it reaches the other end
  uint32_t link = 0;   // LinkId
  uint8_t dir = 0;     // 0: link.a -> link.b, 1: b -> a
  int32_t hop = -1;    // the hop that sent it (index into Journey::hops), -1 if none
  Packet packet;
};

struct Hop {
  SimTime at;
  DeviceId device;
  int32_t in_port = -1;  // -1: originated on this device
  Packet packet;         // as received (or as created)
  std::vector<Step> steps;
  int32_t parent = -1;  // the hop that sent this frame; -1 when originated here or unknown
};

// Something that happened to the network itself during a run (a link or device
// failing or coming back), shown among the hops by --explain.
struct NetworkEvent {
  SimTime at;
  std::string text;  // "link r1:eth1 -- r2:eth0 went down"
};

class Journey {
 public:
  // A run records at most this many hops: a broadcast storm runs to its event
  // budget (millions of frames), and what it did is clear long before. Past the
  // cap the run goes on unrecorded (and faster: no sentences are formatted).
  static constexpr size_t kMaxHops = 20'000;

  [[nodiscard]] bool enabled() const { return enabled_; }
  // Still writing hops: enabled and under the cap.
  [[nodiscard]] bool recording() const { return enabled_ && hops_.size() < kMaxHops; }
  // Hops were left out because the cap was reached.
  [[nodiscard]] bool truncated() const { return truncated_; }
  void enable(bool on) { enabled_ = on; }
  void clear() {
    hops_.clear();
    transmissions_.clear();
    network_events_.clear();
    truncated_ = false;
  }

  // Starts a hop; returns its index, or -1 when recording is off. `parent` is
  // the hop that sent the frame (loop reports follow it back).
  int32_t begin_hop(SimTime at, DeviceId device, int32_t in_port, const Packet& pkt,
                    int32_t parent = -1) {
    if (!enabled_) return -1;
    if (hops_.size() >= kMaxHops) {
      truncated_ = true;
      return -1;
    }
    hops_.push_back(Hop{at, device, in_port, pkt, {}, parent});
    return int32_t(hops_.size() - 1);
  }
  void add(int32_t hop, Step step) {
    if (hop >= 0) hops_[size_t(hop)].steps.push_back(std::move(step));
  }
  [[nodiscard]] const std::vector<Hop>& hops() const { return hops_; }
  void record_transmission(Transmission t) {
    if (recording()) transmissions_.push_back(t);
  }
  // Every frame sent on a link since the last clear(), in the order they were sent.
  [[nodiscard]] const std::vector<Transmission>& transmissions() const { return transmissions_; }
  void record_network_event(NetworkEvent e) {
    if (enabled_) network_events_.push_back(std::move(e));
  }
  // Faults applied since the last clear(), in the order they happened.
  [[nodiscard]] const std::vector<NetworkEvent>& network_events() const { return network_events_; }

 private:
  bool enabled_ = false;
  bool truncated_ = false;
  std::vector<Hop> hops_;
  std::vector<Transmission> transmissions_;
  std::vector<NetworkEvent> network_events_;
};

}  // namespace vpcsim::sim
