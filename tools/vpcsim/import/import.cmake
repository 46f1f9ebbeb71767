# The importers (vpcsim import, reach --import): sources of vpcsim_cli, listed here
# so that tools/vpcsim/CMakeLists.txt needs one line for them.
set(VPCSIM_IMPORT_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/address_pool.cpp
  ${CMAKE_CURRENT_LIST_DIR}/aws_describe_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/aws_model.cpp
  ${CMAKE_CURRENT_LIST_DIR}/field_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/import_log.cpp
  ${CMAKE_CURRENT_LIST_DIR}/import_options.cpp
  ${CMAKE_CURRENT_LIST_DIR}/importer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/json_document.cpp
  ${CMAKE_CURRENT_LIST_DIR}/json_node.cpp
  ${CMAKE_CURRENT_LIST_DIR}/merged_references.cpp
  ${CMAKE_CURRENT_LIST_DIR}/name_table.cpp
  ${CMAKE_CURRENT_LIST_DIR}/terraform_plan.cpp
  ${CMAKE_CURRENT_LIST_DIR}/terraform_plan_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/topology_writer.cpp
)
