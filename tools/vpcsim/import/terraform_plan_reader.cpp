#include "tools/vpcsim/import/terraform_plan_reader.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "tools/vpcsim/import/field_reader.hpp"
#include "tools/vpcsim/import/import_options.hpp"
#include "tools/vpcsim/import/merged_references.hpp"

namespace vpcsim::importer {
namespace {

// What a reference points at, as far as the importer cares.
enum class Kind {
  Vpc,
  Subnet,
  SecurityGroup,
  RouteTable,
  Nacl,
  InternetGateway,
  NatGateway,
  Instance,
  Eip,
  Peering,
  Other
};

Kind kind_of(const RefTarget& t) {
  const std::string& type = t.resource->type;
  if (type == "aws_vpc") {
    if (t.attribute == "default_security_group_id") return Kind::SecurityGroup;
    if (t.attribute == "default_network_acl_id") return Kind::Nacl;
    if (t.attribute == "main_route_table_id" || t.attribute == "default_route_table_id") {
      return Kind::RouteTable;
    }
    return Kind::Vpc;
  }
  static const std::map<std::string, Kind> kTypes = {
      {"aws_subnet", Kind::Subnet},
      {"aws_security_group", Kind::SecurityGroup},
      {"aws_default_security_group", Kind::SecurityGroup},
      {"aws_route_table", Kind::RouteTable},
      {"aws_default_route_table", Kind::RouteTable},
      {"aws_network_acl", Kind::Nacl},
      {"aws_default_network_acl", Kind::Nacl},
      {"aws_internet_gateway", Kind::InternetGateway},
      {"aws_nat_gateway", Kind::NatGateway},
      {"aws_instance", Kind::Instance},
      {"aws_eip", Kind::Eip},
      {"aws_vpc_peering_connection", Kind::Peering},
  };
  auto it = kTypes.find(type);
  return it == kTypes.end() ? Kind::Other : it->second;
}

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::Vpc:
      return "VPC";
    case Kind::Subnet:
      return "subnet";
    case Kind::SecurityGroup:
      return "security group";
    case Kind::RouteTable:
      return "route table";
    case Kind::Nacl:
      return "network ACL";
    case Kind::InternetGateway:
      return "internet gateway";
    case Kind::NatGateway:
      return "NAT gateway";
    case Kind::Instance:
      return "instance";
    case Kind::Eip:
      return "elastic IP";
    case Kind::Peering:
      return "VPC peering";
    case Kind::Other:
      return "resource";
  }
  return "resource";
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// The resource types read, in the order they are read: objects first (elastic IPs
// before the NAT gateways that name them, peerings before the route tables whose
// inline routes are told apart by them), then what refers to objects (rules,
// routes, associations, elastic IP associations).
const std::vector<std::string> kObjectTypes = {"aws_vpc",
                                               "aws_subnet",
                                               "aws_internet_gateway",
                                               "aws_vpc_peering_connection",
                                               "aws_eip",
                                               "aws_nat_gateway",
                                               "aws_instance",
                                               "aws_route_table",
                                               "aws_default_route_table",
                                               "aws_security_group",
                                               "aws_default_security_group",
                                               "aws_network_acl",
                                               "aws_default_network_acl"};
const std::vector<std::string> kDependentTypes = {"aws_internet_gateway_attachment",
                                                  "aws_route",
                                                  "aws_route_table_association",
                                                  "aws_main_route_table_association",
                                                  "aws_security_group_rule",
                                                  "aws_vpc_security_group_ingress_rule",
                                                  "aws_vpc_security_group_egress_rule",
                                                  "aws_network_acl_rule",
                                                  "aws_network_acl_association",
                                                  "aws_eip_association",
                                                  "aws_vpc_peering_connection_accepter"};

struct EipInfo {
  std::optional<sim::Ipv4Addr> ip;
  std::string address;  // Terraform address, for the comment
};

class TerraformPlanReader {
 public:
  TerraformPlanReader(const TerraformPlan& plan, std::string label, ImportLog& log)
      : plan_(plan), label_(std::move(label)), log_(log) {}
  AwsModel run();

 private:
  FieldReader fields(const TfResource& r) {
    FieldReader f(log_, label_);
    f.set_subject(r.address);
    return f;
  }
  Origin origin(const TfResource& r) const { return Origin{label_, r.path, r.address}; }
  std::map<std::string, std::string> tags(const TfResource& r);
  void apply_common(ModelObject& o, const TfResource& r);

  // References.
  std::string key_of(const RefTarget& t);
  std::vector<std::string> resolve(const TfResource& r, const std::string& attr, Kind kind);
  std::optional<std::string> ref_one(FieldReader& f, const TfResource& r, const std::string& attr,
                                     Kind kind, bool required);
  std::vector<std::string> ref_many(FieldReader& f, const TfResource& r, const std::string& attr,
                                    Kind kind);
  std::optional<std::string> subnet_of(FieldReader& f, const TfResource& r);
  std::optional<std::string> key_of_id(const std::string& id, Kind kind);

  // Objects.
  void read_vpc(const TfResource& r);
  void read_subnet(const TfResource& r);
  void read_internet_gateway(const TfResource& r);
  void read_route_table(const TfResource& r, bool is_default);
  void read_nat_gateway(const TfResource& r);
  void read_eip(const TfResource& r);
  void read_instance(const TfResource& r);
  void read_security_group(const TfResource& r, bool is_default);
  void read_inline_sg_rules(FieldReader& f, const TfResource& r, const std::string& attr,
                            SecurityGroup& sg);
  void read_nacl(const TfResource& r, bool is_default);
  void read_peering(const TfResource& r);

  // What refers to objects.
  void read_igw_attachment(const TfResource& r);
  void read_route(const TfResource& r);
  std::optional<Route> route_target(FieldReader& f, const JsonNode& at, sim::Prefix dest,
                                    const std::string& field, const std::string& value,
                                    std::vector<RefTarget> candidates, const std::string& vpc);
  void read_route_table_association(const TfResource& r);
  void read_main_route_table_association(const TfResource& r);
  void read_sg_rule(const TfResource& r);
  void read_vpc_sg_rule(const TfResource& r, bool inbound);
  void read_nacl_rule(const TfResource& r);
  void read_nacl_association(const TfResource& r);
  void read_eip_association(const TfResource& r);
  void finish();

  SecurityGroup* group(const std::string& key);
  Nacl* nacl(const std::string& key);
  RouteTable* table(const std::string& key);
  std::optional<NaclRule> nacl_rule(FieldReader& f, const JsonNode& e, uint32_t number,
                                    bool inbound, const std::string& action);

  const TerraformPlan& plan_;
  std::string label_;
  ImportLog& log_;
  AwsModel model_;
  std::map<std::string, EipInfo> eips_;
  std::map<std::string, std::string> eip_of_instance_;  // instance key -> eip key
  std::map<std::string, bool> instance_public_;         // associate_public_ip_address, if known
  std::set<std::string> instance_known_public_;
};

std::map<std::string, std::string> TerraformPlanReader::tags(const TfResource& r) {
  std::map<std::string, std::string> out;
  for (const char* attr : {"tags_all", "tags"}) {
    JsonNode t = r.values[attr];
    if (!t.is_object()) continue;
    for (const auto& [key, value] : t.value()->items()) {
      if (value.is_string()) out[key] = value.get<std::string>();
    }
  }
  return out;
}

void TerraformPlanReader::apply_common(ModelObject& o, const TfResource& r) {
  o.key = key_of(RefTarget{&r, ""});
  auto t = tags(r);
  o.name_hint = t.count("Name") ? t["Name"] : r.name;
  if (r.index) {
    if (!t.count("Name")) {
      o.name_hint += "-" + (r.index->is_string() ? r.index->get<std::string>() : r.index->dump());
    }
  }
  o.origin = origin(r);
}

// ---- references ------------------------------------------------------------------

std::string TerraformPlanReader::key_of(const RefTarget& t) {
  const TfResource& r = *t.resource;
  if (r.type == "aws_vpc") {
    Kind k = kind_of(t);
    if (k == Kind::SecurityGroup) return default_key(r.address, VpcDefault::SecurityGroup);
    if (k == Kind::Nacl) return default_key(r.address, VpcDefault::NetworkAcl);
    if (k == Kind::RouteTable) return default_key(r.address, VpcDefault::MainRouteTable);
    return r.address;
  }
  // The default objects are the VPC's own, whatever resource manages them.
  if (r.type == "aws_default_security_group") {
    auto vpc = resolve(r, "vpc_id", Kind::Vpc);
    if (!vpc.empty()) return default_key(vpc.front(), VpcDefault::SecurityGroup);
  } else if (r.type == "aws_default_route_table") {
    auto t2 = resolve(r, "default_route_table_id", Kind::RouteTable);
    if (!t2.empty()) return t2.front();
  } else if (r.type == "aws_default_network_acl") {
    auto n = resolve(r, "default_network_acl_id", Kind::Nacl);
    if (!n.empty()) return n.front();
  }
  return r.address;
}

std::optional<std::string> TerraformPlanReader::key_of_id(const std::string& id, Kind kind) {
  auto t = plan_.find_id(id);
  if (!t || kind_of(*t) != kind) return std::nullopt;
  // A default resource's own id names the VPC's default object.
  if (t->resource->type.starts_with("aws_default_")) return key_of(RefTarget{t->resource, ""});
  return key_of(*t);
}

// Distinct keys of the `kind` objects `attr` names: known ids, or the references
// of the configuration for what is unknown until apply.
std::vector<std::string> TerraformPlanReader::resolve(const TfResource& r, const std::string& attr,
                                                      Kind kind) {
  std::vector<std::string> keys;
  auto add = [&](const std::string& k) {
    if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
  };
  ValueState state = plan_.state(r, attr);
  JsonNode value = r.values[attr];
  bool unknown_part = state == ValueState::Unknown;
  auto literal = [&](const std::string& id) {
    if (id.empty()) return;
    auto k = key_of_id(id, kind);
    add(k ? *k : id);  // an object outside the plan: the writer reports it
  };
  if (state == ValueState::Known) {
    if (auto s = value.string()) literal(*s);
    for (size_t i = 0; i < value.size(); ++i) {
      if (auto s = value[i].string()) literal(*s);
    }
    // A list whose elements are partly unknown (after_unknown is a list with trues).
    if (r.unknown && r.unknown->contains(attr) && (*r.unknown)[attr].is_array()) {
      for (const auto& u : (*r.unknown)[attr]) unknown_part = unknown_part || u == true;
    }
  }
  if (unknown_part) {
    for (const RefTarget& t : plan_.references(r, attr)) {
      if (kind_of(t) == kind) add(key_of(t));
    }
  }
  return keys;
}

std::optional<std::string> TerraformPlanReader::ref_one(FieldReader& f, const TfResource& r,
                                                        const std::string& attr, Kind kind,
                                                        bool required) {
  if (plan_.state(r, attr) == ValueState::Null ||
      (plan_.state(r, attr) == ValueState::Unknown && !plan_.configured(r, attr))) {
    if (required)
      f.warn(r.values[attr], std::string(kind_name(kind)) + " not given: skipped", "missing-field");
    return std::nullopt;
  }
  auto keys = resolve(r, attr, kind);
  if (keys.empty()) {
    auto texts = plan_.reference_texts(r, attr);
    f.warn(r.values[attr],
           std::string(kind_name(kind)) +
               " unknown until apply, and the configuration's references (" +
               (texts.empty() ? std::string("none") : joined(texts)) +
               ") name none the plan creates" + (required ? ": skipped" : ""),
           "unresolved-reference");
    return std::nullopt;
  }
  if (keys.size() > 1) {
    f.warn(r.values[attr],
           "the configuration refers to several " + std::string(kind_name(kind)) + "s (" +
               joined(keys) + ") and the plan cannot tell which one: " + keys.front() + " is used",
           "ambiguous-reference");
  }
  return keys.front();
}

// subnet_id of an instance or NAT gateway. When the configuration names several
// subnets (an index the plan cannot evaluate), a known private IP tells which.
std::optional<std::string> TerraformPlanReader::subnet_of(FieldReader& f, const TfResource& r) {
  auto ip = r.values["private_ip"].string();
  auto addr = ip ? sim::Ipv4Addr::parse(*ip) : std::nullopt;
  if (addr && plan_.state(r, "subnet_id") == ValueState::Unknown) {
    std::vector<std::string> fit;
    for (const std::string& key : resolve(r, "subnet_id", Kind::Subnet)) {
      for (const Subnet& s : model_.subnets) {
        if (s.key == key && s.cidr.contains(*addr)) fit.push_back(key);
      }
    }
    if (fit.size() == 1) return fit.front();
  }
  return ref_one(f, r, "subnet_id", Kind::Subnet, true);
}

std::vector<std::string> TerraformPlanReader::ref_many(FieldReader& f, const TfResource& r,
                                                       const std::string& attr, Kind kind) {
  if (plan_.state(r, attr) == ValueState::Null ||
      (plan_.state(r, attr) == ValueState::Unknown && !plan_.configured(r, attr))) {
    return {};
  }
  auto keys = resolve(r, attr, kind);
  if (keys.empty() && plan_.state(r, attr) == ValueState::Unknown) {
    f.warn(r.values[attr],
           std::string(kind_name(kind)) +
               "s unknown until apply, and the configuration's references (" +
               joined(plan_.reference_texts(r, attr)) + ") name none the plan creates",
           "unresolved-reference");
  }
  return keys;
}

// ---- objects ------------------------------------------------------------------------

void TerraformPlanReader::read_vpc(const TfResource& r) {
  FieldReader f = fields(r);
  auto cidr = f.cidr(r.values["cidr_block"], false);
  if (!cidr) {
    f.warn(r.values["cidr_block"], "CIDR block unknown until apply (IPAM?): VPC skipped",
           "unknown-value");
    return;
  }
  if (r.values["assign_generated_ipv6_cidr_block"].boolean().value_or(false) ||
      !r.values["ipv6_cidr_block"].string().value_or("").empty()) {
    f.warn(r.values["ipv6_cidr_block"], "IPv6 CIDR skipped: vpcsim models IPv4 only", "ipv6");
  }
  Vpc vpc;
  apply_common(vpc, r);
  vpc.cidr = *cidr;
  model_.vpcs.push_back(std::move(vpc));
}

void TerraformPlanReader::read_subnet(const TfResource& r) {
  FieldReader f = fields(r);
  auto vpc = ref_one(f, r, "vpc_id", Kind::Vpc, true);
  auto cidr = f.cidr(r.values["cidr_block"], false);
  if (!cidr) {
    f.warn(r.values["cidr_block"], "CIDR block unknown until apply: subnet skipped",
           "unknown-value");
    return;
  }
  if (!r.values["ipv6_cidr_block"].string().value_or("").empty()) {
    f.warn(r.values["ipv6_cidr_block"], "IPv6 CIDR skipped: vpcsim models IPv4 only", "ipv6");
  }
  if (!vpc) return;
  Subnet s;
  apply_common(s, r);
  s.vpc = *vpc;
  s.cidr = *cidr;
  s.map_public_ip_on_launch = r.values["map_public_ip_on_launch"].boolean().value_or(false);
  if (auto az = r.values["availability_zone"].string(); az && !az->empty()) {
    s.notes.push_back("in " + *az);
  }
  model_.subnets.push_back(std::move(s));
}

void TerraformPlanReader::read_internet_gateway(const TfResource& r) {
  FieldReader f = fields(r);
  InternetGateway g;
  apply_common(g, r);
  // Without vpc_id, an aws_internet_gateway_attachment attaches it (read later).
  if (auto vpc = ref_one(f, r, "vpc_id", Kind::Vpc, false)) g.vpc = *vpc;
  model_.internet_gateways.push_back(std::move(g));
}

// The resource types a route target field may refer to.
bool fits_route_field(const std::string& field, const std::string& type) {
  if (field == "gateway_id") {
    return type == "aws_internet_gateway" || type == "aws_vpn_gateway" ||
           type == "aws_vpc_endpoint";
  }
  if (field == "nat_gateway_id") return type == "aws_nat_gateway";
  if (field == "network_interface_id") {
    return type == "aws_instance" || type == "aws_network_interface";
  }
  if (field == "vpc_peering_connection_id") return type == "aws_vpc_peering_connection";
  return false;
}

// A route whose target field is `field`: its known `value` (an id), or else one
// of `candidates`, the configuration's references that fit the field (several
// when a table's inline routes share one merged list).
std::optional<Route> TerraformPlanReader::route_target(FieldReader& f, const JsonNode& at,
                                                       sim::Prefix dest, const std::string& field,
                                                       const std::string& value,
                                                       std::vector<RefTarget> candidates,
                                                       const std::string& vpc) {
  if (value == "local") return std::nullopt;
  Route route;
  route.origin = f.origin(at);
  route.destination = dest;
  auto unsupported = [&](const std::string& what) {
    f.warn(at,
           "route to " + dest.str() + " via " + what +
               ": this kind of target is not modelled; written as a blackhole route (the traffic "
               "leaves the VPC and no answer comes back)",
           "unsupported-target");
    route.kind = TargetKind::Blackhole;
    route.note = "target " + what + " not modelled: blackhole";
    return route;
  };
  static const std::map<std::string, TargetKind> kKinds = {
      {"gateway_id", TargetKind::InternetGateway},
      {"nat_gateway_id", TargetKind::NatGateway},
      {"network_interface_id", TargetKind::Instance},
      {"vpc_peering_connection_id", TargetKind::Peering}};
  auto kind = kKinds.find(field);
  if (kind == kKinds.end()) return unsupported(value.empty() ? field : value);
  route.kind = kind->second;
  if (!value.empty()) {
    if (field == "gateway_id" && !value.starts_with("igw-")) return unsupported(value);
    auto t = plan_.find_id(value);
    route.target = t ? key_of(*t) : value;
    if (!t && field == "network_interface_id") route.kind = TargetKind::NetworkInterface;
    return route;
  }
  if (candidates.size() > 1) {
    // Several inline routes: a peering whose other VPC holds the destination, and
    // for a gateway the IGW for the default route and another gateway otherwise,
    // are the likely pairings.
    std::vector<RefTarget> fit;
    for (const RefTarget& c : candidates) {
      bool good = false;
      if (field == "vpc_peering_connection_id") {
        for (const Peering& p : model_.peerings) {
          if (p.key != key_of(c)) continue;
          for (const Vpc& v : model_.vpcs) {
            good = good || ((v.key == p.requester_vpc || v.key == p.accepter_vpc) && v.key != vpc &&
                            v.cidr.overlaps(dest));
          }
        }
      } else if (field == "gateway_id") {
        good = (c.resource->type == "aws_internet_gateway") == (dest.len == 0);
      }
      if (good) fit.push_back(c);
    }
    std::vector<std::string> names;
    for (const RefTarget& c : candidates) names.push_back(c.resource->address);
    if (fit.size() == 1) {
      candidates = fit;
    } else {
      f.warn(at,
             "route to " + dest.str() + ": the table's inline routes name several targets for " +
                 field + " (" + joined(names) +
                 ") and the plan cannot tell which is this route's: " + names.front() +
                 " is used (write the routes as aws_route resources to import them exactly)",
             "ambiguous-reference");
    }
  }
  if (candidates.empty()) {
    f.warn(at,
           "route to " + dest.str() + ": its " + field +
               " is unknown until apply and the configuration names nothing the plan creates for "
               "it: written as a blackhole route",
           "unresolved-reference");
    route.kind = TargetKind::Blackhole;
    route.note = "target unknown: blackhole";
    return route;
  }
  const RefTarget& chosen = candidates.front();
  if (!(chosen.resource->type == "aws_internet_gateway" || field != "gateway_id") ||
      chosen.resource->type == "aws_network_interface") {
    return unsupported(chosen.resource->address);
  }
  route.target = key_of(chosen);
  return route;
}

const std::vector<std::string> kRouteTargetFields = {
    "gateway_id",         "nat_gateway_id",  "network_interface_id",   "vpc_peering_connection_id",
    "transit_gateway_id", "vpc_endpoint_id", "egress_only_gateway_id", "carrier_gateway_id",
    "local_gateway_id",   "core_network_arn"};

void TerraformPlanReader::read_route_table(const TfResource& r, bool is_default) {
  FieldReader f = fields(r);
  RouteTable t;
  apply_common(t, r);
  if (is_default) {
    // aws_default_route_table manages the VPC's main table.
    t.main = true;
    if (!tags(r).count("Name")) t.name_hint = "main";
    if (t.key == r.address) {
      f.warn(r.values["default_route_table_id"],
             "the VPC whose main route table this is is unknown: skipped", "unresolved-reference");
      return;
    }
    t.vpc = t.key.substr(0, t.key.find('#'));
  } else {
    auto vpc = ref_one(f, r, "vpc_id", Kind::Vpc, true);
    if (!vpc) return;
    t.vpc = *vpc;
  }
  JsonNode routes = r.values["route"];
  if (plan_.state(r, "route") == ValueState::Unknown && plan_.configured(r, "route")) {
    f.warn(routes, "inline routes unknown until apply: skipped", "unknown-value");
  }
  // The merged references of all inline routes: each route picks those that fit.
  std::vector<RefTarget> refs = plan_.references(r, "route");
  for (size_t i = 0; i < routes.size(); ++i) {
    JsonNode e = routes[i];
    if (!e["ipv6_cidr_block"].string().value_or("").empty()) {
      f.warn(
          e,
          "route to IPv6 " + *e["ipv6_cidr_block"].string() + " skipped: vpcsim models IPv4 only",
          "ipv6");
      continue;
    }
    if (!e["destination_prefix_list_id"].string().value_or("").empty() ||
        (!e.has("destination_prefix_list_id") && !e.has("cidr_block"))) {
      f.warn(e, "route to a prefix list skipped: prefix lists are not modelled", "prefix-list");
      continue;
    }
    auto dest = f.cidr(e["cidr_block"], false);
    if (!dest) {
      f.warn(e, "route destination unknown until apply: skipped", "unknown-value");
      continue;
    }
    std::optional<Route> route;
    for (const std::string& field : kRouteTargetFields) {
      bool unknown = !e.has(field);
      std::string value = e[field].string().value_or("");
      if (!unknown && value.empty()) continue;
      std::vector<RefTarget> cands;
      for (const RefTarget& ref : refs) {
        bool seen = std::find(cands.begin(), cands.end(), ref) != cands.end();
        if (unknown && !seen && fits_route_field(field, ref.resource->type)) cands.push_back(ref);
      }
      route = route_target(f, e, *dest, field, value, cands, t.vpc);
      break;
    }
    if (route) t.routes.push_back(std::move(*route));
  }
  model_.route_tables.push_back(std::move(t));
}

void TerraformPlanReader::read_nat_gateway(const TfResource& r) {
  FieldReader f = fields(r);
  if (r.values["connectivity_type"].string().value_or("public") == "private") {
    f.warn(r.values["connectivity_type"],
           "private NAT gateways are not modelled: skipped (routes to it become blackhole routes)",
           "unsupported-resource");
    return;
  }
  auto subnet = subnet_of(f, r);
  if (!subnet) return;
  NatGateway n;
  apply_common(n, r);
  n.subnet = *subnet;
  if (plan_.state(r, "private_ip") == ValueState::Known)
    n.private_ip = f.ip(r.values["private_ip"], false);
  PublicAddress pub;
  pub.elastic = true;
  if (plan_.state(r, "public_ip") == ValueState::Known) pub.ip = f.ip(r.values["public_ip"], false);
  if (auto eip = ref_one(f, r, "allocation_id", Kind::Eip, false)) {
    auto it = eips_.find(*eip);
    if (it != eips_.end()) {
      if (!pub.ip) pub.ip = it->second.ip;
      pub.origin = it->second.address;
    }
  }
  n.public_address = pub;
  model_.nat_gateways.push_back(std::move(n));
}

void TerraformPlanReader::read_eip(const TfResource& r) {
  FieldReader f = fields(r);
  EipInfo info;
  info.address = r.address;
  for (const char* attr : {"public_ip", "address"}) {
    if (!info.ip && plan_.state(r, attr) == ValueState::Known &&
        !r.values[attr].string().value_or("").empty()) {
      info.ip = f.ip(r.values[attr], false);
    }
  }
  if (info.ip) info.address += " (" + info.ip->str() + ")";
  eips_[key_of(RefTarget{&r, ""})] = info;
  if (auto in = ref_one(f, r, "instance", Kind::Instance, false)) {
    eip_of_instance_[*in] = key_of(RefTarget{&r, ""});
  } else if (auto eni = ref_one(f, r, "network_interface", Kind::Instance, false)) {
    eip_of_instance_[*eni] = key_of(RefTarget{&r, ""});
  }
}

void TerraformPlanReader::read_instance(const TfResource& r) {
  FieldReader f = fields(r);
  auto subnet = subnet_of(f, r);
  if (!subnet) return;
  Instance in;
  apply_common(in, r);
  in.subnet = *subnet;
  in.interfaces.push_back(r.address);  // its primary_network_interface_id
  if (plan_.state(r, "private_ip") == ValueState::Known &&
      !r.values["private_ip"].string().value_or("").empty()) {
    in.private_ip = f.ip(r.values["private_ip"], false);
  }
  in.groups = ref_many(f, r, "vpc_security_group_ids", Kind::SecurityGroup);
  JsonNode names = r.values["security_groups"];
  if (names.size() > 0 && in.groups.empty()) {
    f.warn(names,
           "security groups given by name (security_groups) are not followed: use "
           "vpc_security_group_ids",
           "unsupported-field");
  }
  in.source_dest_check = r.values["source_dest_check"].boolean().value_or(true);
  if (plan_.state(r, "public_ip") == ValueState::Known &&
      !r.values["public_ip"].string().value_or("").empty()) {
    in.public_address = PublicAddress{f.ip(r.values["public_ip"], false), false, ""};
    instance_known_public_.insert(in.key);
  }
  if (auto assoc = r.values["associate_public_ip_address"].boolean())
    instance_public_[in.key] = *assoc;
  JsonNode enis = r.values["network_interface"];
  for (size_t i = 0; i < enis.size(); ++i) {
    f.warn(enis[i], "attached network interface not modelled (an instance has one, eth0): skipped",
           "multiple-interfaces");
  }
  if (r.values["ipv6_address_count"].integer().value_or(0) > 0 ||
      r.values["ipv6_addresses"].size() > 0) {
    f.warn(r.values["ipv6_addresses"], "IPv6 addresses skipped: vpcsim models IPv4 only", "ipv6");
  }
  auto t = tags(r);
  auto listen = t.find(std::string(kListenTag));
  if (listen != t.end()) {
    std::string why;
    in.listens = parse_listen_list(listen->second, why);
    if (!in.listens) {
      f.warn(r.values["tags"],
             "tag " + std::string(kListenTag) + "='" + listen->second + "' " + why + ": ignored",
             "bad-listen-tag");
    }
  }
  model_.instances.push_back(std::move(in));
}

void TerraformPlanReader::read_inline_sg_rules(FieldReader& f, const TfResource& r,
                                               const std::string& attr, SecurityGroup& sg) {
  bool inbound = attr == "ingress";
  JsonNode list = r.values[attr];
  if (plan_.state(r, attr) == ValueState::Unknown) {
    if (plan_.configured(r, attr))
      f.warn(list, "inline rules unknown until apply: skipped", "unknown-value");
    return;  // not configured: the group has only its rule resources
  }
  const std::string what = inbound ? "ingress rule" : "egress rule";
  struct Pending {
    size_t rule_index;  // into the rule shapes below
    JsonNode at;
    topo::Protocol protocol;
    topo::PortRange ports;
  };
  std::vector<Pending> pending;
  std::vector<UnknownGroupRule> shapes;
  for (size_t i = 0; i < list.size(); ++i) {
    JsonNode e = list[i];
    auto protocol = f.protocol(e["protocol"], true);
    if (!protocol) continue;
    auto rp = rule_protocol(f, e, *protocol, f.integer(e["from_port"], false),
                            f.integer(e["to_port"], false), what);
    if (!rp) continue;
    auto add = [&](std::optional<sim::Prefix> cidr, std::string group) {
      SgRule rule;
      rule.origin = f.origin(e);
      rule.inbound = inbound;
      rule.protocol = rp->protocol;
      rule.ports = rp->ports;
      rule.cidr = cidr;
      rule.group = std::move(group);
      sg.rules.push_back(std::move(rule));
    };
    bool other_source = false;
    if (!e.has("cidr_blocks")) {
      f.warn(e, what + ": CIDR blocks unknown until apply: skipped", "unknown-value");
    }
    JsonNode cidrs = e["cidr_blocks"];
    for (size_t k = 0; k < cidrs.size(); ++k) {
      if (auto c = f.cidr(cidrs[k], true)) add(c, "");
      other_source = true;
    }
    for (size_t k = 0; k < e["ipv6_cidr_blocks"].size(); ++k) {
      f.warn(e["ipv6_cidr_blocks"][k],
             what + " for IPv6 " + e["ipv6_cidr_blocks"][k].string().value_or("?") +
                 " skipped: vpcsim models IPv4 only",
             "ipv6");
      other_source = true;
    }
    for (size_t k = 0; k < e["prefix_list_ids"].size(); ++k) {
      f.warn(e["prefix_list_ids"][k],
             what + " for a prefix list skipped: prefix lists are not modelled", "prefix-list");
      other_source = true;
    }
    if (e["self"].boolean().value_or(false)) {
      add(std::nullopt, sg.key);
      other_source = true;
    }
    if (e.has("security_groups")) {
      JsonNode groups = e["security_groups"];
      for (size_t k = 0; k < groups.size(); ++k) {
        if (auto id = groups[k].string()) {
          auto key = key_of_id(*id, Kind::SecurityGroup);
          add(std::nullopt, key ? *key : *id);
        }
      }
    } else {
      pending.push_back(Pending{shapes.size(), e, rp->protocol, rp->ports});
      shapes.push_back(UnknownGroupRule{rp->protocol, rp->ports, other_source});
    }
  }
  if (pending.empty()) return;
  std::vector<std::string> refs;
  for (const RefTarget& t : plan_.references(r, attr)) {
    if (kind_of(t) == Kind::SecurityGroup) refs.push_back(key_of(t));
  }
  MergedAssignment a = assign_merged_references(shapes, refs);
  for (size_t u : a.unresolved) {
    f.warn(pending[u].at,
           what +
               " names a security group unknown until apply, and the configuration's references (" +
               joined(plan_.reference_texts(r, attr)) + ") name none the plan creates: skipped",
           "unresolved-reference");
  }
  for (size_t i = 0; i < pending.size(); ++i) {
    for (const std::string& g : a.groups[i]) {
      SgRule rule;
      rule.origin = f.origin(pending[i].at);
      rule.inbound = inbound;
      rule.protocol = pending[i].protocol;
      rule.ports = pending[i].ports;
      rule.group = g;
      if (a.ambiguous) {
        rule.note = "ambiguous: the plan does not say which of these groups each inline " + what +
                    " names, so each has them all (see the import warnings)";
      }
      sg.rules.push_back(std::move(rule));
    }
  }
  if (a.ambiguous) {
    std::vector<std::string> distinct;
    for (const std::string& g : refs) {
      if (std::find(distinct.begin(), distinct.end(), g) == distinct.end()) distinct.push_back(g);
    }
    f.warn(list,
           "the inline " + what +
               "s name groups unknown until apply, and the plan lists them for "
               "all blocks together (" +
               joined(distinct) +
               "): each rule with an unknown group was given all of "
               "them, which may allow more than the plan does (write the rules as "
               "aws_vpc_security_group_" +
               (inbound ? "ingress" : "egress") + "_rule resources to import them exactly)",
           "ambiguous-reference");
  }
}

void TerraformPlanReader::read_security_group(const TfResource& r, bool is_default) {
  FieldReader f = fields(r);
  auto vpc = ref_one(f, r, "vpc_id", Kind::Vpc, true);
  if (!vpc) return;
  SecurityGroup sg;
  apply_common(sg, r);
  // The group name is what the console and the CLI call a group (as for AWS
  // describe output); unknown with name_prefix, then the Name tag or resource name.
  if (auto name = r.values["name"].string(); name && !name->empty()) sg.name_hint = *name;
  sg.vpc = *vpc;
  sg.is_default = is_default;
  if (auto desc = r.values["description"].string();
      desc && !desc->empty() && *desc != "Managed by Terraform") {
    sg.notes.push_back(*desc);
  }
  if (is_default) {
    sg.key = default_key(*vpc, VpcDefault::SecurityGroup);
    sg.notes.push_back("managed by aws_default_security_group: only its rules apply");
  }
  read_inline_sg_rules(f, r, "ingress", sg);
  read_inline_sg_rules(f, r, "egress", sg);
  model_.security_groups.push_back(std::move(sg));
}

std::optional<NaclRule> TerraformPlanReader::nacl_rule(FieldReader& f, const JsonNode& e,
                                                       uint32_t number, bool inbound,
                                                       const std::string& action) {
  const std::string what = "rule " + std::to_string(number);
  if (!e["ipv6_cidr_block"].string().value_or("").empty()) {
    f.warn(
        e,
        what + " for IPv6 " + *e["ipv6_cidr_block"].string() + " skipped: vpcsim models IPv4 only",
        "ipv6");
    return std::nullopt;
  }
  auto protocol = f.protocol(e["protocol"], true);
  if (!protocol) return std::nullopt;
  std::optional<int64_t> from, to;
  if (protocol->kind == IpProtocol::Icmp) {
    from = e["icmp_type"].integer();
    to = e["icmp_code"].integer();
  } else {
    from = f.integer(e["from_port"], false);
    to = f.integer(e["to_port"], false);
    if (from == 0 && to == 0) from = to = -1;  // Terraform's "all ports"
  }
  auto rp = rule_protocol(f, e, *protocol, from, to, what);
  if (!rp) return std::nullopt;
  auto cidr = f.cidr(e["cidr_block"], false);
  if (!cidr) {
    f.warn(e, what + ": CIDR block unknown until apply: skipped", "unknown-value");
    return std::nullopt;
  }
  if (action != "allow" && action != "deny") {
    f.error(e, what + ": action '" + action + "' is not allow or deny", "bad-field");
    return std::nullopt;
  }
  if (number < 1 || number > 32766) {
    f.warn(e, what + ": rule numbers run from 1 to 32766: skipped", "bad-field");
    return std::nullopt;
  }
  return NaclRule{f.origin(e), number, inbound, action == "allow", rp->protocol, rp->ports, *cidr};
}

void TerraformPlanReader::read_nacl(const TfResource& r, bool is_default) {
  FieldReader f = fields(r);
  Nacl n;
  apply_common(n, r);
  n.is_default = is_default;
  if (is_default) {
    if (!tags(r).count("Name")) n.name_hint = "default";
    if (n.key == r.address) {
      f.warn(r.values["default_network_acl_id"],
             "the VPC whose default network ACL this is is unknown: skipped",
             "unresolved-reference");
      return;
    }
    n.vpc = n.key.substr(0, n.key.find('#'));
    n.notes.push_back("managed by aws_default_network_acl: only its rules apply");
  } else {
    auto vpc = ref_one(f, r, "vpc_id", Kind::Vpc, true);
    if (!vpc) return;
    n.vpc = *vpc;
  }
  for (const char* attr : {"ingress", "egress"}) {
    JsonNode list = r.values[attr];
    if (plan_.state(r, attr) == ValueState::Unknown) {
      if (plan_.configured(r, attr))
        f.warn(list, "inline rules unknown until apply: skipped", "unknown-value");
      continue;
    }
    for (size_t i = 0; i < list.size(); ++i) {
      auto number = f.integer(list[i]["rule_no"], true);
      auto action = f.string(list[i]["action"], true);
      if (!number || !action) continue;
      if (auto rule = nacl_rule(f, list[i], static_cast<uint32_t>(*number),
                                std::string(attr) == "ingress", *action)) {
        n.rules.push_back(std::move(*rule));
      }
    }
  }
  for (const std::string& subnet : ref_many(f, r, "subnet_ids", Kind::Subnet)) {
    model_.nacl_associations.push_back(Association{origin(r), subnet, n.key});
  }
  model_.nacls.push_back(std::move(n));
}

void TerraformPlanReader::read_peering(const TfResource& r) {
  FieldReader f = fields(r);
  auto a = ref_one(f, r, "vpc_id", Kind::Vpc, true);
  auto b = ref_one(f, r, "peer_vpc_id", Kind::Vpc, true);
  if (!a || !b) return;
  Peering p;
  apply_common(p, r);
  p.requester_vpc = *a;
  p.accepter_vpc = *b;
  // requester { allow_remote_vpc_dns_resolution } and accepter { ... }: blocks, lists of one
  auto allows = [&](std::string_view side) {
    return r.values[side][size_t(0)]["allow_remote_vpc_dns_resolution"].boolean().value_or(false);
  };
  set_dns_resolution(p, allows("requester"), allows("accepter"));
  if (!r.values["peer_region"].string().value_or("").empty() ||
      !r.values["peer_owner_id"].string().value_or("").empty()) {
    p.notes.push_back("peer in another region or account");
  }
  if (!r.values["auto_accept"].boolean().value_or(false)) {
    bool accepted = false;
    for (const TfResource& other : plan_.resources()) {
      if (other.type != "aws_vpc_peering_connection_accepter") continue;
      for (const RefTarget& t : plan_.references(other, "vpc_peering_connection_id")) {
        accepted = accepted || t.resource == &r;
      }
    }
    if (!accepted) {
      f.warn(
          r.values["auto_accept"],
          "the peering is not accepted by this plan (no auto_accept, no "
          "aws_vpc_peering_connection_accepter): imported as active, as it will be once accepted",
          "unaccepted-peering");
      p.notes.push_back("needs to be accepted by the peer's owner");
    }
  }
  model_.peerings.push_back(std::move(p));
}

// ---- what refers to objects ---------------------------------------------------------

RouteTable* TerraformPlanReader::table(const std::string& key) {
  for (RouteTable& t : model_.route_tables) {
    if (t.key == key) return &t;
  }
  // A route into the VPC's main table, which the plan does not list: it is created
  // with the VPC, holding the local route only.
  size_t hash = key.find('#');
  if (hash == std::string::npos) return nullptr;
  std::string vpc = key.substr(0, hash);
  if (key != default_key(vpc, VpcDefault::MainRouteTable)) return nullptr;
  RouteTable t;
  t.key = key;
  t.name_hint = "main";
  t.origin = Origin{label_, "", vpc + ".main_route_table_id"};
  t.vpc = vpc;
  t.main = true;
  t.notes.push_back("the VPC's main route table (created with the VPC)");
  model_.route_tables.push_back(std::move(t));
  return &model_.route_tables.back();
}

SecurityGroup* TerraformPlanReader::group(const std::string& key) {
  for (SecurityGroup& g : model_.security_groups) {
    if (g.key == key) return &g;
  }
  size_t hash = key.find('#');
  if (hash == std::string::npos) return nullptr;
  std::string vpc = key.substr(0, hash);
  if (key != default_key(vpc, VpcDefault::SecurityGroup)) return nullptr;
  // A rule added to the VPC's default group: AWS's default rules plus this one.
  SecurityGroup g;
  g.key = key;
  g.name_hint = "default";
  g.origin = Origin{label_, "", vpc + ".default_security_group_id"};
  g.vpc = vpc;
  g.is_default = true;
  g.notes.push_back("the VPC's default group: AWS's default rules and the plan's rules for it");
  SgRule self;
  self.origin = g.origin;
  self.group = key;
  g.rules.push_back(self);
  SgRule out;
  out.origin = g.origin;
  out.inbound = false;
  out.cidr = sim::Prefix{};
  g.rules.push_back(out);
  model_.security_groups.push_back(std::move(g));
  return &model_.security_groups.back();
}

Nacl* TerraformPlanReader::nacl(const std::string& key) {
  for (Nacl& n : model_.nacls) {
    if (n.key == key) return &n;
  }
  return nullptr;
}

void TerraformPlanReader::read_igw_attachment(const TfResource& r) {
  FieldReader f = fields(r);
  auto igw = ref_one(f, r, "internet_gateway_id", Kind::InternetGateway, true);
  auto vpc = ref_one(f, r, "vpc_id", Kind::Vpc, true);
  if (!igw || !vpc) return;
  for (InternetGateway& g : model_.internet_gateways) {
    if (g.key == *igw) g.vpc = *vpc;
  }
}

void TerraformPlanReader::read_route(const TfResource& r) {
  FieldReader f = fields(r);
  if (!r.values["destination_ipv6_cidr_block"].string().value_or("").empty()) {
    f.warn(r.values, "route to IPv6 skipped: vpcsim models IPv4 only", "ipv6");
    return;
  }
  if (!r.values["destination_prefix_list_id"].string().value_or("").empty() ||
      plan_.configured(r, "destination_prefix_list_id")) {
    f.warn(r.values, "route to a prefix list skipped: prefix lists are not modelled",
           "prefix-list");
    return;
  }
  auto table_key = ref_one(f, r, "route_table_id", Kind::RouteTable, true);
  auto dest = f.cidr(r.values["destination_cidr_block"], false);
  if (!dest) {
    f.warn(r.values["destination_cidr_block"], "route destination unknown until apply: skipped",
           "unknown-value");
    return;
  }
  if (!table_key) return;
  RouteTable* t = table(*table_key);
  if (!t) {
    f.warn(r.values["route_table_id"],
           "route table " + *table_key + " was not imported: route skipped",
           "unresolved-reference");
    return;
  }
  for (const std::string& field : kRouteTargetFields) {
    ValueState state = plan_.state(r, field);
    std::string value = state == ValueState::Known ? r.values[field].string().value_or("") : "";
    bool set = !value.empty() || (state == ValueState::Unknown && plan_.configured(r, field));
    if (!set) continue;
    std::vector<RefTarget> cands;
    if (value.empty()) {
      for (const RefTarget& ref : plan_.references(r, field)) {
        bool seen = std::find(cands.begin(), cands.end(), ref) != cands.end();
        if (!seen && fits_route_field(field, ref.resource->type)) cands.push_back(ref);
      }
    }
    if (auto route = route_target(f, r.values, *dest, field, value, cands, t->vpc)) {
      route->origin = origin(r);
      t->routes.push_back(std::move(*route));
    }
    return;
  }
  f.warn(r.values, "route to " + dest->str() + " has no target: skipped", "missing-field");
}

void TerraformPlanReader::read_route_table_association(const TfResource& r) {
  FieldReader f = fields(r);
  if (plan_.configured(r, "gateway_id") || !r.values["gateway_id"].string().value_or("").empty()) {
    f.warn(r.values, "gateway route table (edge association) not modelled: skipped",
           "unsupported-association");
    return;
  }
  auto subnet = ref_one(f, r, "subnet_id", Kind::Subnet, true);
  auto t = ref_one(f, r, "route_table_id", Kind::RouteTable, true);
  if (subnet && t) model_.route_table_associations.push_back(Association{origin(r), *subnet, *t});
}

void TerraformPlanReader::read_main_route_table_association(const TfResource& r) {
  FieldReader f = fields(r);
  auto key = ref_one(f, r, "route_table_id", Kind::RouteTable, true);
  if (!key) return;
  RouteTable* t = table(*key);
  if (!t) {
    f.warn(r.values["route_table_id"], "route table " + *key + " was not imported: skipped",
           "unresolved-reference");
    return;
  }
  // The VPC's original main table stops being main: only one table is.
  for (RouteTable& other : model_.route_tables) {
    if (other.vpc == t->vpc) other.main = false;
  }
  t->main = true;
  t->notes.push_back("made the main route table by " + r.address);
}

void TerraformPlanReader::read_sg_rule(const TfResource& r) {
  FieldReader f = fields(r);
  auto type = f.string(r.values["type"], true);
  auto key = ref_one(f, r, "security_group_id", Kind::SecurityGroup, true);
  auto protocol = f.protocol(r.values["protocol"], true);
  if (!type || !key || !protocol) return;
  bool inbound = *type == "ingress";
  const std::string what = *type + " rule";
  auto rp = rule_protocol(f, r.values, *protocol, f.integer(r.values["from_port"], false),
                          f.integer(r.values["to_port"], false), what);
  SecurityGroup* sg = group(*key);
  if (!sg) {
    f.warn(r.values["security_group_id"],
           "security group " + *key + " was not imported: rule skipped", "unresolved-reference");
    return;
  }
  if (!rp) return;
  auto add = [&](std::optional<sim::Prefix> cidr, std::string g) {
    SgRule rule;
    rule.origin = origin(r);
    rule.inbound = inbound;
    rule.protocol = rp->protocol;
    rule.ports = rp->ports;
    rule.cidr = cidr;
    rule.group = std::move(g);
    sg->rules.push_back(std::move(rule));
  };
  JsonNode cidrs = r.values["cidr_blocks"];
  for (size_t i = 0; i < cidrs.size(); ++i) {
    if (auto c = f.cidr(cidrs[i], true)) add(c, "");
  }
  if (plan_.state(r, "cidr_blocks") == ValueState::Unknown && plan_.configured(r, "cidr_blocks")) {
    f.warn(r.values["cidr_blocks"], what + ": CIDR blocks unknown until apply: skipped",
           "unknown-value");
  }
  for (size_t i = 0; i < r.values["ipv6_cidr_blocks"].size(); ++i) {
    f.warn(r.values["ipv6_cidr_blocks"][i], what + " for IPv6 skipped: vpcsim models IPv4 only",
           "ipv6");
  }
  for (size_t i = 0; i < r.values["prefix_list_ids"].size(); ++i) {
    f.warn(r.values["prefix_list_ids"][i],
           what + " for a prefix list skipped: prefix lists are not modelled", "prefix-list");
  }
  if (r.values["self"].boolean().value_or(false)) add(std::nullopt, *key);
  if (auto peer = ref_one(f, r, "source_security_group_id", Kind::SecurityGroup, false))
    add(std::nullopt, *peer);
}

void TerraformPlanReader::read_vpc_sg_rule(const TfResource& r, bool inbound) {
  FieldReader f = fields(r);
  auto key = ref_one(f, r, "security_group_id", Kind::SecurityGroup, true);
  auto protocol = f.protocol(r.values["ip_protocol"], true);
  if (!key || !protocol) return;
  const std::string what = std::string(inbound ? "ingress" : "egress") + " rule";
  auto rp = rule_protocol(f, r.values, *protocol, f.integer(r.values["from_port"], false),
                          f.integer(r.values["to_port"], false), what);
  SecurityGroup* sg = group(*key);
  if (!sg) {
    f.warn(r.values["security_group_id"],
           "security group " + *key + " was not imported: rule skipped", "unresolved-reference");
    return;
  }
  if (!rp) return;
  SgRule rule;
  rule.origin = origin(r);
  rule.inbound = inbound;
  rule.protocol = rp->protocol;
  rule.ports = rp->ports;
  if (!r.values["cidr_ipv6"].string().value_or("").empty()) {
    f.warn(r.values["cidr_ipv6"], what + " for IPv6 skipped: vpcsim models IPv4 only", "ipv6");
    return;
  }
  if (!r.values["prefix_list_id"].string().value_or("").empty()) {
    f.warn(r.values["prefix_list_id"],
           what + " for a prefix list skipped: prefix lists are not modelled", "prefix-list");
    return;
  }
  if (plan_.state(r, "cidr_ipv4") == ValueState::Known) {
    rule.cidr = f.cidr(r.values["cidr_ipv4"], true);
    if (!rule.cidr) return;
  } else if (auto peer =
                 ref_one(f, r, "referenced_security_group_id", Kind::SecurityGroup, false)) {
    rule.group = *peer;
  } else {
    f.warn(r.values, what + " has no source or destination the importer can follow: skipped",
           "unresolved-reference");
    return;
  }
  sg->rules.push_back(std::move(rule));
}

void TerraformPlanReader::read_nacl_rule(const TfResource& r) {
  FieldReader f = fields(r);
  auto key = ref_one(f, r, "network_acl_id", Kind::Nacl, true);
  auto number = f.integer(r.values["rule_number"], true);
  auto action = f.string(r.values["rule_action"], true);
  if (!key || !number || !action) return;
  Nacl* n = nacl(*key);
  if (!n) {
    f.warn(r.values["network_acl_id"], "network ACL " + *key + " was not imported: rule skipped",
           "unresolved-reference");
    return;
  }
  bool egress = r.values["egress"].boolean().value_or(false);
  if (auto rule = nacl_rule(f, r.values, static_cast<uint32_t>(*number), !egress, *action)) {
    rule->origin = origin(r);
    n->rules.push_back(std::move(*rule));
  }
}

void TerraformPlanReader::read_nacl_association(const TfResource& r) {
  FieldReader f = fields(r);
  auto subnet = ref_one(f, r, "subnet_id", Kind::Subnet, true);
  auto n = ref_one(f, r, "network_acl_id", Kind::Nacl, true);
  if (subnet && n) model_.nacl_associations.push_back(Association{origin(r), *subnet, *n});
}

void TerraformPlanReader::read_eip_association(const TfResource& r) {
  FieldReader f = fields(r);
  auto eip = ref_one(f, r, "allocation_id", Kind::Eip, false);
  auto in = ref_one(f, r, "instance_id", Kind::Instance, false);
  if (!in) in = ref_one(f, r, "network_interface_id", Kind::Instance, false);
  if (!eip || !in) {
    f.warn(r.values, "association of an elastic IP the importer cannot follow: skipped",
           "unresolved-reference");
    return;
  }
  eip_of_instance_[*in] = *eip;
}

void TerraformPlanReader::finish() {
  std::map<std::string, const Subnet*> subnets;
  for (const Subnet& s : model_.subnets) subnets[s.key] = &s;
  for (Instance& in : model_.instances) {
    auto eip = eip_of_instance_.find(in.key);
    if (eip != eip_of_instance_.end()) {
      const EipInfo& info = eips_[eip->second];
      in.public_address = PublicAddress{info.ip, true, info.address};
      continue;
    }
    if (instance_known_public_.count(in.key)) continue;
    auto assoc = instance_public_.find(in.key);
    bool wants = assoc != instance_public_.end()
                     ? assoc->second
                     : subnets.count(in.subnet) && subnets[in.subnet]->map_public_ip_on_launch;
    if (wants) in.public_address = PublicAddress{std::nullopt, false, ""};
  }
}

AwsModel TerraformPlanReader::run() {
  std::set<std::string> known(kObjectTypes.begin(), kObjectTypes.end());
  known.insert(kDependentTypes.begin(), kDependentTypes.end());
  for (const TfResource& r : plan_.resources()) {
    if (!r.managed || known.count(r.type)) continue;
    log_.warning(label_, r.path, r.address, "resource type not supported: skipped",
                 "unsupported-resource");
  }
  using Reader = std::function<void(const TfResource&)>;
  const std::map<std::string, Reader> readers = {
      {"aws_vpc", [&](const TfResource& r) { read_vpc(r); }},
      {"aws_subnet", [&](const TfResource& r) { read_subnet(r); }},
      {"aws_internet_gateway", [&](const TfResource& r) { read_internet_gateway(r); }},
      {"aws_route_table", [&](const TfResource& r) { read_route_table(r, false); }},
      {"aws_default_route_table", [&](const TfResource& r) { read_route_table(r, true); }},
      {"aws_nat_gateway", [&](const TfResource& r) { read_nat_gateway(r); }},
      {"aws_eip", [&](const TfResource& r) { read_eip(r); }},
      {"aws_instance", [&](const TfResource& r) { read_instance(r); }},
      {"aws_security_group", [&](const TfResource& r) { read_security_group(r, false); }},
      {"aws_default_security_group", [&](const TfResource& r) { read_security_group(r, true); }},
      {"aws_network_acl", [&](const TfResource& r) { read_nacl(r, false); }},
      {"aws_default_network_acl", [&](const TfResource& r) { read_nacl(r, true); }},
      {"aws_vpc_peering_connection", [&](const TfResource& r) { read_peering(r); }},
      {"aws_internet_gateway_attachment", [&](const TfResource& r) { read_igw_attachment(r); }},
      {"aws_route", [&](const TfResource& r) { read_route(r); }},
      {"aws_route_table_association",
       [&](const TfResource& r) { read_route_table_association(r); }},
      {"aws_main_route_table_association",
       [&](const TfResource& r) { read_main_route_table_association(r); }},
      {"aws_security_group_rule", [&](const TfResource& r) { read_sg_rule(r); }},
      {"aws_vpc_security_group_ingress_rule",
       [&](const TfResource& r) { read_vpc_sg_rule(r, true); }},
      {"aws_vpc_security_group_egress_rule",
       [&](const TfResource& r) { read_vpc_sg_rule(r, false); }},
      {"aws_network_acl_rule", [&](const TfResource& r) { read_nacl_rule(r); }},
      {"aws_network_acl_association", [&](const TfResource& r) { read_nacl_association(r); }},
      {"aws_eip_association", [&](const TfResource& r) { read_eip_association(r); }},
      {"aws_vpc_peering_connection_accepter", [](const TfResource&) {}},  // read with the peering
  };
  // Each type in its turn, each in plan order (Terraform sorts by address).
  for (const auto* types : {&kObjectTypes, &kDependentTypes}) {
    for (const std::string& type : *types) {
      for (const TfResource& r : plan_.resources()) {
        if (r.managed && r.type == type) readers.at(type)(r);
      }
    }
  }
  finish();
  return std::move(model_);
}

}  // namespace

AwsModel read_terraform_plan(const TerraformPlan& plan, const std::string& label, ImportLog& log) {
  AwsModel model = TerraformPlanReader(plan, label, log).run();
  return model;
}

}  // namespace vpcsim::importer
