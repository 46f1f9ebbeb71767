# Sources of `vpcsim crosscheck` (every probe in the simulator and with the real
# tools in the emulated network, compared). Included by tools/vpcsim/CMakeLists.txt
# into the vpcsim_cli library; absolute paths, so the includer's directory does
# not matter.
set(VPCSIM_CROSSCHECK_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/comparison.cpp
  ${CMAKE_CURRENT_LIST_DIR}/connect_output.cpp
  ${CMAKE_CURRENT_LIST_DIR}/crosscheck_report.cpp
  ${CMAKE_CURRENT_LIST_DIR}/emulated_network.cpp
  ${CMAKE_CURRENT_LIST_DIR}/fault_replay.cpp
  ${CMAKE_CURRENT_LIST_DIR}/kernel_side.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ping_output.cpp
  ${CMAKE_CURRENT_LIST_DIR}/real_probe.cpp
  ${CMAKE_CURRENT_LIST_DIR}/reason_class.cpp
  ${CMAKE_CURRENT_LIST_DIR}/scenario_check.cpp
  ${CMAKE_CURRENT_LIST_DIR}/simulator_side.cpp
  ${CMAKE_CURRENT_LIST_DIR}/table_check.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text_lines.cpp
  ${CMAKE_CURRENT_LIST_DIR}/traceroute_output.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../commands/crosscheck.cpp
)
