# SPDX-License-Identifier: Apache-2.0
# `minga report` in a real browser (cmake -P): every report of report_inputs.cmake is opened in
# headless Chromium at a phone's size (390 x 844). The test checks that the page rendered (a
# screenshot PNG of some size; the DOM holds the expected text) and that the browser logged no
# console message (no error, no blocked resource). Screenshots stay in WORK (<kind>.png).
#   MINGA  the program;  DATA  tests/data;  WORK  a scratch folder
# Without Chromium (Debian package `chromium`, installed by scripts/bootstrap as root) the test
# prints SKIPPED and is reported as skipped; when the CI environment variable is set it fails.
#   BROWSER (optional) the Chromium to use instead of the one on PATH
if(DEFINED BROWSER)
  set(CHROMIUM "${BROWSER}")
  if(NOT EXISTS "${BROWSER}")
    set(CHROMIUM "")
  endif()
else()
  find_program(CHROMIUM NAMES chromium chromium-browser google-chrome-stable google-chrome)
endif()
if(NOT CHROMIUM)
  if(DEFINED ENV{CI})
    message(FATAL_ERROR "SKIP refused: chromium is not installed and CI is set (run scripts/bootstrap as root, "
                        "or apt-get install chromium)")
  endif()
  message("SKIPPED: chromium is not installed (apt-get install chromium, or scripts/bootstrap as root)")
  return()
endif()

include(${CMAKE_CURRENT_LIST_DIR}/report_inputs.cmake)
make_reports()

# What each page must show once rendered (from the hand-counted inputs, see report_html.cmake).
set(expect_irv "Votes round by round" "Alice")
set(expect_stv "Round table" "Alice")
set(expect_budget "Comparación de reglas" "Proyectos financiados")
set(expect_qv "Votação quadrática" "parks")
set(expect_qf "Financement quadratique" "Fonds d'abondement")
set(expect_verify "Verificación del registro electoral" "PASA")
set(expect_escaping "&lt;script&gt;alert('x')&lt;/script&gt;" "Zoë &lt;i&gt;")

# --no-sandbox: tests may run as root (containers); a profile of its own per run; no network at all.
set(flags --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --hide-scrollbars
          --window-size=390,844 "--user-data-dir=${WORK}/chromium-profile" "--host-resolver-rules=MAP * ~NOTFOUND"
          --enable-logging=stderr --v=0)
foreach(kind IN LISTS report_kinds)
  set(page "file://${WORK}/${kind}.html")
  execute_process(COMMAND ${CHROMIUM} ${flags} "--screenshot=${WORK}/${kind}.png" "${page}"
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE shot_log TIMEOUT 120)
  if(NOT status STREQUAL "0")
    message(SEND_ERROR "${kind}: chromium --screenshot exited with '${status}':\n${shot_log}")
  endif()
  execute_process(COMMAND ${CHROMIUM} ${flags} --dump-dom "${page}"
                  RESULT_VARIABLE status OUTPUT_VARIABLE dom ERROR_VARIABLE dom_log TIMEOUT 120)
  if(NOT status STREQUAL "0")
    message(SEND_ERROR "${kind}: chromium --dump-dom exited with '${status}':\n${dom_log}")
  endif()

  # Rendered: a PNG (its signature), bigger than a blank phone screen compresses to (~4 KB).
  if(NOT EXISTS "${WORK}/${kind}.png")
    message(SEND_ERROR "${kind}: no screenshot")
  else()
    file(SIZE "${WORK}/${kind}.png" size)
    file(READ "${WORK}/${kind}.png" signature LIMIT 8 HEX)
    if(NOT signature STREQUAL "89504e470d0a1a0a")
      message(SEND_ERROR "${kind}.png is not a PNG (starts with ${signature})")
    elseif(size LESS 15000)
      message(SEND_ERROR "${kind}.png is only ${size} bytes: the page looks blank")
    endif()
    message(STATUS "${kind}: screenshot ${WORK}/${kind}.png (${size} bytes)")
  endif()
  foreach(text IN LISTS expect_${kind})
    string(FIND "${dom}" "${text}" at)
    if(at EQUAL -1)
      message(SEND_ERROR "${kind}: the rendered DOM lacks '${text}'")
    endif()
  endforeach()
  if(NOT dom MATCHES "<svg|<table")
    message(SEND_ERROR "${kind}: the rendered DOM has neither a chart nor a table")
  endif()
  # Console messages are logged as "...:CONSOLE..." lines (errors, warnings, uncaught exceptions).
  foreach(log IN ITEMS "${shot_log}" "${dom_log}")
    string(REGEX MATCHALL "[^\n]*(:CONSOLE|Uncaught|Failed to load resource)[^\n]*" console "${log}")
    if(console)
      message(SEND_ERROR "${kind}: the browser console reported:\n${console}")
    endif()
  endforeach()
endforeach()
