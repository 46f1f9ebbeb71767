#include "sim/services/dhcp_boot.hpp"

#include "sim/devices/ip_node.hpp"
#include "sim/services/dhcp_client.hpp"

namespace vpcsim::sim {
namespace {

bool settled(const IpNode& node) {
  for (size_t i = 0; i < node.interfaces().size(); ++i) {
    const DhcpClient* c = node.dhcp_client(uint16_t(i));
    if (c && (c->state() == DhcpClient::State::Selecting ||
              c->state() == DhcpClient::State::Requesting)) {
      return false;
    }
  }
  return true;
}

// Enough for the three DISCOVERs and the wait after the last (4 + 8 + 16 s).
constexpr Duration kExchangeWindow{30'000'000'000};
// Steps in which the run advances until the exchange is over: an exchange on a
// LAN takes about a millisecond, and the clock should not run far past its end.
constexpr Duration kStep{1'000'000};
// A DORA is a dozen frames per device on its segment; a storm is not.
constexpr uint64_t kExchangeBudget = 2'000'000;

}  // namespace

void run_dhcp_exchanges(Simulation& sim) {
  if (sim.network().dhcp_clients.empty()) return;
  std::vector<DeviceId> clients = std::move(sim.network().dhcp_clients);
  sim.network().dhcp_clients.clear();
  for (DeviceId id : clients) {
    auto* node = dynamic_cast<IpNode*>(&sim.network().device(id));
    if (!node) continue;
    const uint32_t flow = sim.next_flow_id();
    sim.set_event_budget(kExchangeBudget);
    sim.act_as(id, [&](Context& ctx) { node->start_dhcp(ctx, flow); });
    // Until this client is bound or gave up (its retransmission timer may stay
    // queued: it finds the exchange over and does nothing).
    const SimTime deadline = sim.now() + kExchangeWindow;
    for (SimTime t = sim.now(); !settled(*node) && t < deadline;) {
      t = t + kStep;
      RunStatus status = sim.run(t);
      if (status == RunStatus::BudgetExhausted) sim.discard_pending();
      if (status != RunStatus::TimeLimit) break;  // nothing left to happen, or a storm
    }
  }
}

}  // namespace vpcsim::sim
