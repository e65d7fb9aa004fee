# TEI: every writer case, the JSON fixtures, the seed release from both
# readers (header and numbered items checked with xmllint --xpath) and the
# whole readability corpus, each set validated in one jing run.
set(tei_check ${CMAKE_CURRENT_SOURCE_DIR}/tei-conformance.sh)
set(tei_work ${CMAKE_CURRENT_BINARY_DIR}/tei)
if(TARGET tei-cases)
  galley_conformance_test(tei.cases ${tei_check} cases ${GALLEY_SHARED_DIR} ${tei_work}/cases $<TARGET_FILE:tei-cases>)
endif()
file(GLOB tei_fixtures ${PROJECT_SOURCE_DIR}/tests/fixtures/tei/*.json ${PROJECT_SOURCE_DIR}/tests/fixtures/json/*.json)
galley_conformance_test(tei.fixtures ${tei_check} fixtures ${GALLEY_SHARED_DIR} ${tei_work}/fixtures
  $<TARGET_FILE:galley-cli> ${tei_fixtures})
galley_conformance_test(tei.seed ${tei_check} seed ${GALLEY_SHARED_DIR} ${tei_work}/seed
  $<TARGET_FILE:galley-cli> ${GALLEY_SHARED_DIR}/fixtures)
galley_conformance_test(tei.readability ${tei_check} corpus ${GALLEY_SHARED_DIR} ${tei_work}/readability
  $<TARGET_FILE:galley-cli>)
set_tests_properties(conformance.tei.readability PROPERTIES TIMEOUT 600)
