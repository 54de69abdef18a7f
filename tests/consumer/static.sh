#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# tests/consumer/static.sh - builds minga as a static library in a scratch folder, then runs the consumer tests on it.
#
# usage: static.sh MINGA-SOURCE-DIR SCRATCH-DIR ABI-VERSION LIBDIR
set -eu
if [ $# -ne 4 ]; then
  echo "usage: $0 MINGA-SOURCE-DIR SCRATCH-DIR ABI-VERSION LIBDIR" >&2
  exit 2
fi
source_dir=$1 scratch=$2 abi=$3 libdir=$4
here=$(cd "$(dirname "$0")" && pwd)
build=$scratch/minga-static

mkdir -p "$scratch"
echo "== configure and build a static minga in $build"
set -- -S "$source_dir" -B "$build" -DBUILD_SHARED_LIBS=OFF -DMINGA_BUILD_TESTS=OFF -DMINGA_BUILD_APPS=OFF \
  -DMINGA_BUILD_PYTHON=OFF -DMINGA_INSTALL=ON -DCMAKE_BUILD_TYPE=
[ -n "${CMAKE_GENERATOR:-}" ] && set -- "$@" -G "$CMAKE_GENERATOR"
cmake "$@" >"$scratch/static-configure.log" 2>&1 || { cat "$scratch/static-configure.log"; echo "FAILED: configure" >&2; exit 1; }
cmake --build "$build" --parallel "${MINGA_TEST_JOBS:-2}" >"$scratch/static-build.log" 2>&1 ||
  { tail -50 "$scratch/static-build.log"; echo "FAILED: build" >&2; exit 1; }
# The build folder survives between runs, so later runs only rebuild what changed.
exec sh "$here/run.sh" "$build" "$scratch/consumers" "$abi" "$libdir" static
