# Sources of the vpcsim_format library: the text (like the real tools) and JSON
# renderings of probe results and journeys. Included by tools/CMakeLists.txt,
# which builds them into the static library vpcsim_format (linking vpcsim_sim
# and nlohmann_json::nlohmann_json). Paths are absolute so the includer's
# directory does not matter.
set(VPCSIM_FORMAT_SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/curl_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/dns_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/frame_encoder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/journey_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/layered_journey.cpp
  ${CMAKE_CURRENT_LIST_DIR}/layers_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pcap_writer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/probe_json.cpp
  ${CMAKE_CURRENT_LIST_DIR}/probe_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tables_text.cpp
)
set(VPCSIM_FORMAT_HEADERS
  ${CMAKE_CURRENT_LIST_DIR}/curl_text.hpp
  ${CMAKE_CURRENT_LIST_DIR}/dhcp_text.hpp
  ${CMAKE_CURRENT_LIST_DIR}/dns_text.hpp
  ${CMAKE_CURRENT_LIST_DIR}/frame_encoder.hpp
  ${CMAKE_CURRENT_LIST_DIR}/journey_text.hpp
  ${CMAKE_CURRENT_LIST_DIR}/layered_journey.hpp
  ${CMAKE_CURRENT_LIST_DIR}/layers_text.hpp
  ${CMAKE_CURRENT_LIST_DIR}/pcap_writer.hpp
  ${CMAKE_CURRENT_LIST_DIR}/probe_json.hpp
  ${CMAKE_CURRENT_LIST_DIR}/probe_text.hpp
  ${CMAKE_CURRENT_LIST_DIR}/tables_text.hpp
)
