# STACKFIT_STATIC_DEPS: json-c, libuv and libsodium linked from their static
# archives (Debian's libjson-c-dev, libuv1-dev and libsodium-dev ship them),
# so the binary needs only the C library: what the npm package ships, for
# machines that have none of them installed. Included by the top-level
# CMakeLists.txt after pkg_check_modules made PkgConfig::JSONC,
# PkgConfig::LIBUV and PkgConfig::LIBSODIUM.
find_library(STACKFIT_JSONC_STATIC NAMES libjson-c.a HINTS ${JSONC_LIBRARY_DIRS})
find_library(STACKFIT_LIBUV_STATIC NAMES libuv_a.a libuv.a HINTS ${LIBUV_LIBRARY_DIRS})
find_library(STACKFIT_LIBSODIUM_STATIC NAMES libsodium.a HINTS ${LIBSODIUM_LIBRARY_DIRS})
if(NOT STACKFIT_JSONC_STATIC OR NOT STACKFIT_LIBUV_STATIC OR NOT STACKFIT_LIBSODIUM_STATIC)
  message(FATAL_ERROR "STACKFIT_STATIC_DEPS: libjson-c.a, libuv_a.a or libsodium.a "
    "not found (Debian: libjson-c-dev, libuv1-dev, libsodium-dev)")
endif()
set_property(TARGET PkgConfig::JSONC PROPERTY INTERFACE_LINK_LIBRARIES
  ${STACKFIT_JSONC_STATIC})
# What libuv-static.pc adds; in glibc 2.34 and later these are in libc.
set_property(TARGET PkgConfig::LIBUV PROPERTY INTERFACE_LINK_LIBRARIES
  ${STACKFIT_LIBUV_STATIC} Threads::Threads ${CMAKE_DL_LIBS} rt)
set_property(TARGET PkgConfig::LIBSODIUM PROPERTY INTERFACE_LINK_LIBRARIES
  ${STACKFIT_LIBSODIUM_STATIC} Threads::Threads)
