#include "sim/core/huge_pages.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

namespace vpcsim {
namespace {

constexpr const char* kTunables = "GLIBC_TUNABLES";
constexpr const char* kSetting = "glibc.malloc.hugetlb=1";
// Set only between the two starts: "unset", or "set:" and what GLIBC_TUNABLES was.
constexpr const char* kBefore = "VPCSIM_GLIBC_TUNABLES_BEFORE";

// "always": every anonymous mapping may get huge pages already; "never": none will.
bool kernel_gives_huge_pages_on_request() {
  std::ifstream mode("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string text;
  return std::getline(mode, text) && text.find("[madvise]") != std::string::npos;
}

// valgrind's tools watch one process image and lose the program at exec (their
// preload library is how they show).
bool under_valgrind() {
  const char* preload = std::getenv("LD_PRELOAD");
  return preload && std::strstr(preload, "/vgpreload_");
}

}  // namespace

void restart_with_huge_page_malloc(char** argv) {
  if (const char* before = std::getenv(kBefore)) {
    // The second start: glibc has read the tunable; give back the user's environment.
    if (std::strncmp(before, "set:", 4) == 0) {
      ::setenv(kTunables, before + 4, 1);
    } else {
      ::unsetenv(kTunables);
    }
    ::unsetenv(kBefore);
    return;
  }
#if defined(__SANITIZE_ADDRESS__)
  return;  // its allocator, not glibc's, serves malloc: the tunable would change nothing
#endif
  const char* tunables = std::getenv(kTunables);
  const char* opt_out = std::getenv("VPCSIM_HUGE_PAGES");
  if ((opt_out && std::strcmp(opt_out, "0") == 0) ||
      (tunables && std::strstr(tunables, "glibc.malloc.hugetlb")) || under_valgrind() ||
      !kernel_gives_huge_pages_on_request()) {
    return;
  }
  const std::string before = tunables ? tunables : "";
  const std::string with = before.empty() ? kSetting : before + ":" + kSetting;
  ::setenv(kBefore, tunables ? ("set:" + before).c_str() : "unset", 1);
  ::setenv(kTunables, with.c_str(), 1);
  ::execv("/proc/self/exe", argv);
  // No exec (no /proc, say): run as we are, with the environment as it was.
  if (tunables) {
    ::setenv(kTunables, before.c_str(), 1);
  } else {
    ::unsetenv(kTunables);
  }
  ::unsetenv(kBefore);
}

bool is_big_input(const char* path) {
  struct stat info {};
  return ::stat(path, &info) == 0 && S_ISREG(info.st_mode) &&
         static_cast<unsigned long long>(info.st_size) >= kBigInputBytes;
}

bool names_big_input(char* const* first, char* const* last) {
  return std::any_of(first, last, [](const char* arg) { return is_big_input(arg); });
}

}  // namespace vpcsim
