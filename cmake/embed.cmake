# stackfit_embed(OUTPUT out.c SYMBOLS name1 file1 name2 file2 ...)
#
# Generates a C file defining `const char NAME[]` (NUL-terminated) for each
# file, so that data (rule documentation, API catalogues) is compiled into the
# binary. Regenerated whenever one of the files changes.
function(stackfit_embed)
  cmake_parse_arguments(E "" "OUTPUT" "SYMBOLS" ${ARGN})
  set(deps)
  set(args)
  list(LENGTH E_SYMBOLS n)
  math(EXPR last "${n} - 1")
  foreach(i RANGE 0 ${last} 2)
    math(EXPR j "${i} + 1")
    list(GET E_SYMBOLS ${i} sym)
    list(GET E_SYMBOLS ${j} file)
    get_filename_component(file ${file} ABSOLUTE)
    list(APPEND deps ${file})
    list(APPEND args "${sym}=${file}")
  endforeach()
  string(REPLACE ";" "|" packed "${args}")
  add_custom_command(OUTPUT ${E_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUT=${E_OUTPUT} "-DITEMS=${packed}"
            -P ${PROJECT_SOURCE_DIR}/cmake/embed-run.cmake
    DEPENDS ${deps} ${PROJECT_SOURCE_DIR}/cmake/embed-run.cmake
    COMMENT "Embedding ${E_OUTPUT}"
    VERBATIM)
endfunction()
