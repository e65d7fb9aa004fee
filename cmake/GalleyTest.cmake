# Test helpers shared by every test folder.
#
# galley_golden_test(NAME name INPUT file EXPECTED file [ARGS args...])
#   Runs `build/galley ARGS INPUT` and compares standard output byte for
#   byte with EXPECTED. Regenerate every expected file, then review the diff:
#     GALLEY_REGENERATE=1 ctest --test-dir build -L golden && git diff tests/
#
# galley_shared_dir(VAR) — the ../shared folder or "" when this clone has none;
#   tests that need it exit 77 (ctest SKIPPED) and say why.
function(galley_golden_test)
  cmake_parse_arguments(G "" "NAME;INPUT;EXPECTED" "ARGS" ${ARGN})
  add_test(NAME golden.${G_NAME}
    COMMAND ${CMAKE_COMMAND}
      -DGALLEY=$<TARGET_FILE:galley-cli> -DINPUT=${G_INPUT} -DEXPECTED=${G_EXPECTED}
      "-DARGS=${G_ARGS}"
      -P ${PROJECT_SOURCE_DIR}/cmake/golden.cmake)
  set_tests_properties(golden.${G_NAME} PROPERTIES LABELS golden)
endfunction()
