#include "sim/services/dns_view.hpp"

#include <algorithm>
#include <set>

namespace vpcsim::sim {
namespace {

// A chain longer than this is treated as a loop, as resolvers cap it (BIND: 16).
constexpr int kMaxChain = 16;

bool is_within(const std::string& name, const std::string& zone) {
  if (name == zone) return true;
  return name.size() > zone.size() && name.ends_with(zone) &&
         name[name.size() - zone.size() - 1] == '.';
}

std::string parent_of(const std::string& name) {
  size_t dot = name.find('.');
  return dot == std::string::npos || dot + 1 >= name.size() ? "." : name.substr(dot + 1);
}

std::string shown(const std::string& name) {
  return name.size() > 1 && name.back() == '.' ? name.substr(0, name.size() - 1) : name;
}

}  // namespace

DnsRecord route53_soa(const std::string& zone) {
  DnsRecord soa;
  soa.name = zone;
  soa.type = dns_type::kSoa;
  soa.ttl = 900;
  soa.soa = DnsSoa{"ns-1536.awsdns-00.co.uk.", "awsdns-hostmaster.amazon.com."};
  return soa;
}

void DnsView::add_zone(DnsZone zone) {
  for (DnsZone& z : zones_) {
    if (z.name == zone.name) {
      z = std::move(zone);
      return;
    }
  }
  zones_.push_back(std::move(zone));
}

const DnsZone* DnsView::zone_for(const std::string& name) const {
  const DnsZone* best = nullptr;
  for (const DnsZone& z : zones_) {
    if (is_within(name, z.name) && (!best || z.name.size() > best->name.size())) best = &z;
  }
  return best;
}

DnsLookup DnsView::lookup(const std::string& asked, uint16_t qtype) const {
  DnsLookup out;
  std::string name = dns_absolute(asked);
  std::set<std::string> seen{name};
  for (int depth = 0;; ++depth) {
    const DnsZone* zone = zone_for(name);
    if (!zone) {
      out.rcode = dns_rcode::kNxDomain;
      out.failure = DropReason::DnsNxdomain;
      out.failure_detail = "no zone of this topology holds " + shown(name);
      out.steps.push_back(out.failure_detail + ": NXDOMAIN");
      return out;
    }
    // The records at `name`: its own, else those of the closest wildcard.
    std::vector<const DnsRecord*> rrset;
    std::string matched;
    for (const DnsRecord& r : zone->records) {
      if (r.name == name) rrset.push_back(&r);
    }
    bool exists = !rrset.empty();
    if (!exists) {
      for (const DnsRecord& r : zone->records) {
        if (r.name.size() > name.size() && is_within(r.name, name)) exists = true;
      }
    }
    if (!exists && name != zone->name) {
      // RFC 4592: the wildcard of the closest existing ancestor, if it has one.
      for (std::string a = parent_of(name); is_within(a, zone->name); a = parent_of(a)) {
        std::string wild = "*." + (a == "." ? std::string() : a);
        for (const DnsRecord& r : zone->records) {
          if (r.name == wild) rrset.push_back(&r);
        }
        if (!rrset.empty()) {
          matched = wild;
          break;
        }
        bool a_exists = a == zone->name;
        for (const DnsRecord& r : zone->records) {
          if (is_within(r.name, a) && !r.name.starts_with("*.")) a_exists = true;
        }
        if (a_exists) break;
      }
    }
    if (rrset.empty() && !exists && name != zone->name) {
      out.rcode = dns_rcode::kNxDomain;
      out.authority.push_back(route53_soa(zone->name));
      out.failure = DropReason::DnsNxdomain;
      out.failure_detail = "no record named " + shown(name) + " in " + zone->label;
      out.steps.push_back(out.failure_detail + " (and no wildcard covers it): NXDOMAIN");
      return out;
    }
    std::string via = matched.empty() ? "" : " (wildcard " + shown(matched) + ")";
    const DnsRecord* cname = nullptr;
    for (const DnsRecord* r : rrset) {
      if (r->type == dns_type::kCname) cname = r;
    }
    if (cname && qtype != dns_type::kCname) {
      DnsRecord rec = *cname;
      rec.name = name;
      out.answers.push_back(rec);
      out.steps.push_back(shown(name) + " is an alias (CNAME) of " + shown(rec.target) + " in " +
                          zone->label + via + ": following it");
      std::string next = dns_absolute(rec.target);
      if (!seen.insert(next).second || depth + 1 >= kMaxChain) {
        // A resolver answers SERVFAIL with no records, not the partial chain.
        out.answers.clear();
        out.rcode = dns_rcode::kServFail;
        out.failure = DropReason::DnsCnameLoop;
        out.failure_detail =
            "CNAME loop: " + shown(next) + " leads back to a name already followed";
        out.steps.push_back(out.failure_detail + ": SERVFAIL");
        return out;
      }
      name = next;
      continue;
    }
    size_t before = out.answers.size();
    for (const DnsRecord* r : rrset) {
      if (r->type != qtype) continue;
      DnsRecord rec = *r;
      rec.name = name;
      out.answers.push_back(rec);
    }
    size_t found = out.answers.size() - before;
    if (found == 0) {
      out.authority.push_back(route53_soa(zone->name));
      out.failure = DropReason::DnsNodata;
      out.failure_detail = shown(name) + " exists in " + zone->label + " but has no " +
                           dns_type_name(qtype) + " record";
      out.steps.push_back(out.failure_detail + ": NOERROR with no answer (NODATA)");
      return out;
    }
    std::string list;
    for (size_t i = before; i < out.answers.size(); ++i) {
      list += (i == before ? "" : ", ") + out.answers[i].rdata_text();
    }
    out.steps.push_back(shown(name) + " " + dns_type_name(qtype) + " " + list + " from " +
                        zone->label + via);
    return out;
  }
}

}  // namespace vpcsim::sim
