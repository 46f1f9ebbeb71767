# Sources of `vpcsim emulate` (topologies in Linux network namespaces) and of the
# command runner it shares with `vpcsim crosscheck`. Included by
# tools/vpcsim/CMakeLists.txt into the vpcsim_cli library. Absolute paths, so
# the includer's directory does not matter.
set(VPCSIM_EMULATE_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/command_runner.cpp
  ${CMAKE_CURRENT_LIST_DIR}/emulation_plan.cpp
  ${CMAKE_CURRENT_LIST_DIR}/fault_model.cpp
  ${CMAKE_CURRENT_LIST_DIR}/emulation_runner.cpp
  ${CMAKE_CURRENT_LIST_DIR}/lan_plan.cpp
  ${CMAKE_CURRENT_LIST_DIR}/plan_builder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/shell_quote.cpp
  ${CMAKE_CURRENT_LIST_DIR}/unemulated.cpp
  ${CMAKE_CURRENT_LIST_DIR}/vpc_plan.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../commands/emulate.cpp
)
