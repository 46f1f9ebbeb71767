#pragma once
// VPCSIM_CHECK: a broken internal invariant (a programming error, never bad user
// input) reports file:line and aborts. Bad input is reported as diagnostics.
#include <cstdio>
#include <cstdlib>

#define VPCSIM_CHECK(cond, msg)                                                      \
  do {                                                                               \
    if (!(cond)) {                                                                   \
      std::fprintf(stderr, "%s:%d: internal error: %s (%s)\n", __FILE__, __LINE__, \
                   (msg), #cond);                                                    \
      std::abort();                                                                  \
    }                                                                                \
  } while (0)
