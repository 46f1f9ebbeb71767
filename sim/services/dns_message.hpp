#pragma once
// DnsMessage: a DNS query or response as the simulator carries it in a UDP
// datagram (see sim/net/app_payload.hpp). The fields are those of RFC 1035's
// header, question and resource records, restricted to the types vpcsim models:
// A, CNAME, SRV and SOA (the SOA of a negative answer's authority section, as
// Route 53 sends it). `wire_bytes` gives the exact bytes a capture shows, with
// name compression as real servers use it.
// Not modelled: EDNS, TCP fallback, DNSSEC, AAAA and other record types.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/net/ipv4_addr.hpp"

namespace vpcsim::sim {

namespace dns_type {
inline constexpr uint16_t kA = 1;
inline constexpr uint16_t kCname = 5;
inline constexpr uint16_t kSoa = 6;
inline constexpr uint16_t kSrv = 33;
}  // namespace dns_type

namespace dns_rcode {
inline constexpr uint8_t kNoError = 0;
inline constexpr uint8_t kServFail = 2;
inline constexpr uint8_t kNxDomain = 3;
}  // namespace dns_rcode

// "A", "CNAME", "SRV", "SOA", or "TYPE<n>" (RFC 3597) for anything else.
[[nodiscard]] std::string dns_type_name(uint16_t type);
// The type named by "A", "cname", "SRV"...; nullopt for an unknown one.
[[nodiscard]] std::optional<uint16_t> dns_type_of(std::string_view name);
// "NOERROR", "NXDOMAIN", "SERVFAIL".
[[nodiscard]] std::string dns_rcode_name(uint8_t rcode);

struct DnsSrv {
  uint16_t priority = 0, weight = 0, port = 0;
  std::string target;  // absolute, with the trailing dot
  bool operator==(const DnsSrv&) const = default;
};

struct DnsSoa {
  std::string mname, rname;  // absolute names
  uint32_t serial = 1, refresh = 7200, retry = 900, expire = 1209600, minimum = 86400;
  bool operator==(const DnsSoa&) const = default;
};

// One resource record. Names are absolute and lower case, with the trailing dot.
struct DnsRecord {
  std::string name;
  uint16_t type = dns_type::kA;
  uint32_t ttl = 300;
  Ipv4Addr a;          // A
  std::string target;  // CNAME
  DnsSrv srv;          // SRV
  DnsSoa soa;          // SOA
  bool operator==(const DnsRecord&) const = default;
  // The RDATA as dig prints it: "10.0.1.10", "www.example.net.", "10 5 22 alice.example.org."
  [[nodiscard]] std::string rdata_text() const;
};

struct DnsMessage {
  uint16_t id = 0;
  bool response = false;
  bool authoritative = false;        // AA
  bool recursion_desired = true;     // RD (dig sets it)
  bool recursion_available = false;  // RA (a resolver sets it)
  uint8_t rcode = dns_rcode::kNoError;
  std::string question;  // the name asked for, absolute with the trailing dot
  uint16_t qtype = dns_type::kA;
  std::vector<DnsRecord> answers;
  std::vector<DnsRecord> authority;
  bool operator==(const DnsMessage&) const = default;
};

// The message in DNS wire format (RFC 1035), as a capture shows it.
[[nodiscard]] std::vector<uint8_t> wire_bytes(const DnsMessage& m);
// Parses what wire_bytes writes (tests check the round trip); nullopt when malformed.
[[nodiscard]] std::optional<DnsMessage> parse_dns(const std::vector<uint8_t>& bytes);

// "www.Example.NET" -> "www.example.net." (lower case, absolute).
[[nodiscard]] std::string dns_absolute(std::string_view name);

}  // namespace vpcsim::sim
