#include "sim/services/dns_message.hpp"

#include <cctype>
#include <map>

namespace vpcsim::sim {
namespace {

constexpr uint16_t kClassIn = 1;

// Writes names with RFC 1035 section 4.1.4 compression: a suffix already
// written is replaced by a pointer to it, as real servers do.
class Writer {
 public:
  std::vector<uint8_t> out;

  void u8(uint8_t v) { out.push_back(v); }
  void u16(uint16_t v) {
    out.push_back(uint8_t(v >> 8));
    out.push_back(uint8_t(v));
  }
  void u32(uint32_t v) {
    u16(uint16_t(v >> 16));
    u16(uint16_t(v));
  }
  void name(std::string_view n) {
    if (!n.empty() && n.back() == '.') n.remove_suffix(1);
    while (!n.empty()) {
      auto known = offsets_.find(std::string(n));
      if (known != offsets_.end()) {
        u16(uint16_t(0xC000 | known->second));
        return;
      }
      if (out.size() < 0x3FFF) offsets_.emplace(std::string(n), uint16_t(out.size()));
      size_t dot = n.find('.');
      std::string_view label = n.substr(0, dot);
      u8(uint8_t(label.size()));
      out.insert(out.end(), label.begin(), label.end());
      n = dot == std::string_view::npos ? std::string_view{} : n.substr(dot + 1);
    }
    u8(0);
  }
  void record(const DnsRecord& r) {
    name(r.name);
    u16(r.type);
    u16(kClassIn);
    u32(r.ttl);
    size_t length_at = out.size();
    u16(0);  // RDLENGTH, patched below
    switch (r.type) {
      case dns_type::kA:
        u32(r.a.v);
        break;
      case dns_type::kCname:
        name(r.target);
        break;
      case dns_type::kSrv:
        u16(r.srv.priority);
        u16(r.srv.weight);
        u16(r.srv.port);
        name(r.srv.target);
        break;
      case dns_type::kSoa:
        name(r.soa.mname);
        name(r.soa.rname);
        for (uint32_t v : {r.soa.serial, r.soa.refresh, r.soa.retry, r.soa.expire, r.soa.minimum}) {
          u32(v);
        }
        break;
      default:
        break;
    }
    size_t length = out.size() - length_at - 2;
    out[length_at] = uint8_t(length >> 8);
    out[length_at + 1] = uint8_t(length);
  }

 private:
  std::map<std::string, uint16_t> offsets_;
};

class Reader {
 public:
  explicit Reader(const std::vector<uint8_t>& b) : b_(b) {}
  bool ok = true;

  uint8_t u8() {
    if (pos_ >= b_.size()) return fail();
    return b_[pos_++];
  }
  uint16_t u16() { return uint16_t((u8() << 8) | u8()); }
  uint32_t u32() { return (uint32_t(u16()) << 16) | u16(); }
  std::string name() {
    std::string n;
    size_t at = pos_;
    bool jumped = false;
    for (int guard = 0; guard < 128; ++guard) {
      if (at >= b_.size()) return fail(), n;
      uint8_t len = b_[at];
      if ((len & 0xC0) == 0xC0) {
        if (at + 1 >= b_.size()) return fail(), n;
        if (!jumped) pos_ = at + 2;
        jumped = true;
        at = size_t((len & 0x3F) << 8 | b_[at + 1]);
        continue;
      }
      if (len == 0) {
        if (!jumped) pos_ = at + 1;
        return n.empty() ? "." : n;
      }
      if (at + 1 + len > b_.size()) return fail(), n;
      n.append(reinterpret_cast<const char*>(&b_[at + 1]), len);
      n += '.';
      at += 1 + len;
    }
    fail();
    return n;
  }
  DnsRecord record() {
    DnsRecord r;
    r.name = name();
    r.type = u16();
    (void)u16();
    r.ttl = u32();
    uint16_t length = u16();
    size_t end = pos_ + length;
    switch (r.type) {
      case dns_type::kA:
        r.a.v = u32();
        break;
      case dns_type::kCname:
        r.target = name();
        break;
      case dns_type::kSrv:
        r.srv.priority = u16();
        r.srv.weight = u16();
        r.srv.port = u16();
        r.srv.target = name();
        break;
      case dns_type::kSoa:
        r.soa.mname = name();
        r.soa.rname = name();
        r.soa.serial = u32();
        r.soa.refresh = u32();
        r.soa.retry = u32();
        r.soa.expire = u32();
        r.soa.minimum = u32();
        break;
      default:
        break;
    }
    if (pos_ != end) fail();
    pos_ = end;
    return r;
  }

 private:
  uint8_t fail() {
    ok = false;
    pos_ = b_.size();
    return 0;
  }
  const std::vector<uint8_t>& b_;
  size_t pos_ = 0;
};

}  // namespace

std::string dns_type_name(uint16_t type) {
  switch (type) {
    case dns_type::kA:
      return "A";
    case dns_type::kCname:
      return "CNAME";
    case dns_type::kSoa:
      return "SOA";
    case dns_type::kSrv:
      return "SRV";
  }
  return "TYPE" + std::to_string(type);
}

std::optional<uint16_t> dns_type_of(std::string_view name) {
  std::string upper;
  for (char c : name) upper += char(std::toupper(static_cast<unsigned char>(c)));
  for (uint16_t t : {dns_type::kA, dns_type::kCname, dns_type::kSoa, dns_type::kSrv}) {
    if (dns_type_name(t) == upper) return t;
  }
  return std::nullopt;
}

std::string dns_rcode_name(uint8_t rcode) {
  switch (rcode) {
    case dns_rcode::kNoError:
      return "NOERROR";
    case dns_rcode::kServFail:
      return "SERVFAIL";
    case dns_rcode::kNxDomain:
      return "NXDOMAIN";
  }
  return "RCODE" + std::to_string(rcode);
}

std::string DnsRecord::rdata_text() const {
  switch (type) {
    case dns_type::kA:
      return a.str();
    case dns_type::kCname:
      return target;
    case dns_type::kSrv:
      return std::to_string(srv.priority) + " " + std::to_string(srv.weight) + " " +
             std::to_string(srv.port) + " " + srv.target;
    case dns_type::kSoa:
      return soa.mname + " " + soa.rname + " " + std::to_string(soa.serial) + " " +
             std::to_string(soa.refresh) + " " + std::to_string(soa.retry) + " " +
             std::to_string(soa.expire) + " " + std::to_string(soa.minimum);
  }
  return "";
}

std::string dns_absolute(std::string_view name) {
  std::string s;
  s.reserve(name.size() + 1);
  for (char c : name) s += char(std::tolower(static_cast<unsigned char>(c)));
  if (s.empty() || s.back() != '.') s += '.';
  return s;
}

std::vector<uint8_t> wire_bytes(const DnsMessage& m) {
  Writer w;
  w.u16(m.id);
  uint16_t flags = 0;
  if (m.response) flags |= 0x8000;
  if (m.authoritative) flags |= 0x0400;
  if (m.recursion_desired) flags |= 0x0100;
  if (m.recursion_available) flags |= 0x0080;
  flags |= m.rcode & 0x0F;
  w.u16(flags);
  w.u16(1);  // QDCOUNT
  w.u16(uint16_t(m.answers.size()));
  w.u16(uint16_t(m.authority.size()));
  w.u16(0);  // ARCOUNT
  w.name(m.question);
  w.u16(m.qtype);
  w.u16(kClassIn);
  for (const DnsRecord& r : m.answers) w.record(r);
  for (const DnsRecord& r : m.authority) w.record(r);
  return std::move(w.out);
}

std::optional<DnsMessage> parse_dns(const std::vector<uint8_t>& bytes) {
  Reader r(bytes);
  DnsMessage m;
  m.id = r.u16();
  uint16_t flags = r.u16();
  m.response = flags & 0x8000;
  m.authoritative = flags & 0x0400;
  m.recursion_desired = flags & 0x0100;
  m.recursion_available = flags & 0x0080;
  m.rcode = uint8_t(flags & 0x0F);
  uint16_t qd = r.u16(), an = r.u16(), ns = r.u16();
  (void)r.u16();
  if (qd != 1) return std::nullopt;
  m.question = r.name();
  m.qtype = r.u16();
  (void)r.u16();
  for (uint16_t i = 0; i < an && r.ok; ++i) m.answers.push_back(r.record());
  for (uint16_t i = 0; i < ns && r.ok; ++i) m.authority.push_back(r.record());
  if (!r.ok) return std::nullopt;
  return m;
}

}  // namespace vpcsim::sim
