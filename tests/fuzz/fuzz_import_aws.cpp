// fuzz_import_aws: any bytes as AWS CLI describe output. The reader takes files
// (one per `aws ec2 describe-*` call), so the input is split at NUL bytes (which
// JSON text cannot hold) into up to kMaxFiles documents, written as
// doc-NN.json into this process's own temporary directory, and the directory is
// read as `vpcsim import aws DIR` reads it. The seeds (tools/fuzz) are each
// fixture directory's files joined with NULs. When the reader finds no error,
// the topology writer and the loader run on the result (import_check.hpp).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "tests/fuzz/import_check.hpp"
#include "tools/vpcsim/import/aws_describe_reader.hpp"

namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxFiles = 16;

// Created on first use, removed at exit: one per fuzzing process (libFuzzer's
// -jobs/-workers run several), so parallel runs never share files.
const fs::path& work_dir() {
  static const fs::path dir = [] {
    std::string tmpl = (fs::temp_directory_path() / "vpcsim-fuzz-aws-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) std::abort();
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(work_dir(), ec);
    });
    return fs::path(tmpl);
  }();
  return dir;
}

std::string file_name(size_t i) {
  return "doc-" + std::string(i < 10 ? "0" : "") + std::to_string(i) + ".json";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace vpcsim;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const fs::path& dir = work_dir();
  size_t files = 0;
  while (files < kMaxFiles) {
    const size_t nul = input.find('\0');
    std::ofstream(dir / file_name(files), std::ios::binary | std::ios::trunc)
        << input.substr(0, nul);
    ++files;
    if (nul == std::string_view::npos) break;
    input.remove_prefix(nul + 1);
  }
  for (size_t i = files; i < kMaxFiles; ++i) {
    std::error_code ec;
    fs::remove(dir / file_name(i), ec);
  }
  importer::ImportLog log;
  auto model = importer::read_aws_describe({dir.string()}, log);
  (void)log.render();
  if (!model || log.has_errors()) return 0;
  fuzz::write_and_reload(*model, log);
  return 0;
}
