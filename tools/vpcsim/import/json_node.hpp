#pragma once
// JsonNode: a JSON value together with its JSON path ("$.Vpcs[0].CidrBlock"), so
// that every warning can say which value it is about. Looking up a key or index
// that is not there gives a "missing" node (still with its path) instead of
// throwing, so readers can walk optional fields without checks at every step.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace vpcsim::importer {

class JsonNode {
 public:
  JsonNode() = default;
  JsonNode(const nlohmann::json* value, std::string path) : value_(value), path_(std::move(path)) {}

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] const nlohmann::json* value() const { return value_; }
  // Absent, or JSON null.
  [[nodiscard]] bool missing() const { return value_ == nullptr || value_->is_null(); }
  [[nodiscard]] bool is_object() const { return value_ && value_->is_object(); }
  [[nodiscard]] bool is_array() const { return value_ && value_->is_array(); }
  [[nodiscard]] bool is_string() const { return value_ && value_->is_string(); }
  [[nodiscard]] bool is_bool() const { return value_ && value_->is_boolean(); }
  [[nodiscard]] bool is_number() const { return value_ && value_->is_number(); }
  [[nodiscard]] bool has(std::string_view key) const;

  [[nodiscard]] JsonNode operator[](std::string_view key) const;
  [[nodiscard]] JsonNode operator[](size_t index) const;
  // Elements of an array (0 for anything else).
  [[nodiscard]] size_t size() const { return is_array() ? value_->size() : 0; }

  // The value when it has that type; nullopt otherwise (including missing).
  [[nodiscard]] std::optional<std::string> string() const;
  [[nodiscard]] std::optional<bool> boolean() const;
  [[nodiscard]] std::optional<int64_t> integer() const;

 private:
  const nlohmann::json* value_ = nullptr;
  std::string path_;
};

// ".Key" for identifier-like keys, "[\"key\"]" otherwise (e.g. "vpcsim:listen").
[[nodiscard]] std::string path_key(std::string_view key);

}  // namespace vpcsim::importer
