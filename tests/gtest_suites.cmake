# Run after each build of a GoogleTest executable: writes CTEST_FILE with one CTest test per
# test suite (`--gtest_filter=Suite.*`), not one per test as gtest_discover_tests does. Every
# start of sdd_tests costs 0.7 s of LibTorch's static initialisation (1.5 s under the
# sanitizers) while its 240 tests take 27 s together: one process per test spent 168 s of CPU
# starting (360 s under the sanitizers), a third of CI's test time.
#   cmake -D TEST_EXECUTABLE=... -D CTEST_FILE=... -D TEST_TIMEOUT=... -P gtest_suites.cmake
execute_process(COMMAND "${TEST_EXECUTABLE}" --gtest_list_tests
                OUTPUT_VARIABLE listing ERROR_VARIABLE errors RESULT_VARIABLE result TIMEOUT 60)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${TEST_EXECUTABLE} --gtest_list_tests failed (${result}):\n${listing}${errors}")
endif()
string(REPLACE "\n" ";" lines "${listing}")
set(script "")
foreach(line IN LISTS lines)
  # Suite lines start in column 0 and end in '.' (a typed suite adds "  # TypeParam = ...");
  # test lines are indented.
  if(line MATCHES "^([^ #][^ ]*)\\.")
    set(suite "${CMAKE_MATCH_1}")
    string(APPEND script
      "add_test([==[${suite}]==] [==[${TEST_EXECUTABLE}]==] [==[--gtest_filter=${suite}.*]==])\n"
      "set_tests_properties([==[${suite}]==] PROPERTIES TIMEOUT ${TEST_TIMEOUT} SKIP_RETURN_CODE 77)\n")
  endif()
endforeach()
file(WRITE "${CTEST_FILE}" "${script}")
