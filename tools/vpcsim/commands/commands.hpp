#pragma once
// One function per `vpcsim` subcommand. Each takes the arguments after the
// command name, prints results on stdout and diagnostics on stderr, and returns
// the exit code of DESIGN.md section 5.
#include <string>
#include <vector>

namespace vpcsim::cli {

using Args = std::vector<std::string>;

int run_lint(const Args& args);
int run_ping(const Args& args);
int run_traceroute(const Args& args);
int run_telnet(const Args& args);
int run_ssh(const Args& args);
int run_dig(const Args& args);
int run_nslookup(const Args& args);
int run_curl(const Args& args);
int run_check(const Args& args);
int run_import(const Args& args);
int run_reach(const Args& args);
int run_diff(const Args& args);
int run_show(const Args& args);
int run_dump(const Args& args);
int run_graph(const Args& args);
int run_report(const Args& args);
int run_emulate(const Args& args);
int run_crosscheck(const Args& args);

}  // namespace vpcsim::cli
