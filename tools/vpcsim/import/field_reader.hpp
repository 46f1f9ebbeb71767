#pragma once
// FieldReader: typed reads of JSON values for one input file, reporting values of
// the wrong type or shape with their JSON path and the object they belong to.
// Also the AWS rule vocabulary both importers share: IP protocol names and
// numbers ("-1", "6", "tcp"...) and port ranges, with what vpcsim cannot model
// (other protocols, ICMP type filters) reported rather than dropped.
#include <optional>
#include <string>

#include "sim/net/ipv4_addr.hpp"
#include "sim/net/prefix.hpp"
#include "tools/vpcsim/import/aws_model.hpp"
#include "tools/vpcsim/import/import_log.hpp"
#include "tools/vpcsim/import/json_node.hpp"

namespace vpcsim::importer {

// An AWS IpProtocol / NACL Protocol value.
struct IpProtocol {
  enum Kind { All, Tcp, Udp, Icmp, Icmpv6, Other } kind = All;
  std::string text;  // as written, for messages
};

class FieldReader {
 public:
  FieldReader(ImportLog& log, std::string file) : log_(log), file_(std::move(file)) {}

  [[nodiscard]] const std::string& file() const { return file_; }
  // The AWS id or Terraform address messages are about, until the next call.
  void set_subject(std::string subject) { subject_ = std::move(subject); }
  [[nodiscard]] const std::string& subject() const { return subject_; }
  [[nodiscard]] Origin origin(const JsonNode& object) const {
    return Origin{file_, object.path(), subject_};
  }

  // Each returns the value, or nullopt after reporting an error when it is required
  // and missing or present with the wrong type (an optional missing value is silent).
  std::optional<std::string> string(const JsonNode& n, bool required);
  std::optional<bool> boolean(const JsonNode& n, bool required);
  std::optional<int64_t> integer(const JsonNode& n, bool required);
  // An IPv4 CIDR; host bits set are cleared with a warning (AWS does the same).
  std::optional<sim::Prefix> cidr(const JsonNode& n, bool required);
  std::optional<sim::Ipv4Addr> ip(const JsonNode& n, bool required);
  std::optional<IpProtocol> protocol(const JsonNode& n, bool required);
  // `n` itself when it is an array or missing (an empty list); an error when it
  // is something else, and then a missing node, so that loops over it do nothing.
  JsonNode list(const JsonNode& n);
  // An optional integer: nullopt when missing; `ok` false (after an error) when
  // present and not an integer, so the caller can skip what depends on it.
  std::optional<int64_t> optional_integer(const JsonNode& n, bool& ok);

  void warn(const JsonNode& n, std::string message, std::string code);
  void error(const JsonNode& n, std::string message, std::string code);
  [[nodiscard]] ImportLog& log() { return log_; }

 private:
  bool check_present(const JsonNode& n, bool required, const char* expected);
  ImportLog& log_;
  std::string file_;
  std::string subject_;
};

// The rule's protocol in vpcsim terms: nullopt (after a warning at `at`) for what
// vpcsim cannot model. `ports_from`/`ports_to` give the port range for tcp/udp
// (AWS uses -1 or 0-65535 for "all"); for ICMP they are the type and code, and a
// rule limited to one type is widened to all ICMP with a warning.
struct RuleProtocol {
  topo::Protocol protocol = topo::Protocol::All;
  topo::PortRange ports;
};
std::optional<RuleProtocol> rule_protocol(FieldReader& fields, const JsonNode& at,
                                          const IpProtocol& protocol, std::optional<int64_t> from,
                                          std::optional<int64_t> to, const std::string& what);

}  // namespace vpcsim::importer
