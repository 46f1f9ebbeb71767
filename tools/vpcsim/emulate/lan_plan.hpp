#pragma once
// Classic networks (<network>) in namespaces: a namespace per host and router,
// a Linux bridge alone in its own namespace per switch (a hub: a bridge that
// never learns, so it floods every frame), a veth pair per link.
#include "tools/vpcsim/emulate/plan_builder.hpp"
#include "topology/spec.hpp"

namespace vpcsim::emulate {

void plan_network(PlanBuilder& plan, const topo::NetworkSpec& network);

}  // namespace vpcsim::emulate
