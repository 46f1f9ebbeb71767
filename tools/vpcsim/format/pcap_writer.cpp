#include "tools/vpcsim/format/pcap_writer.hpp"

#include <algorithm>

#include "sim/core/check.hpp"
#include "tools/vpcsim/format/frame_encoder.hpp"

namespace vpcsim::cli {
namespace {

constexpr uint32_t kMagicNanoseconds = 0xa1b23c4d;
constexpr uint32_t kLinkTypeEthernet = 1;
constexpr uint32_t kSnapLen = 262144;
constexpr int64_t kGapBetweenNetworks = 1'000'000'000;

// pcap fields are in the writer's byte order; we always write little-endian,
// which the magic number tells readers.
void put32(std::ostream& out, uint32_t v) {
  char b[4] = {char(v), char(v >> 8), char(v >> 16), char(v >> 24)};
  out.write(b, 4);
}
void put16(std::ostream& out, uint16_t v) {
  char b[2] = {char(v), char(v >> 8)};
  out.write(b, 2);
}

}  // namespace

PcapWriter::PcapWriter(std::ostream& out, std::string port) : out_(out), port_(std::move(port)) {
  put32(out_, kMagicNanoseconds);
  put16(out_, 2);  // version 2.4
  put16(out_, 4);
  put32(out_, 0);  // thiszone: UTC
  put32(out_, 0);  // sigfigs
  put32(out_, kSnapLen);
  put32(out_, kLinkTypeEthernet);
}

std::optional<sim::PortRef> find_capture_port(const sim::Network& net, const std::string& name,
                                              std::string* error) {
  size_t colon = name.rfind(':');
  std::string device = colon == std::string::npos ? name : name.substr(0, colon);
  std::string port = colon == std::string::npos ? "" : name.substr(colon + 1);
  auto id = net.find(device);
  if (!id) {
    *error = "no device '" + device + "' (write DEVICE:PORT, e.g. r1:eth0)";
    return std::nullopt;
  }
  const auto& ports = net.device(*id).ports();
  std::string known;
  for (size_t i = 0; i < ports.size(); ++i) {
    if (ports[i].name == port) return sim::PortRef{*id, uint16_t(i)};
    known += (known.empty() ? "'" : ", '") + ports[i].name + "'";
  }
  *error = "device '" + device + "' has no port '" + port + "' (its ports: " + known + ")";
  return std::nullopt;
}

void PcapWriter::add_run(const sim::Simulation& sim) {
  const sim::Network& net = sim.network();
  std::optional<sim::PortRef> at;
  if (!port_.empty()) {
    std::string error;
    at = find_capture_port(net, port_, &error);
    VPCSIM_CHECK(at.has_value(), "pcap capture port not checked before the run");
  }
  std::vector<Captured> frames;
  const auto& sent = sim.journey().transmissions();
  for (size_t i = 0; i < sent.size(); ++i) {
    const sim::Transmission& t = sent[i];
    if (!at) {
      frames.push_back({t.sent, frames.size(), &t.packet});
      continue;
    }
    const sim::Link& link = net.links()[t.link];
    sim::PortRef from = t.dir == 0 ? link.a : link.b, to = t.dir == 0 ? link.b : link.a;
    if (from == *at) frames.push_back({t.sent, frames.size(), &t.packet});
    if (to == *at) frames.push_back({t.arrives, frames.size(), &t.packet});
  }
  std::stable_sort(frames.begin(), frames.end(),
                   [](const Captured& a, const Captured& b) { return a.at < b.at; });
  for (const Captured& c : frames) write_record(offset_ns_ + c.at.ns, encode_frame(*c.packet, &sim.app_payloads()));
}

void PcapWriter::next_network() {
  if (frames_ > 0) offset_ns_ = last_ns_ + kGapBetweenNetworks;
}

void PcapWriter::write_record(int64_t ns, const std::vector<uint8_t>& frame) {
  put32(out_, uint32_t(ns / 1'000'000'000));
  put32(out_, uint32_t(ns % 1'000'000'000));
  put32(out_, uint32_t(frame.size()));
  put32(out_, uint32_t(frame.size()));
  out_.write(reinterpret_cast<const char*>(frame.data()), std::streamsize(frame.size()));
  last_ns_ = std::max(last_ns_, ns);
  ++frames_;
}

}  // namespace vpcsim::cli
