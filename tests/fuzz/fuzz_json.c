/* libFuzzer target: JSON request bodies (server/body.h): the object a
 * handler reads, the fields of a change request and the confirmed
 * warning keys. An object that is accepted must read back equal after
 * writing it out, and what is handed on has the promised types. */
#include "body.h"
#include "error.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *body = (const char *)data;
	json_t *j = wp_body_object(body, size), *confirms, *k;
	const char *base, *message;
	size_t i;

	if (j) {
		char *text = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
		json_t *again = text ? wp_body_object(text, strlen(text)) : NULL;

		if (text && (!again || !json_equal(j, again)))
			abort();
		json_decref(again);
		free(text);
		if (wp_body_change(j, &base, &message) == 0) {
			if ((base && !json_is_string(json_object_get(j, "base"))) ||
			    (message && !json_is_string(json_object_get(j, "message"))))
				abort();
		} else if (!*wp_error_last()) {
			abort();
		}
	}
	confirms = wp_body_confirms(body, size, 1);
	json_array_foreach(confirms, i, k)
		if (!json_is_string(k))
			abort();
	json_decref(confirms);
	json_decref(j);
	return 0;
}
