#include "tools/vpcsim/output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "tools/vpcsim/cli_common.hpp"

namespace vpcsim::cli {
namespace {

namespace fs = std::filesystem;

// The directory the file goes into; "." for a bare file name.
fs::path directory_of(const fs::path& p) {
  fs::path dir = p.parent_path();
  return dir.empty() ? fs::path(".") : dir;
}

std::string system_reason(int err) { return std::strerror(err); }

// The mode open(2) would give a new file: 0666 minus the umask. umask(2) can
// only be read by setting it, so it is set and put back at once.
mode_t default_file_mode() {
  mode_t mask = ::umask(022);
  ::umask(mask);
  return 0666 & ~mask;
}

// Owns the temporary file until it has been renamed over the target.
class TempFile {
 public:
  explicit TempFile(const fs::path& target) {
    std::string pattern =
        (directory_of(target) / ("." + target.filename().string() + ".tmp.XXXXXX")).string();
    name_.assign(pattern.begin(), pattern.end());
    name_.push_back('\0');
    fd_ = ::mkstemp(name_.data());
    if (fd_ < 0) fail(target, errno);
  }
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!renamed_) ::unlink(name_.data());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  void write_all(const fs::path& target, std::string_view content) {
    while (!content.empty()) {
      ssize_t n = ::write(fd_, content.data(), content.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) fail(target, errno);
      content.remove_prefix(size_t(n));
    }
    // mkstemp creates 0600; a report should be as readable as any other new file.
    if (::fchmod(fd_, default_file_mode()) != 0) fail(target, errno);
    // Flushed before the rename, so a crash cannot leave an empty file under the real name.
    if (::fsync(fd_) != 0) fail(target, errno);
    int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail(target, errno);
  }

  void rename_to(const fs::path& target) {
    if (::rename(name_.data(), target.c_str()) != 0) fail(target, errno);
    renamed_ = true;
  }

 private:
  [[noreturn]] static void fail(const fs::path& target, int err) {
    throw UsageError("cannot write " + target.string() + ": " + system_reason(err));
  }

  std::vector<char> name_;
  int fd_ = -1;
  bool renamed_ = false;
};

}  // namespace

void check_output_path(std::string_view option, const std::string& path) {
  auto bad = [&](const std::string& why) {
    throw UsageError("--" + std::string(option) + " " + path + ": " + why);
  };
  if (path.empty()) bad("empty file name");
  const fs::path p(path);
  std::error_code ec;
  if (p.filename().empty() || fs::is_directory(p, ec)) bad("is a directory, not a file");
  const fs::path dir = directory_of(p);
  if (!fs::exists(dir, ec)) bad("directory " + dir.string() + " does not exist");
  if (!fs::is_directory(dir, ec)) bad(dir.string() + " is not a directory");
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    bad("cannot create files in " + dir.string() + ": " + system_reason(errno));
  }
  if (fs::exists(p, ec) && ::access(p.c_str(), W_OK) != 0) {
    bad("cannot overwrite: " + system_reason(errno));
  }
}

void write_file_atomically(const std::string& path, std::string_view content) {
  const fs::path target(path);
  TempFile tmp(target);
  tmp.write_all(target, content);
  tmp.rename_to(target);
}

}  // namespace vpcsim::cli
