// vpcsim curl FILE FROM URL: one HTTP request (and its redirects with -L) from a
// node, printed as `curl -sS -i` (or -v) prints it, with curl's error lines and
// exit codes; --explain adds the journey of every run (DNS lookup, request:
// both connections when a load balancer is on the way), --json one document.
#include <iostream>

#include "tools/vpcsim/commands/commands.hpp"
#include "tools/vpcsim/commands/curl_session.hpp"
#include "tools/vpcsim/commands/pcap_option.hpp"
#include "tools/vpcsim/format/journey_text.hpp"
#include "tools/vpcsim/format/layers_text.hpp"
#include "tools/vpcsim/format/probe_json.hpp"

namespace vpcsim::cli {

int run_curl(const Args& args) {
  po::options_description visible{"options"};
  po::options_description hidden;
  po::positional_options_description positional;
  po::variables_map vm;
  visible.add_options()("help,h", "show this help")(
      "header,H", po::value<std::vector<std::string>>()->composing(),
      "extra header; only 'Host: NAME' is supported (the load balancer's rules read it)")(
      "location,L", "follow redirects (3XX with Location), as curl -L")(
      "fail,f", "fail with exit code 22 on an HTTP status of 400 or more")(
      "verbose,v", "print the connection and the request and response lines as curl -v")(
      "max-time,m", po::value<double>()->default_value(30), "seconds to wait for the response")(
      "json", "print one JSON document instead of curl's text")(
      "explain", po::value<std::string>()->implicit_value("hops")->value_name("layers"),
      "after the result, print the journey of every run (DNS lookup, each request with both "
      "connections of a load balancer), hop by hop; =layers: the layered view");
  add_pcap_options(visible);
  hidden.add_options()("file", po::value<std::string>()->required(), "topology file")(
      "from", po::value<std::string>()->required(), "source node or address")(
      "url", po::value<std::string>()->required(), "URL");
  positional.add("file", 1).add("from", 1).add("url", 1);
  if (!parse_command_line(
          args, visible, positional, hidden, vm,
          "vpcsim curl FILE FROM URL [-H 'Host: NAME'] [-L] [-f] [-v] [-m SECONDS] [--json] "
          "[--explain[=layers]] [--pcap OUT [--pcap-port DEVICE:PORT]]",
          "  vpcsim curl scenarios/alb-wildcard/topology.xml client https://api.example.net/\n"
          "  vpcsim curl scenarios/alb-wildcard/topology.xml client http://chat.example.net/ -L\n"
          "  vpcsim curl plan.xml client http://web-alb/ -H 'Host: api.example.net' -v\n"
          "  vpcsim curl plan.xml client https://203.0.113.50/ -H 'Host: api.example.net' "
          "--explain\n"
          "  vpcsim curl plan.xml app http://10.0.2.20:8080/health --json\n"
          "  vpcsim curl plan.xml client https://api.example.net/ --pcap api.pcap\n"
          "\nexit codes (as every vpcsim command's): 0 a response came (any status, unless\n"
          "-f), 1 no response (could not connect, timed out, reset) or -f and a status\n"
          ">= 400, 2 the host name does not resolve, bad usage or bad input; the error\n"
          "line gives curl's own code, e.g. 'curl: (7) ...'\n")) {
    return kOk;
  }
  CurlRequest request;
  request.url = vm["url"].as<std::string>();
  if (vm.count("header"))
    request.host_header = parse_host_header(vm["header"].as<std::vector<std::string>>());
  request.follow = vm.count("location") > 0;
  request.fail_on_error = vm.count("fail") > 0;
  double seconds = vm["max-time"].as<double>();
  if (!(seconds > 0 && seconds <= 3600)) throw UsageError("-m SECONDS must be between 0 and 3600");
  request.timeout = sim::Duration{int64_t(seconds * 1e9)};
  const bool json = vm.count("json") > 0, explain = vm.count("explain") > 0;
  bool layers = false;
  if (explain) {
    std::string v = vm["explain"].as<std::string>();
    if (v != "hops" && v != "layers") {
      throw UsageError("--explain takes no value, or =layers (got '" + v + "')");
    }
    layers = v == "layers";
  }

  LoadedTopology topology = load_topology(vm["file"].as<std::string>(), std::cerr);
  const topo::Endpoint& from = source_endpoint(*topology.lowered, vm["from"].as<std::string>());
  sim::Simulation sim(std::move(topology.lowered->network));
  std::unique_ptr<PcapFile> pcap = open_pcap(vm, sim.network());
  std::string journeys;
  nlohmann::ordered_json journeys_json = nlohmann::ordered_json::array();
  CurlSession session =
      run_curl(sim, topology.spec, *topology.lowered, from, request, [&](const std::string& title) {
        if (pcap) pcap->add_run(sim);
        if (!explain) return;
        if (json) {
          journeys_json.push_back({{"run", title}, {"journey", journey_json(sim)}});
        } else {
          journeys += "\n" + title + "\n" + (layers ? layers_text(sim) : explain_text(sim));
        }
      });
  if (pcap) pcap->close();
  if (json) {
    nlohmann::ordered_json j = curl_json(session, sim.network());
    if (explain) j["journeys"] = std::move(journeys_json);
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << curl_text(session, vm.count("verbose") > 0);
    const auto& why = session.reason();
    if (why) {
      std::cout.flush();
      std::cerr << "why: " << why->sentence() << " [" << sim::reason_code(why->reason) << "]\n";
    }
    std::cout << journeys;
  }
  return vpcsim_exit_code(curl_exit_code(session));
}

}  // namespace vpcsim::cli
