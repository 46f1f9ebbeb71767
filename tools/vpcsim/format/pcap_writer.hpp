#pragma once
// PcapWriter: the frames of probe runs as a classic libpcap file (the
// nanosecond variant, magic a1b23c4d, which suits the simulator's integer
// nanoseconds; LINKTYPE_ETHERNET), for Wireshark and tshark. Timestamps are
// simulated time since the start of the run (so the capture starts at
// 1970-01-01 00:00:00 UTC).
//
// Capture points:
//   every link (default)  each frame once, on the link it crossed, stamped when
//                         it left the sender: the whole network on one screen.
//   one device port       like `tcpdump -i` on that port: frames sent out of it
//                         (stamped when sent) and received on it (stamped on
//                         arrival), e.g. "r1:eth0" or "igw:internet".
// Frames are taken from the journey's record of transmissions, so a capture
// contains exactly what crossed the wires during the runs added to it, sorted
// by time (ties keep the order the simulator sent them in).
// Not modelled: frames a real capture would also see that the simulator never
// sends (STP, IPv6 neighbour discovery, DHCP, ...).
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "sim/core/simulation.hpp"

namespace vpcsim::cli {

// The port "DEVICE:PORT" names in `net`; nullopt with `*error` set when it names
// none (an unknown device, or a port that device lacks, listing its ports).
[[nodiscard]] std::optional<sim::PortRef> find_capture_port(const sim::Network& net,
                                                            const std::string& port,
                                                            std::string* error);

class PcapWriter {
 public:
  // Writes the file header. `port` empty: every link; else "DEVICE:PORT".
  explicit PcapWriter(std::ostream& out, std::string port = {});

  // The frames of the run the simulation's journey holds (one probe, or one
  // leg of an ssh session). Precondition: find_capture_port accepts the port.
  void add_run(const sim::Simulation& sim);
  // Later runs belong to another simulation whose clock restarts at 0: their
  // timestamps follow this one's last frame, one simulated second later.
  void next_network();
  [[nodiscard]] size_t frames_written() const { return frames_; }

 private:
  struct Captured {
    sim::SimTime at;
    size_t order;
    const sim::Packet* packet;
  };
  void write_record(int64_t ns, const std::vector<uint8_t>& frame);

  std::ostream& out_;
  std::string port_;
  size_t frames_ = 0;
  int64_t offset_ns_ = 0;  // added to the current network's times
  int64_t last_ns_ = 0;    // the latest timestamp written
};

}  // namespace vpcsim::cli
