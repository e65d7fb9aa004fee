# Run `galley ARGS INPUT` and check that it fails as the CLI contract says:
# exit status EXPECT_RC, nothing on standard output, and one line on standard
# error "galley: INPUT: ..." matching the regular expression MESSAGE.
execute_process(COMMAND ${GALLEY} ${ARGS} ${INPUT}
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL EXPECT_RC)
  message(FATAL_ERROR "galley ${ARGS} ${INPUT}: exit ${rc}, expected ${EXPECT_RC}\n${err}")
endif()
if(NOT out STREQUAL "")
  message(FATAL_ERROR "galley wrote to standard output although it failed:\n${out}")
endif()
string(REGEX REPLACE "\n$" "" line "${err}")
if(line MATCHES "\n")
  message(FATAL_ERROR "more than one line on standard error:\n${err}")
endif()
string(FIND "${line}" "galley: ${INPUT}: " at)
if(NOT at EQUAL 0)
  message(FATAL_ERROR "the message does not start with \"galley: ${INPUT}: \":\n${err}")
endif()
if(NOT line MATCHES "${MESSAGE}")
  message(FATAL_ERROR "the message does not match \"${MESSAGE}\":\n${err}")
endif()
