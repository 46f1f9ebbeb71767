#include "sim/devices/l2_switch.hpp"

#include "sim/core/simulation.hpp"

namespace vpcsim::sim {

void L2Switch::receive(Context& ctx, uint16_t in_port, Packet& pkt) {
  learn_source(ctx, in_port, pkt);
  if (pkt.eth.dst.is_multicast()) {
    flood(ctx, in_port, pkt, pkt.eth.dst.is_broadcast() ? "broadcast" : "multicast");
    return;
  }
  auto out = table_.lookup(pkt.eth.dst, ctx.now());
  if (!out) {
    flood(ctx, in_port, pkt, "unknown unicast");
    return;
  }
  if (*out == in_port) {
    if (ctx.tracing()) {
      ctx.drop(
          DropReason::SamePortReflection,
          pkt.eth.dst.str() + " is on the ingress port " + ports()[in_port].name + ": filtered",
          "MAC table of " + name());
    }
    return;
  }
  if (ctx.tracing()) {
    ctx.step(StepKind::L2Lookup, "forward to " + pkt.eth.dst.str() + " on " + ports()[*out].name,
             "MAC table of " + name(), pkt.eth.dst.str() + " -> " + ports()[*out].name);
  }
  ctx.emit(*out, pkt);
}

std::string L2Switch::on_port_down(uint16_t port, SimTime now) {
  size_t n = table_.flush_port(port, now);
  if (n == 0) return {};
  return name() + " flushed " + std::to_string(n) + " MAC entr" + (n == 1 ? "y" : "ies") +
         " learned on " + ports()[port].name;
}

void L2Switch::learn_source(Context& ctx, uint16_t in_port, const Packet& pkt) {
  if (pkt.eth.src.is_multicast()) return;  // never learn a group address
  MacTable::Learn what = table_.learn(pkt.eth.src, in_port, ctx.now());
  if (!ctx.tracing()) return;
  const char* verb = what == MacTable::Learn::New      ? "learned "
                     : what == MacTable::Learn::Moved  ? "moved "
                     : what == MacTable::Learn::Static ? "static entry kept for "
                                                       : "refreshed ";
  ctx.step(StepKind::L2Lookup,
           std::string(verb) + pkt.eth.src.str() + " on " + ports()[in_port].name,
           "MAC table of " + name());
}

void L2Switch::flood(Context& ctx, uint16_t in_port, const Packet& pkt, const char* why) {
  if (ctx.tracing()) {
    std::string list;
    for (uint16_t p = 0; p < ports().size(); ++p) {
      if (p == in_port) continue;
      list += (list.empty() ? "" : ", ") + ports()[p].name;
    }
    ctx.step(StepKind::L2Lookup,
             std::string("flood ") + why + " " + pkt.eth.dst.str() + " to " +
                 (list.empty() ? std::string("no other port") : list),
             "MAC table of " + name());
  }
  for (uint16_t p = 0; p < ports().size(); ++p) {
    if (p != in_port) ctx.emit(p, pkt);
  }
}

}  // namespace vpcsim::sim
