#include "sim/devices/hub.hpp"

#include "sim/core/simulation.hpp"

namespace vpcsim::sim {

void Hub::receive(Context& ctx, uint16_t in_port, Packet& pkt) {
  if (ctx.tracing()) {
    ctx.step(StepKind::L2Lookup, "repeat to every other port (a hub has no MAC table)");
  }
  for (uint16_t p = 0; p < ports().size(); ++p) {
    if (p != in_port) ctx.emit(p, pkt);
  }
}

}  // namespace vpcsim::sim
