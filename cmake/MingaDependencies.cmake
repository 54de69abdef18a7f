# SPDX-License-Identifier: Apache-2.0
# Finds minga's dependencies (all from Debian packages; scripts/bootstrap installs them).
# libsodium and GMP have no CMake package on Debian: they are found through pkg-config.
find_package(PkgConfig REQUIRED)
pkg_check_modules(sodium REQUIRED IMPORTED_TARGET libsodium>=1.0.18)
pkg_check_modules(gmp REQUIRED IMPORTED_TARGET gmp)
find_package(Boost 1.74 REQUIRED)           # header-only: Boost.Multiprecision
find_package(nlohmann_json 3.10 REQUIRED)   # private: JSON formats
