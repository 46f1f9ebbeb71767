#include "tools/vpcsim/import/json_node.hpp"

#include <cctype>

namespace vpcsim::importer {

std::string path_key(std::string_view key) {
  bool plain = !key.empty() && !std::isdigit(static_cast<unsigned char>(key.front()));
  for (char c : key) {
    plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  }
  if (plain) return "." + std::string(key);
  return "[" + nlohmann::json(std::string(key)).dump() + "]";
}

bool JsonNode::has(std::string_view key) const {
  return is_object() && value_->find(key) != value_->end();
}

JsonNode JsonNode::operator[](std::string_view key) const {
  std::string path = path_ + path_key(key);
  if (!is_object()) return JsonNode(nullptr, std::move(path));
  auto it = value_->find(key);
  return JsonNode(it == value_->end() ? nullptr : &*it, std::move(path));
}

JsonNode JsonNode::operator[](size_t index) const {
  std::string path = path_ + "[" + std::to_string(index) + "]";
  if (!is_array() || index >= value_->size()) return JsonNode(nullptr, std::move(path));
  return JsonNode(&(*value_)[index], std::move(path));
}

std::optional<std::string> JsonNode::string() const {
  if (!is_string()) return std::nullopt;
  return value_->get<std::string>();
}

std::optional<bool> JsonNode::boolean() const {
  if (!is_bool()) return std::nullopt;
  return value_->get<bool>();
}

std::optional<int64_t> JsonNode::integer() const {
  if (!value_) return std::nullopt;
  if (value_->is_number_integer()) return value_->get<int64_t>();
  // Terraform writes numbers as JSON numbers, which may come out as 22.0.
  if (value_->is_number_float()) {
    double d = value_->get<double>();
    if (d == static_cast<double>(static_cast<int64_t>(d))) return static_cast<int64_t>(d);
  }
  return std::nullopt;
}

}  // namespace vpcsim::importer
