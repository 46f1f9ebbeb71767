#include "topology/dns_peering.hpp"

namespace vpcsim::topo {

DnsPeering::DnsPeering(const TopologySpec& spec, const std::string& asker_vpc) : asker_(asker_vpc) {
  if (asker_.empty()) return;
  for (const PeeringSpec& p : spec.peerings) {
    if (p.a == asker_ || p.b == asker_) peerings_.push_back(&p);
  }
}

const PeeringSpec* DnsPeering::peering_with(const std::string& owner_vpc) const {
  for (const PeeringSpec* p : peerings_) {
    if ((p->a == asker_ && p->b == owner_vpc) || (p->b == asker_ && p->a == owner_vpc)) return p;
  }
  return nullptr;
}

bool DnsPeering::resolves_private(const std::string& owner_vpc) const {
  if (asker_.empty()) return false;
  if (owner_vpc == asker_) return true;
  const PeeringSpec* p = peering_with(owner_vpc);
  return p && p->dns_resolution;
}

std::string DnsPeering::why(const PeeringSpec& p) const {
  return "across peering " + p.name +
         (p.dns_resolution ? ", which has DNS resolution from the peer VPC: private address"
                           : ", without DNS resolution from the peer VPC: public address");
}

std::string DnsPeering::summary() const {
  std::string out;
  for (const PeeringSpec* p : peerings_) {
    const std::string& peer = p->a == asker_ ? p->b : p->a;
    out += (out.empty() ? "; " : ", ") + std::string(p->dns_resolution ? "private" : "public") +
           " for VPC " + peer + " across peering " + p->name + ", DNS resolution " +
           (p->dns_resolution ? "on" : "off");
  }
  return out;
}

}  // namespace vpcsim::topo
