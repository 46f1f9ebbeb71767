#include "tools/vpcsim/crosscheck/table_check.hpp"

#include <sstream>

#include "tools/vpcsim/crosscheck/text_lines.hpp"
#include "tools/vpcsim/emulate/shell_quote.hpp"

namespace vpcsim::crosscheck {
namespace {

std::vector<std::string> words(std::string_view line) {
  std::istringstream in{std::string(line)};
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// The scenario runner's "A (x) on p1, B (y) on p2" / "10.0.1.1 at MAC, ...": its items.
std::vector<std::string> items(const std::string& result) {
  std::vector<std::string> out;
  if (result == "empty") return out;
  size_t start = 0;
  while (start <= result.size()) {
    size_t comma = result.find(", ", start);
    out.push_back(
        result.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 2;
  }
  return out;
}

std::vector<std::string> listed(const topo::TableCheckSpec& t) {
  std::vector<std::string> all = t.has;
  all.insert(all.end(), t.lacks.begin(), t.lacks.end());
  return all;
}

// "r2 on p1, h2 absent": what the table holds of each listed name.
std::string summary(const std::vector<std::string>& names,
                    const std::function<std::string(const std::string&)>& where) {
  std::string out;
  for (const std::string& n : names) {
    std::string w = where(n);
    out += (out.empty() ? "" : ", ") + n + (w.empty() ? " absent" : " " + w);
  }
  return out.empty() ? "(nothing listed)" : out;
}

Observation table_observation(std::string text) {
  Observation o;
  o.verdict = std::move(text);
  o.reason_class = ReasonClass::None;
  return o;
}

}  // namespace

std::map<std::string, std::string> simulator_macs(const std::string& result) {
  std::map<std::string, std::string> out;
  for (const std::string& item : items(result)) {
    std::vector<std::string> w = words(item);  // MAC (owner) on pN
    if (w.size() >= 4 && w[w.size() - 2] == "on") out[w[0]] = w.back();
  }
  return out;
}

std::map<std::string, std::string> simulator_arp(const std::string& result) {
  std::map<std::string, std::string> out;
  for (const std::string& item : items(result)) {
    std::vector<std::string> w = words(item);  // IP at MAC
    if (w.size() == 3 && w[1] == "at") out[w[0]] = w[2];
  }
  return out;
}

std::map<std::string, std::string> kernel_fdb(const std::string& output) {
  // "02:44:d8:91:f5:af dev p1 master br0": learned. The bridge's own
  // addresses and multicast groups are "permanent"; their "self" entries too.
  std::map<std::string, std::string> out;
  for (std::string_view line : split_lines(output)) {
    std::vector<std::string> w = words(line);
    if (w.size() < 3 || w[1] != "dev") continue;
    bool own = false;
    for (const std::string& x : w) own = own || x == "permanent" || x == "self" || x == "static";
    if (!own) out[w[0]] = w[2];
  }
  return out;
}

std::map<std::string, std::string> kernel_neighbours(const std::string& output) {
  // "10.0.1.1 dev eth0 lladdr 02:a3:2c:55:45:73 REACHABLE"; "10.0.1.1 dev eth0 FAILED".
  std::map<std::string, std::string> out;
  for (std::string_view line : split_lines(output)) {
    std::vector<std::string> w = words(line);
    for (size_t k = 1; k + 1 < w.size(); ++k) {
      if (w[k] != "lladdr") continue;
      const std::string& state = w.back();
      if (state != "FAILED" && state != "INCOMPLETE") out[w[0]] = w[k + 1];
    }
  }
  return out;
}

std::optional<TableObservations> observe_table(const topo::TableCheckSpec& table,
                                               const cli::ItemOutcome& simulated,
                                               const KernelControl& kernel,
                                               const NamespaceOf& namespace_of, std::string& why) {
  if (!table.kind) {
    why = "a table check of an unknown kind is not compared";
    return std::nullopt;
  }
  TableObservations out;
  std::vector<std::string> argv;
  const bool mac = *table.kind == topo::TableKind::Mac;
  if (mac) {
    auto bridge = kernel.faults->bridges.find(table.node);
    if (bridge == kernel.faults->bridges.end()) {
      why = table.node + " is no learning bridge of the emulation";
      return std::nullopt;
    }
    argv = {"ip",  "netns", "exec", bridge->second.netns, "bridge",
            "fdb", "show",  "br",   bridge->second.ifname};
  } else {
    std::optional<std::string> ns = namespace_of(table.node);
    if (!ns) {
      why = "node '" + table.node + "' has no namespace in the emulation";
      return std::nullopt;
    }
    argv = {"ip", "-n", *ns, "neigh", "show"};
  }
  out.commands.push_back(emulate::shell_line(argv));
  emulate::ExecResult r = kernel.run(argv);
  out.output = r.out + r.err;
  if (r.exit_code != 0 || r.timed_out) {
    out.kernel.verdict = "error";
    out.kernel.reason_class = ReasonClass::OtherIcmp;
    out.kernel.detail = "the table could not be read";
  }
  const std::vector<std::string> names = listed(table);
  if (mac) {
    std::map<std::string, std::string> sim = simulator_macs(simulated.result);
    std::map<std::string, std::string> real = kernel_fdb(r.out);
    auto where_in = [&](const std::map<std::string, std::string>& t) {
      return [&](const std::string& name) {
        auto macs = kernel.macs.find(name);
        if (macs == kernel.macs.end()) return std::string();
        std::string ports;
        for (const std::string& m : macs->second) {
          if (auto it = t.find(m); it != t.end())
            ports += (ports.empty() ? "on " : ",") + it->second;
        }
        return ports;
      };
    };
    out.simulator = table_observation(summary(names, where_in(sim)));
    if (out.kernel.verdict.empty()) out.kernel = table_observation(summary(names, where_in(real)));
  } else {
    std::map<std::string, std::string> sim = simulator_arp(simulated.result);
    std::map<std::string, std::string> real = kernel_neighbours(r.out);
    auto where_in = [](const std::map<std::string, std::string>& t) {
      return [&t](const std::string& ip) {
        auto it = t.find(ip);
        return it == t.end() ? std::string() : "at " + it->second;
      };
    };
    out.simulator = table_observation(summary(names, where_in(sim)));
    if (out.kernel.verdict.empty()) out.kernel = table_observation(summary(names, where_in(real)));
  }
  return out;
}

}  // namespace vpcsim::crosscheck
