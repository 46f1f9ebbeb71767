#include "tools/vpcsim/emulate/command_runner.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

extern char** environ;

namespace vpcsim::emulate {
namespace {

using Clock = std::chrono::steady_clock;

// argv as the C array posix_spawnp wants; points into `args`, which must outlive it.
std::vector<char*> c_argv(const std::vector<std::string>& args) {
  std::vector<char*> out;
  out.reserve(args.size() + 1);
  for (const std::string& a : args) out.push_back(const_cast<char*>(a.c_str()));
  out.push_back(nullptr);
  return out;
}

// Closes a pipe end once, so error paths may call it again.
void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

int exit_code_of(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// Reads what is available on `fd` into `into`; false at end of file (or error).
bool drain(int fd, std::string& into) {
  char buf[4096];
  ssize_t n = ::read(fd, buf, sizeof buf);
  if (n > 0) {
    into.append(buf, size_t(n));
    return true;
  }
  return n < 0 && (errno == EINTR || errno == EAGAIN);
}

}  // namespace

ExecResult run(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
  ExecResult result;
  if (argv.empty()) {
    result.exit_code = 127;
    result.err = "no program to run";
    return result;
  }
  int out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1};
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    close_fd(out_pipe[0]), close_fd(out_pipe[1]);
    result.exit_code = 127;
    result.err = std::string("pipe: ") + std::strerror(errno);
    return result;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  // Its own process group, so a timeout kills what it started too (ip netns exec's child).
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  std::vector<char*> args = c_argv(argv);
  pid_t pid = -1;
  int rc = ::posix_spawnp(&pid, args[0], &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  close_fd(out_pipe[1]);
  close_fd(err_pipe[1]);
  if (rc != 0) {
    close_fd(out_pipe[0]), close_fd(err_pipe[0]);
    result.exit_code = 127;
    result.err = argv[0] + ": " + std::strerror(rc);
    return result;
  }

  Clock::time_point deadline = Clock::now() + timeout;
  bool out_open = true, err_open = true;
  while (out_open || err_open) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      result.timed_out = true;
      ::kill(-pid, SIGKILL);
      break;
    }
    pollfd fds[2] = {{out_open ? out_pipe[0] : -1, POLLIN, 0},
                     {err_open ? err_pipe[0] : -1, POLLIN, 0}};
    int ready = ::poll(fds, 2, int(left.count()));
    if (ready < 0 && errno != EINTR) break;
    if (ready <= 0) continue;
    if (out_open && (fds[0].revents & (POLLIN | POLLHUP | POLLERR))) {
      out_open = drain(out_pipe[0], result.out);
    }
    if (err_open && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) {
      err_open = drain(err_pipe[0], result.err);
    }
  }
  close_fd(out_pipe[0]);
  close_fd(err_pipe[0]);
  // The pipes closed: the program is exiting (or a child of it keeps them open
  // after it exited, which the kill on timeout covers); reap it.
  int status = 0;
  while (true) {
    pid_t done = ::waitpid(pid, &status, result.timed_out ? 0 : WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) break;
    if (done == 0) {
      if (Clock::now() >= deadline) {
        result.timed_out = true;
        ::kill(-pid, SIGKILL);
        continue;
      }
      ::usleep(2000);
    }
  }
  result.exit_code = exit_code_of(status);
  return result;
}

ExecResult run_during(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                      const std::vector<TimedCommand>& during) {
  size_t next = 0;
  for (; next < during.size() && during[next].at.count() <= 0; ++next) {
    (void)run(during[next].argv, std::chrono::seconds(15));
  }
  const Clock::time_point start = Clock::now();
  // The rest on a thread of their own, at their times, while argv runs here.
  std::thread faults([&during, next, start] {
    for (size_t k = next; k < during.size(); ++k) {
      std::this_thread::sleep_until(start + during[k].at);
      (void)run(during[k].argv, std::chrono::seconds(15));
    }
  });
  ExecResult result = run(argv, timeout);
  faults.join();
  return result;
}

ExecResult run_in_namespace(const std::string& netns, const std::vector<std::string>& argv,
                            std::chrono::milliseconds timeout) {
  std::vector<std::string> full{"ip", "netns", "exec", netns};
  full.insert(full.end(), argv.begin(), argv.end());
  return run(full, timeout);
}

int spawn_detached(const std::vector<std::string>& argv, std::string* why_not) {
  if (argv.empty()) {
    if (why_not) *why_not = "no program to run";
    return -1;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  // A session of its own: it outlives vpcsim and ignores the terminal's signals.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID);
  std::vector<char*> args = c_argv(argv);
  pid_t pid = -1;
  int rc = ::posix_spawnp(&pid, args[0], &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    if (why_not) *why_not = argv[0] + ": " + std::strerror(rc);
    return -1;
  }
  // Not waited for here; it is reparented to init when vpcsim exits. A zombie
  // until then is harmless (vpcsim emulate exits right after starting them).
  return pid;
}

bool namespaces_available(std::string* why_not) {
  auto fail = [&](std::string why) {
    if (why_not) *why_not = std::move(why);
    return false;
  };
  if (::geteuid() != 0) return fail("network namespaces need root (this process is not root)");
  std::string probe = "vsprobe-" + std::to_string(::getpid());
  ExecResult add = run({"ip", "netns", "add", probe}, std::chrono::seconds(10));
  if (add.exit_code != 0) {
    std::string why = add.err.empty() ? "exit code " + std::to_string(add.exit_code) : add.err;
    while (!why.empty() && why.back() == '\n') why.pop_back();
    return fail("cannot create a network namespace (ip netns add: " + why + ")");
  }
  run({"ip", "netns", "del", probe}, std::chrono::seconds(10));
  return true;
}

}  // namespace vpcsim::emulate
