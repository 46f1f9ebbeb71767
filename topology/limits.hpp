#pragma once
// Limits on everything an input file can make large. Past one, the loader or
// the validator reports `FILE:LINE:COL: error: ... [too-...]` at the first
// element beyond it and reads no more of that kind, instead of running out of
// memory, overflowing a 16-bit port number or spending minutes in a check.
//
// Each limit is far above real use: bench/ generates and loads a 1,000,000-node
// topology (sites of 253 hosts, a 147 MB file) and a 10,000-instance VPC plan,
// and AWS's own quotas are lower still. docs/fuzzing.md shows this table; a
// test (tests/topology/limits_test.cpp) keeps the two in step and generates a
// file past each limit.
#include <cstdint>

namespace vpcsim::topo::limits {

// ---- files -------------------------------------------------------------------

// A topology or scenario file. pugixml holds the whole text and a tree about as
// large again; a 4,000,000-node file in the benchmark's format is about 600 MB.
inline constexpr uint64_t kMaxFileBytes = 1ULL << 30;  // 1 GiB
// Element nesting. The formats nest at most 4 deep (topology > vpc >
// security-group > inbound); anything far deeper is not a topology.
inline constexpr uint32_t kMaxXmlDepth = 32;
// Attributes of one element. The formats' elements have at most 16; each
// attribute is checked against the earlier ones for repeats.
inline constexpr uint32_t kMaxAttributes = 64;

// ---- topology ----------------------------------------------------------------

// Devices of one topology: hosts, routers, switches, hubs, instances, NAT
// gateways and internet hosts. A million nodes load, validate and lower at a
// peak of 1.55 GiB (bench/README.md), so 4 million need about 6 GiB.
inline constexpr uint64_t kMaxNodes = 4'000'000;
// Links of one topology: a tree of N nodes needs N - 1; twice the node limit
// leaves room for redundant paths.
inline constexpr uint64_t kMaxLinks = 8'000'000;
// Ports of one device: interfaces of a host or router, links of a switch or
// hub, hosts of <internet> (ports of the internet core). Port numbers are 16-bit
// in the engine (sim::PortRef); a /16 subnet full of instances needs 65,532.
inline constexpr uint32_t kMaxPortsPerDevice = 65'535;
// Static routes of one host or router: a full IPv4 internet table (about
// 1,000,000 prefixes) fits.
inline constexpr uint32_t kMaxRoutesPerNode = 1'048'576;
// Routes of one VPC route table, rules of one security group, rules of one
// NACL. AWS allows 1,000 routes per table, 1,000 rules per group and 40 per
// NACL; ten times the largest.
inline constexpr uint32_t kMaxRulesPerTable = 10'000;
// Subnets of one VPC: a VPC is at most a /16 and a subnet at least a /28, so no
// valid VPC has more than 4,096 (the overlap check compares every pair).
inline constexpr uint32_t kMaxSubnetsPerVpc = 4'096;
// Route tables, NACLs and security groups of one VPC (each kind): tables are
// numbered with 16 bits in the VPC router. AWS allows 200 route tables.
inline constexpr uint32_t kMaxTablesPerVpc = 10'000;
// VPCs of one topology: each internet gateway is a port of the internet core,
// which it shares with the internet hosts.
inline constexpr uint32_t kMaxVpcs = 4'096;
// Hosts of <internet>: the internet core's ports that the VPCs' gateways leave.
inline constexpr uint32_t kMaxInternetHosts = kMaxPortsPerDevice - kMaxVpcs;  // 61,439

// ---- scenarios ---------------------------------------------------------------

// Probes and table checks of one scenario: each runs a simulation; 100,000
// ping probes take minutes already.
inline constexpr uint32_t kMaxScenarioItems = 100'000;
// A probe's count= (pings sent) and max-hops= (traceroute): as iputils and
// Linux traceroute bound them (255 hops), and 1,000 pings of 1 s each.
inline constexpr uint32_t kMaxProbeCount = 1'000;
inline constexpr uint32_t kMaxProbeHops = 255;

// ---- importers (JSON) --------------------------------------------------------

// An AWS describe output or Terraform plan file. nlohmann-json keeps the whole
// document as a tree of about 10 times the text.
inline constexpr uint64_t kMaxJsonBytes = 256ULL << 20;  // 256 MiB
// JSON nesting. Describe output nests about 8 deep, plans about 20 (module
// trees); the readers follow paths, and deeper documents are not what they read.
inline constexpr uint32_t kMaxJsonDepth = 128;

}  // namespace vpcsim::topo::limits
