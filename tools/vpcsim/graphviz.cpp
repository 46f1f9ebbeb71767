#include "tools/vpcsim/graphviz.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "tools/vpcsim/cli_common.hpp"

extern char** environ;

namespace vpcsim::cli {
namespace {

// A temporary file removed when it goes out of scope.
class TempFile {
 public:
  explicit TempFile(const char* suffix) {
    const char* dir = std::getenv("TMPDIR");
    path_ = std::string(dir && *dir ? dir : "/tmp") + "/vpcsim-XXXXXX" + suffix;
    std::vector<char> buf(path_.begin(), path_.end());
    buf.push_back('\0');
    int fd = mkstemps(buf.data(), int(std::string(suffix).size()));
    if (fd < 0) throw UsageError("cannot create a temporary file in " + path_);
    close(fd);
    path_ = buf.data();
  }
  ~TempFile() { std::remove(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

void render_dot(const std::string& dot_text, const std::string& format, const std::string& out_path) {
  TempFile input(".dot");
  {
    std::ofstream f(input.path());
    if (!(f << dot_text)) throw UsageError("cannot write " + input.path());
  }
  std::string type = "-T" + format;
  std::vector<std::string> args{"dot", type, input.path(), "-o", out_path};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, "dot", nullptr, nullptr, argv.data(), environ) != 0) {
    throw UsageError("cannot run Graphviz's dot (install the Debian package graphviz), or write "
                     "OUT.dot and render it elsewhere");
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw UsageError("Graphviz's dot failed to render " + out_path);
  }
}

std::string render_svg(const std::string& dot_text) {
  TempFile output(".svg");
  render_dot(dot_text, "svg", output.path());
  std::ifstream in(output.path());
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace vpcsim::cli
