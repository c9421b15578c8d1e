/*
 * qr.h — a QR code of a session's URL, with libqrencode (Debian's libqrencode-dev). Pure:
 * text in, modules out; drawing them is render.c's, placing them slide.c's.
 *
 * Error correction M (15 %: a screen seen from two metres, a little glare); the 8-bit mode,
 * so any URL; the smallest version that holds it, up to 40 (2331 bytes at M). A longer text
 * has no code: qr_encode() says so and the slide shows none.
 *
 * Entry points: qr_encode(), qr_finish(), qr_fits().
 */
#ifndef FOYER_QR_H
#define FOYER_QR_H

#include <stdbool.h>

#define QR_QUIET_ZONE 4		/* light modules on every side, as the standard asks */

struct qr {
	int size;		/* modules per side, without the quiet zone */
	unsigned char *dark;	/* size * size, row by row: 1 dark, 0 light */
};

/* Encodes text; false (out zeroed) when it is empty, too long for a QR code, or OOM. */
bool qr_encode(const char *text, struct qr *out);
void qr_finish(struct qr *qr);

/* Whether text has a QR code (it is not empty and not too long). */
bool qr_fits(const char *text);

#endif
