# cmake -DIN=file -DOUT=file.c -DVAR=name -P embed.cmake: a file as a C array.
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" n)
math(EXPR len "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
string(REGEX REPLACE "((0x..,){16})" "\\1\n" body "${body}")
file(WRITE ${OUT} "/* generated from ${IN} */\n#include <stddef.h>\nextern const char ${VAR}[];\nextern const size_t ${VAR}_len;\nconst char ${VAR}[] = {\n${body}0x00};\nconst size_t ${VAR}_len = ${len};\n")
