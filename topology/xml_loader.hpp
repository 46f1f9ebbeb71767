#pragma once
// XML loader: topology XML (DESIGN.md section 3) -> TopologySpec, checking syntax
// and types only (element and attribute names, required attributes, addresses,
// ports, durations). Cross-references and AWS rules are `validate`'s job.
// Every problem is appended to `diags` in one pass; nothing throws for bad input.
// An element whose own value is broken (e.g. a bad ip=) is left out of the spec
// rather than given a made-up value, so run `validate` only on a spec that loaded
// without errors, or expect follow-on errors about the missing element.
// Hosts may use a shorthand for one interface: <host name= ip= gateway= mac=/>
// is one interface named eth0 (both forms are accepted; mixing them is an error).
#include <optional>
#include <string>
#include <string_view>

#include "topology/diagnostics.hpp"
#include "topology/spec.hpp"

namespace vpcsim::topo {

// How the loader may use the machine. The result (spec and diagnostics, in
// their order) is the same whatever is chosen.
struct LoadOptions {
  // Threads that read a big <network>'s devices and links, each a run of its
  // children in document order (the XML parse itself is one thread; a big
  // file's line index is built beside it unless this is 1). 0: one per
  // hardware thread, at most kMaxReaderThreads.
  unsigned reader_threads = 0;
  // A thread is worth starting for this many children of a <network>, no fewer
  // (each keeps some 0.7 MB resident: its malloc arena and stack).
  size_t children_per_thread = 16384;
  static constexpr unsigned kMaxReaderThreads = 8;
};

// Loads the file at `path`; diagnostics name the file as `path` is written.
// A missing or unreadable file is one `file-not-found` error at PATH:0:0 (line 0
// means "the file as a whole": there is no line to point at).
// Returns nullopt only when there is no document to read: the file cannot be
// read, the XML is malformed (`xml-syntax`) or the root is not <topology>.
[[nodiscard]] std::optional<TopologySpec> load_topology_file(const std::string& path,
                                                             Diagnostics& diags,
                                                             const LoadOptions& options = {});

// Same, from text in memory; `file_label` is used as FILE in diagnostics and as
// TopologySpec::file.
[[nodiscard]] std::optional<TopologySpec> load_topology_string(std::string_view xml,
                                                               const std::string& file_label,
                                                               Diagnostics& diags,
                                                               const LoadOptions& options = {});

}  // namespace vpcsim::topo
