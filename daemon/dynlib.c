/* dynlib.c — opening a library on first use (dlopen); see dynlib.h. */
#include "dynlib.h"

#include <dlfcn.h>

void *dynlib_open(const char *soname, struct error *err)
{
	void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		const char *why = dlerror();
		error_set(err, 0, 0, "cannot load %s: %s", soname, why ? why : "unknown error");
	}
	return lib;
}

void *dynlib_function(void *lib, const char *soname, const char *name, struct error *err)
{
	void *function = dlsym(lib, name);
	if (!function)
		error_set(err, 0, 0, "%s has no %s", soname, name);
	return function;
}
