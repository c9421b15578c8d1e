/*
 * dynlib.h — a shared library opened when its feature is first used rather than by the
 * dynamic loader at every start: libcurl (feeds from URLs, fetch.c) and libmosquitto (the
 * fleet, mqtt.c) bring some forty libraries between them (OpenSSL, GnuTLS, LDAP, Kerberos,
 * ...), libical (iCalendar feeds, feed_ical.c) brings ICU, and loading and relocating those
 * cost more than half of the start-up of a foyer that reads a file, shows it or answers
 * --state. The caller keeps a typed table of the functions it uses and fills it here, once
 * (pthread_once); a library is never closed. Nothing here logs: a pure reader may use it.
 *
 * The .deb cannot learn these from dpkg-shlibdeps (nothing links them): systemd/CMakeLists.txt
 * names their packages in Depends.
 */
#ifndef FOYER_DYNLIB_H
#define FOYER_DYNLIB_H

#include "error.h"

/*
 * Opens soname ("libcurl.so.4": the ABI the code was compiled against), binding all of it at
 * once (RTLD_NOW: a missing symbol fails here, not at a later call) and keeping its symbols
 * out of the global scope. NULL with err filled (the loader's reason) when it cannot.
 */
void *dynlib_open(const char *soname, struct error *err);

/* The address of the function name in lib; NULL with err filled ("soname: no name") if none. */
void *dynlib_function(void *lib, const char *soname, const char *name, struct error *err);

#endif
