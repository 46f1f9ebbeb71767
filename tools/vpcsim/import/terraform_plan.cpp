#include "tools/vpcsim/import/terraform_plan.hpp"

#include <algorithm>
#include <cctype>

namespace vpcsim::importer {
namespace {

// Deep enough for any real module nesting; stops reference cycles through outputs.
constexpr int kMaxDepth = 16;

// "module.a.module.b" -> {"a", "b"}
std::vector<std::string> module_names(const std::string& module) {
  std::vector<std::string> names;
  size_t at = 0;
  while (at < module.size()) {
    size_t dot = module.find('.', at);       // after "module"
    size_t end = module.find('.', dot + 1);  // after the name
    names.push_back(module.substr(dot + 1, end == std::string::npos ? end : end - dot - 1));
    at = end == std::string::npos ? module.size() : end + 1;
  }
  return names;
}

std::string parent_module(const std::string& module) {
  size_t at = module.rfind(".module.");
  return at == std::string::npos ? std::string() : module.substr(0, at);
}

std::string child_module(const std::string& module, const std::string& name) {
  return module.empty() ? "module." + name : module + ".module." + name;
}

}  // namespace

std::optional<TerraformPlan> TerraformPlan::index(const JsonDocument& doc, ImportLog& log) {
  TerraformPlan plan;
  JsonNode root(&doc.root(), "$");
  JsonNode values = root["planned_values"];
  if (values.missing() && root["values"].is_object()) {
    values = root["values"];  // `terraform show -json` of a state: everything known
    plan.state_ = true;
  }
  if (!root.is_object() || !values.is_object() || !root["format_version"].is_string()) {
    log.file_error(doc.label(),
                   "not the output of `terraform show -json` (no format_version and "
                   "planned_values): run `terraform plan -out=PLAN` then "
                   "`terraform show -json PLAN > plan.json`",
                   "not-terraform-plan");
    return std::nullopt;
  }
  plan.version_ = root["terraform_version"].string().value_or("");
  if (root["errored"].boolean().value_or(false)) {
    log.warning(doc.label(), "$.errored", "", "the plan errored: it may be incomplete",
                "incomplete-plan");
  }
  std::map<std::string, const nlohmann::json*> unknowns;
  JsonNode changes = root["resource_changes"];
  for (size_t i = 0; i < changes.size(); ++i) {
    auto address = changes[i]["address"].string();
    JsonNode after = changes[i]["change"]["after_unknown"];
    if (address && after.is_object()) unknowns[*address] = after.value();
  }
  if (root["configuration"].is_object()) plan.configuration_ = root["configuration"].value();
  plan.collect(values["root_module"], unknowns);
  for (size_t i = 0; i < plan.resources_.size(); ++i) {
    TfResource& r = plan.resources_[i];
    plan.by_address_[r.address] = i;
    std::string base =
        (r.module.empty() ? "" : r.module + ".") + (r.managed ? "" : "data.") + r.local_name();
    plan.by_base_[base].push_back(i);
    r.config = plan.resource_config(r.module, (r.managed ? "" : "data.") + r.local_name());
    if (auto id = r.values["id"].string(); id && !id->empty()) plan.by_id_[*id] = RefTarget{&r, ""};
    if (r.type == "aws_vpc") {
      for (const char* attr : {"default_security_group_id", "default_network_acl_id",
                               "main_route_table_id", "default_route_table_id"}) {
        if (auto id = r.values[attr].string(); id && !id->empty())
          plan.by_id_[*id] = RefTarget{&r, attr};
      }
    }
  }
  return plan;
}

void TerraformPlan::collect(const JsonNode& module,
                            const std::map<std::string, const nlohmann::json*>& unknowns) {
  std::string module_address = module["address"].string().value_or("");
  JsonNode list = module["resources"];
  for (size_t i = 0; i < list.size(); ++i) {
    JsonNode r = list[i];
    TfResource res;
    res.address = r["address"].string().value_or("");
    res.module = module_address;
    res.type = r["type"].string().value_or("");
    res.name = r["name"].string().value_or("");
    res.managed = r["mode"].string().value_or("managed") == "managed";
    if (r.has("index")) res.index = *r["index"].value();
    res.path = r.path();
    res.values = r["values"];
    auto u = unknowns.find(res.address);
    if (u != unknowns.end()) res.unknown = u->second;
    resources_.push_back(std::move(res));
  }
  JsonNode children = module["child_modules"];
  for (size_t i = 0; i < children.size(); ++i) collect(children[i], unknowns);
}

const nlohmann::json* TerraformPlan::module_config(const std::string& module) const {
  if (!configuration_) return nullptr;
  auto root = configuration_->find("root_module");
  if (root == configuration_->end()) return nullptr;
  const nlohmann::json* m = &*root;
  for (const std::string& name : module_names(module)) {
    auto calls = m->find("module_calls");
    if (calls == m->end() || !calls->contains(name)) return nullptr;
    const nlohmann::json& call = (*calls)[name];
    if (!call.contains("module")) return nullptr;
    m = &call["module"];
  }
  return m;
}

const nlohmann::json* TerraformPlan::resource_config(const std::string& module,
                                                     const std::string& local) {
  // Indexed per module on first use: a large plan has thousands of resources.
  auto [it, fresh] = config_index_.try_emplace(module);
  if (fresh) {
    const nlohmann::json* m = module_config(module);
    if (m && m->contains("resources")) {
      for (const nlohmann::json& r : (*m)["resources"]) it->second[r.value("address", "")] = &r;
    }
  }
  auto r = it->second.find(local);
  return r == it->second.end() ? nullptr : r->second;
}

const TfResource* TerraformPlan::find(const std::string& address) const {
  auto it = by_address_.find(address);
  return it == by_address_.end() ? nullptr : &resources_[it->second];
}

std::optional<RefTarget> TerraformPlan::find_id(const std::string& id) const {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

ValueState TerraformPlan::state(const TfResource& r, std::string_view attr) const {
  if (r.values.has(attr)) return r.values[attr].missing() ? ValueState::Null : ValueState::Known;
  // Planned values leave out what is unknown until apply.
  if (r.unknown && r.unknown->contains(attr) && (*r.unknown)[std::string(attr)] == true) {
    return ValueState::Unknown;
  }
  return state_ ? ValueState::Null : ValueState::Unknown;
}

// "aws_subnet.tier[\"app\"].id" -> aws_subnet, tier, ["app"], id
std::optional<TerraformPlan::Path> TerraformPlan::parse_reference(std::string_view text) {
  Path path;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '.') {
      ++i;
      continue;
    }
    if (text[i] == '[') {
      size_t close = i + 1;
      if (close < text.size() && text[close] == '"') {
        // A JSON string: find its closing quote, skipping escapes.
        for (++close; close < text.size() && text[close] != '"'; ++close) {
          if (text[close] == '\\') ++close;
        }
        ++close;
      } else {
        while (close < text.size() && text[close] != ']') ++close;
      }
      if (close >= text.size() || text[close] != ']') return std::nullopt;
      std::string_view inner = text.substr(i + 1, close - i - 1);
      try {
        path.push_back(Step{"", nlohmann::json::parse(inner)});
      } catch (const nlohmann::json::parse_error&) {
        path.push_back(Step{std::string(inner), std::nullopt});  // e.g. [count.index]
      }
      i = close + 1;
      continue;
    }
    size_t end = i;
    while (end < text.size() && text[end] != '.' && text[end] != '[') ++end;
    path.push_back(Step{std::string(text.substr(i, end - i)), std::nullopt});
    i = end;
  }
  if (path.empty()) return std::nullopt;
  return path;
}

std::vector<std::string> TerraformPlan::expression_references(const nlohmann::json& expr) {
  std::vector<std::string> out;
  if (expr.is_object()) {
    auto refs = expr.find("references");
    if (refs != expr.end() && refs->is_array()) {
      for (const auto& r : *refs) {
        if (r.is_string()) out.push_back(r.get<std::string>());
      }
      return out;
    }
    // A nested block: the references of its own attributes.
    for (const auto& [key, value] : expr.items()) {
      auto inner = expression_references(value);
      out.insert(out.end(), inner.begin(), inner.end());
    }
  } else if (expr.is_array()) {
    for (const auto& e : expr) {
      auto inner = expression_references(e);
      out.insert(out.end(), inner.begin(), inner.end());
    }
  }
  return out;
}

std::vector<std::string> TerraformPlan::reference_texts(const TfResource& r,
                                                        std::string_view attr) const {
  if (!r.config || !r.config->contains("expressions")) return {};
  const nlohmann::json& exprs = (*r.config)["expressions"];
  auto it = exprs.find(attr);
  if (it == exprs.end()) return {};
  return expression_references(*it);
}

bool TerraformPlan::configured(const TfResource& r, std::string_view attr) const {
  if (!r.config || !r.config->contains("expressions")) return false;
  return (*r.config)["expressions"].contains(attr);
}

std::vector<RefTarget> TerraformPlan::references(const TfResource& r, std::string_view attr) const {
  return resolve_list(reference_texts(r, attr), Scope{r.module, &r}, 0);
}

std::optional<nlohmann::json> TerraformPlan::constant_of(const nlohmann::json& expr,
                                                         const std::string& module,
                                                         int depth) const {
  if (depth > kMaxDepth || !expr.is_object()) return std::nullopt;
  if (expr.contains("constant_value")) return expr["constant_value"];
  auto refs = expression_references(expr);
  if (refs.size() != 1 || module.empty()) return std::nullopt;
  auto path = parse_reference(refs.front());
  if (!path || path->size() != 2 || path->front().name != "var") return std::nullopt;
  const nlohmann::json* parent = module_config(parent_module(module));
  std::vector<std::string> names = module_names(module);
  if (!parent || !parent->contains("module_calls")) return std::nullopt;
  const nlohmann::json& calls = (*parent)["module_calls"];
  if (!calls.contains(names.back())) return std::nullopt;
  const nlohmann::json& exprs = calls[names.back()].value("expressions", nlohmann::json::object());
  if (!exprs.contains((*path)[1].name)) return std::nullopt;
  return constant_of(exprs[(*path)[1].name], parent_module(module), depth + 1);
}

std::optional<nlohmann::json> TerraformPlan::dynamic_index(const Path& ref,
                                                           const Scope& scope) const {
  if (!scope.self || !scope.self->index || ref.size() < 2) return std::nullopt;
  const std::string& head = ref[0].name;
  if ((head == "count" && ref[1].name == "index") || (head == "each" && ref[1].name == "key")) {
    return scope.self->index;
  }
  if (head != "each" || ref[1].name != "value" || ref.size() < 3 || !scope.self->config) {
    return std::nullopt;
  }
  auto fe = scope.self->config->find("for_each_expression");
  if (fe == scope.self->config->end()) return std::nullopt;
  auto value = constant_of(*fe, scope.module, 0);
  if (!value || !value->is_object() || !scope.self->index->is_string()) return std::nullopt;
  const nlohmann::json* v = &(*value)[scope.self->index->get<std::string>()];
  for (size_t i = 2; i < ref.size(); ++i) {
    if (!v->is_object() || !v->contains(ref[i].name)) return std::nullopt;
    v = &(*v)[ref[i].name];
  }
  if (v->is_string() || v->is_number_integer()) return *v;
  return std::nullopt;
}

std::vector<RefTarget> TerraformPlan::resolve_list(const std::vector<std::string>& refs,
                                                   const Scope& scope, int depth) const {
  // Terraform lists "aws_subnet.a.id", then its prefixes "aws_subnet.a" (and the
  // unindexed resource): only the longest says what is meant. A reference repeated
  // later (another inline block naming the same group) is kept again. count.index,
  // each.key and each.value.FIELD stand for an index computed per instance
  // (aws_subnet.x[count.index] is listed as "aws_subnet.x", "count.index").
  std::vector<Path> kept;
  Index dynamic;
  for (const std::string& text : refs) {
    auto path = parse_reference(text);
    if (!path) continue;
    const std::string& head = path->front().name;
    if (head == "count" || (head == "each" && path->size() >= 2 && (*path)[1].name == "key")) {
      if (!dynamic) dynamic = dynamic_index(*path, scope);
      continue;
    }
    if (head == "each" && path->size() >= 3 && (*path)[1].name == "value") {
      if (auto key = dynamic_index(*path, scope)) {
        if (!dynamic) dynamic = key;
        continue;
      }
    }
    if (!kept.empty()) {
      const Path& last = kept.back();
      bool prefix = path->size() < last.size();
      for (size_t i = 0; prefix && i < path->size(); ++i) {
        prefix = (*path)[i].name == last[i].name && (*path)[i].index == last[i].index;
      }
      if (prefix) continue;
    }
    kept.push_back(std::move(*path));
  }
  std::vector<RefTarget> out;
  for (const Path& p : kept) {
    auto targets = resolve(p, scope, dynamic, depth);
    out.insert(out.end(), targets.begin(), targets.end());
  }
  return out;
}

std::vector<RefTarget> TerraformPlan::narrow(std::vector<RefTarget> targets, const Path& rest,
                                             size_t from) {
  // An index after a module output or a variable that stands for a counted
  // resource (module.net.subnet_ids["a"]) picks that instance.
  if (from < rest.size() && rest[from].index) {
    std::vector<RefTarget> picked;
    for (const RefTarget& t : targets) {
      if (t.resource->index && *t.resource->index == *rest[from].index) picked.push_back(t);
    }
    if (!picked.empty()) return picked;
  }
  return targets;
}

std::vector<RefTarget> TerraformPlan::instances_of(const std::string& base, const Path& ref,
                                                   size_t from, const Index& dynamic) const {
  auto it = by_base_.find(base);
  if (it == by_base_.end()) return {};
  std::vector<size_t> picked;
  size_t next = from;
  const Index& wanted = next < ref.size() && ref[next].index ? ref[next].index : dynamic;
  if (next < ref.size() && ref[next].index) ++next;
  if (wanted) {
    for (size_t i : it->second) {
      if (resources_[i].index == wanted) picked.push_back(i);
    }
  }
  // Not counted, a splat, or an index the plan does not know: every instance.
  if (picked.empty()) picked = it->second;
  std::string attribute = next < ref.size() ? ref[next].name : "";
  std::vector<RefTarget> out;
  for (size_t i : picked) out.push_back(RefTarget{&resources_[i], attribute});
  return out;
}

std::vector<RefTarget> TerraformPlan::resolve(const Path& ref, const Scope& scope,
                                              const Index& dynamic, int depth) const {
  if (depth > kMaxDepth || ref.empty()) return {};
  const std::string& head = ref[0].name;
  if (head == "var" && ref.size() >= 2) {
    if (scope.module.empty()) return {};  // a root variable: a literal, not a resource
    std::vector<std::string> names = module_names(scope.module);
    const nlohmann::json* parent = module_config(parent_module(scope.module));
    if (!parent || !parent->contains("module_calls")) return {};
    const nlohmann::json& calls = (*parent)["module_calls"];
    if (!calls.contains(names.back())) return {};
    const nlohmann::json& call = calls[names.back()];
    auto exprs = call.find("expressions");
    if (exprs == call.end() || !exprs->contains(ref[1].name)) return {};
    auto refs = expression_references((*exprs)[ref[1].name]);
    return narrow(resolve_list(refs, Scope{parent_module(scope.module), nullptr}, depth + 1), ref,
                  2);
  }
  if (head == "module" && ref.size() >= 3) {
    std::string child = child_module(scope.module, ref[1].name);
    const nlohmann::json* m = module_config(child);
    if (!m || !m->contains("outputs") || !(*m)["outputs"].contains(ref[2].name)) return {};
    const nlohmann::json& output = (*m)["outputs"][ref[2].name];
    auto refs = expression_references(output.value("expression", nlohmann::json::object()));
    return narrow(resolve_list(refs, Scope{child, nullptr}, depth + 1), ref, 3);
  }
  if (head == "each" && ref.size() >= 2 && ref[1].name == "value") {
    // each.value of a for_each over another resource's instances: that instance.
    if (!scope.self || !scope.self->config || !scope.self->index) return {};
    auto fe = scope.self->config->find("for_each_expression");
    if (fe == scope.self->config->end()) return {};
    std::vector<RefTarget> out;
    for (const RefTarget& t :
         resolve_list(expression_references(*fe), Scope{scope.module, nullptr}, depth + 1)) {
      if (t.resource->index == scope.self->index) {
        out.push_back(RefTarget{t.resource, ref.size() > 2 ? ref[2].name : ""});
      }
    }
    return out;
  }
  if (head == "data" && ref.size() >= 3) {
    std::string base = (scope.module.empty() ? "" : scope.module + ".") + "data." + ref[1].name +
                       "." + ref[2].name;
    return instances_of(base, ref, 3, dynamic);
  }
  if (head == "local" || head == "path" || head == "terraform" || head == "self" ||
      head == "count" || head == "each" || ref.size() < 2) {
    return {};
  }
  std::string base = (scope.module.empty() ? "" : scope.module + ".") + head + "." + ref[1].name;
  return instances_of(base, ref, 2, dynamic);
}

}  // namespace vpcsim::importer
