#pragma once
// DnsPeering: what a VPC's askers see of a peered VPC's instances in DNS
// (docs/dns.md, "Across a peering"). An instance's EC2 public DNS name, and a
// public zone's alias of it, mean its private address inside its own VPC and,
// across a peering, only when that peering has "DNS resolution from the peer
// VPC" (dns-resolution="true", AWS's AllowDnsResolutionFromRemoteVpc, off by
// default); otherwise its public address, as from anywhere else. vpcsim sets
// the option for both directions of a peering at once (AWS has one per side).
// Not modelled: resolving the peer's ip-A-B-C-D.ec2.internal names.
#include <string>
#include <vector>

#include "topology/spec.hpp"

namespace vpcsim::topo {

class DnsPeering {
 public:
  // `asker_vpc` empty: an asker outside every VPC (it sees public addresses).
  DnsPeering(const TopologySpec& spec, const std::string& asker_vpc);

  // Whether the askers see the private addresses of `owner_vpc`'s instances.
  [[nodiscard]] bool resolves_private(const std::string& owner_vpc) const;
  // The peering between the askers' VPC and `owner_vpc`, or nullptr.
  [[nodiscard]] const PeeringSpec* peering_with(const std::string& owner_vpc) const;
  // Why a peered VPC's instance has the address it has, for explanations:
  // "across peering pcx-team, which has DNS resolution from the peer VPC: private".
  [[nodiscard]] std::string why(const PeeringSpec& p) const;
  // For the label of EC2's public names: "" without peerings, else
  // "; private for VPC shared across peering pcx-team, DNS resolution on, public ...".
  [[nodiscard]] std::string summary() const;

 private:
  std::string asker_;
  std::vector<const PeeringSpec*> peerings_;  // those of the askers' VPC, in file order
};

}  // namespace vpcsim::topo
