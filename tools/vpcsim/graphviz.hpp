#pragma once
// Rendering DOT with Graphviz's `dot` program (Debian package graphviz): the
// one external program vpcsim runs. Run directly (posix_spawnp, no shell), so
// paths need no quoting; dot's own warnings go to our stderr.
#include <string>

namespace vpcsim::cli {

// Renders `dot_text` as `format` ("svg", "png") into `out_path`. Throws
// UsageError when dot is not installed or fails (its message is on stderr).
void render_dot(const std::string& dot_text, const std::string& format, const std::string& out_path);

// The SVG text of `dot_text` (via a temporary file).
[[nodiscard]] std::string render_svg(const std::string& dot_text);

}  // namespace vpcsim::cli
