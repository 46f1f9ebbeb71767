#pragma once
// ImportOptions: what the user adds to an import that AWS does not know about.
// - Listeners: AWS has no notion of a process listening on a port, and vpcsim
//   needs one to answer a connection. An instance tagged `vpcsim:listen` (value
//   "22,80", "tcp/22 udp/53" or "none") listens on those ports; the others on the
//   ports of --listen (none by default).
// - Internet hosts: AWS has none; `--internet-host NAME=IP[:PORTS]` adds one to
//   <internet>, optionally listening on PORTS (same syntax as the tag).
// - Public addresses AWS assigns at apply time (a plan cannot know them) are
//   taken in order from --public-pool (default 203.0.113.0/24, TEST-NET-3).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/program_options.hpp>

#include "sim/net/ipv4_addr.hpp"
#include "sim/net/prefix.hpp"
#include "topology/spec.hpp"

namespace vpcsim::importer {

struct InternetHostOption {
  std::string name;
  sim::Ipv4Addr ip;
  std::vector<topo::ListenSpec> listens;
};

struct ImportOptions {
  std::string topology_name;  // empty: derived from the input's file name
  std::vector<InternetHostOption> internet_hosts;
  std::vector<topo::ListenSpec> default_listens;
  sim::Prefix public_pool{sim::Ipv4Addr{(203u << 24) | (0u << 16) | (113u << 8)}, 24};
};

// The tag an instance's listeners are read from.
inline constexpr std::string_view kListenTag = "vpcsim:listen";

// "22,80", "tcp/22, udp/53", "22 8080" or "none" (no listener). On a bad item,
// returns nullopt and sets `error` to a sentence about it.
[[nodiscard]] std::optional<std::vector<topo::ListenSpec>> parse_listen_list(std::string_view text,
                                                                             std::string& error);
// "client=198.51.100.10" or "repo=198.51.100.80:80,443".
[[nodiscard]] std::optional<InternetHostOption> parse_internet_host(std::string_view text,
                                                                    std::string& error);

// The options above as boost options, for `import` and for `reach --import`, and
// the ImportOptions they give (throws std::invalid_argument with a message that
// names the bad value).
void add_import_options(boost::program_options::options_description& options);
[[nodiscard]] ImportOptions import_options_from(const boost::program_options::variables_map& vm);

}  // namespace vpcsim::importer
