/* SPDX-License-Identifier: Apache-2.0 */
/* minga/export.h - symbol visibility for the minga library (C and C++). */
#ifndef MINGA_EXPORT_H
#define MINGA_EXPORT_H

/* MINGA_STATIC is defined when minga is used as a static library (the CMake
 * target and minga.pc set it). MINGA_BUILDING is defined while building it. */
#if defined(MINGA_STATIC)
#  define MINGA_EXPORT
#elif defined(_WIN32)
#  if defined(MINGA_BUILDING)
#    define MINGA_EXPORT __declspec(dllexport)
#  else
#    define MINGA_EXPORT __declspec(dllimport)
#  endif
#else
#  define MINGA_EXPORT __attribute__((visibility("default")))
#endif

#endif /* MINGA_EXPORT_H */
