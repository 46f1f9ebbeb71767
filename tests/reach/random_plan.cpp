#include "tests/reach/random_plan.hpp"

#include <random>
#include <vector>

namespace vpcsim::test {
namespace {

class PlanWriter {
 public:
  explicit PlanWriter(uint64_t seed) : rng_(seed) {}

  std::string write() {
    const int vpcs = pick(1, 2);
    const bool peered = vpcs == 2 && chance(0.7);
    std::string xml = "<topology name=\"random\">\n  <internet>\n";
    for (int h = 0; h < pick(1, 3); ++h) {
      std::string ip = "198.51.100." + std::to_string(10 + h);
      internet_hosts_.push_back(ip);
      xml += "    <host name=\"inet" + std::to_string(h) + "\" ip=\"" + ip + "\">" +
             (chance(0.5) ? "<listen protocol=\"tcp\" port=\"443\"/>" : "") + "</host>\n";
    }
    xml += "  </internet>\n";
    for (int v = 0; v < vpcs; ++v) xml += vpc(v, peered);
    if (peered) xml += "  <vpc-peering name=\"pcx\" a=\"v0\" b=\"v1\"/>\n";
    return xml + "</topology>\n";
  }

 private:
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <typename T>
  const T& one_of(const std::vector<T>& items) {
    return items[size_t(pick(0, int(items.size()) - 1))];
  }

  std::string vpc(int v, bool peered) {
    const std::string prefix = "10." + std::to_string(v) + ".";
    const bool igw = chance(0.8);
    const int subnets = pick(2, 3);
    // Instance profiles first: rules below may name their addresses.
    struct Instance {
      std::string name, ip;
      int subnet;
      std::string groups, ports;
      bool eip, nat_instance;
    };
    std::vector<Instance> instances;
    const int profiles = pick(2, 4);
    struct Profile {
      int subnet;
      std::string groups, ports;
      bool eip;
    };
    std::vector<Profile> profile;
    for (int p = 0; p < profiles; ++p) {
      std::string groups = one_of<std::string>({"", "g0", "g1", "g0,g1", "g2"});
      std::string ports;
      for (int port : {22, 80, 443, 8080}) {
        if (chance(0.4))
          ports += "<listen protocol=\"tcp\" port=\"" + std::to_string(port) + "\"/>";
      }
      profile.push_back({pick(0, subnets - 1), groups, ports, igw && chance(0.5)});
    }
    const int count = pick(4, 10);
    for (int k = 0; k < count; ++k) {
      const Profile& p = one_of(profile);
      instances.push_back({"i" + std::to_string(v) + "-" + std::to_string(k),
                           prefix + std::to_string(p.subnet + 1) + "." + std::to_string(10 + k),
                           p.subnet, p.groups, p.ports, p.eip, false});
    }
    const bool nat_instance = chance(0.3);
    if (nat_instance) {
      instances.push_back({"natbox" + std::to_string(v), prefix + "1.200", 0, "g0", "", igw, true});
    }
    std::vector<std::string> cidrs = {"0.0.0.0/0", prefix + "0.0/16", prefix + "1.0/24",
                                      prefix + "2.0/24", "198.51.100.0/24"};
    // Rules may single out a few instances (the first two), not every one.
    for (size_t k = 0; k < instances.size() && k < 2; ++k) cidrs.push_back(instances[k].ip + "/32");
    for (const std::string& h : internet_hosts_) cidrs.push_back(h + "/32");
    if (peered) cidrs.push_back("10." + std::to_string(1 - v) + ".0.0/16");

    const std::string name = "v" + std::to_string(v);
    std::string xml = "  <vpc name=\"" + name + "\" cidr=\"" + prefix + "0.0/16\">\n";
    if (igw) xml += "    <internet-gateway name=\"igw" + std::to_string(v) + "\"/>\n";
    const std::string peer_route =
        peered ? "<route destination=\"10." + std::to_string(1 - v) + ".0.0/16\" target=\"pcx\"/>"
               : "";
    // Route tables: public (IGW), private (NAT gateway or instance), isolated.
    std::vector<std::string> tables = {"rt-iso"};
    xml += "    <route-table name=\"rt-iso\">" + (chance(0.5) ? peer_route : std::string()) +
           "</route-table>\n";
    if (igw) {
      tables.push_back("rt-pub");
      xml += "    <route-table name=\"rt-pub\"><route destination=\"0.0.0.0/0\" target=\"igw" +
             std::to_string(v) + "\"/>" + peer_route + "</route-table>\n";
      std::string target = nat_instance ? "natbox" + std::to_string(v) : "nat" + std::to_string(v);
      tables.push_back("rt-priv");
      xml += "    <route-table name=\"rt-priv\"><route destination=\"0.0.0.0/0\" target=\"" +
             target + "\"/>" + peer_route +
             (chance(0.5) ? "<route destination=\"" + one_of(internet_hosts_) +
                                "/32\" target=\"blackhole\"/>"
                          : std::string()) +
             "</route-table>\n";
    }
    for (int s = 0; s < subnets; ++s) {
      // Subnet 0 holds the NAT gateway: it must route to the IGW.
      std::string table = s == 0 && igw ? "rt-pub" : one_of(tables);
      std::string nacl = chance(0.4) ? " nacl=\"acl" + std::to_string(pick(0, 1)) + "\"" : "";
      if (s == 0) nacl = "";
      xml += "    <subnet name=\"s" + std::to_string(s) + "\" cidr=\"" + prefix +
             std::to_string(s + 1) + ".0/24\" route-table=\"" + table + "\"" + nacl + "/>\n";
    }
    for (int a = 0; a < 2; ++a) xml += nacl_xml("acl" + std::to_string(a), cidrs);
    for (int g = 0; g < 3; ++g) xml += group_xml("g" + std::to_string(g), cidrs);
    if (igw) {
      xml += "    <nat-gateway name=\"nat" + std::to_string(v) + "\" subnet=\"s0\" ip=\"" + prefix +
             "1.250\" elastic-ip=\"203.0.113." + std::to_string(200 + v) + "\"/>\n";
    }
    int eip = 0;
    for (const Instance& i : instances) {
      xml += "    <instance name=\"" + i.name + "\" subnet=\"s" + std::to_string(i.subnet) +
             "\" ip=\"" + i.ip + "\"";
      if (i.eip) xml += " elastic-ip=\"203.0.113." + std::to_string(v * 100 + ++eip) + "\"";
      if (!i.groups.empty()) xml += " security-groups=\"" + i.groups + "\"";
      if (i.nat_instance) xml += " source-dest-check=\"false\"";
      xml += ">" + i.ports + (i.nat_instance ? "<masquerade/>" : "") + "</instance>\n";
    }
    return xml + "  </vpc>\n";
  }

  std::string ports_attr(const std::string& proto) {
    if (proto != "tcp") return "";
    return " ports=\"" +
           one_of<std::string>({"22", "80", "443", "8080", "1024-65535", "32768-65535", "1-1023"}) +
           "\"";
  }

  std::string nacl_xml(const std::string& name, const std::vector<std::string>& cidrs) {
    std::string xml = "    <nacl name=\"" + name + "\">\n";
    for (const char* dir : {"inbound", "outbound"}) {
      const int rules = pick(1, 4);
      for (int r = 0; r < rules; ++r) {
        std::string proto = one_of<std::string>({"all", "tcp", "tcp", "icmp"});
        xml += "      <rule number=\"" + std::to_string(100 + 10 * r) + "\" direction=\"" + dir +
               "\" action=\"" + (chance(0.75) ? "allow" : "deny") + "\" protocol=\"" + proto +
               "\"" + ports_attr(proto) + " cidr=\"" + one_of(cidrs) + "\"/>\n";
      }
    }
    return xml + "    </nacl>\n";
  }

  std::string group_xml(const std::string& name, const std::vector<std::string>& cidrs) {
    std::string xml = "    <security-group name=\"" + name + "\">\n";
    const int rules = pick(1, 4);
    for (int r = 0; r < rules; ++r) {
      std::string proto = one_of<std::string>({"all", "tcp", "tcp", "icmp"});
      bool inbound = chance(0.75);
      std::string peer = chance(0.3) ? std::string(inbound ? "source-group" : "destination-group") +
                                           "=\"g" + std::to_string(pick(0, 2)) + "\""
                                     : std::string(inbound ? "source" : "destination") + "=\"" +
                                           one_of(cidrs) + "\"";
      xml += std::string("      <") + (inbound ? "inbound" : "outbound") + " protocol=\"" + proto +
             "\"" + ports_attr(proto) + " " + peer + "/>\n";
    }
    return xml + "    </security-group>\n";
  }

  std::mt19937_64 rng_;
  std::vector<std::string> internet_hosts_;
};

}  // namespace

std::string random_vpc_plan(uint64_t seed) { return PlanWriter(seed).write(); }

}  // namespace vpcsim::test
