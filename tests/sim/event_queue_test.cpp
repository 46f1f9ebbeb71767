// The event queue pops in (time, insertion) order whatever the interleaving of
// pushes and pops: checked against a sorted reference on random schedules,
// with many events at equal times (FIFO among them) and a queue that grows,
// drains and grows again.
#include <gtest/gtest.h>

#include <random>
#include <set>

#include "sim/core/event_queue.hpp"

namespace vpcsim::sim {
namespace {

TEST(EventQueue, PopsInTimeThenInsertionOrderUnderRandomInterleaving) {
  std::mt19937_64 rng(5);
  for (int round = 0; round < 20; ++round) {
    EventQueue q;
    std::set<std::pair<int64_t, uint32_t>> reference;  // (time, push number)
    uint32_t pushed = 0;
    for (int step = 0; step < 3000; ++step) {
      const bool push = reference.empty() || rng() % 100 < 55;
      if (push) {
        // Few distinct delays, so many events share a time.
        const int64_t at = q.now().ns + int64_t(rng() % 4) * 1000;
        q.push(Event{SimTime{at}, 0, EventKind::Callback, 0, 0, pushed});
        reference.emplace(at, pushed++);
      } else {
        Event e = q.pop();
        auto want = *reference.begin();
        reference.erase(reference.begin());
        ASSERT_EQ(e.at.ns, want.first) << "round " << round << " step " << step;
        ASSERT_EQ(e.c, want.second) << "round " << round << " step " << step;
        EXPECT_EQ(q.now().ns, want.first);
      }
      ASSERT_EQ(q.size(), reference.size());
    }
  }
}

}  // namespace
}  // namespace vpcsim::sim
