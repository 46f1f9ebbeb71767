#include "sim/core/event_queue.hpp"

#include <algorithm>

#include "sim/core/check.hpp"

namespace vpcsim::sim {

uint64_t EventQueue::push(Event e) {
  VPCSIM_CHECK(e.at >= now_, "event scheduled in the past");
  e.seq = next_seq_++;
  heap_.push_back(e);
  std::push_heap(heap_.begin(), heap_.end(), later);
  return e.seq;
}

Event EventQueue::pop() {
  VPCSIM_CHECK(!heap_.empty(), "pop from an empty event queue");
  std::pop_heap(heap_.begin(), heap_.end(), later);
  Event e = heap_.back();
  heap_.pop_back();
  now_ = e.at;
  return e;
}

}  // namespace vpcsim::sim
