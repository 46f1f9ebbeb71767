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
    case EventKind::FrameArrival: {
      Packet pkt = packet_slots_[e.c];
      free_slots_.push_back(e.c);
      DeviceId dev{e.a};
      int32_t hop = journey_.begin_hop(now(), dev, e.b, pkt);
      Context ctx(*this, dev, hop);
      if (journey_.enabled()) {
        ctx.step(StepKind::Ingress, "received on " + network_.port_label({dev, e.b}));
      }
      network_.device(dev).receive(ctx, e.b, pkt);
      return;
    }
    case EventKind::DeviceTimer: {
      Context ctx(*this, DeviceId{e.a}, -1);
      network_.device(DeviceId{e.a}).on_timer(ctx, e.c);
      return;
    }
    case EventKind::Callback: {
      auto fn = std::move(callbacks_[e.c]);
      callbacks_[e.c] = nullptr;
      free_callbacks_.push_back(e.c);
      fn();
      return;
    }
  }
}

size_t Simulation::discard_pending() {
  size_t n = queue_.size();
  queue_.clear();
  free_slots_.clear();
  packet_slots_.clear();
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

uint32_t Simulation::store(const Packet& pkt) {
  if (!free_slots_.empty()) {
    uint32_t slot = free_slots_.back();
    free_slots_.pop_back();
    packet_slots_[slot] = pkt;
    return slot;
  }
  packet_slots_.push_back(pkt);
  return uint32_t(packet_slots_.size() - 1);
}

void Simulation::transmit(DeviceId dev, uint16_t port, const Packet& pkt, int32_t hop) {
  const Port& p = network_.device(dev).ports()[port];
  if (p.link == kNoLink) {
    journey_.add(hop, Step{StepKind::Drop, DropReason::NotConnected, {}, {},
                           "port " + p.name + " has no link"});
    return;
  }
  Link& link = network_.links()[p.link];
  if (link.down) {
    journey_.add(hop, Step{StepKind::Drop, DropReason::LinkDown, {}, {},
                           "link " + network_.port_label(link.a) + " <-> " +
                               network_.port_label(link.b) + " is down"});
    return;
  }
  int dir = (link.a.device == dev && link.a.port == port) ? 0 : 1;
  PortRef peer = dir == 0 ? link.b : link.a;
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
  if (journey_.enabled()) {
    journey_.add(hop, Step{StepKind::Egress, std::nullopt, {}, {},
                           "sent out of " + network_.port_label({dev, port}) + " to " +
                               network_.port_label(peer)});
    journey_.record_transmission(
        Transmission{depart, depart + link.latency, p.link, uint8_t(dir), hop, pkt});
  }
  queue_.push(Event{depart + link.latency, 0, EventKind::FrameArrival, peer.port, peer.device.v,
                    store(pkt)});
}

void Simulation::timer(DeviceId dev, Duration after, uint32_t token) {
  queue_.push(Event{now() + after, 0, EventKind::DeviceTimer, 0, dev.v, token});
}

int32_t Context::originate(const Packet& pkt, std::string detail) {
  int32_t previous = hop_;
  hop_ = sim_.journey_.begin_hop(now(), self_, -1, pkt);
  step(StepKind::Originate, std::move(detail));
  return previous;
}

}  // namespace vpcsim::sim
