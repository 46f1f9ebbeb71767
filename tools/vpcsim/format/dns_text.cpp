#include "tools/vpcsim/format/dns_text.hpp"

#include "tools/vpcsim/format/probe_json.hpp"

namespace vpcsim::cli {
namespace {

// dig's columns: tab stops every 8, the owner padded to column 24, then TTL,
// class and type each to the next stop (BIND's default master-file style).
size_t visual(const std::string& s) {
  size_t col = 0;
  for (char c : s) col = c == '\t' ? (col / 8 + 1) * 8 : col + 1;
  return col;
}

void tab_to(std::string& line, size_t column) {
  do {
    line += '\t';
  } while (visual(line) < column);
}

std::string record_line(const sim::DnsRecord& r) {
  std::string line = r.name;
  tab_to(line, 24);
  line += std::to_string(r.ttl);
  tab_to(line, 32);
  line += "IN";
  tab_to(line, 40);
  line += sim::dns_type_name(r.type);
  tab_to(line, 48);
  return line + r.rdata_text() + "\n";
}

std::string flags_of(const sim::DnsMessage& m) {
  std::string f = m.response ? "qr" : "";
  auto add = [&](bool on, const char* name) {
    if (!on) return;
    if (!f.empty()) f += ' ';
    f += name;
  };
  add(m.authoritative, "aa");
  add(m.recursion_desired, "rd");
  add(m.recursion_available, "ra");
  return f;
}

std::string shown_name(const std::string& absolute) {
  return absolute.size() > 1 && absolute.back() == '.' ? absolute.substr(0, absolute.size() - 1)
                                                       : absolute;
}

nlohmann::ordered_json records_json(const std::vector<sim::DnsRecord>& records) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const sim::DnsRecord& r : records) {
    out.push_back({{"name", r.name},
                   {"ttl", r.ttl},
                   {"type", sim::dns_type_name(r.type)},
                   {"data", r.rdata_text()}});
  }
  return out;
}

}  // namespace

std::string dns_status(const sim::DnsQueryResult& r) {
  switch (r.verdict) {
    case sim::DnsVerdict::Answered:
      return sim::dns_rcode_name(r.response->rcode);
    case sim::DnsVerdict::Refused:
      return "refused";
    case sim::DnsVerdict::Unreachable:
      return "unreachable";
    case sim::DnsVerdict::Timeout:
      return "timeout";
  }
  return "timeout";
}

std::string dig_text(const sim::DnsQueryResult& r, const DigOptions& options) {
  if (options.short_form) {
    std::string out;
    if (r.response) {
      for (const sim::DnsRecord& a : r.response->answers) out += a.rdata_text() + "\n";
    } else {
      out += ";; connection timed out; no servers could be reached\n";
    }
    return out;
  }
  std::string type = sim::dns_type_name(r.qtype);
  std::string out = "\n; <<>> DiG 9.18-vpcsim <<>> ";
  if (!options.server_arg.empty()) out += options.server_arg + " ";
  out += shown_name(r.question) + (r.qtype == sim::dns_type::kA ? "" : " " + type) + "\n";
  if (!options.server_arg.empty()) out += "; (1 server found)\n";
  out += ";; global options: +cmd\n";
  std::string server = r.server.str() + "#53";
  if (!r.response) {
    if (r.verdict == sim::DnsVerdict::Refused) {
      out += ";; communications error to " + server + ": connection refused\n";
    } else if (r.verdict == sim::DnsVerdict::Unreachable) {
      out += ";; communications error to " + server + ": host unreachable\n";
    }
    out += ";; connection timed out; no servers could be reached\n";
    return out;
  }
  const sim::DnsMessage& m = *r.response;
  out += ";; Got answer:\n";
  out += ";; ->>HEADER<<- opcode: QUERY, status: " + sim::dns_rcode_name(m.rcode) +
         ", id: " + std::to_string(m.id) + "\n";
  out += ";; flags: " + flags_of(m) + "; QUERY: 1, ANSWER: " + std::to_string(m.answers.size()) +
         ", AUTHORITY: " + std::to_string(m.authority.size()) + ", ADDITIONAL: 0\n\n";
  std::string question = ";" + m.question;
  tab_to(question, 32);
  question += "IN";
  tab_to(question, 40);
  out += ";; QUESTION SECTION:\n" + question + type + "\n\n";
  if (!m.answers.empty()) {
    out += ";; ANSWER SECTION:\n";
    for (const sim::DnsRecord& a : m.answers) out += record_line(a);
    out += "\n";
  }
  if (!m.authority.empty()) {
    out += ";; AUTHORITY SECTION:\n";
    for (const sim::DnsRecord& a : m.authority) out += record_line(a);
    out += "\n";
  }
  out += ";; Query time: " + std::to_string(r.rtt.ns / 1'000'000) + " msec\n";
  out += ";; SERVER: " + server + "(" + r.server.str() + ") (UDP)\n";
  out += ";; MSG SIZE  rcvd: " + std::to_string(sim::wire_bytes(m).size()) + "\n\n";
  return out;
}

std::string nslookup_text(const sim::DnsQueryResult& r) {
  if (!r.response) return ";; connection timed out; no servers could be reached\n\n";
  std::string out = "Server:\t\t" + r.server.str() + "\nAddress:\t" + r.server.str() + "#53\n\n";
  const sim::DnsMessage& m = *r.response;
  std::string name = shown_name(r.question);
  if (m.rcode == sim::dns_rcode::kNxDomain) {
    return out + "** server can't find " + name + ": NXDOMAIN\n\n";
  }
  if (m.rcode != sim::dns_rcode::kNoError) {
    return out + "** server can't find " + name + ": " + sim::dns_rcode_name(m.rcode) + "\n\n";
  }
  if (r.records().empty()) {
    for (const sim::DnsRecord& a : m.answers) {
      if (a.type == sim::dns_type::kCname) {
        out += shown_name(a.name) + "\tcanonical name = " + a.target + "\n";
      }
    }
    return out + "*** Can't find " + name + ": No answer\n\n";
  }
  if (!m.authoritative) out += "Non-authoritative answer:\n";
  for (const sim::DnsRecord& a : m.answers) {
    if (a.type == sim::dns_type::kCname) {
      out += shown_name(a.name) + "\tcanonical name = " + a.target + "\n";
    } else if (a.type == sim::dns_type::kA) {
      out += "Name:\t" + shown_name(a.name) + "\nAddress: " + a.a.str() + "\n";
    }
  }
  return out + "\n";
}

std::string dns_why(const sim::ProbeReason& reason) {
  switch (reason.reason) {
    case sim::DropReason::DnsNxdomain:
    case sim::DropReason::DnsNodata:
    case sim::DropReason::DnsCnameLoop:
      if (!reason.object.empty()) return "the " + reason.object + " answered: " + reason.detail;
      return reason.detail;
    case sim::DropReason::DnsNoResolver:
    case sim::DropReason::DnsTimeout:
      return reason.detail;
    default:
      return reason.sentence();
  }
}

nlohmann::ordered_json dig_json(const sim::DnsQueryResult& r) {
  nlohmann::ordered_json j;
  j["question"] = r.question;
  j["type"] = sim::dns_type_name(r.qtype);
  j["server"] = r.server.str();
  j["source"] = r.src.str();
  j["source_port"] = r.src_port;
  j["status"] = dns_status(r);
  if (r.response) {
    j["id"] = r.response->id;
    j["flags"] = flags_of(*r.response);
    j["answers"] = records_json(r.response->answers);
    j["authority"] = records_json(r.response->authority);
    j["query_time_ns"] = r.rtt.ns;
  } else {
    j["id"] = nullptr;
    j["flags"] = nullptr;
    j["answers"] = nlohmann::ordered_json::array();
    j["authority"] = nlohmann::ordered_json::array();
    j["query_time_ns"] = nullptr;
  }
  j["reason"] = reason_json(r.reason);
  return j;
}

}  // namespace vpcsim::cli
