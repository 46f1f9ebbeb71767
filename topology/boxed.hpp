#pragma once
// Boxed<T>: an optional value kept on the heap, with value semantics (copies copy the value).
//
// The spec holds one NodeSpec per device and one InterfaceSpec per interface; at a million
// nodes every byte of them counts (issue 5: memory per node). Settings that few nodes have
// (a DNS server, DHCP servers, a DHCP lease plan) are boxed so that a plain host pays one
// pointer for each instead of the settings' full size. Reads look like std::optional's
// (`if (x.dhcp) x.dhcp->status`); `view()` reads through an empty box as a default value.
#include <memory>
#include <utility>

namespace vpcsim::topo {

template <class T>
class Boxed {
 public:
  Boxed() = default;
  Boxed(const Boxed& other) : value_(other.value_ ? std::make_unique<T>(*other.value_) : nullptr) {}
  Boxed(Boxed&&) noexcept = default;
  Boxed& operator=(const Boxed& other) {
    if (this != &other) value_ = other.value_ ? std::make_unique<T>(*other.value_) : nullptr;
    return *this;
  }
  Boxed& operator=(Boxed&&) noexcept = default;
  Boxed& operator=(T value) {
    value_ = std::make_unique<T>(std::move(value));
    return *this;
  }
  ~Boxed() = default;

  [[nodiscard]] bool has_value() const noexcept { return value_ != nullptr; }
  explicit operator bool() const noexcept { return has_value(); }

  T& operator*() noexcept { return *value_; }
  const T& operator*() const noexcept { return *value_; }
  T* operator->() noexcept { return value_.get(); }
  const T* operator->() const noexcept { return value_.get(); }

  // The value, created default-constructed if the box is empty (the loader's way in).
  T& ensure() {
    if (!value_) value_ = std::make_unique<T>();
    return *value_;
  }
  // The value, or a default-constructed one when the box is empty (readers that do not care
  // whether the setting was written).
  [[nodiscard]] const T& view() const noexcept {
    static const T empty{};
    return value_ ? *value_ : empty;
  }

 private:
  std::unique_ptr<T> value_;
};

}  // namespace vpcsim::topo
