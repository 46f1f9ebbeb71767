#pragma once
// EventQueue: small typed events in total order (time, seq), where seq is the
// insertion counter: events at the same time run first-in first-out, and the
// order never depends on pointer values or heap layout.
//
// Events are plain 32-byte structs, not closures, so the per-packet hot path
// (a frame crossing a link) allocates nothing. Rare control events (probe
// timers) carry an index into a side table of std::function owned by Simulation.
#include <cstdint>
#include <vector>

#include "sim/core/time.hpp"

namespace vpcsim::sim {

enum class EventKind : uint8_t {
  FrameArrival,  // a = device, b = port, c = packet slot
  DeviceTimer,   // a = device, b = device epoch, c = timer token (device-defined)
  Callback,      // c = callback slot
  Fault,         // a = link or device index, b = target and direction, c = fault generation
};

struct Event {
  SimTime at;
  uint64_t seq = 0;
  EventKind kind = EventKind::Callback;
  uint16_t b = 0;
  uint32_t a = 0;
  uint32_t c = 0;
};

class EventQueue {
 public:
  // Schedules `e` at e.at; returns its sequence number. Scheduling in the past is a bug.
  uint64_t push(Event e);
  [[nodiscard]] bool empty() const { return heap_.empty(); }
  [[nodiscard]] size_t size() const { return heap_.size(); }
  [[nodiscard]] SimTime next_time() const { return heap_.front().at; }
  // Removes and returns the earliest event and advances now() to its time.
  Event pop();
  [[nodiscard]] SimTime now() const { return now_; }
  void clear() { heap_.clear(); }
  void reserve(size_t n) { heap_.reserve(n); }

 private:
  static constexpr size_t kArity = 4;
  static bool before(const Event& x, const Event& y) {
    return x.at.ns != y.at.ns ? x.at.ns < y.at.ns : x.seq < y.seq;
  }
  std::vector<Event> heap_;  // a 4-ary min-heap on (at, seq)
  uint64_t next_seq_ = 0;
  SimTime now_;
};

}  // namespace vpcsim::sim
