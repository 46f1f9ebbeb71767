#pragma once
// Small text helpers shared by the parsers of the tools' output: splitting into
// lines and whitespace-separated tokens, and reading a dotted quad or a number.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vpcsim::crosscheck {

[[nodiscard]] std::vector<std::string_view> split_lines(std::string_view text);
[[nodiscard]] std::vector<std::string_view> split_words(std::string_view line);
[[nodiscard]] std::string_view trim(std::string_view s);
[[nodiscard]] bool starts_with(std::string_view s, std::string_view prefix);
// A dotted-quad IPv4 address, as the tools print it with -n.
[[nodiscard]] bool is_ipv4(std::string_view s);
// A non-negative decimal integer; nullopt when `s` is anything else.
[[nodiscard]] std::optional<int> to_int(std::string_view s);

}  // namespace vpcsim::crosscheck
