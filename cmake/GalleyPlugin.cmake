# galley_add_plugin_code(NAME SOURCES... [LIBRARIES libs...])
# A plugin's code as a static library, galley-NAME-code, that the module,
# the tests, the fuzz targets and the benchmarks all link, so each source is
# compiled once; the module itself is only its NAME_plugin.c descriptor.
function(galley_add_plugin_code name)
  cmake_parse_arguments(P "" "" "SOURCES;LIBRARIES" ${ARGN})
  add_library(galley-${name}-code STATIC ${P_SOURCES} ${P_UNPARSED_ARGUMENTS})
  target_include_directories(galley-${name}-code PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(galley-${name}-code PUBLIC galley ${P_LIBRARIES})
  set_target_properties(galley-${name}-code PROPERTIES C_VISIBILITY_PRESET hidden)
endfunction()

# galley_add_plugin(NAME SOURCES... [LIBRARIES libs...])
# A plugin is a MODULE library named NAME.so in build/plugins/ (and
# ${libdir}/galley/plugins/ once installed), linked against libgalley.
function(galley_add_plugin name)
  cmake_parse_arguments(P "" "" "SOURCES;LIBRARIES" ${ARGN})
  add_library(galley-plugin-${name} MODULE ${P_SOURCES} ${P_UNPARSED_ARGUMENTS})
  set_target_properties(galley-plugin-${name} PROPERTIES
    PREFIX "" OUTPUT_NAME ${name}
    LIBRARY_OUTPUT_DIRECTORY ${GALLEY_PLUGIN_BUILD_DIR}
    C_VISIBILITY_PRESET hidden
    # No RUNPATH: a plugin is only ever loaded by libgalley, which is then
    # already in the process (a padded build RUNPATH would hold an empty
    # element, i.e. the current folder).
    SKIP_BUILD_RPATH ON)
  target_link_libraries(galley-plugin-${name} PRIVATE galley ${P_LIBRARIES})
  add_dependencies(galley-cli galley-plugin-${name})
  install(TARGETS galley-plugin-${name} LIBRARY DESTINATION ${GALLEY_PLUGIN_INSTALL_RELDIR})
endfunction()

# galley_embed(TARGET VAR FILE) — compile FILE's bytes into TARGET as
# `const char VAR[]` and `const size_t VAR_len`, regenerated when FILE changes.
function(galley_embed target var file)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/embed_${var}.c)
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DIN=${file} -DOUT=${out} -DVAR=${var} -P ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    DEPENDS ${file} ${PROJECT_SOURCE_DIR}/cmake/embed.cmake VERBATIM)
  target_sources(${target} PRIVATE ${out})
endfunction()

# galley_embed_deflated(TARGET VAR FILE [MARK]) — FILE deflated at build time
# (the embed-deflate tool) as `const unsigned char VAR_deflated[]` with
# `VAR_deflated_len`, `VAR_size` and `VAR_crc`, for galley_zip_add_deflated().
# With MARK, only FILE from MARK's first occurrence on, which starts at byte
# `VAR_split` (0 without MARK); with MARK head, only FILE before MARK, as
# deflate blocks none of which is final (for galley_zip_add_pieces()).
function(galley_embed_deflated target var file)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/embedz_${var}.c)
  add_custom_command(OUTPUT ${out}
    COMMAND galley-embed-deflate ${file} ${out} ${var} ${ARGN}
    DEPENDS ${file} galley-embed-deflate VERBATIM)
  target_sources(${target} PRIVATE ${out})
endfunction()
