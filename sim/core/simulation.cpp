#include "sim/core/simulation.hpp"

#include <string>

#include "sim/core/check.hpp"

namespace vpcsim::sim {

RunStatus Simulation::run(SimTime until) {
  while (!queue_.empty()) {
    if (queue_.next_time() > until) return RunStatus::TimeLimit;
    if (executed_ >= budget_end_) return RunStatus::BudgetExhausted;
    Event e = queue_.pop();
    ++executed_;
    dispatch(e);
  }
  return RunStatus::Idle;
}

void Simulation::dispatch(const Event& e) {
  switch (e.kind) {
    case EventKind::FrameArrival:
      arrive(e);
      return;
    case EventKind::DeviceTimer: {
      DeviceId dev{e.a};
      // A device that went down since the timer was set forgot why it set it.
      if (network_.device(dev).is_down() || e.b != epoch(dev)) return;
      Context ctx(*this, dev, -1);
      network_.device(dev).on_timer(ctx, e.c);
      return;
    }
    case EventKind::Fault:
      if (e.c != fault_generation_) return;  // cancelled with its probe
      apply_fault(Fault{(e.b & 2) ? FaultTarget::Device : FaultTarget::Link, e.a, (e.b & 1) != 0});
      return;
    case EventKind::Callback: {
      auto fn = std::move(callbacks_[e.c]);
      callbacks_[e.c] = nullptr;
      free_callbacks_.push_back(e.c);
      fn();
      return;
    }
  }
}

void Simulation::arrive(const Event& e) {
  Packet pkt = packet_slots_[e.c];
  int32_t parent = slot_hops_[e.c];
  free_slots_.push_back(e.c);
  DeviceId dev{e.a};
  int32_t hop = journey_.begin_hop(now(), dev, e.b, pkt, parent);
  Device& device = network_.device(dev);
  // A fault while the frame was on the wire: it is lost on arrival.
  uint32_t link = device.ports()[e.b].link;
  if (link != kNoLink && network_.links()[link].down) {
    journey_.add(hop, Step{StepKind::Drop,
                           DropReason::LinkDown,
                           {},
                           {},
                           "lost in flight: link " + link_label(link) + " went down"});
    return;
  }
  if (device.is_down()) {
    journey_.add(hop, Step{StepKind::Drop,
                           DropReason::DeviceDown,
                           {},
                           {},
                           "lost at " + network_.port_label({dev, e.b}) + ": " + device.name() +
                               " is down"});
    return;
  }
  Context ctx(*this, dev, hop);
  if (journey_.recording()) {
    ctx.step(StepKind::Ingress, "received on " + network_.port_label({dev, e.b}));
  }
  device.receive(ctx, e.b, pkt);
}

std::string Simulation::link_label(uint32_t link) const {
  const Link& l = network_.links()[link];
  return network_.port_label(l.a) + " -- " + network_.port_label(l.b);
}

void Simulation::schedule_fault(SimTime at, Fault fault) {
  uint16_t code = uint16_t((fault.target == FaultTarget::Device ? 2 : 0) | (fault.down ? 1 : 0));
  queue_.push(Event{at, 0, EventKind::Fault, code, fault.index, fault_generation_});
}

void Simulation::lose_carrier(PortRef end, std::string& text) {
  std::string flushed = network_.device(end.device).on_port_down(end.port, now());
  if (!flushed.empty()) text += "; " + flushed;
}

void Simulation::apply_fault(const Fault& fault) {
  const char* verb = fault.down ? "went down" : "came back up";
  std::string text;
  if (fault.target == FaultTarget::Link) {
    Link& link = network_.links()[fault.index];
    text = "link " + link_label(fault.index) + " " + verb;
    if (fault.down && !link.down) {
      link.down = true;
      lose_carrier(link.a, text);
      lose_carrier(link.b, text);
    } else if (!fault.down) {
      link.down = false;
    }
  } else {
    DeviceId id{fault.index};
    Device& dev = network_.device(id);
    text = std::string(kind_name(dev.kind())) + " " + dev.name() + " " + verb;
    if (fault.down && !dev.is_down()) {
      dev.set_down(true);
      // Powered off: what it learned is gone and its timers are void.
      dev.reset_state();
      if (epochs_.size() <= id.v) epochs_.resize(network_.device_count(), 0);
      ++epochs_[id.v];
      for (const Port& p : dev.ports()) {
        if (p.link == kNoLink) continue;
        const Link& link = network_.links()[p.link];
        lose_carrier(link.a.device == id ? link.b : link.a, text);
      }
    } else if (!fault.down) {
      dev.set_down(false);
    }
  }
  fault_log_.push_back(NetworkEvent{now(), text});
  journey_.record_network_event(NetworkEvent{now(), std::move(text)});
}

size_t Simulation::discard_pending() {
  size_t n = queue_.size();
  // Timers go with the queue: work that was waiting for them is abandoned.
  for (size_t d = 0; d < network_.device_count(); ++d) {
    network_.device(DeviceId{uint32_t(d)}).abandon_pending();
  }
  queue_.clear();
  free_slots_.clear();
  packet_slots_.clear();
  slot_hops_.clear();
  callbacks_.clear();
  free_callbacks_.clear();
  return n;
}

void Simulation::schedule(SimTime at, std::function<void()> fn) {
  uint32_t slot;
  if (!free_callbacks_.empty()) {
    slot = free_callbacks_.back();
    free_callbacks_.pop_back();
    callbacks_[slot] = std::move(fn);
  } else {
    slot = uint32_t(callbacks_.size());
    callbacks_.push_back(std::move(fn));
  }
  queue_.push(Event{at, 0, EventKind::Callback, 0, 0, slot});
}

uint32_t Simulation::store(const Packet& pkt, int32_t hop) {
  if (!free_slots_.empty()) {
    uint32_t slot = free_slots_.back();
    free_slots_.pop_back();
    packet_slots_[slot] = pkt;
    slot_hops_[slot] = hop;
    return slot;
  }
  packet_slots_.push_back(pkt);
  slot_hops_.push_back(hop);
  return uint32_t(packet_slots_.size() - 1);
}

void Simulation::transmit(DeviceId dev, uint16_t port, const Packet& pkt, int32_t hop) {
  const Port& p = network_.device(dev).ports()[port];
  if (p.link == kNoLink) {
    journey_.add(
        hop,
        Step{StepKind::Drop, DropReason::NotConnected, {}, {}, "port " + p.name + " has no link"});
    return;
  }
  if (network_.device(dev).is_down()) {
    journey_.add(hop, Step{StepKind::Drop,
                           DropReason::DeviceDown,
                           {},
                           {},
                           network_.device(dev).name() + " is down: it sends nothing"});
    return;
  }
  Link& link = network_.links()[p.link];
  if (link.down) {
    journey_.add(hop, Step{StepKind::Drop,
                           DropReason::LinkDown,
                           {},
                           {},
                           "link " + network_.port_label(link.a) + " <-> " +
                               network_.port_label(link.b) + " is down"});
    return;
  }
  int dir = (link.a.device == dev && link.a.port == port) ? 0 : 1;
  PortRef peer = dir == 0 ? link.b : link.a;
  if (network_.device(peer.device).is_down()) {
    journey_.add(hop, Step{StepKind::Drop,
                           DropReason::DeviceDown,
                           {},
                           {},
                           "sent out of " + network_.port_label({dev, port}) +
                               ", lost: " + network_.device(peer.device).name() + " is down"});
    return;
  }
  SimTime depart = now();
  if (link.bandwidth_bps > 0) {
    // Serialization: the frame waits for the wire, then occupies it for its bits.
    if (link.busy_until[dir] > depart) depart = link.busy_until[dir];
    int64_t bits = int64_t(pkt.wire_bytes()) * 8;
    // 64-bit arithmetic whenever bits * 10^9 fits (any real frame): a 128-bit
    // division per frame showed up in profiles.
    int64_t tx_ns = bits < INT64_MAX / 1'000'000'000
                        ? int64_t(uint64_t(bits) * 1'000'000'000 / link.bandwidth_bps)
                        : int64_t((__int128)bits * 1'000'000'000 / link.bandwidth_bps);
    depart = depart + Duration{tx_ns};
    link.busy_until[dir] = depart;
  }
  if (journey_.recording()) {
    journey_.add(hop, Step{StepKind::Egress,
                           std::nullopt,
                           {},
                           {},
                           "sent out of " + network_.port_label({dev, port}) + " to " +
                               network_.port_label(peer)});
    journey_.record_transmission(
        Transmission{depart, depart + link.latency, p.link, uint8_t(dir), hop, pkt});
  }
  queue_.push(Event{depart + link.latency, 0, EventKind::FrameArrival, peer.port, peer.device.v,
                    store(pkt, hop)});
}

void Simulation::timer(DeviceId dev, Duration after, uint32_t token) {
  queue_.push(Event{now() + after, 0, EventKind::DeviceTimer, epoch(dev), dev.v, token});
}

int32_t Context::originate(const Packet& pkt, std::string detail) {
  int32_t previous = hop_;
  hop_ = sim_.journey_.begin_hop(now(), self_, -1, pkt);
  step(StepKind::Originate, std::move(detail));
  return previous;
}

}  // namespace vpcsim::sim
