#pragma once
// Random VPC plans for the reach tests: one or two VPCs (maybe peered), an
// internet with a few hosts, subnets on random route tables (IGW, NAT gateway,
// a NAT instance, peering, blackhole routes), NACLs and security groups with
// random rules that name CIDRs of every size down to single instances, and
// instances drawn from a handful of profiles so that many of them are alike
// (what grouping exploits) and a few differ in one detail (what it must notice).
// Valid by construction (the tests check that validate() agrees).
#include <cstdint>
#include <string>

namespace vpcsim::test {

[[nodiscard]] std::string random_vpc_plan(uint64_t seed);

}  // namespace vpcsim::test
