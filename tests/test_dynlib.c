/*
 * test_dynlib.c — opening a library when its feature is first used: the three foyer opens
 * (their functions found, a missing one named), and a library that is not there (the
 * loader's reason in the error, nothing else happens).
 */
#include <stdbool.h>
#include <string.h>

#include "check.h"
#include "dynlib.h"

static void test_libraries(void)
{
	static const struct {
		const char *soname, *function;	/* function: one the library has */
	} rows[] = {
		{"libcurl.so.4", "curl_easy_init"},
		{"libmosquitto.so.1", "mosquitto_new"},
		{"libical.so.3", "icalparser_parse_string"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		struct error err = {0};
		void *lib = dynlib_open(rows[i].soname, &err);
		CHECK(lib != NULL, "%s: %s", rows[i].soname, err.message);
		if (!lib)
			continue;
		CHECK(dynlib_function(lib, rows[i].soname, rows[i].function, &err) != NULL,
		      "%s: %s", rows[i].soname, err.message);
		CHECK(dynlib_open(rows[i].soname, &err) == lib, "%s: opened twice, the same handle",
		      rows[i].soname);
		err = (struct error){0};
		CHECK(dynlib_function(lib, rows[i].soname, "foyer_no_such_function", &err) == NULL,
		      "%s", rows[i].soname);
		char want[160];
		snprintf(want, sizeof want, "%s has no foyer_no_such_function", rows[i].soname);
		CHECK_STR(err.message, want, "%s", rows[i].soname);
	}
}

static void test_missing_library(void)
{
	struct error err = {0};
	CHECK(dynlib_open("libfoyer-no-such-library.so.0", &err) == NULL, "opened");
	static const char want[] = "cannot load libfoyer-no-such-library.so.0: ";
	CHECK(!strncmp(err.message, want, sizeof want - 1), "message: %s", err.message);
	CHECK(strstr(err.message + sizeof want - 1, "No such file") != NULL,
	      "the loader's reason: %s", err.message);
	CHECK(dynlib_open("libfoyer-no-such-library.so.0", NULL) == NULL, "without an error");
}

int main(void)
{
	test_libraries();
	test_missing_library();
	return check_done();
}
