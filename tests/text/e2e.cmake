# cmake -DGALLEY=exe -DFACTS=exe -DINPUT=f -DEXPECTED=f -DOUT=f -P e2e.cmake —
# convert INPUT with `galley -f text -t json` and check the facts in the output;
# a missing EXPECTED fails.
# A missing facts file fails: a test that cannot fail is no test. Only a
# test of ../shared's files (GALLEY_SKIP_MISSING set) is skipped when this
# checkout has no ../shared (ctest reports it SKIPPED, by its message).
if(NOT EXISTS ${EXPECTED})
  if(DEFINED ENV{GALLEY_SKIP_MISSING} AND NOT EXISTS ${INPUT})
    message("skipping: ${EXPECTED} is missing (no ../shared in this checkout?)")
    return()
  endif()
  message(FATAL_ERROR "no facts file ${EXPECTED} for ${INPUT}: write the facts the reader must find "
    "(as in tests/fixtures/text/*.expected.json); the whole tree is compared by the reader goldens "
    "(GALLEY_REGENERATE=1 ctest --test-dir build -L golden, then review git diff tests/)")
endif()
execute_process(COMMAND ${GALLEY} -f text -t json -o ${OUT} ${INPUT} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "galley failed (${rc}): ${err}")
endif()
execute_process(COMMAND ${FACTS} --json ${EXPECTED} ${OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "facts differ in ${OUT}")
endif()
