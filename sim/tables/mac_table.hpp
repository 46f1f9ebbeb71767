#pragma once
// MacTable: a learning bridge's forwarding database. Learned entries expire
// `aging` after they were last refreshed (checked at lookup, like a real bridge
// that ages lazily); static entries never age and learning never overwrites them.
// Not modelled: VLANs, table size limits.
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "sim/core/time.hpp"
#include "sim/net/mac_addr.hpp"

namespace vpcsim::sim {

class MacTable {
 public:
  struct Entry {
    MacAddr mac;
    uint16_t port = 0;
    SimTime last_seen;
    bool is_static = false;
  };
  // What learning did, for the journey.
  enum class Learn : uint8_t { New, Refreshed, Moved, Static };

  explicit MacTable(Duration aging = Duration{300'000'000'000}) : aging_(aging) {}

  Learn learn(MacAddr mac, uint16_t port, SimTime now);
  void add_static(MacAddr mac, uint16_t port);
  [[nodiscard]] std::optional<uint16_t> lookup(MacAddr mac, SimTime now) const;
  // Live entries sorted by MAC (for `show` and table checks).
  [[nodiscard]] std::vector<Entry> entries(SimTime now) const;
  [[nodiscard]] Duration aging() const { return aging_; }
  // Forgets the learned entries; static ones stay (Device::reset_state).
  void clear_learned() {
    std::erase_if(entries_, [](const auto& kv) { return !kv.second.is_static; });
  }
  // Forgets the learned entries on `port` (its link went down); returns how many
  // of them were still live at `now`.
  size_t flush_port(uint16_t port, SimTime now) {
    size_t live = 0;
    std::erase_if(entries_, [&](const auto& kv) {
      const Entry& e = kv.second;
      if (e.is_static || e.port != port) return false;
      if (!expired(e, now)) ++live;
      return true;
    });
    return live;
  }

 private:
  [[nodiscard]] bool expired(const Entry& e, SimTime now) const {
    return !e.is_static && now - e.last_seen >= aging_;
  }
  Duration aging_;
  std::unordered_map<uint64_t, Entry> entries_;  // lookups only; output is sorted
};

}  // namespace vpcsim::sim
