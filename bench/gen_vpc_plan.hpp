#pragma once
// The generated VPC plan of the `vpcsim reach` performance target: a three-tier
// estate of N instances spread evenly over S subnets of one VPC (10.0.0.0/16,
// subnets 10.0.1.0/24, 10.0.2.0/24, ...), written as topology XML that lints
// clean. Used by BM_Reach_VpcPlan (bench/reach_bench.cpp) and by the
// vpcsim_gen_vpc_plan tool (bench/gen_vpc_plan.cpp).
//
// Subnet s (from 0) has tier s % 10: 0 web (public, elastic IPs), 1-5 app,
// 6-7 db (NACL db-acl), 8 cache, 9 ops (NACL ops-acl). Instance 0 of subnet 0 is
// the bastion. Like a real estate, most instances of a subnet are alike (an
// auto-scaling group), with a few differences that matter: every third app
// instance is also in monitor-sg, one app instance is named by a /32 rule of
// db-sg (reporting), one by a deny rule of db-acl (quarantined), and the db
// tier has no route to the internet. Three internet hosts: client, admin, partner.
// Deterministic: the same sizes give the same bytes.
#include <cstdint>
#include <stdexcept>
#include <string>

namespace vpcsim::bench {

struct VpcPlanSize {
  uint32_t instances = 10000;
  uint32_t subnets = 100;  // 1-250
};

namespace vpc_plan_detail {

inline const char* tier_of(uint32_t subnet) {
  switch (subnet % 10) {
    case 0:
      return "web";
    case 6:
    case 7:
      return "db";
    case 8:
      return "cache";
    case 9:
      return "ops";
    default:
      return "app";
  }
}

inline std::string two(uint32_t v) { return (v < 10 ? "0" : "") + std::to_string(v); }
inline std::string three(uint32_t v) { return (v < 100 ? "0" : "") + two(v); }
inline std::string ip(uint32_t subnet, uint32_t host) {
  return "10.0." + std::to_string(subnet + 1) + "." + std::to_string(host);
}
inline std::string listen(uint32_t port) {
  return "      <listen protocol=\"tcp\" port=\"" + std::to_string(port) + "\"/>\n";
}

// The instance `k` of subnet `s` (addresses from .10 upwards).
inline std::string instance(uint32_t s, uint32_t k) {
  const std::string tier = tier_of(s);
  const std::string name = (s == 0 && k == 0) ? "bastion" : tier + "-" + two(s) + "-" + three(k);
  std::string groups = tier + "-sg", eip, ports;
  if (tier == "web") {
    if (s == 0 && k == 0) {
      groups = "bastion-sg";
      ports = listen(22);
    } else {
      ports = listen(22) + listen(80) + listen(443);
    }
    eip = " elastic-ip=\"198.18." + std::to_string(s) + "." + std::to_string(k + 10) + "\"";
  } else if (tier == "app") {
    if (k % 3 == 0) groups += ",monitor-sg";
    ports = listen(22) + listen(8080);
  } else if (tier == "db") {
    ports = listen(22) + listen(5432);
  } else if (tier == "cache") {
    ports = listen(6379);
  } else {
    groups += ",monitor-sg";
    ports = listen(22) + listen(9090);
  }
  return "    <instance name=\"" + name + "\" subnet=\"" + tier + "-" + two(s) + "\" ip=\"" +
         ip(s, k + 10) + "\"" + eip + " security-groups=\"" + groups + "\">\n" + ports +
         "    </instance>\n";
}

// Rules and tables shared by the whole VPC.
inline std::string fixed_part() {
  return R"(    <internet-gateway name="igw"/>
    <route-table name="public-rt">
      <route destination="0.0.0.0/0" target="igw"/>
    </route-table>
    <route-table name="private-rt">
      <route destination="0.0.0.0/0" target="nat"/>
      <route destination="203.0.113.0/24" target="blackhole"/>
    </route-table>
    <route-table name="db-rt"/>
    <nacl name="db-acl">
      <rule number="50" direction="inbound" action="deny" protocol="all" cidr="10.0.2.66/32"/>
      <rule number="100" direction="inbound" action="allow" protocol="all" cidr="10.0.0.0/16"/>
      <rule number="100" direction="outbound" action="allow" protocol="all" cidr="10.0.0.0/16"/>
    </nacl>
    <nacl name="ops-acl">
      <rule number="100" direction="inbound" action="allow" protocol="tcp" ports="22" cidr="10.0.0.0/16"/>
      <rule number="110" direction="inbound" action="allow" protocol="icmp" cidr="10.0.0.0/16"/>
      <rule number="120" direction="inbound" action="allow" protocol="tcp" ports="1024-65535" cidr="0.0.0.0/0"/>
      <rule number="100" direction="outbound" action="allow" protocol="all" cidr="0.0.0.0/0"/>
    </nacl>
    <security-group name="bastion-sg">
      <inbound protocol="tcp" ports="22" source="192.0.2.10/32"/>
    </security-group>
    <security-group name="web-sg">
      <inbound protocol="tcp" ports="443" source="0.0.0.0/0"/>
      <inbound protocol="tcp" ports="80" source="0.0.0.0/0"/>
      <inbound protocol="tcp" ports="22" source-group="bastion-sg"/>
    </security-group>
    <security-group name="app-sg">
      <inbound protocol="tcp" ports="8080" source-group="web-sg"/>
      <inbound protocol="tcp" ports="22" source-group="bastion-sg"/>
    </security-group>
    <security-group name="monitor-sg">
      <inbound protocol="icmp" source-group="ops-sg"/>
      <inbound protocol="tcp" ports="9100" source-group="ops-sg"/>
    </security-group>
    <security-group name="db-sg">
      <inbound protocol="tcp" ports="5432" source-group="app-sg"/>
      <inbound protocol="tcp" ports="5432" source="10.0.4.12/32"/>
      <inbound protocol="tcp" ports="22" source-group="bastion-sg"/>
    </security-group>
    <security-group name="cache-sg">
      <inbound protocol="tcp" ports="6379" source-group="app-sg"/>
    </security-group>
    <security-group name="ops-sg">
      <inbound protocol="tcp" ports="22" source="10.0.0.0/16"/>
    </security-group>
)";
}

}  // namespace vpc_plan_detail

inline std::string vpc_plan_xml(const VpcPlanSize& size) {
  using namespace vpc_plan_detail;
  if (size.subnets < 1 || size.subnets > 250) throw std::invalid_argument("subnets: 1-250");
  const uint32_t per_subnet = (size.instances + size.subnets - 1) / size.subnets;
  if (per_subnet > 240) throw std::invalid_argument("at most 240 instances per subnet");
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- generated: " +
                    std::to_string(size.instances) + " instances in " +
                    std::to_string(size.subnets) +
                    " subnets (bench/gen_vpc_plan.hpp) -->\n<topology name=\"vpc-plan\">\n";
  xml += R"(  <internet>
    <host name="client" ip="198.51.100.10"><listen protocol="tcp" port="443"/></host>
    <host name="admin" ip="192.0.2.10"/>
    <host name="partner" ip="198.51.100.77"/>
  </internet>
  <vpc name="plan" cidr="10.0.0.0/16">
)";
  xml += fixed_part();
  for (uint32_t s = 0; s < size.subnets; ++s) {
    const std::string tier = tier_of(s);
    std::string attrs = tier == "web"   ? " route-table=\"public-rt\""
                        : tier == "db"  ? " route-table=\"db-rt\" nacl=\"db-acl\""
                        : tier == "ops" ? " route-table=\"private-rt\" nacl=\"ops-acl\""
                                        : " route-table=\"private-rt\"";
    xml += "    <subnet name=\"" + tier + "-" + two(s) + "\" cidr=\"10.0." + std::to_string(s + 1) +
           ".0/24\"" + attrs + "/>\n";
  }
  xml +=
      "    <nat-gateway name=\"nat\" subnet=\"web-00\" ip=\"10.0.1.5\" "
      "elastic-ip=\"198.18.255.5\"/>\n";
  for (uint32_t i = 0; i < size.instances; ++i) xml += instance(i % size.subnets, i / size.subnets);
  xml += "  </vpc>\n</topology>\n";
  return xml;
}

}  // namespace vpcsim::bench
