/*
 * qr.c — QR codes through libqrencode; see qr.h.
 */
#include "qr.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

#define QR_MAX_BYTES 2331	/* version 40 at level M, 8-bit mode */

bool qr_encode(const char *text, struct qr *out)
{
	memset(out, 0, sizeof *out);
	if (!text || !*text || strlen(text) > QR_MAX_BYTES)
		return false;
	QRcode *code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	if (!code)
		return false;
	size_t n = (size_t)code->width * (size_t)code->width;
	out->dark = malloc(n);
	if (!out->dark) {
		QRcode_free(code);
		return false;
	}
	for (size_t i = 0; i < n; i++)
		out->dark[i] = code->data[i] & 1;	/* the low bit is the module's colour */
	out->size = code->width;
	QRcode_free(code);
	return true;
}

void qr_finish(struct qr *qr)
{
	if (!qr)
		return;
	free(qr->dark);
	qr->dark = NULL;
	qr->size = 0;
}

bool qr_fits(const char *text)
{
	struct qr qr;
	bool ok = qr_encode(text, &qr);
	qr_finish(&qr);
	return ok;
}
