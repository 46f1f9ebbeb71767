#pragma once
// TerraformPlan: an index of `terraform show -json PLANFILE` output (also of
// `terraform show -json` state output, whose values are all known). It answers
// the two questions the plan reader asks about a resource attribute:
// - is its value known, and what is it (planned_values; an attribute missing from
//   them is unknown until apply, as resource_changes[].change.after_unknown says);
// - when unknown, which resources does the configuration refer to for it. Ids are
//   unknown until apply, so `subnet_id = aws_subnet.app.id` is only known as the
//   reference "aws_subnet.app.id" in the configuration section. References are
//   followed through module inputs (var.x), module outputs (module.m.out), count
//   and for_each (count.index, each.key, each.value) and indexes.
// Not followed: locals, data sources, expressions that compute a reference (a
// conditional picks among its references: all of them are returned), module
// calls with count or for_each. A reader reports what it cannot resolve.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "tools/vpcsim/import/import_log.hpp"
#include "tools/vpcsim/import/json_document.hpp"
#include "tools/vpcsim/import/json_node.hpp"

namespace vpcsim::importer {

struct TfResource {
  std::string address;                      // "module.a.aws_subnet.this[\"one\"]"
  std::string module;                       // "" (root) or "module.a"
  std::string type;                         // "aws_subnet"
  std::string name;                         // "this"
  std::optional<nlohmann::json> index;      // count index (number) or for_each key (string)
  bool managed = true;                      // false for data sources
  std::string path;                         // JSON path of the resource in planned_values
  JsonNode values;                          // planned values, with their JSON path
  const nlohmann::json* unknown = nullptr;  // after_unknown, when the plan has it
  const nlohmann::json* config = nullptr;   // the configuration's resource block

  // "aws_subnet.this" within its module, the part references name.
  [[nodiscard]] std::string local_name() const { return type + "." + name; }
};

// What a reference points at: a resource instance and the attribute named after it
// (empty when the reference stops at the resource).
struct RefTarget {
  const TfResource* resource = nullptr;
  std::string attribute;
  bool operator==(const RefTarget&) const = default;
};

enum class ValueState { Known, Unknown, Null };

class TerraformPlan {
 public:
  // nullopt (after an error) when `doc` is not `terraform show -json` output.
  [[nodiscard]] static std::optional<TerraformPlan> index(const JsonDocument& doc, ImportLog& log);

  [[nodiscard]] const std::vector<TfResource>& resources() const { return resources_; }
  [[nodiscard]] const std::string& terraform_version() const { return version_; }
  [[nodiscard]] bool is_state() const { return state_; }
  [[nodiscard]] const TfResource* find(const std::string& address) const;
  // The resource whose planned `id` is `id` (a plan against existing objects knows
  // their ids), or a VPC whose default group / NACL / main table has that id.
  [[nodiscard]] std::optional<RefTarget> find_id(const std::string& id) const;

  // State of `attr` of `r` (an attribute missing from the planned values is
  // unknown until apply; in a state, everything is known).
  [[nodiscard]] ValueState state(const TfResource& r, std::string_view attr) const;
  // The configuration's references for `attr` of `r`, resolved, in the order the
  // configuration lists them (a resource referred to twice appears twice: inline
  // rule blocks share one merged list).
  [[nodiscard]] std::vector<RefTarget> references(const TfResource& r, std::string_view attr) const;
  // Whether the configuration gives `attr` at all (a computed attribute it leaves
  // out is unknown in the plan, but names nothing).
  [[nodiscard]] bool configured(const TfResource& r, std::string_view attr) const;
  // The raw reference strings (for messages).
  [[nodiscard]] std::vector<std::string> reference_texts(const TfResource& r,
                                                         std::string_view attr) const;

 private:
  struct Step {
    std::string name;                     // an identifier, or
    std::optional<nlohmann::json> index;  // an index: number or string key
  };
  using Path = std::vector<Step>;
  struct Scope {
    std::string module;                // "" or "module.a.module.b"
    const TfResource* self = nullptr;  // for count.index / each.* ; may be null
  };
  // The index a reference computes per instance: count.index, each.key, or a field
  // of each.value (aws_subnet.x[each.value.subnet]) when for_each is a constant.
  std::optional<nlohmann::json> dynamic_index(const Path& ref, const Scope& scope) const;
  // The value of an expression when the plan knows it: a constant, or a module
  // input given as one (var.x).
  std::optional<nlohmann::json> constant_of(const nlohmann::json& expr, const std::string& module,
                                            int depth) const;

  void collect(const JsonNode& module,
               const std::map<std::string, const nlohmann::json*>& unknowns);
  const nlohmann::json* module_config(const std::string& module) const;
  const nlohmann::json* resource_config(const std::string& module, const std::string& local);
  static std::optional<Path> parse_reference(std::string_view text);
  static std::vector<std::string> expression_references(const nlohmann::json& expr);
  std::vector<RefTarget> resolve_list(const std::vector<std::string>& refs, const Scope& scope,
                                      int depth) const;
  using Index = std::optional<nlohmann::json>;
  std::vector<RefTarget> resolve(const Path& ref, const Scope& scope, const Index& dynamic,
                                 int depth) const;
  std::vector<RefTarget> instances_of(const std::string& base, const Path& rest, size_t from,
                                      const Index& dynamic) const;
  static std::vector<RefTarget> narrow(std::vector<RefTarget> targets, const Path& rest,
                                       size_t from);

  std::vector<TfResource> resources_;
  std::map<std::string, size_t> by_address_;
  std::map<std::string, std::vector<size_t>> by_base_;  // "module.a.aws_subnet.this" -> instances
  std::map<std::string, RefTarget> by_id_;
  // module -> resource address within it -> its configuration block
  std::map<std::string, std::map<std::string, const nlohmann::json*>> config_index_;
  const nlohmann::json* configuration_ = nullptr;
  std::string version_;
  bool state_ = false;
};

}  // namespace vpcsim::importer
