#include "tools/vpcsim/emulate/emulation_runner.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <ostream>
#include <sstream>
#include <thread>

#include "tools/vpcsim/emulate/command_runner.hpp"
#include "tools/vpcsim/emulate/shell_quote.hpp"

namespace vpcsim::emulate {
namespace {

using namespace std::chrono_literals;

constexpr std::chrono::milliseconds kCommandTimeout = 15s;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::vector<pid_t> pids_in(const std::string& netns) {
  std::vector<pid_t> pids;
  ExecResult r = run({"ip", "netns", "pids", netns}, kCommandTimeout);
  for (const std::string& line : lines_of(r.out)) {
    try {
      pids.push_back(pid_t(std::stol(line)));
    } catch (const std::exception&) {
      // not a pid: ignore
    }
  }
  return pids;
}

// Whether `pid` still runs: a zombie (exited, waiting for its parent, usually
// init, to reap it) holds no socket and counts as stopped.
bool alive(pid_t pid) {
  if (::kill(pid, 0) != 0) return false;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  size_t paren = text.rfind(')');  // "PID (COMM) STATE ...": COMM may hold spaces
  return paren == std::string::npos || paren + 2 >= text.size() || text[paren + 2] != 'Z';
}

// Reaps a child of ours (a listener this process started) without blocking.
void reap(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, WNOHANG);
}

void stop_processes(const std::string& netns) {
  std::vector<pid_t> pids = pids_in(netns);
  for (pid_t p : pids) ::kill(p, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + 1s;
  while (std::chrono::steady_clock::now() < deadline) {
    for (pid_t p : pids) reap(p);
    if (std::none_of(pids.begin(), pids.end(), alive)) return;
    std::this_thread::sleep_for(20ms);
  }
  for (pid_t p : pids) {
    if (alive(p)) ::kill(p, SIGKILL);
    reap(p);
  }
}

// Whether the process `pid` (a listener) has a socket listening on `port`:
// /proc/PID/net/{tcp,udp} list the sockets of the process's network namespace.
bool listening(pid_t pid, bool udp, uint16_t port) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/net/" + (udp ? "udp" : "tcp"));
  char want[8];
  std::snprintf(want, sizeof want, ":%04X", port);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string slot, local, remote, state;
    fields >> slot >> local >> remote >> state;
    bool ours = local.size() >= 5 && local.compare(local.size() - 5, 5, want) == 0;
    // TCP: state 0A is LISTEN; UDP: 07 is an unconnected (bound) socket.
    if (ours && state == (udp ? "07" : "0A")) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> existing_namespaces(const std::string& name_prefix) {
  std::vector<std::string> out;
  ExecResult r = run({"ip", "netns", "list"}, kCommandTimeout);
  for (const std::string& line : lines_of(r.out)) {
    std::string name = line.substr(0, line.find(' '));  // "NAME (id: 3)"
    if (name.rfind(name_prefix, 0) == 0) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

size_t destroy_emulation(const std::string& name_prefix, std::ostream& log) {
  std::vector<std::string> namespaces = existing_namespaces(name_prefix);
  for (const std::string& ns : namespaces) stop_processes(ns);
  size_t deleted = 0;
  for (const std::string& ns : namespaces) {
    ExecResult r = run({"ip", "netns", "del", ns}, kCommandTimeout);
    if (r.exit_code == 0) {
      ++deleted;
    } else {
      log << "vpcsim emulate: warning: cannot delete namespace " << ns << ": " << trimmed(r.err)
          << "\n";
    }
  }
  return deleted;
}

bool create_emulation(const EmulationPlan& plan, std::ostream& log, std::string* error) {
  if (!existing_namespaces(plan.name_prefix()).empty()) {
    size_t n = destroy_emulation(plan.name_prefix(), log);
    log << "vpcsim emulate: removed the previous emulation (" << n << " namespaces "
        << plan.name_prefix() << "*)\n";
  }
  auto fail = [&](std::string why) {
    if (error) *error = std::move(why);
    destroy_emulation(plan.name_prefix(), log);
    return false;
  };
  for (const Command& c : plan.create_commands()) {
    ExecResult r = run(c.argv, kCommandTimeout);
    if (r.exit_code != 0 || r.timed_out) {
      return fail(
          shell_line(c.argv) + "  # " + c.why + "\n  " +
          (r.timed_out ? "timed out" : "failed (exit " + std::to_string(r.exit_code) + ")") +
          (r.err.empty() ? "" : ": " + trimmed(r.err)));
    }
  }
  std::vector<std::pair<pid_t, const Listener*>> started;
  for (const Listener& l : plan.listeners()) {
    std::vector<std::string> argv{"ip", "netns", "exec", l.netns};
    argv.insert(argv.end(), l.argv.begin(), l.argv.end());
    std::string why_not;
    int pid = spawn_detached(argv, &why_not);
    if (pid < 0) return fail("cannot start the " + l.why + ": " + why_not);
    started.emplace_back(pid_t(pid), &l);
  }
  // Wait until every listener listens, so a probe right after us finds it.
  auto deadline = std::chrono::steady_clock::now() + 5s;
  for (const auto& [pid, l] : started) {
    while (!listening(pid, l->udp, l->port)) {
      reap(pid);
      if (std::chrono::steady_clock::now() > deadline || !alive(pid)) {
        return fail("the " + l->why + " did not start listening (" + shell_line(l->argv) + ")");
      }
      std::this_thread::sleep_for(10ms);
    }
  }
  return true;
}

}  // namespace vpcsim::emulate
