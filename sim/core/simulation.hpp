#pragma once
// Simulation: one run of a Network in simulated time. An ordinary object (no
// singleton), so tests can run several in one process. It owns the event queue,
// the network, the packet pool and the journey record.
//
// A frame sent on a link at t arrives at t + latency (+ serialization delay when
// the link has a bandwidth) as a queued event; forwarding inside a device is
// synchronous within that event. An event budget bounds every run, so a
// broadcast storm or a forwarding loop ends with a report instead of a hang.
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "sim/core/event_queue.hpp"
#include "sim/fabric/fault.hpp"
#include "sim/fabric/network.hpp"
#include "sim/net/app_payload.hpp"
#include "sim/trace/trace.hpp"

namespace vpcsim::sim {

enum class RunStatus : uint8_t { Idle, TimeLimit, BudgetExhausted };

// Called when a node's stack hands a packet to its applications (probes).
using AppSink = std::function<void(DeviceId node, const Packet& pkt)>;

class Simulation {
 public:
  explicit Simulation(Network network) : network_(std::move(network)) {}

  [[nodiscard]] Network& network() { return network_; }
  [[nodiscard]] const Network& network() const { return network_; }
  [[nodiscard]] Journey& journey() { return journey_; }
  [[nodiscard]] const Journey& journey() const { return journey_; }
  [[nodiscard]] SimTime now() const { return queue_.now(); }

  // Runs events in (time, seq) order until none is left, the next one is later
  // than `until`, or the event budget is spent.
  RunStatus run(SimTime until = SimTime{std::numeric_limits<int64_t>::max()});
  // At most `n` more events from now on (the budget is relative to the current count).
  void set_event_budget(uint64_t n) { budget_end_ = executed_ + n; }
  [[nodiscard]] uint64_t events_executed() const { return executed_; }

  // Control-plane callbacks (probe timers). Not for per-packet work.
  void schedule(SimTime at, std::function<void()> fn);
  void set_app_sink(AppSink sink) { app_sink_ = std::move(sink); }
  [[nodiscard]] uint64_t next_packet_id() { return ++last_packet_id_; }
  // Application messages carried by packets (Packet::app).
  [[nodiscard]] AppPayloadStore& app_payloads() { return app_payloads_; }
  [[nodiscard]] const AppPayloadStore& app_payloads() const { return app_payloads_; }
  [[nodiscard]] uint32_t next_flow_id() { return ++last_flow_id_; }
  // Discards every queued event (after a run that spent its budget, so a storm
  // does not leak into the next probe). Returns how many were discarded.
  size_t discard_pending();

  // Faults (sim/fabric/fault.hpp). `schedule_fault` queues one as an event at
  // `at`; `apply_fault` applies one now (between runs: a scenario step).
  // `cancel_faults` voids every fault still queued (a probe's own faults end
  // with it). Each applied fault is recorded in the journey.
  void schedule_fault(SimTime at, Fault fault);
  void apply_fault(const Fault& fault);
  void cancel_faults() { ++fault_generation_; }
  // Each fault at now() + its time.
  void schedule_faults(const std::vector<TimedFault>& faults) {
    for (const TimedFault& f : faults) schedule_fault(now() + f.at, f.fault);
  }
  // "r1:eth1 -- r2:eth0"
  [[nodiscard]] std::string link_label(uint32_t link) const;
  // Every fault applied since the simulation was built (the journey keeps only
  // the current probe's).
  [[nodiscard]] const std::vector<NetworkEvent>& fault_log() const { return fault_log_; }

  // Runs `fn(ctx)` as device `dev` at the current time, outside any event: how
  // probes make a host originate a packet.
  template <typename F>
  void act_as(DeviceId dev, F&& fn);

 private:
  friend class Context;
  void transmit(DeviceId dev, uint16_t port, const Packet& pkt, int32_t hop);
  void timer(DeviceId dev, Duration after, uint32_t token);
  void dispatch(const Event& e);
  void arrive(const Event& e);
  uint32_t store(const Packet& pkt, int32_t hop);
  // Bumped when a device goes down: timers it set before are void.
  [[nodiscard]] uint16_t epoch(DeviceId dev) const {
    return dev.v < epochs_.size() ? epochs_[dev.v] : 0;
  }
  void lose_carrier(PortRef end, std::string& text);

  Network network_;
  EventQueue queue_;
  Journey journey_;
  std::vector<Packet> packet_slots_;  // in-flight frames, indexed by event.c
  std::vector<int32_t> slot_hops_;    // the hop that sent each in-flight frame
  std::vector<uint16_t> epochs_;      // per device, grown on first failure
  uint32_t fault_generation_ = 0;
  std::vector<NetworkEvent> fault_log_;
  std::vector<uint32_t> free_slots_;
  std::vector<std::function<void()>> callbacks_;
  std::vector<uint32_t> free_callbacks_;
  AppSink app_sink_;
  AppPayloadStore app_payloads_;
  uint64_t executed_ = 0;
  uint64_t budget_end_ = std::numeric_limits<uint64_t>::max();
  uint64_t last_packet_id_ = 0;
  uint32_t last_flow_id_ = 0;
};

// Context: what a device may do while handling an event: read the time, record
// steps on the current hop, emit frames out of its own ports, set timers, hand
// packets to local applications. Created by Simulation per event.
class Context {
 public:
  Context(Simulation& sim, DeviceId self, int32_t hop) : sim_(sim), self_(self), hop_(hop) {}

  [[nodiscard]] SimTime now() const { return sim_.now(); }
  [[nodiscard]] DeviceId self() const { return self_; }
  [[nodiscard]] bool tracing() const { return sim_.journey_.recording(); }
  [[nodiscard]] int32_t hop() const { return hop_; }
  void set_hop(int32_t hop) { hop_ = hop; }
  [[nodiscard]] const Network& network() const { return sim_.network_; }

  void step(StepKind kind, std::string detail, std::string object = {}, std::string rule = {}) {
    sim_.journey_.add(
        hop_, Step{kind, std::nullopt, std::move(object), std::move(rule), std::move(detail)});
  }
  void drop(DropReason why, std::string detail, std::string object = {}, std::string rule = {}) {
    sim_.journey_.add(
        hop_, Step{StepKind::Drop, why, std::move(object), std::move(rule), std::move(detail)});
  }
  // Starts a new hop on this device for a packet it creates (a reply, an ICMP
  // error, an ARP request); later steps go to that hop. Returns the previous hop.
  int32_t originate(const Packet& pkt, std::string detail);
  void emit(uint16_t port, const Packet& pkt) { sim_.transmit(self_, port, pkt, hop_); }
  void schedule_timer(Duration after, uint32_t token) { sim_.timer(self_, after, token); }
  [[nodiscard]] uint64_t new_packet_id() { return sim_.next_packet_id(); }
  // Stores an application message; the index goes in Packet::app.
  uint32_t put_app(AppPayload payload) { return sim_.app_payloads_.put(std::move(payload)); }
  // The message a packet carries, or nullptr.
  [[nodiscard]] const AppPayload* app(const Packet& pkt) const {
    return sim_.app_payloads_.get(pkt.app);
  }
  void deliver_to_app(const Packet& pkt) {
    if (sim_.app_sink_) sim_.app_sink_(self_, pkt);
  }

 private:
  Simulation& sim_;
  DeviceId self_;
  int32_t hop_;
};

template <typename F>
void Simulation::act_as(DeviceId dev, F&& fn) {
  Context ctx(*this, dev, -1);
  fn(ctx);
}

}  // namespace vpcsim::sim
