# cmake -DGALLEY=exe -DFACTS=exe -DINPUT=f -DEXPECTED=f -DOUT=f -P e2e.cmake —
# convert INPUT with `galley -f text -t json` and check the facts in the output.
if(NOT EXISTS ${EXPECTED})
  message("skipping: ${EXPECTED} is missing (no ../shared in this checkout?)")
  return()
endif()
execute_process(COMMAND ${GALLEY} -f text -t json -o ${OUT} ${INPUT} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "galley failed (${rc}): ${err}")
endif()
execute_process(COMMAND ${FACTS} --json ${EXPECTED} ${OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "facts differ in ${OUT}")
endif()
