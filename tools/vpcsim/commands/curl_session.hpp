#pragma once
// Runs what `vpcsim curl` and a scenario's <probe type="curl"> ask: the URL's
// host resolved as the source would (an address; a node name, split horizon;
// else a DNS lookup over the simulation, through the source's resolver), one
// HTTP request, and with `follow` (-L) the redirects after it (at most 10).
// `after_run` is called after every simulated run (the DNS lookups and each
// request), before the next one clears the journey: --explain and --pcap use it.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/simulation.hpp"
#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/format/curl_text.hpp"

namespace vpcsim::cli {

struct CurlRequest {
  std::string url;
  std::optional<std::string> host_header;  // -H 'Host: …'
  bool follow = false;                     // -L
  bool fail_on_error = false;              // -f
  sim::Duration timeout{30'000'000'000};   // -m
};

// The Host header of -H 'Host: NAME' options (the one header that changes what
// the simulation does: the load balancer's rules read it); the last one wins.
// Throws UsageError for any other header or an empty value.
[[nodiscard]] std::optional<std::string> parse_host_header(const std::vector<std::string>& headers);

// What a run was, for `after_run`: "DNS lookup of api.example.net", "request 1 …".
using AfterRun = std::function<void(const std::string& title)>;

// Throws UsageError for a URL curl would reject (curl's exit 3 is usage here).
[[nodiscard]] CurlSession run_curl(sim::Simulation& sim, const topo::TopologySpec& spec,
                                   const topo::LoweredTopology& lowered, const topo::Endpoint& from,
                                   const CurlRequest& request, const AfterRun& after_run = {});

}  // namespace vpcsim::cli
