#pragma once
// Report files that commands write next to their stdout output (`check --json OUT`,
// `check --junit OUT`). A CI job reads them after the command has exited, so:
// - the path is checked before any work is done, and a path that cannot be
//   written is a usage error (exit 2) rather than a crash after the run;
// - the content goes to a temporary file in the same directory, which is then
//   renamed over OUT, so a reader never sees a half-written report and a failed
//   run leaves an older report untouched.
// Not handled: OUT on another file system than its directory (impossible by
// construction) and concurrent writers of the same OUT (the last rename wins).
#include <string>
#include <string_view>

namespace vpcsim::cli {

// Throws UsageError naming `option` when `path` cannot become a report file:
// empty, an existing directory, an existing file that is not writable, or a
// directory part that does not exist, is not a directory or is not writable.
void check_output_path(std::string_view option, const std::string& path);

// Writes `content` to `path` atomically (temporary file + rename). The file gets
// the permissions a plain create would give (0666 minus the umask). Throws
// UsageError with the system's reason when anything fails, leaving no
// temporary file behind.
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace vpcsim::cli
