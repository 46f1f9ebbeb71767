// The reach engine against its reference: grouped, direct and multi-threaded
// matrices must be identical, and every probe must agree with the same probe run
// alone on a freshly lowered network; on every bundled scenario, on random plans
// and on a sample of a large generated plan.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "bench/gen_vpc_plan.hpp"
#include "tests/reach/random_plan.hpp"
#include "tests/reach/reach_fixtures.hpp"
#include "tools/vpcsim/reach/isolated_prober.hpp"

namespace vpcsim::test {
namespace {

using cli::ProbeKey;
using cli::ReachMatrix;
using cli::ReachOptions;

ReachOptions options(bool group, unsigned threads) {
  ReachOptions o;
  o.group = group;
  o.threads = threads;
  return o;
}

// Every probe of `m` against the reference; returns the disagreements.
std::string disagreements(const cli::LoadedTopology& plan, const ReachMatrix& m) {
  std::string out;
  m.for_each_row([&](const ReachMatrix::Row& r) {
    for (size_t c = 0; c < r.cells.size(); ++c) {
      cli::ProbeOutcome ref = reference_probe(plan.spec, r.from.name, r.to.name, r.to.columns[c]);
      if (!ref.same_verdict(r.cells[c])) {
        out += r.from.name + " -> " + r.to.name + " " + r.to.columns[c].label() + ": engine " +
               r.cells[c].verdict_text() + ", alone " + ref.verdict_text() + " (" +
               ref.explanation + ")\n";
      }
    }
  });
  return out;
}

// Grouped (1 and 3 threads) and direct matrices are identical and agree with the reference.
void expect_consistent(const cli::LoadedTopology& plan, const std::string& what) {
  ReachMatrix grouped = cli::compute_reach(plan, options(true, 1));
  ReachMatrix threaded = cli::compute_reach(plan, options(true, 3));
  ReachMatrix direct = cli::compute_reach(plan, options(false, 2));
  const std::string expected = rows_text(direct);
  EXPECT_EQ(rows_text(grouped), expected) << what << ": grouped differs from direct";
  EXPECT_EQ(rows_text(threaded), expected) << what << ": 3 threads differ from direct";
  EXPECT_EQ(disagreements(plan, direct), "") << what;
  EXPECT_LE(grouped.probes_run, direct.probes_run) << what;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ReachEngine, MatchesProbesRunAloneOnEveryBundledScenario) {
  int plans = 0;
  std::vector<std::filesystem::path> dirs;
  for (const auto& d : std::filesystem::directory_iterator(VPCSIM_REPO_ROOT "/scenarios")) {
    if (std::filesystem::exists(d.path() / "topology.xml")) dirs.push_back(d.path());
  }
  std::sort(dirs.begin(), dirs.end());
  for (const auto& dir : dirs) {
    auto plan = load_plan(read_file(dir / "topology.xml"), (dir / "topology.xml").string());
    ASSERT_TRUE(plan);
    expect_consistent(*plan, dir.filename().string());
    ++plans;
  }
  EXPECT_GE(plans, 10);
}

TEST(ReachEngine, MatchesProbesRunAloneOnRandomPlans) {
  uint64_t grouped_probes = 0, direct_probes = 0;
  for (uint64_t seed = 1; seed <= 12; ++seed) {
    auto plan = load_plan(random_vpc_plan(seed), "random-" + std::to_string(seed) + ".xml");
    ASSERT_TRUE(plan) << "seed " << seed;
    expect_consistent(*plan, "random plan, seed " + std::to_string(seed));
    grouped_probes += cli::compute_reach(*plan, options(true, 1)).probes_run;
    direct_probes += cli::compute_reach(*plan, options(false, 1)).probes_run;
  }
  // The plans are built from few profiles: grouping must have had work to do.
  EXPECT_LT(grouped_probes * 10, direct_probes * 7) << grouped_probes << " of " << direct_probes;
}

TEST(ReachEngine, AgreesWithDirectProbesOnASampleOfALargeGeneratedPlan) {
  auto plan = load_plan(bench::vpc_plan_xml({1000, 20}), "plan-1000.xml");
  ASSERT_TRUE(plan);
  ReachMatrix m = cli::compute_reach(*plan, options(true, 2));
  EXPECT_EQ(m.endpoints.size(), 1003u);
  EXPECT_LT(m.classes.size(), 60u);
  cli::IsolatedProber whole(plan->spec);  // the whole plan, not the representatives
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<uint32_t> any(0, uint32_t(m.endpoints.size() - 1));
  int compared = 0;
  while (compared < 400) {
    uint32_t a = any(rng), b = any(rng);
    auto row = m.row(a, b);
    if (!row) continue;
    const topo::LoweredTopology& t = whole.topology();
    for (size_t c = 0; c < row->cells.size(); ++c, ++compared) {
      auto run = whole.run(*t.endpoint(row->from.name), *t.endpoint(row->to.name),
                           row->to.columns[c], false);
      EXPECT_TRUE(run.outcome.same_verdict(row->cells[c]))
          << row->from.name << " -> " << row->to.name << " " << row->to.columns[c].label()
          << ": matrix " << row->cells[c].verdict_text() << ", direct "
          << run.outcome.verdict_text();
      EXPECT_EQ(run.dst, row->to_ip) << row->from.name << " -> " << row->to.name;
      EXPECT_EQ(run.src, row->from_ip) << row->from.name << " -> " << row->to.name;
    }
  }
}

const char* kThreeAlike = R"(<topology name="alike">
  <internet><host name="client" ip="198.51.100.10"/></internet>
  <vpc name="v" cidr="10.0.0.0/16">
    <internet-gateway name="igw"/>
    <route-table name="rt" main="true"><route destination="0.0.0.0/0" target="igw"/></route-table>
    <subnet name="web" cidr="10.0.1.0/24"/>
    <security-group name="web-sg"><inbound protocol="tcp" ports="443" source="0.0.0.0/0"/></security-group>
    <instance name="w1" subnet="web" ip="10.0.1.10" elastic-ip="203.0.113.1" security-groups="web-sg">
      <listen protocol="tcp" port="22"/><listen protocol="tcp" port="443"/></instance>
    <instance name="w2" subnet="web" ip="10.0.1.11" elastic-ip="203.0.113.2" security-groups="web-sg">
      <listen protocol="tcp" port="22"/><listen protocol="tcp" port="443"/></instance>
    <instance name="w3" subnet="web" ip="10.0.1.12" elastic-ip="203.0.113.3" security-groups="web-sg">
      <listen protocol="tcp" port="22"/><listen protocol="tcp" port="443"/></instance>
  </vpc>
</topology>)";

TEST(ReachEngine, GroupsAlikeInstancesAndGivesEachPairItsOwnAddresses) {
  auto plan = load_plan(kThreeAlike);
  ASSERT_TRUE(plan);
  ReachMatrix m = cli::compute_reach(*plan, options(true, 1));
  ASSERT_EQ(m.classes.size(), 2u);  // client; w1, w2, w3
  EXPECT_EQ(m.classes[1].size(), 3u);
  // Class pairs client -> w (3 columns), w -> client (1), w -> w (3): 7 probes.
  EXPECT_EQ(m.probes_run, 7u);
  EXPECT_EQ(
      rows_text(m),
      "client 198.51.100.10 -> w1 203.0.113.1 ping: unreachable [security-group] "
      "sg-ingress-denied\n"
      "client 198.51.100.10 -> w1 203.0.113.1 tcp/22: timeout [security-group] sg-ingress-denied\n"
      "client 198.51.100.10 -> w1 203.0.113.1 tcp/443: open\n"
      "client 198.51.100.10 -> w2 203.0.113.2 ping: unreachable [security-group] "
      "sg-ingress-denied\n"
      "client 198.51.100.10 -> w2 203.0.113.2 tcp/22: timeout [security-group] sg-ingress-denied\n"
      "client 198.51.100.10 -> w2 203.0.113.2 tcp/443: open\n"
      "client 198.51.100.10 -> w3 203.0.113.3 ping: unreachable [security-group] "
      "sg-ingress-denied\n"
      "client 198.51.100.10 -> w3 203.0.113.3 tcp/22: timeout [security-group] sg-ingress-denied\n"
      "client 198.51.100.10 -> w3 203.0.113.3 tcp/443: open\n"
      "w1 10.0.1.10 -> client 198.51.100.10 ping: reachable\n"
      "w1 10.0.1.10 -> w2 10.0.1.11 ping: unreachable [security-group] sg-ingress-denied\n"
      "w1 10.0.1.10 -> w2 10.0.1.11 tcp/22: timeout [security-group] sg-ingress-denied\n"
      "w1 10.0.1.10 -> w2 10.0.1.11 tcp/443: open\n"
      "w1 10.0.1.10 -> w3 10.0.1.12 ping: unreachable [security-group] sg-ingress-denied\n"
      "w1 10.0.1.10 -> w3 10.0.1.12 tcp/22: timeout [security-group] sg-ingress-denied\n"
      "w1 10.0.1.10 -> w3 10.0.1.12 tcp/443: open\n"
      "w2 10.0.1.11 -> client 198.51.100.10 ping: reachable\n"
      "w2 10.0.1.11 -> w1 10.0.1.10 ping: unreachable [security-group] sg-ingress-denied\n"
      "w2 10.0.1.11 -> w1 10.0.1.10 tcp/22: timeout [security-group] sg-ingress-denied\n"
      "w2 10.0.1.11 -> w1 10.0.1.10 tcp/443: open\n"
      "w2 10.0.1.11 -> w3 10.0.1.12 ping: unreachable [security-group] sg-ingress-denied\n"
      "w2 10.0.1.11 -> w3 10.0.1.12 tcp/22: timeout [security-group] sg-ingress-denied\n"
      "w2 10.0.1.11 -> w3 10.0.1.12 tcp/443: open\n"
      "w3 10.0.1.12 -> client 198.51.100.10 ping: reachable\n"
      "w3 10.0.1.12 -> w1 10.0.1.10 ping: unreachable [security-group] sg-ingress-denied\n"
      "w3 10.0.1.12 -> w1 10.0.1.10 tcp/22: timeout [security-group] sg-ingress-denied\n"
      "w3 10.0.1.12 -> w1 10.0.1.10 tcp/443: open\n"
      "w3 10.0.1.12 -> w2 10.0.1.11 ping: unreachable [security-group] sg-ingress-denied\n"
      "w3 10.0.1.12 -> w2 10.0.1.11 tcp/22: timeout [security-group] sg-ingress-denied\n"
      "w3 10.0.1.12 -> w2 10.0.1.11 tcp/443: open\n");
  ReachMatrix::Totals t = m.totals();
  // client -> w*: 3 pairs of 3 probes; w* -> client: 3 of 1; w* -> w*: 6 of 3.
  EXPECT_EQ(t.pairs, 12u);
  EXPECT_EQ(t.probes, 30u);
  EXPECT_EQ(t.ok, 12u);
  EXPECT_EQ(t.blocked, 18u);
}

TEST(ReachEngine, ExplanationsNameTheirOwnPairsAddresses) {
  auto plan = load_plan(kThreeAlike);
  ASSERT_TRUE(plan);
  ReachOptions o = options(true, 2);
  o.explain = true;
  o.from = {"w3"};
  o.to = {"w2"};
  o.probes = cli::ProbeFilter::parse("22");
  ReachMatrix m = cli::compute_reach(*plan, o);
  ASSERT_EQ(rows_text(m),
            "w3 10.0.1.12 -> w2 10.0.1.11 tcp/22: timeout [security-group] sg-ingress-denied\n");
  EXPECT_EQ(m.cells.front().explanation,
            "dropped at w2: security group web-sg on w2 (inbound): no rule allows tcp/22 from "
            "10.0.1.12 (security group web-sg)");
}

TEST(ReachEngine, SelectsByNameGlobAndAddress) {
  auto plan = load_plan(kThreeAlike);
  ASSERT_TRUE(plan);
  ReachOptions o = options(true, 1);
  o.from = {"client,w[23]"};
  o.to = {"203.0.113.1", "10.0.1.12"};
  o.probes = cli::ProbeFilter::parse("icmp");
  ReachMatrix m = cli::compute_reach(*plan, o);
  EXPECT_EQ(rows_text(m),
            "client 198.51.100.10 -> w1 203.0.113.1 ping: unreachable [security-group] "
            "sg-ingress-denied\n"
            "client 198.51.100.10 -> w3 203.0.113.3 ping: unreachable [security-group] "
            "sg-ingress-denied\n"
            "w2 10.0.1.11 -> w1 10.0.1.10 ping: unreachable [security-group] sg-ingress-denied\n"
            "w2 10.0.1.11 -> w3 10.0.1.12 ping: unreachable [security-group] sg-ingress-denied\n"
            "w3 10.0.1.12 -> w1 10.0.1.10 ping: unreachable [security-group] sg-ingress-denied\n");
}

TEST(ReachEngine, RejectsNamesAndPatternsThatMatchNoEndpoint) {
  auto plan = load_plan(kThreeAlike);
  ASSERT_TRUE(plan);
  auto error = [&](std::vector<std::string> from, std::vector<std::string> to) -> std::string {
    ReachOptions o;
    o.from = std::move(from);
    o.to = std::move(to);
    try {
      (void)cli::compute_reach(*plan, o);
    } catch (const cli::UsageError& e) {
      return e.what();
    }
    return "no error";
  };
  EXPECT_EQ(error({"w9"}, {}),
            "--from: unknown endpoint 'w9' (known endpoints: 'client', 'w1', 'w2', 'w3')");
  EXPECT_EQ(
      error({}, {"db-*"}),
      "--to: 'db-*', which matches no endpoint (known endpoints: 'client', 'w1', 'w2', 'w3')");
  EXPECT_EQ(error({"w1,"}, {}),
            "--from: an empty name (known endpoints: 'client', 'w1', 'w2', 'w3')");
  EXPECT_EQ(error({"10.9.9.9"}, {}),
            "--from: the address 10.9.9.9, which no endpoint has (known endpoints: 'client', 'w1', "
            "'w2', 'w3')");
  // Routers, switches and gateways are not endpoints.
  EXPECT_NE(error({"igw"}, {}), "no error");
}

TEST(ProbeFilter, ParsesPortsRangesAndIcmp) {
  cli::ProbeFilter f = cli::ProbeFilter::parse("icmp,22,8000-8080");
  EXPECT_TRUE(f.allows(ProbeKey::icmp()));
  EXPECT_TRUE(f.allows(ProbeKey::tcp(22)));
  EXPECT_TRUE(f.allows(ProbeKey::tcp(8000)));
  EXPECT_TRUE(f.allows(ProbeKey::tcp(8080)));
  EXPECT_FALSE(f.allows(ProbeKey::tcp(23)));
  EXPECT_FALSE(f.allows(ProbeKey::tcp(8081)));
  EXPECT_FALSE(cli::ProbeFilter::parse("443").allows(ProbeKey::icmp()));
  EXPECT_TRUE(cli::ProbeFilter::parse("ping").allows(ProbeKey::icmp()));
}

TEST(ProbeFilter, RejectsWhatIsNotAPortARangeOrIcmp) {
  for (const char* bad :
       {"0", "65536", "http", "22-", "-22", "90-80", "", "22,,80", "1e3", "+22"}) {
    EXPECT_THROW((void)cli::ProbeFilter::parse(bad), cli::UsageError) << bad;
  }
  try {
    (void)cli::ProbeFilter::parse("22,x");
  } catch (const cli::UsageError& e) {
    EXPECT_STREQ(e.what(),
                 "--port: 'x' is not a port (1-65535), a range N-M or icmp; e.g. --port "
                 "icmp,22,8000-8080");
  }
}

}  // namespace
}  // namespace vpcsim::test
