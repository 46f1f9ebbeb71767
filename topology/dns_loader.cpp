#include "topology/dns_loader.hpp"

#include <charconv>

namespace vpcsim::topo {
namespace {

using xml::Bad;
using xml::El;

std::string q(std::string_view s) { return "'" + std::string(s) + "'"; }

std::optional<uint32_t> parse_ttl(std::string_view v, Bad& bad) {
  // Route 53 accepts 0 to 2147483647 seconds.
  auto n = xml::parse_unsigned(v, 2147483647);
  if (!n) {
    bad = {"bad-ttl", "must be a number of seconds from 0 to 2147483647"};
    return std::nullopt;
  }
  return uint32_t(*n);
}

std::optional<uint16_t> parse_u16(std::string_view v) {
  auto n = xml::parse_unsigned(v, 65535);
  if (!n) return std::nullopt;
  return uint16_t(*n);
}

std::vector<std::string_view> split_spaces(std::string_view v) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < v.size()) {
    while (i < v.size() && v[i] == ' ') ++i;
    size_t j = i;
    while (j < v.size() && v[j] != ' ') ++j;
    if (j > i) out.push_back(v.substr(i, j - i));
    i = j;
  }
  return out;
}

// A target name (CNAME, SRV) made absolute: "www" stays relative to nothing:
// targets are written in full, as in Route 53's console ("www.example.net").
std::string absolute(std::string_view name) { return sim::dns_absolute(name); }

}  // namespace

std::optional<std::string> dns_name_problem(std::string_view name, bool wildcard) {
  if (name.ends_with('.')) name.remove_suffix(1);
  if (name.empty()) return "is empty";
  if (name.size() > 253) return "is longer than 253 characters";
  size_t start = 0;
  bool first = true;
  while (start <= name.size()) {
    size_t dot = name.find('.', start);
    std::string_view label =
        name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty()) return "has an empty label (two dots in a row, or a leading dot)";
    if (label.size() > 63) return "has a label longer than 63 characters";
    if (label == "*") {
      if (!wildcard || !first) return "may use '*' only as its whole first label ('*.example.net')";
    } else {
      for (char c : label) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
        if (!ok) return "may only contain letters, digits, '-' and '_' in its labels";
      }
      if (label.front() == '-' || label.back() == '-') {
        return "has a label that starts or ends with '-'";
      }
    }
    first = false;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return std::nullopt;
}

void read_dns_zone(xml::XmlReader& reader, Diagnostics& diags, pugi::xml_node n,
                   std::span<const std::string_view> vocabulary, TopologySpec& topo) {
  El el = reader.open(n, {"name", "private-to"});
  DnsZoneSpec zone;
  zone.loc = el.loc;
  auto raw = reader.need(el, "name");
  if (raw) {
    el.ctx = "dns-zone " + q(*raw);
    if (auto problem = dns_name_problem(*raw, false)) {
      diags.error(el.loc, "bad-dns-name", el.ctx + ": the zone name " + *problem);
      el.ok = false;
    } else {
      zone.name = std::string(raw->ends_with('.') ? raw->substr(0, raw->size() - 1) : *raw);
    }
  } else {
    el.ctx = "<dns-zone>";
  }
  if (auto vpc = reader.get(el, "private-to", false, xml::parse_name)) zone.private_to = *vpc;
  const std::string owner = el.ctx;
  reader.for_children(el, {"record"}, vocabulary, [&](pugi::xml_node c) {
    El r = reader.open(c, {"name", "type", "value", "alias", "ttl"});
    r.ctx = "record of " + owner;
    DnsRecordSpec rec;
    rec.loc = r.loc;
    auto name = reader.need(r, "name");
    if (name) {
      r.ctx = "record " + q(*name) + " of " + owner;
      if (*name != "@") {
        if (auto problem = dns_name_problem(*name, true)) {
          diags.error(r.loc, "bad-dns-name", r.ctx + ": the name " + *problem,
                      {"write the name relative to the zone ('www', '*', '_ssh._tcp.alice'), "
                       "or '@' for the zone apex"});
          r.ok = false;
        }
      }
      rec.name = std::string(*name);
    }
    auto type = reader.need(r, "type");
    if (type) {
      if (auto t = sim::dns_type_of(*type); t && *t != sim::dns_type::kSoa) {
        rec.type = *t;
      } else {
        diags.error(r.loc, "bad-record-type",
                    r.ctx + ": type " + q(*type) + " is not one vpcsim models",
                    {"record types: 'A', 'CNAME', 'SRV'"});
        r.ok = false;
      }
    }
    if (auto ttl = reader.get(r, "ttl", false, parse_ttl)) rec.ttl = *ttl;
    auto value = reader.attr(r, "value");
    auto alias = reader.attr(r, "alias");
    if (alias) {
      Bad bad;
      if (auto a = xml::parse_name(*alias, bad)) {
        rec.alias = *a;
      } else {
        reader.report(r, "alias", *alias, bad);
      }
      if (value) reader.conflict(r, "give either value= or alias=, not both");
      if (type && rec.type != sim::dns_type::kA && r.ok) {
        diags.error(r.loc, "alias-not-a",
                    r.ctx +
                        ": alias= makes an A record (Route 53 alias to a node's address); "
                        "this record is of type " +
                        std::string(*type));
        r.ok = false;
      }
    } else if (!value) {
      (void)reader.need(r, "value", "a record needs value= (or alias=NODE for an A record)");
    }
    if (value && type && r.ok) {
      rec.value = std::string(*value);
      std::string problem;
      if (rec.type == sim::dns_type::kA) {
        if (auto ip = sim::Ipv4Addr::parse(*value)) {
          rec.a = *ip;
        } else {
          problem = "must be an IPv4 address for an A record";
        }
      } else if (rec.type == sim::dns_type::kCname) {
        if (auto p = dns_name_problem(*value, false)) {
          problem = "must be a domain name for a CNAME record: it " + *p;
        } else {
          rec.target = absolute(*value);
        }
      } else {
        auto parts = split_spaces(*value);
        std::optional<uint16_t> prio, weight, port;
        if (parts.size() == 4) {
          prio = parse_u16(parts[0]);
          weight = parse_u16(parts[1]);
          port = parse_u16(parts[2]);
        }
        if (parts.size() != 4 || !prio || !weight || !port) {
          problem = "must be 'PRIORITY WEIGHT PORT TARGET' for an SRV record (numbers 0-65535)";
        } else if (auto p = dns_name_problem(parts[3], false)) {
          problem = "has an SRV target that " + *p;
        } else {
          rec.srv = sim::DnsSrv{*prio, *weight, *port, absolute(parts[3])};
        }
      }
      if (!problem.empty()) {
        diags.error(r.loc, "bad-record-value",
                    r.ctx + ": value " + q(xml::shown(*value)) + " " + problem);
        r.ok = false;
      }
    }
    reader.for_children(r, {}, vocabulary, [](pugi::xml_node) {});
    if (r.ok && name && type) zone.records.push_back(std::move(rec));
  });
  if (el.ok && raw) topo.dns_zones.push_back(std::move(zone));
}

void read_dns_server(xml::XmlReader& reader, Diagnostics& diags, pugi::xml_node n,
                     std::span<const std::string_view> vocabulary, const std::string& owner,
                     Boxed<DnsNodeSpec>& box) {
  El el = reader.open(n, std::initializer_list<std::string_view>{});
  el.ctx = "dns-server of " + owner;
  reader.for_children(el, {}, vocabulary, [](pugi::xml_node) {});
  DnsNodeSpec& dns = box.ensure();
  if (dns.server) {
    diags.error(el.loc, "duplicate-element", owner + ": <dns-server/> may appear only once",
                {"the first is at " + dns.server->str()});
    return;
  }
  dns.server = el.loc;
}

}  // namespace vpcsim::topo

namespace vpcsim::topo {

void read_dns_resolver(xml::XmlReader& reader, xml::El& el, Boxed<DnsNodeSpec>& box) {
  if (!reader.attr(el, "resolver")) return;
  DnsNodeSpec& dns = box.ensure();
  xml::El copy = el;  // a bad resolver= is reported without dropping the host
  if (auto name = reader.attr(el, "name")) copy.ctx = "host '" + std::string(*name) + "'";
  dns.resolver = reader.get(copy, "resolver", false, xml::parse_ip);
  dns.resolver_loc = el.loc;
}

}  // namespace vpcsim::topo
