# Writes the manual page stackfit.1 from the binary's own help texts:
# cmake -DSTACKFIT=path/to/stackfit -DOUT=stackfit.1 -DVERSION=x.y.z -P manpage.cmake
function(help out)
  execute_process(COMMAND ${STACKFIT} ${ARGN} OUTPUT_VARIABLE text
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${STACKFIT} ${ARGN}: exit status ${rc}")
  endif()
  # roff: a backslash is \e; a line may not start with . or '.
  string(REPLACE "\\" "\\e" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  string(REGEX REPLACE "\n+$" "" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

help(top --help)
string(TIMESTAMP date "%Y-%m-%d" UTC)
set(page ".TH STACKFIT 1 \"${date}\" \"stackfit ${VERSION}\" \"User Commands\"
.SH NAME
stackfit \\- find code that fights its runtime's concurrency model
.SH SYNOPSIS
.B stackfit
.I COMMAND
[\\fIOPTIONS\\fR] [\\fIARGS\\fR]
.SH DESCRIPTION
.nf
${top}
.fi
")
string(APPEND page ".SH COMMANDS\n")
foreach(cmd audit check daemon lsp rules explain)
  help(text ${cmd} --help)
  string(APPEND page ".SS \"stackfit ${cmd}\"\n.nf\n${text}\n.fi\n")
endforeach()
string(APPEND page ".SH FILES
.TP
.I /usr/share/stackfit/rules/ID.md
each rule's documentation (where the prefix is /usr); the same text as
.B stackfit explain
.I ID
.SH ENVIRONMENT
.TP
.B STACKFIT_CACHE_DIR
where the analysis cache is kept (default: \\fI$XDG_CACHE_HOME/stackfit\\fR)
.TP
.B STACKFIT_RULE_DOCS_URL
the language server's link to a rule's documentation: a template in which
{id} and {name} are replaced
.TP
.B NO_COLOR
no colour in the text report
")
file(WRITE ${OUT} "${page}")
