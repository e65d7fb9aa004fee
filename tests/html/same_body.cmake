# The seed release gives the same blocks from its web page (html reader) as
# from its plain text (text reader): run both through `galley -t json` and
# compare the "blocks" arrays; the html side must also carry the issuer.
foreach(side html text)
  if(side STREQUAL "html")
    set(in ${HTML})
  else()
    set(in ${TEXT})
  endif()
  execute_process(COMMAND ${GALLEY} -f ${side} -t json ${in}
    OUTPUT_VARIABLE out_${side} ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "galley -f ${side} failed (${rc}): ${err}")
  endif()
  string(JSON blocks_${side} GET "${out_${side}}" blocks)
endforeach()
if(NOT blocks_html STREQUAL blocks_text)
  message(FATAL_ERROR "html and text readers disagree:\nhtml: ${blocks_html}\ntext: ${blocks_text}")
endif()
string(JSON issuer GET "${out_html}" meta issuer)
if(NOT issuer STREQUAL "Ministry of Foreign Affairs, Republic of Korea")
  message(FATAL_ERROR "issuer from the page: '${issuer}'")
endif()
