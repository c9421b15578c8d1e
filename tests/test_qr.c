/*
 * test_qr.c — QR codes through libqrencode: the smallest version that holds the text, the
 * limit of version 40 at level M, nothing for an empty or too long text.
 */
#include <stdlib.h>

#include "check.h"
#include "qr.h"

int main(void)
{
	static const struct {
		size_t len;
		int size;	/* modules per side; 0: no code */
	} rows[] = {
		{0, 0}, {1, 21}, {14, 21}, {15, 25}, {46, 33}, {2331, 177}, {2332, 0}, {5000, 0},
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		char *text = malloc(rows[i].len + 1);
		memset(text, 'a', rows[i].len);
		text[rows[i].len] = '\0';
		struct qr qr;
		bool ok = qr_encode(text, &qr);
		CHECK(ok == (rows[i].size > 0), "%zu bytes: encoded=%d", rows[i].len, ok);
		CHECK(qr.size == rows[i].size, "%zu bytes: %d modules, want %d", rows[i].len, qr.size,
		      rows[i].size);
		CHECK(qr_fits(text) == ok, "%zu bytes: qr_fits agrees", rows[i].len);
		if (ok) {
			/* a finder pattern's corner is dark, the module inside its ring light */
			CHECK(qr.dark[0] == 1 && qr.dark[qr.size + 1] == 0, "%zu: finder pattern",
			      rows[i].len);
		}
		qr_finish(&qr);
		free(text);
	}
	CHECK(!qr_fits(NULL), "NULL");
	qr_finish(NULL);
	return check_done();
}
