# SPDX-License-Identifier: Apache-2.0
# Install rules: headers, libminga, mingaConfig.cmake (+ version) and minga.pc.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS minga EXPORT mingaTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h" PATTERN "*.hpp")
install(FILES ${PROJECT_BINARY_DIR}/include/minga/version.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/minga)

set(MINGA_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/minga)
install(EXPORT mingaTargets NAMESPACE minga:: DESTINATION ${MINGA_CMAKE_DIR})
if(BUILD_SHARED_LIBS)
  set(MINGA_STATIC_LIBRARY OFF)
else()
  set(MINGA_STATIC_LIBRARY ON)
endif()
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/mingaConfig.cmake.in
  ${PROJECT_BINARY_DIR}/mingaConfig.cmake INSTALL_DESTINATION ${MINGA_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/mingaConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/mingaConfig.cmake ${PROJECT_BINARY_DIR}/mingaConfigVersion.cmake
  DESTINATION ${MINGA_CMAKE_DIR})

if(BUILD_SHARED_LIBS)
  set(MINGA_PC_CFLAGS "")
else()
  set(MINGA_PC_CFLAGS "-DMINGA_STATIC")
endif()
# minga.pc finds the prefix from its own folder (${pcfiledir}), so the installed
# tree stays valid wherever it lands (cmake --install --prefix, DESTDIR, a moved folder).
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(MINGA_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH minga_pc_up "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
  string(REGEX REPLACE "/$" "" minga_pc_up "${minga_pc_up}")
  set(MINGA_PC_PREFIX "\${pcfiledir}/${minga_pc_up}")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/minga.pc.in ${PROJECT_BINARY_DIR}/minga.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/minga.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
