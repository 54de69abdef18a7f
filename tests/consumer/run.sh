#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# tests/consumer/run.sh - installs a minga build into a scratch prefix and builds two consumers against it.
#
# usage: run.sh MINGA-BUILD-DIR SCRATCH-DIR ABI-VERSION LIBDIR shared|static
#
# 1. cmake --install MINGA-BUILD-DIR --prefix SCRATCH-DIR/prefix
# 2. shared: the installed libminga.so has SONAME libminga.so.ABI-VERSION (readelf -d)
# 3. tests/consumer/cmake: find_package(minga CONFIG) + minga::minga, a C and a C++ program
# 4. tests/consumer/pkgconfig: a Makefile using pkg-config --cflags --libs minga, a C program
# Each program reads tests/consumer/tiny.pb and must print the counts its META declares.
# CMAKE_GENERATOR, CC and CXX are honoured when set.
set -eu

if [ $# -ne 5 ]; then
  echo "usage: $0 MINGA-BUILD-DIR SCRATCH-DIR ABI-VERSION LIBDIR shared|static" >&2
  exit 2
fi
build=$1 scratch=$2 abi=$3 libdir=$4 mode=$5
here=$(cd "$(dirname "$0")" && pwd)
data=$here/tiny.pb
prefix=$scratch/prefix

fail() { echo "FAILED: $*" >&2; exit 1; }
step() { echo "== $*"; }

rm -rf "$scratch"
mkdir -p "$scratch"

step "install $build into $prefix"
cmake --install "$build" --prefix "$prefix" >"$scratch/install.log" || { cat "$scratch/install.log"; fail "cmake --install"; }
[ -f "$prefix/include/minga.h" ] || fail "minga.h was not installed"
[ -f "$prefix/include/minga/version.h" ] || fail "minga/version.h was not installed"
[ -f "$prefix/$libdir/cmake/minga/mingaConfig.cmake" ] || fail "mingaConfig.cmake was not installed"
[ -f "$prefix/$libdir/pkgconfig/minga.pc" ] || fail "minga.pc was not installed"
[ ! -e "$prefix/include/io/text.hpp" ] || fail "an internal header was installed"

if [ "$mode" = shared ]; then
  lib=$prefix/$libdir/libminga.so
  [ -e "$lib" ] || fail "$lib was not installed"
  soname=$(readelf -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p')
  echo "SONAME $soname"
  [ "$soname" = "libminga.so.$abi" ] || fail "SONAME is '$soname', expected libminga.so.$abi"
  [ -e "$prefix/$libdir/$soname" ] || fail "$soname was not installed"
else
  [ -f "$prefix/$libdir/libminga.a" ] || fail "libminga.a was not installed"
  [ ! -e "$prefix/$libdir/libminga.so" ] || fail "a static build installed libminga.so"
fi

# What each program must print, from the file's own META and PROJECTS.
projects=$(sed -n 's/^num_projects;\([0-9]*\).*/\1/p' "$data")
votes=$(sed -n 's/^num_votes;\([0-9]*\).*/\1/p' "$data")
budget=$(sed -n 's/^budget;\([0-9]*\).*/\1/p' "$data")
first=$(sed -n '/^project_id;/{n;s/;.*//p;}' "$data")
expect_line() {  # expect_line OUTPUT-FILE LINE
  grep -qxF "$2" "$1" || { cat "$1"; fail "$(basename "$1") lacks the line '$2'"; }
}
check_c_output() {
  expect_line "$1" "c file alternatives=$projects ballots=$votes first=$first"
  expect_line "$1" "c string alternatives=$projects ballots=$votes first=$first"
}

step "find_package consumer (C and C++)"
generator=${CMAKE_GENERATOR:-}
set -- -S "$here/cmake" -B "$scratch/find-package" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release
[ -n "$generator" ] && set -- "$@" -G "$generator"
cmake "$@" >"$scratch/find-package.log" 2>&1 || { cat "$scratch/find-package.log"; fail "configuring the find_package consumer"; }
cmake --build "$scratch/find-package" >>"$scratch/find-package.log" 2>&1 || { cat "$scratch/find-package.log"; fail "building the find_package consumer"; }
# The programs must run against the installed library, never the build tree.
if [ "$mode" = shared ]; then
  ldd "$scratch/find-package/count_c" | grep -F "$prefix/$libdir/libminga.so.$abi" >/dev/null ||
    { ldd "$scratch/find-package/count_c"; fail "count_c does not load the installed libminga"; }
fi
"$scratch/find-package/count_c" "$data" >"$scratch/count_c.out" || { cat "$scratch/count_c.out"; fail "count_c"; }
check_c_output "$scratch/count_c.out"
"$scratch/find-package/count_cxx" "$data" >"$scratch/count_cxx.out" || { cat "$scratch/count_cxx.out"; fail "count_cxx"; }
expect_line "$scratch/count_cxx.out" "cxx file alternatives=$projects ballots=$votes first=$first"
expect_line "$scratch/count_cxx.out" "cxx budget=$budget"
cat "$scratch/count_c.out" "$scratch/count_cxx.out"

step "pkg-config consumer (C)"
mkdir -p "$scratch/pkg-config"
pc_flags=
[ "$mode" = static ] && pc_flags=--static
PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}" \
  make -s -f "$here/pkgconfig/Makefile" BUILD="$scratch/pkg-config" PKG_CONFIG_FLAGS="$pc_flags" \
  >"$scratch/pkg-config.log" 2>&1 || { cat "$scratch/pkg-config.log"; fail "building the pkg-config consumer"; }
LD_LIBRARY_PATH="$prefix/$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
  "$scratch/pkg-config/count_c" "$data" >"$scratch/pkg-config.out" || { cat "$scratch/pkg-config.out"; fail "pkg-config count_c"; }
check_c_output "$scratch/pkg-config.out"
cat "$scratch/pkg-config.out"

echo "consumer tests ($mode): passed"
