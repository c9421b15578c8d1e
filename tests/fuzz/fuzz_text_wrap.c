/*
 * fuzz_text_wrap.c — fuzzes the text core: UTF-8 decoding, script runs and their visual order
 * (text_script.c) and line breaking (text_wrap.c) on any bytes. The first two bytes pick the line
 * width and the number of lines; widths come from a fake font. Traps when an invariant
 * breaks: runs tile the text in order, the visual order is a permutation, lines lie inside
 * the text in order, an ellipsis only on the last line.
 */
#include <stdint.h>
#include <stdlib.h>

#include "text_script.h"
#include "text_wrap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fake_measure(void *ctx, const char *s, size_t len)
{
	(void)ctx;
	int width = 0;
	for (size_t pos = 0; pos < len;) {
		uint32_t cp = script_decode_utf8(s, len, &pos);
		width += script_of(cp) == SCRIPT_INHERITED ? 0
			 : script_is_cjk(script_of(cp))     ? 20
							     : 10;
	}
	return width;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	int width = data[0] * 4;
	size_t max_lines = data[1] % 8;
	const char *s = (const char *)data + 2;
	size_t len = size - 2;

	struct script_line line;
	if (script_itemize(s, len, &line)) {
		size_t end = 0;
		for (size_t i = 0; i < line.n_runs; i++) {
			if (line.runs[i].start != end || line.runs[i].len == 0)
				__builtin_trap();
			end += line.runs[i].len;
		}
		if (end != len)
			__builtin_trap();
		size_t *order = calloc(line.n_runs + 1, sizeof *order);
		char *seen = calloc(line.n_runs + 1, 1);
		if (order && seen) {
			script_visual_order(line.runs, line.n_runs, order);
			for (size_t i = 0; i < line.n_runs; i++) {
				if (order[i] >= line.n_runs || seen[order[i]])
					__builtin_trap();
				seen[order[i]] = 1;
			}
		}
		free(order);
		free(seen);
		script_line_finish(&line);
	}

	struct wrap_line lines[8];
	size_t n = wrap_text(s, len, width, max_lines, fake_measure, NULL, lines);
	if (n > max_lines)
		__builtin_trap();
	size_t end = 0;
	for (size_t i = 0; i < n; i++) {
		if (lines[i].start < end || lines[i].start + lines[i].len > len ||
		    (lines[i].ellipsis && i + 1 != n))
			__builtin_trap();
		end = lines[i].start + lines[i].len;
	}
	return 0;
}
