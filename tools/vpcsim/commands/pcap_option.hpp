#pragma once
// `--pcap OUT [--pcap-port DEVICE:PORT]`, shared by the probe commands and
// `check`: the options, and the open capture file the runs are added to.
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "sim/core/simulation.hpp"
#include "tools/vpcsim/cli_common.hpp"
#include "tools/vpcsim/format/pcap_writer.hpp"

namespace vpcsim::cli {

void add_pcap_options(po::options_description& options);

class PcapFile {
 public:
  // Opens OUT; throws UsageError when it cannot be written.
  PcapFile(const std::string& path, std::string port);
  void add_run(const sim::Simulation& sim) { writer_->add_run(sim); }
  void next_network() { writer_->next_network(); }
  // Flushes; throws UsageError on a write error.
  void close();

 private:
  std::string path_;
  std::ofstream out_;
  std::unique_ptr<PcapWriter> writer_;
};

// The capture the options ask for, or nullptr without --pcap; checks the port
// against `net` (--pcap-port without --pcap is bad usage).
[[nodiscard]] std::unique_ptr<PcapFile> open_pcap(const po::variables_map& vm,
                                                  const sim::Network& net);
// The same for several networks (check: one per scenario), all in one file.
[[nodiscard]] std::unique_ptr<PcapFile> open_pcap(const po::variables_map& vm,
                                                  const std::vector<const sim::Network*>& nets);

}  // namespace vpcsim::cli
