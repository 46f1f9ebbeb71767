#include "tools/vpcsim/import/import_options.hpp"

#include <stdexcept>

#include "topology/xml_reader.hpp"

namespace vpcsim::importer {
namespace po = boost::program_options;

namespace {

std::vector<std::string_view> split_items(std::string_view text) {
  std::vector<std::string_view> items;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ',' || text[i] == ' ')) ++i;
    size_t j = i;
    while (j < text.size() && text[j] != ',' && text[j] != ' ') ++j;
    if (j > i) items.push_back(text.substr(i, j - i));
    i = j;
  }
  return items;
}

}  // namespace

std::optional<std::vector<topo::ListenSpec>> parse_listen_list(std::string_view text,
                                                               std::string& error) {
  std::vector<topo::ListenSpec> out;
  std::vector<std::string_view> items = split_items(text);
  if (items.size() == 1 && items[0] == "none") return out;
  if (items.empty()) {
    error = "is empty (give ports such as 22,80, or none)";
    return std::nullopt;
  }
  for (std::string_view item : items) {
    topo::ListenSpec listen;
    std::string_view port = item;
    if (item.starts_with("tcp/")) {
      port.remove_prefix(4);
    } else if (item.starts_with("udp/")) {
      listen.protocol = topo::Protocol::Udp;
      port.remove_prefix(4);
    }
    topo::xml::Bad bad;
    auto number = topo::xml::parse_port(port, bad);
    if (!number) {
      error = "has '" + std::string(item) +
              "', which is not a port (N, tcp/N or udp/N with N from 1 to 65535)";
      return std::nullopt;
    }
    listen.port = *number;
    bool duplicate = false;
    for (const auto& l : out)
      duplicate = duplicate || (l.protocol == listen.protocol && l.port == listen.port);
    if (!duplicate) out.push_back(listen);
  }
  return out;
}

std::optional<InternetHostOption> parse_internet_host(std::string_view text, std::string& error) {
  size_t eq = text.find('=');
  if (eq == std::string_view::npos) {
    error = "'" + std::string(text) + "' is not NAME=IP[:PORTS] (e.g. client=198.51.100.10)";
    return std::nullopt;
  }
  InternetHostOption host;
  host.name = std::string(text.substr(0, eq));
  if (auto bad = topo::xml::check_name(host.name)) {
    error = "name '" + host.name + "' " + bad->problem;
    return std::nullopt;
  }
  std::string_view rest = text.substr(eq + 1);
  size_t colon = rest.find(':');
  auto ip = sim::Ipv4Addr::parse(rest.substr(0, colon));
  if (!ip) {
    error = "'" + std::string(rest.substr(0, colon)) + "' is not an IPv4 address";
    return std::nullopt;
  }
  if (ip->is_private()) {
    error = std::string(rest.substr(0, colon)) +
            " is a private (RFC 1918) address; internet hosts need public ones";
    return std::nullopt;
  }
  host.ip = *ip;
  if (colon != std::string_view::npos) {
    std::string why;
    auto listens = parse_listen_list(rest.substr(colon + 1), why);
    if (!listens) {
      error = "ports of " + host.name + ": '" + std::string(rest.substr(colon + 1)) + "' " + why;
      return std::nullopt;
    }
    host.listens = std::move(*listens);
  }
  return host;
}

void add_import_options(po::options_description& options) {
  options.add_options()(
      "internet-host", po::value<std::vector<std::string>>()->composing(),
      "NAME=IP[:PORTS]: an internet host (AWS has none), listening on PORTS (e.g. "
      "client=198.51.100.10 or repo=198.51.100.80:80,443); repeatable")(
      "listen", po::value<std::string>(),
      "PORTS: listeners of instances without a vpcsim:listen tag (e.g. 22,80 or "
      "tcp/22,udp/53; default: none)")(
      "public-pool", po::value<std::string>(),
      "CIDR: where public IPs unknown until apply are taken from (default 203.0.113.0/24)")(
      "name", po::value<std::string>(), "NAME: the topology's name (default: from the input)");
}

ImportOptions import_options_from(const po::variables_map& vm) {
  ImportOptions options;
  if (vm.count("internet-host")) {
    for (const std::string& text : vm["internet-host"].as<std::vector<std::string>>()) {
      std::string error;
      auto host = parse_internet_host(text, error);
      if (!host) throw std::invalid_argument("--internet-host: " + error);
      for (const auto& h : options.internet_hosts) {
        if (h.name == host->name) {
          throw std::invalid_argument("--internet-host: '" + h.name + "' is given twice");
        }
      }
      options.internet_hosts.push_back(std::move(*host));
    }
  }
  if (vm.count("listen")) {
    std::string error;
    auto listens = parse_listen_list(vm["listen"].as<std::string>(), error);
    if (!listens) {
      throw std::invalid_argument("--listen: '" + vm["listen"].as<std::string>() + "' " + error);
    }
    options.default_listens = std::move(*listens);
  }
  if (vm.count("public-pool")) {
    const std::string& text = vm["public-pool"].as<std::string>();
    auto pool = sim::Prefix::parse(text);
    if (!pool || text.find('/') == std::string::npos || pool->len > 30 || pool->len < 8) {
      throw std::invalid_argument("--public-pool: '" + text +
                                  "' is not a CIDR block from /8 to /30 (e.g. 203.0.113.0/24)");
    }
    if (pool->addr.is_private()) {
      throw std::invalid_argument("--public-pool: " + text +
                                  " is private (RFC 1918); public IPs must be public");
    }
    options.public_pool = *pool;
  }
  if (vm.count("name")) {
    const std::string& name = vm["name"].as<std::string>();
    if (auto bad = topo::xml::check_name(name)) {
      throw std::invalid_argument("--name: '" + name + "' " + bad->problem);
    }
    options.topology_name = name;
  }
  return options;
}

}  // namespace vpcsim::importer
