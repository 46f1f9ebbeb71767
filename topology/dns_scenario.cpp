#include "topology/dns_scenario.hpp"

#include "sim/services/dns_message.hpp"
#include "topology/dns_loader.hpp"

namespace vpcsim::topo {

const std::vector<std::string>& dns_reason_codes() {
  static const std::vector<std::string> kCodes = {"nxdomain", "nodata", "cname-loop", "no-resolver",
                                                  "dns-timeout"};
  return kCodes;
}

void read_dig_probe(xml::XmlReader& reader, Diagnostics& diags, xml::El& el, ProbeSpec& p) {
  if (reader.attr(el, "to")) {
    diags.error(el.loc, "attribute-not-applicable",
                el.ctx +
                    ": 'to' does not apply to a dig probe (name= is what is looked up; "
                    "server= the DNS server asked)");
    el.ok = false;
  }
  auto name = reader.get(el, "name", true,
                         [](std::string_view v, xml::Bad& bad) -> std::optional<std::string> {
                           if (auto problem = dns_name_problem(v, false)) {
                             bad = {"bad-dns-name", "is not a domain name: it " + *problem};
                             return std::nullopt;
                           }
                           return std::string(v);
                         });
  if (name) p.dns_name = *name;
  auto type = reader.get(
      el, "record-type", false, [](std::string_view v, xml::Bad& bad) -> std::optional<uint16_t> {
        auto t = sim::dns_type_of(v);
        if (!t || *t == sim::dns_type::kSoa) {
          bad = {"bad-record-type", "is not a record type (valid: A, CNAME, SRV)"};
          return std::nullopt;
        }
        return t;
      });
  if (type) p.record_type = *type;
  if (auto server = reader.attr(el, "server")) p.dns_server = std::string(*server);
  if (auto answer = reader.attr(el, "answer")) {
    std::vector<std::string> items;
    std::string item;
    for (char c : *answer) {
      if (c == ',') {
        items.push_back(item);
        item.clear();
      } else {
        item += c;
      }
    }
    items.push_back(item);
    for (std::string& i : items) {
      while (!i.empty() && i.front() == ' ') i.erase(i.begin());
      while (!i.empty() && i.back() == ' ') i.pop_back();
      if (i.ends_with('.')) i.pop_back();
    }
    p.answer = items;
    auto expect = reader.attr(el, "expect");
    if (expect && *expect != "noerror") {
      diags.error(el.loc, "impossible-expectation",
                  el.ctx + ": answer cannot hold with expect=\"" + std::string(*expect) +
                      "\" (only a noerror answer has records)");
      el.ok = false;
    }
  }
}

}  // namespace vpcsim::topo
