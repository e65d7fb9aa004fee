# DOCX: every text, html and json fixture, the seed release in both
# renderings, the DOCX tests' own document, the readability corpus and the
# releases-text corpus, converted and validated in one run of
# ../shared/tools/validate docx.
file(GLOB docx_fixtures ${PROJECT_SOURCE_DIR}/tests/fixtures/text/*.txt ${PROJECT_SOURCE_DIR}/tests/fixtures/html/*.html
  ${PROJECT_SOURCE_DIR}/tests/fixtures/html/sites/*.html ${PROJECT_SOURCE_DIR}/tests/fixtures/html/plain/*.html
  ${PROJECT_SOURCE_DIR}/tests/fixtures/json/*.json
  ${PROJECT_SOURCE_DIR}/tests/fixtures/tei/*.json ${PROJECT_SOURCE_DIR}/tests/fixtures/markdown/*.json
  ${PROJECT_SOURCE_DIR}/tests/docx/*.json)
galley_conformance_test(docx ${CMAKE_CURRENT_SOURCE_DIR}/docx-conformance.sh ${GALLEY_SHARED_DIR}
  ${CMAKE_CURRENT_BINARY_DIR}/docx $<TARGET_FILE:galley-cli> ${docx_fixtures})
set_tests_properties(conformance.docx PROPERTIES TIMEOUT 900)
