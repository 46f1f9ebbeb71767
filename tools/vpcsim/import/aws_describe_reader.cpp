#include "tools/vpcsim/import/aws_describe_reader.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>

#include "tools/vpcsim/import/field_reader.hpp"
#include "tools/vpcsim/import/import_options.hpp"
#include "tools/vpcsim/import/json_document.hpp"
#include "tools/vpcsim/import/json_node.hpp"

namespace vpcsim::importer {
namespace {

namespace fs = std::filesystem;

// The top-level key of each describe call's output, in the order they are read:
// instances before addresses (an elastic IP names its instance), everything
// before route tables (routes name gateways, instances and peerings).
struct Kind {
  const char* key;
  const char* call;
};
constexpr std::array<Kind, 10> kKinds = {{
    {"Vpcs", "describe-vpcs"},
    {"Subnets", "describe-subnets"},
    {"InternetGateways", "describe-internet-gateways"},
    {"NatGateways", "describe-nat-gateways"},
    {"Reservations", "describe-instances"},
    {"Addresses", "describe-addresses"},
    {"SecurityGroups", "describe-security-groups"},
    {"NetworkAcls", "describe-network-acls"},
    {"RouteTables", "describe-route-tables"},
    {"VpcPeeringConnections", "describe-vpc-peering-connections"},
}};

// Top-level keys that come with a describe output and carry no network object.
bool is_envelope_key(const std::string& key) {
  return key == "NextToken" || key == "ResponseMetadata";
}

using Tags = std::map<std::string, std::string>;

class AwsDescribeReader {
 public:
  explicit AwsDescribeReader(ImportLog& log) : log_(log) {}
  std::optional<AwsModel> run(const std::vector<std::string>& inputs);

 private:
  struct Section {
    const JsonDocument* doc;
    JsonNode list;  // the array under the kind's key
  };

  std::vector<std::string> expand(const std::vector<std::string>& inputs);
  void index_document(const JsonDocument& doc);
  Tags tags(FieldReader& f, const JsonNode& object);

  void read_vpc(FieldReader& f, const JsonNode& v);
  void read_subnet(FieldReader& f, const JsonNode& s);
  void read_internet_gateway(FieldReader& f, const JsonNode& g);
  void read_nat_gateway(FieldReader& f, const JsonNode& n);
  void read_instance(FieldReader& f, const JsonNode& i);
  void read_address(FieldReader& f, const JsonNode& a);
  void read_security_group(FieldReader& f, const JsonNode& g);
  void read_permission(FieldReader& f, const JsonNode& p, bool inbound, SecurityGroup& sg);
  void read_network_acl(FieldReader& f, const JsonNode& n);
  void read_route_table(FieldReader& f, const JsonNode& t);
  std::optional<Route> read_route(FieldReader& f, const JsonNode& r);
  void read_peering(FieldReader& f, const JsonNode& p);

  ImportLog& log_;
  std::vector<JsonDocument> docs_;
  std::map<std::string, std::vector<Section>> sections_;
  AwsModel model_;
  std::map<std::string, size_t> instance_by_id_, instance_by_eni_;
  std::map<std::string, std::string> nat_by_eni_;
};

std::vector<std::string> AwsDescribeReader::expand(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  for (const std::string& in : inputs) {
    std::error_code ec;
    if (!fs::is_directory(in, ec)) {
      files.push_back(in);
      continue;
    }
    std::vector<std::string> found;
    for (const auto& e : fs::directory_iterator(in, ec)) {
      if (e.path().extension() == ".json" && e.is_regular_file(ec)) {
        found.push_back((fs::path(in) / e.path().filename()).string());
      }
    }
    std::sort(found.begin(), found.end());
    if (found.empty()) log_.file_error(in, "the directory holds no *.json file", "no-input");
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

void AwsDescribeReader::index_document(const JsonDocument& doc) {
  JsonNode root(&doc.root(), "$");
  if (!root.is_object()) {
    log_.file_error(doc.label(), "expected a JSON object, as the AWS CLI prints",
                    "not-describe-output");
    return;
  }
  bool known = false;
  for (const auto& [key, value] : doc.root().items()) {
    auto kind =
        // An init-capture: clang before 16 cannot capture a structured binding.
        std::find_if(kKinds.begin(), kKinds.end(),
                     [&name = key](const Kind& k) { return name == k.key; });
    if (kind == kKinds.end()) {
      if (key == "NextToken") {
        log_.warning(doc.label(), "$.NextToken", "",
                     "the output is one page of several (--max-items or --page-size was "
                     "given): the objects of the other pages are missing",
                     "paginated");
      } else if (!is_envelope_key(key)) {
        log_.warning(doc.label(), "$" + path_key(key), "",
                     "not a describe output vpcsim reads: skipped", "unknown-document");
      }
      continue;
    }
    JsonNode list = root[key];
    if (!list.is_array()) {
      log_.error(doc.label(), list.path(), "", "expected an array", "bad-field");
      continue;
    }
    known = true;
    sections_[key].push_back(Section{&doc, list});
  }
  if (!known && doc.root().empty()) {
    log_.file_warning(doc.label(), "empty JSON object: nothing to import", "unknown-document");
  }
}

Tags AwsDescribeReader::tags(FieldReader& f, const JsonNode& object) {
  Tags out;
  JsonNode list = f.list(object["Tags"]);
  for (size_t i = 0; i < list.size(); ++i) {
    auto key = f.string(list[i]["Key"], true);
    auto value = f.string(list[i]["Value"], true);
    if (key && value) out[*key] = *value;
  }
  return out;
}

std::string tag(const Tags& tags, const std::string& key) {
  auto it = tags.find(key);
  return it == tags.end() ? std::string() : it->second;
}

void AwsDescribeReader::read_vpc(FieldReader& f, const JsonNode& v) {
  auto id = f.string(v["VpcId"], true);
  if (!id) return;
  f.set_subject(*id);
  auto cidr = f.cidr(v["CidrBlock"], true);
  Tags t = tags(f, v);
  JsonNode assoc = f.list(v["CidrBlockAssociationSet"]);
  for (size_t i = 0; i < assoc.size(); ++i) {
    auto extra = f.cidr(assoc[i]["CidrBlock"], false);
    auto state = assoc[i]["CidrBlockState"]["State"].string();
    if (extra && cidr && *extra != *cidr && state.value_or("associated") == "associated") {
      f.warn(assoc[i],
             "secondary CIDR " + extra->str() + " not modelled (a VPC has one CIDR here): skipped",
             "secondary-cidr");
    }
  }
  JsonNode v6 = f.list(v["Ipv6CidrBlockAssociationSet"]);
  for (size_t i = 0; i < v6.size(); ++i) {
    f.warn(v6[i],
           "IPv6 CIDR " + v6[i]["Ipv6CidrBlock"].string().value_or("?") +
               " skipped: vpcsim models IPv4 only",
           "ipv6");
  }
  if (!cidr) return;
  Vpc vpc;
  vpc.key = *id;
  vpc.name_hint = tag(t, "Name");
  vpc.origin = f.origin(v);
  vpc.cidr = *cidr;
  if (v["IsDefault"].boolean().value_or(false)) vpc.notes.push_back("the account's default VPC");
  model_.vpcs.push_back(std::move(vpc));
}

void AwsDescribeReader::read_subnet(FieldReader& f, const JsonNode& s) {
  auto id = f.string(s["SubnetId"], true);
  if (!id) return;
  f.set_subject(*id);
  auto vpc = f.string(s["VpcId"], true);
  auto cidr = f.cidr(s["CidrBlock"], true);
  Tags t = tags(f, s);
  JsonNode v6 = f.list(s["Ipv6CidrBlockAssociationSet"]);
  for (size_t i = 0; i < v6.size(); ++i) {
    f.warn(v6[i],
           "IPv6 CIDR " + v6[i]["Ipv6CidrBlock"].string().value_or("?") +
               " skipped: vpcsim models IPv4 only",
           "ipv6");
  }
  if (!vpc || !cidr) return;
  Subnet subnet;
  subnet.key = *id;
  subnet.name_hint = tag(t, "Name");
  subnet.origin = f.origin(s);
  subnet.vpc = *vpc;
  subnet.cidr = *cidr;
  subnet.map_public_ip_on_launch = f.boolean(s["MapPublicIpOnLaunch"], false).value_or(false);
  if (auto az = s["AvailabilityZone"].string()) subnet.notes.push_back("in " + *az);
  model_.subnets.push_back(std::move(subnet));
}

void AwsDescribeReader::read_internet_gateway(FieldReader& f, const JsonNode& g) {
  auto id = f.string(g["InternetGatewayId"], true);
  if (!id) return;
  f.set_subject(*id);
  Tags t = tags(f, g);
  JsonNode attachments = f.list(g["Attachments"]);
  std::string vpc;
  for (size_t i = 0; i < attachments.size(); ++i) {
    auto state = f.string(attachments[i]["State"], false).value_or("available");
    auto v = f.string(attachments[i]["VpcId"], true);
    if (v && (state == "available" || state == "attached" || state == "attaching")) vpc = *v;
  }
  if (vpc.empty()) {
    f.warn(g, "not attached to a VPC: skipped", "detached");
    return;
  }
  InternetGateway igw;
  igw.key = *id;
  igw.name_hint = tag(t, "Name");
  igw.origin = f.origin(g);
  igw.vpc = vpc;
  model_.internet_gateways.push_back(std::move(igw));
}

void AwsDescribeReader::read_nat_gateway(FieldReader& f, const JsonNode& n) {
  auto id = f.string(n["NatGatewayId"], true);
  if (!id) return;
  f.set_subject(*id);
  Tags t = tags(f, n);
  auto subnet = f.string(n["SubnetId"], true);
  std::string state = f.string(n["State"], false).value_or("available");
  if (state == "deleted" || state == "deleting" || state == "failed") {
    f.warn(n["State"], "NAT gateway is " + state + ": skipped", "inactive");
    return;
  }
  if (f.string(n["ConnectivityType"], false).value_or("public") == "private") {
    f.warn(n["ConnectivityType"],
           "private NAT gateways are not modelled: skipped (routes to it become blackhole routes)",
           "unsupported-resource");
    return;
  }
  if (!subnet) return;
  NatGateway nat;
  nat.key = *id;
  nat.name_hint = tag(t, "Name");
  nat.origin = f.origin(n);
  nat.subnet = *subnet;
  JsonNode addresses = f.list(n["NatGatewayAddresses"]);
  for (size_t i = 0; i < addresses.size(); ++i) {
    JsonNode a = addresses[i];
    if (auto eni = a["NetworkInterfaceId"].string()) nat_by_eni_[*eni] = *id;
    bool primary = a["IsPrimary"].boolean().value_or(i == 0);
    if (!primary || nat.private_ip) {
      f.warn(a, "secondary address of the NAT gateway not modelled: skipped", "secondary-address");
      continue;
    }
    nat.private_ip = f.ip(a["PrivateIp"], true);
    if (auto pub = f.ip(a["PublicIp"], false)) {
      nat.public_address = PublicAddress{pub, true, a["AllocationId"].string().value_or("")};
    }
  }
  if (!nat.private_ip)
    f.warn(addresses, "no private IP listed: one is chosen in the subnet", "unknown-address");
  model_.nat_gateways.push_back(std::move(nat));
}

void AwsDescribeReader::read_instance(FieldReader& f, const JsonNode& i) {
  auto id = f.string(i["InstanceId"], true);
  if (!id) return;
  f.set_subject(*id);
  Tags t = tags(f, i);
  std::string state = i["State"]["Name"].string().value_or("running");
  if (state == "terminated" || state == "shutting-down") {
    f.warn(i["State"], "instance is " + state + ": skipped", "inactive");
    return;
  }
  auto subnet = f.string(i["SubnetId"], false);
  if (!subnet) {
    f.warn(i, "instance is in no VPC subnet (EC2-Classic?): skipped", "unsupported-resource");
    return;
  }
  Instance in;
  in.key = *id;
  in.name_hint = tag(t, "Name");
  in.origin = f.origin(i);
  in.subnet = *subnet;
  in.private_ip = f.ip(i["PrivateIpAddress"], true);
  if (state != "running" && state != "pending") {
    in.notes.push_back("instance is " + state + " in AWS: imported as running");
    f.warn(i["State"], "instance is " + state + ": imported as if it were running", "inactive");
  }
  in.source_dest_check = f.boolean(i["SourceDestCheck"], false).value_or(true);
  JsonNode groups = f.list(i["SecurityGroups"]);
  for (size_t g = 0; g < groups.size(); ++g) {
    if (auto gid = f.string(groups[g]["GroupId"], true)) in.groups.push_back(*gid);
  }
  if (auto pub = f.ip(i["PublicIpAddress"], false))
    in.public_address = PublicAddress{pub, false, ""};
  JsonNode enis = f.list(i["NetworkInterfaces"]);
  for (size_t e = 0; e < enis.size(); ++e) {
    JsonNode eni = enis[e];
    auto eni_id = f.string(eni["NetworkInterfaceId"], true);
    if (!eni_id) continue;
    in.interfaces.push_back(*eni_id);
    int64_t index = eni["Attachment"]["DeviceIndex"].integer().value_or(static_cast<int64_t>(e));
    if (index != 0) {
      f.warn(eni,
             "second network interface " + *eni_id +
                 " not modelled (an instance has one, eth0): routes to it still reach the instance",
             "multiple-interfaces");
      continue;
    }
    // An elastic IP is owned by the account; an auto-assigned one by "amazon".
    if (auto owner = eni["Association"]["IpOwnerId"].string();
        owner && *owner != "amazon" && in.public_address) {
      in.public_address->elastic = true;
    }
    JsonNode ips = f.list(eni["PrivateIpAddresses"]);
    for (size_t k = 0; k < ips.size(); ++k) {
      if (!ips[k]["Primary"].boolean().value_or(true)) {
        f.warn(ips[k],
               "secondary private IP " + ips[k]["PrivateIpAddress"].string().value_or("?") +
                   " not modelled: skipped",
               "secondary-address");
      }
    }
    JsonNode v6 = f.list(eni["Ipv6Addresses"]);
    for (size_t k = 0; k < v6.size(); ++k) {
      f.warn(v6[k], "IPv6 address skipped: vpcsim models IPv4 only", "ipv6");
    }
  }
  std::string listen = tag(t, std::string(kListenTag));
  if (t.count(std::string(kListenTag))) {
    std::string why;
    in.listens = parse_listen_list(listen, why);
    if (!in.listens) {
      f.warn(i["Tags"], "tag " + std::string(kListenTag) + "='" + listen + "' " + why + ": ignored",
             "bad-listen-tag");
    }
  }
  instance_by_id_[*id] = model_.instances.size();
  for (const std::string& eni : in.interfaces) instance_by_eni_[eni] = model_.instances.size();
  model_.instances.push_back(std::move(in));
}

void AwsDescribeReader::read_address(FieldReader& f, const JsonNode& a) {
  auto ip = f.ip(a["PublicIp"], true);
  if (!ip) return;
  std::string alloc = a["AllocationId"].string().value_or(ip->str());
  f.set_subject(alloc);
  auto instance = f.string(a["InstanceId"], false);
  auto eni = f.string(a["NetworkInterfaceId"], false);
  std::optional<size_t> index;
  if (instance && instance_by_id_.count(*instance)) index = instance_by_id_[*instance];
  if (!index && eni && instance_by_eni_.count(*eni)) index = instance_by_eni_[*eni];
  if (index) {
    model_.instances[*index].public_address = PublicAddress{ip, true, alloc + " " + ip->str()};
    return;
  }
  if (eni && nat_by_eni_.count(*eni)) return;  // the NAT gateway lists it itself
  if (!instance && !eni) {
    f.warn(a, "elastic IP " + ip->str() + " is not associated with anything: nothing to model",
           "unassociated-address");
    return;
  }
  f.warn(a,
         "elastic IP " + ip->str() + " is associated with " + (instance ? *instance : *eni) +
             ", which was not imported: skipped",
         "unresolved-reference");
}

void AwsDescribeReader::read_permission(FieldReader& f, const JsonNode& p, bool inbound,
                                        SecurityGroup& sg) {
  auto protocol = f.protocol(p["IpProtocol"], true);
  if (!protocol) return;
  const std::string what = std::string(inbound ? "inbound" : "outbound") + " rule";
  bool ok = true;
  auto from = f.optional_integer(p["FromPort"], ok);
  auto to = f.optional_integer(p["ToPort"], ok);
  if (!ok) return;  // reported
  auto rp = rule_protocol(f, p, *protocol, from, to, what);
  if (!rp) return;
  auto add = [&](const JsonNode& at, std::optional<sim::Prefix> cidr, std::string group) {
    SgRule rule;
    rule.origin = f.origin(at);
    rule.inbound = inbound;
    rule.protocol = rp->protocol;
    rule.ports = rp->ports;
    rule.cidr = cidr;
    rule.group = std::move(group);
    sg.rules.push_back(std::move(rule));
  };
  JsonNode ranges = f.list(p["IpRanges"]);
  for (size_t i = 0; i < ranges.size(); ++i) {
    if (auto cidr = f.cidr(ranges[i]["CidrIp"], true)) add(ranges[i], cidr, "");
  }
  JsonNode pairs = f.list(p["UserIdGroupPairs"]);
  for (size_t i = 0; i < pairs.size(); ++i) {
    auto gid = f.string(pairs[i]["GroupId"], true);
    if (!gid) continue;
    if (auto pcx = pairs[i]["VpcPeeringConnectionId"].string()) {
      f.warn(pairs[i],
             what + " refers to group " + *gid + " across peering " + *pcx +
                 ", which is not modelled: skipped",
             "peer-group-reference");
      continue;
    }
    add(pairs[i], std::nullopt, *gid);
  }
  JsonNode v6 = f.list(p["Ipv6Ranges"]);
  for (size_t i = 0; i < v6.size(); ++i) {
    f.warn(v6[i],
           what + " for IPv6 " + v6[i]["CidrIpv6"].string().value_or("?") +
               " skipped: vpcsim models IPv4 only",
           "ipv6");
  }
  JsonNode lists = f.list(p["PrefixListIds"]);
  for (size_t i = 0; i < lists.size(); ++i) {
    f.warn(lists[i],
           what + " for prefix list " + lists[i]["PrefixListId"].string().value_or("?") +
               " skipped: prefix lists are not modelled",
           "prefix-list");
  }
}

void AwsDescribeReader::read_security_group(FieldReader& f, const JsonNode& g) {
  auto id = f.string(g["GroupId"], true);
  if (!id) return;
  f.set_subject(*id);
  Tags t = tags(f, g);
  auto vpc = f.string(g["VpcId"], false);
  auto name = f.string(g["GroupName"], false);
  if (!vpc) {
    f.warn(g, "security group of no VPC (EC2-Classic): skipped", "unsupported-resource");
    return;
  }
  SecurityGroup sg;
  sg.key = *id;
  // The group name is what the console and the CLI call it; a Name tag is extra.
  sg.name_hint = name.value_or(tag(t, "Name"));
  sg.origin = f.origin(g);
  sg.vpc = *vpc;
  sg.is_default = name == "default";
  if (auto desc = g["Description"].string(); desc && !desc->empty() && !sg.is_default) {
    sg.notes.push_back(*desc);
  }
  JsonNode in = f.list(g["IpPermissions"]), out = f.list(g["IpPermissionsEgress"]);
  for (size_t i = 0; i < in.size(); ++i) read_permission(f, in[i], true, sg);
  for (size_t i = 0; i < out.size(); ++i) read_permission(f, out[i], false, sg);
  model_.security_groups.push_back(std::move(sg));
}

void AwsDescribeReader::read_network_acl(FieldReader& f, const JsonNode& n) {
  auto id = f.string(n["NetworkAclId"], true);
  if (!id) return;
  f.set_subject(*id);
  Tags t = tags(f, n);
  auto vpc = f.string(n["VpcId"], true);
  if (!vpc) return;
  Nacl acl;
  acl.key = *id;
  acl.name_hint = tag(t, "Name");
  acl.origin = f.origin(n);
  acl.vpc = *vpc;
  acl.is_default = f.boolean(n["IsDefault"], false).value_or(false);
  JsonNode entries = f.list(n["Entries"]);
  for (size_t i = 0; i < entries.size(); ++i) {
    JsonNode e = entries[i];
    auto number = f.integer(e["RuleNumber"], true);
    auto egress = f.boolean(e["Egress"], true);
    auto action = f.string(e["RuleAction"], true);
    auto protocol = f.protocol(e["Protocol"], true);
    if (!number || !egress || !action || !protocol) continue;
    // 32767 (IPv4) and 32768 (IPv6) are the "*" rules AWS shows: the implicit
    // deny the topology format has too.
    if (*number == 32767 || *number == 32768) continue;
    const std::string what = "rule " + std::to_string(*number);
    if (e.has("Ipv6CidrBlock") && !e.has("CidrBlock")) {
      f.warn(e,
             what + " for IPv6 " + e["Ipv6CidrBlock"].string().value_or("?") +
                 " skipped: vpcsim models IPv4 only",
             "ipv6");
      continue;
    }
    auto cidr = f.cidr(e["CidrBlock"], true);
    std::optional<int64_t> from, to;
    bool ok = true;
    if (protocol->kind == IpProtocol::Icmp) {
      from = f.optional_integer(e["IcmpTypeCode"]["Type"], ok);
      to = f.optional_integer(e["IcmpTypeCode"]["Code"], ok);
    } else {
      from = f.optional_integer(e["PortRange"]["From"], ok);
      to = f.optional_integer(e["PortRange"]["To"], ok);
    }
    if (!ok) continue;  // reported
    auto rp = rule_protocol(f, e, *protocol, from, to, what);
    if (!cidr || !rp) continue;
    if (*action != "allow" && *action != "deny") {
      f.error(e["RuleAction"], "'" + *action + "' is not allow or deny", "bad-field");
      continue;
    }
    acl.rules.push_back(NaclRule{f.origin(e), static_cast<uint32_t>(*number), !*egress,
                                 *action == "allow", rp->protocol, rp->ports, *cidr});
  }
  JsonNode assoc = f.list(n["Associations"]);
  for (size_t i = 0; i < assoc.size(); ++i) {
    if (auto subnet = f.string(assoc[i]["SubnetId"], true)) {
      model_.nacl_associations.push_back(Association{f.origin(assoc[i]), *subnet, *id});
    }
  }
  model_.nacls.push_back(std::move(acl));
}

std::optional<Route> AwsDescribeReader::read_route(FieldReader& f, const JsonNode& r) {
  if (r.has("DestinationIpv6CidrBlock")) {
    f.warn(r,
           "route to IPv6 " + r["DestinationIpv6CidrBlock"].string().value_or("?") +
               " skipped: vpcsim models IPv4 only",
           "ipv6");
    return std::nullopt;
  }
  if (r.has("DestinationPrefixListId")) {
    f.warn(r,
           "route to prefix list " + r["DestinationPrefixListId"].string().value_or("?") +
               " skipped: prefix lists are not modelled",
           "prefix-list");
    return std::nullopt;
  }
  auto dest = f.cidr(r["DestinationCidrBlock"], true);
  if (!dest) return std::nullopt;
  Route route;
  route.origin = f.origin(r);
  route.destination = *dest;
  std::string gateway = r["GatewayId"].string().value_or("");
  if (gateway == "local") return std::nullopt;  // implicit in every route table
  std::string state = f.string(r["State"], false).value_or("active");
  std::string target;
  if (!gateway.empty()) {
    target = gateway;
    if (gateway.starts_with("igw-")) {
      route.kind = TargetKind::InternetGateway;
      route.target = gateway;
    }
  } else if (auto nat = r["NatGatewayId"].string()) {
    target = *nat;
    route.kind = TargetKind::NatGateway;
    route.target = *nat;
  } else if (auto inst = r["InstanceId"].string()) {
    target = *inst;
    route.kind = TargetKind::Instance;
    route.target = *inst;
  } else if (auto eni = r["NetworkInterfaceId"].string()) {
    target = *eni;
    route.kind = TargetKind::NetworkInterface;
    route.target = *eni;
  } else if (auto pcx = r["VpcPeeringConnectionId"].string()) {
    target = *pcx;
    route.kind = TargetKind::Peering;
    route.target = *pcx;
  } else {
    for (const char* key : {"TransitGatewayId", "EgressOnlyInternetGatewayId", "CarrierGatewayId",
                            "LocalGatewayId", "CoreNetworkArn"}) {
      if (auto other = r[key].string()) target = *other;
    }
  }
  if (state == "blackhole") {
    route.kind = TargetKind::Blackhole;
    route.target.clear();
    route.note = "blackhole in AWS: its target " +
                 (target.empty() ? std::string("is gone") : target + " is gone");
  } else if (route.target.empty()) {
    f.warn(r,
           "route to " + dest->str() + " via " +
               (target.empty() ? std::string("an unknown target") : target) +
               ": this kind of target is not modelled; written as a blackhole route (the traffic "
               "leaves the VPC and no answer comes back)",
           "unsupported-target");
    route.kind = TargetKind::Blackhole;
    route.note = "target " + target + " not modelled: blackhole";
  }
  return route;
}

void AwsDescribeReader::read_route_table(FieldReader& f, const JsonNode& t) {
  auto id = f.string(t["RouteTableId"], true);
  if (!id) return;
  f.set_subject(*id);
  Tags tg = tags(f, t);
  auto vpc = f.string(t["VpcId"], true);
  if (!vpc) return;
  RouteTable table;
  table.key = *id;
  table.name_hint = tag(tg, "Name");
  table.origin = f.origin(t);
  table.vpc = *vpc;
  JsonNode assoc = f.list(t["Associations"]);
  for (size_t i = 0; i < assoc.size(); ++i) {
    JsonNode a = assoc[i];
    std::string state = a["AssociationState"]["State"].string().value_or("associated");
    if (state != "associated" && state != "associating") continue;
    if (a["Main"].boolean().value_or(false)) {
      table.main = true;
    } else if (auto subnet = a["SubnetId"].string()) {
      model_.route_table_associations.push_back(Association{f.origin(a), *subnet, *id});
    } else if (auto gw = a["GatewayId"].string()) {
      f.warn(a, "gateway route table (edge association with " + *gw + ") not modelled: skipped",
             "unsupported-association");
    }
  }
  JsonNode routes = f.list(t["Routes"]);
  for (size_t i = 0; i < routes.size(); ++i) {
    if (auto r = read_route(f, routes[i])) table.routes.push_back(std::move(*r));
  }
  JsonNode vgws = f.list(t["PropagatingVgws"]);
  for (size_t i = 0; i < vgws.size(); ++i) {
    f.warn(vgws[i], "routes propagated from a virtual private gateway are not modelled: skipped",
           "unsupported-target");
  }
  model_.route_tables.push_back(std::move(table));
}

void AwsDescribeReader::read_peering(FieldReader& f, const JsonNode& p) {
  auto id = f.string(p["VpcPeeringConnectionId"], true);
  if (!id) return;
  f.set_subject(*id);
  Tags t = tags(f, p);
  auto requester = f.string(p["RequesterVpcInfo"]["VpcId"], true);
  auto accepter = f.string(p["AccepterVpcInfo"]["VpcId"], true);
  std::string status = p["Status"]["Code"].string().value_or("active");
  if (status != "active") {
    f.warn(p["Status"],
           "peering is " + status + ", not active: skipped (routes to it become blackhole routes)",
           "inactive");
    return;
  }
  if (!requester || !accepter) return;
  Peering peering;
  peering.key = *id;
  peering.name_hint = tag(t, "Name");
  peering.origin = f.origin(p);
  peering.requester_vpc = *requester;
  peering.accepter_vpc = *accepter;
  set_dns_resolution(
      peering,
      p["RequesterVpcInfo"]["PeeringOptions"]["AllowDnsResolutionFromRemoteVpc"].boolean().value_or(
          false),
      p["AccepterVpcInfo"]["PeeringOptions"]["AllowDnsResolutionFromRemoteVpc"].boolean().value_or(
          false));
  model_.peerings.push_back(std::move(peering));
}

std::optional<AwsModel> AwsDescribeReader::run(const std::vector<std::string>& inputs) {
  std::vector<std::string> files = expand(inputs);
  docs_.reserve(files.size());  // sections point into docs_
  for (const std::string& file : files) {
    if (auto doc = JsonDocument::load(file, file, log_)) docs_.push_back(std::move(*doc));
  }
  for (const JsonDocument& doc : docs_) index_document(doc);
  // A file that could not be read may be the one with the VPCs: say no more.
  if (log_.has_errors()) return std::nullopt;
  if (!sections_.count("Vpcs")) {
    log_.file_error(
        inputs.empty() ? std::string("(no input)") : inputs.front(),
        "no describe-vpcs output (a JSON object with \"Vpcs\") among the inputs: nothing to import",
        "missing-describe");
    return std::nullopt;
  }
  for (const Kind& kind : kKinds) {
    auto it = sections_.find(kind.key);
    if (it == sections_.end()) {
      log_.file_warning(inputs.front(),
                        std::string("no ") + kind.call + " output (a JSON object with \"" +
                            kind.key + "\") found: assuming there are none",
                        "missing-describe");
      continue;
    }
    for (const Section& s : it->second) {
      FieldReader f(log_, s.doc->label());
      for (size_t i = 0; i < s.list.size(); ++i) {
        JsonNode item = s.list[i];
        f.set_subject("");
        if (!item.is_object()) {
          f.error(item, "expected an object", "bad-field");
          continue;
        }
        const std::string key = kind.key;
        if (key == "Vpcs")
          read_vpc(f, item);
        else if (key == "Subnets")
          read_subnet(f, item);
        else if (key == "InternetGateways")
          read_internet_gateway(f, item);
        else if (key == "NatGateways")
          read_nat_gateway(f, item);
        else if (key == "Reservations") {
          JsonNode instances = f.list(item["Instances"]);
          for (size_t k = 0; k < instances.size(); ++k) read_instance(f, instances[k]);
        } else if (key == "Addresses")
          read_address(f, item);
        else if (key == "SecurityGroups")
          read_security_group(f, item);
        else if (key == "NetworkAcls")
          read_network_acl(f, item);
        else if (key == "RouteTables")
          read_route_table(f, item);
        else
          read_peering(f, item);
      }
    }
  }
  model_.source = inputs.size() == 1 ? inputs.front() : std::to_string(inputs.size()) + " inputs";
  return std::move(model_);
}

}  // namespace

std::optional<AwsModel> read_aws_describe(const std::vector<std::string>& inputs, ImportLog& log) {
  return AwsDescribeReader(log).run(inputs);
}

}  // namespace vpcsim::importer
