#include "tools/vpcsim/commands/pcap_option.hpp"

namespace vpcsim::cli {

void add_pcap_options(po::options_description& options) {
  options.add_options()("pcap", po::value<std::string>()->value_name("OUT"),
                        "write every frame the probe caused to OUT, a pcap file for "
                        "Wireshark/tshark (each frame once per link it crossed)")(
      "pcap-port", po::value<std::string>()->value_name("DEVICE:PORT"),
      "with --pcap: capture only at this port, like tcpdump -i (e.g. r1:eth0, sw1:p2)");
}

PcapFile::PcapFile(const std::string& path, std::string port)
    : path_(path), out_(path, std::ios::binary | std::ios::trunc) {
  if (!out_) throw UsageError("cannot write " + path);
  writer_ = std::make_unique<PcapWriter>(out_, std::move(port));
}

void PcapFile::close() {
  out_.flush();
  if (!out_) throw UsageError("cannot write " + path_);
  out_.close();
}

std::unique_ptr<PcapFile> open_pcap(const po::variables_map& vm,
                                    const std::vector<const sim::Network*>& nets) {
  if (!vm.count("pcap")) {
    if (vm.count("pcap-port")) throw UsageError("--pcap-port needs --pcap OUT");
    return nullptr;
  }
  std::string port = vm.count("pcap-port") ? vm["pcap-port"].as<std::string>() : "";
  for (const sim::Network* net : nets) {
    std::string error;
    if (!port.empty() && !find_capture_port(*net, port, &error)) {
      throw UsageError("--pcap-port " + port + ": " + error);
    }
  }
  return std::make_unique<PcapFile>(vm["pcap"].as<std::string>(), port);
}

std::unique_ptr<PcapFile> open_pcap(const po::variables_map& vm, const sim::Network& net) {
  return open_pcap(vm, std::vector<const sim::Network*>{&net});
}

}  // namespace vpcsim::cli
