#pragma once
// TopologyWriter: an AwsModel becomes topology XML (DESIGN.md section 3), built
// with pugixml. It decides what the model leaves open, and says so in comments
// next to the elements concerned:
// - names: the Name tag (else group name, Terraform resource name or id), made
//   valid and unique per namespace (NameTable); each element's comment names the
//   AWS id or Terraform address it came from;
// - addresses unknown until apply: the lowest free address of the subnet for a
//   private IP, of --public-pool for a public one (AddressPool);
// - NAT instances: an instance with source/dest check off that a route targets
//   gets <masquerade/>, as the NAT AMIs do;
// - references it cannot follow (an object of a VPC that was not imported, a
//   peering or gateway that is missing) are warnings; a route whose target is
//   gone becomes a blackhole route, which is what AWS shows for it.
// The VPC's default security group is always named "default", which is what the
// topology format calls it; a default group or main route table the model does
// not list (a plan never does) is the implicit one of the format.
// Not modelled (the readers warn before it gets here): IPv6, prefix lists,
// several network interfaces per instance, secondary VPC CIDRs.
#include <string>
#include <string_view>

#include "tools/vpcsim/import/aws_model.hpp"
#include "tools/vpcsim/import/import_log.hpp"
#include "tools/vpcsim/import/import_options.hpp"

namespace vpcsim::importer {

// `header` opens the file's top comment (e.g. "Imported by `vpcsim import aws`
// from DIR"); the writer adds what the options supplied. Warnings go to `log`.
[[nodiscard]] std::string write_topology(const AwsModel& model, const ImportOptions& options,
                                         std::string_view header, ImportLog& log);

}  // namespace vpcsim::importer
