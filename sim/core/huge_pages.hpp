#pragma once

// Transparent huge pages for malloc, where the kernel offers them on request.
//
// Loading a big topology touches about ten bytes of fresh memory per byte of XML
// (the file, pugixml's copy and tree, the spec, the network). Each first touch of a
// 4 KiB page is a page fault, and on some virtual machines a fault costs as much as
// parsing the whole page: 12 µs on the Firecracker guests of bench/README.md, where a
// 65,000-node file loaded at 45 MB/s and 213 MB/s with huge pages. A 2 MiB page
// takes that fault once for 512 pages. glibc's malloc asks for huge pages when its
// tunable glibc.malloc.hugetlb=1 is set, and reads tunables only as a process starts;
// so the program starts itself once more with the tunable set.
namespace vpcsim {

// Call before the program allocates much, with main's argv. Replaces the process by
// the same program with the same arguments and glibc.malloc.hugetlb=1, when the
// kernel's THP mode is "madvise", the user's GLIBC_TUNABLES and VPCSIM_HUGE_PAGES=0 do
// not say otherwise, glibc's malloc is the one in use (AddressSanitizer brings its
// own) and valgrind is not watching (it would lose the program at exec). The new
// process gets the environment the first one had, so what it starts does not inherit
// the tunable. Returns in the process that is to run: the restarted one, or the first
// when there is nothing to do or exec failed.
void restart_with_huge_page_malloc(char** argv);

// A restart costs a few milliseconds (the program is loaded twice), and huge pages
// keep up to 2 MiB of each big block resident (+8% per node at 10,000 nodes), which
// only big inputs repay: whether `path` is a regular file of kBigInputBytes or more
// (the size from which the loader also builds its line index on a thread of its own),
// and whether any of `args` (a command line's arguments) names one.
inline constexpr unsigned long long kBigInputBytes = 4ull << 20;
bool is_big_input(const char* path);
bool names_big_input(char* const* first, char* const* last);

}  // namespace vpcsim
