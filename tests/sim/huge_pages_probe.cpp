// huge_pages_probe ARGS...: what restart_with_huge_page_malloc did to this process,
// called as the vpcsim command line calls it (when some argument names a big file),
// for huge_pages_test.cpp. Prints one line per fact:
//   restarted: yes|no        (this image was started with glibc.malloc.hugetlb=1)
//   GLIBC_TUNABLES: VALUE|(unset)   (what the program, and what it starts, sees)
//   marker: yes|no           (VPCSIM_GLIBC_TUNABLES_BEFORE left behind)
//   args: ARG ARG ...
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "sim/core/huge_pages.hpp"

int main(int argc, char** argv) {
  if (vpcsim::names_big_input(argv + 1, argv + argc)) vpcsim::restart_with_huge_page_malloc(argv);
  // The environment this image was exec'd with, whatever setenv did since.
  std::ifstream environ_file("/proc/self/environ", std::ios::binary);
  const std::string initial{std::istreambuf_iterator<char>(environ_file), {}};
  const bool restarted = initial.find("glibc.malloc.hugetlb=1") != std::string::npos;
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  std::printf("restarted: %s\n", restarted ? "yes" : "no");
  std::printf("GLIBC_TUNABLES: %s\n", tunables ? tunables : "(unset)");
  std::printf("marker: %s\n", std::getenv("VPCSIM_GLIBC_TUNABLES_BEFORE") ? "yes" : "no");
  std::printf("args:");
  for (int i = 1; i < argc; ++i) std::printf(" %s", argv[i]);
  std::printf("\n");
  return 0;
}
