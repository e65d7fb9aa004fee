# EPUB: every fixture, the seed from both readers, a three-release book and
# the readability and releases-text corpora (as books), all through
# epubcheck in one call of shared/tools/validate (see epub-conformance.sh).
galley_conformance_test(epub ${CMAKE_CURRENT_SOURCE_DIR}/epub-conformance.sh ${GALLEY_SHARED_DIR}
  ${CMAKE_CURRENT_BINARY_DIR}/epub $<TARGET_FILE:galley-cli> ${PROJECT_SOURCE_DIR}/tests/fixtures
  ${PROJECT_SOURCE_DIR}/tests/epub/everything.json)
set_tests_properties(conformance.epub PROPERTIES TIMEOUT 600)
