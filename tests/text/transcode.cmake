# cmake -DIN=f -DOUT=f -DMODE=m -P transcode.cmake — derive a test input from
# a UTF-8 fixture: MODE is an iconv charset (EUC-KR, CP1252, SHIFT_JIS,
# UTF-16 ...) or "crlf-bom" (CRLF line ends and a UTF-8 BOM), or "cr" (old Mac line ends).
if(MODE STREQUAL "crlf-bom" OR MODE STREQUAL "cr")
  file(READ ${IN} text)
  if(MODE STREQUAL "cr")
    string(REPLACE "\n" "\r" text "${text}")
    file(WRITE ${OUT} "${text}")
  else()
    string(REPLACE "\n" "\r\n" text "${text}")
    string(ASCII 239 187 191 bom)
    file(WRITE ${OUT} "${bom}${text}")
  endif()
else()
  find_program(ICONV iconv REQUIRED)
  execute_process(COMMAND ${ICONV} -f UTF-8 -t ${MODE} ${IN}
    OUTPUT_FILE ${OUT} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "iconv -t ${MODE} ${IN} failed (${rc})")
  endif()
endif()
