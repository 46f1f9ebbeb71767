// vpcsim_bench's main: Google Benchmark's own, after the allocator setting that the
// vpcsim command line makes too (sim/core/huge_pages.hpp), so the benchmarks measure
// the program users run.
#include <benchmark/benchmark.h>

#include "sim/core/huge_pages.hpp"

int main(int argc, char** argv) {
  vpcsim::restart_with_huge_page_malloc(argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
