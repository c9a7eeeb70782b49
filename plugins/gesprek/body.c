/* body.c - the body of a conversation page: one section per step under a
 * heading "## <nummer>. <naam>", and the text before the first heading.
 *
 * Splitting and composing are each other's inverse for the steps that
 * have text, so continuing a conversation keeps every word of it. A
 * heading inside a code fence is text, not a step. */
#include "gesprek.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* One line of a body being walked, with the fence state before it. */
typedef struct {
	const char *s, *end;
	const char *line;
	size_t len;
	char fence; /* '`' or '~' while inside a fence, else 0 */
} line_walk;

static int next_line(line_walk *w)
{
	const char *nl;

	if (w->s >= w->end)
		return 0;
	w->line = w->s;
	nl = memchr(w->s, '\n', (size_t)(w->end - w->s));
	w->len = nl ? (size_t)(nl - w->s) : (size_t)(w->end - w->s);
	w->s = nl ? nl + 1 : w->end;
	return 1;
}

/* Updates the fence state for the current line; returns non-zero when the
 * line opens or closes a fence (and so is no heading). */
static int fence_line(line_walk *w)
{
	const char *p = w->line;
	size_t i = 0;

	while (i < 3 && i < w->len && p[i] == ' ')
		i++;
	if (w->len - i < 3 || (p[i] != '`' && p[i] != '~') || p[i + 1] != p[i] || p[i + 2] != p[i])
		return 0;
	if (!w->fence)
		w->fence = p[i];
	else if (w->fence == p[i])
		w->fence = 0;
	else
		return 0;
	return 1;
}

/* Parses a step heading: 1 with *nummer and the name's span, else 0. */
static int heading(const char *line, size_t len, int *nummer, const char **name, size_t *name_len)
{
	size_t i = 3, digits = 0;
	int n = 0;

	if (len < 3 || strncmp(line, "## ", 3) != 0)
		return 0;
	while (i < len && line[i] == ' ')
		i++;
	while (i < len && isdigit((unsigned char)line[i]) && digits < 3) {
		n = n * 10 + (line[i++] - '0');
		digits++;
	}
	if (!digits || n == 0 || i >= len || line[i] != '.')
		return 0;
	i++;
	if (i >= len || (line[i] != ' ' && line[i] != '\t'))
		return 0;
	while (i < len && isspace((unsigned char)line[i]))
		i++;
	while (len > i && isspace((unsigned char)line[len - 1]))
		len--;
	if (i >= len)
		return 0;
	*nummer = n;
	*name = line + i;
	*name_len = len - i;
	return 1;
}

/* Appends {"nummer","naam","tekst"} for the section text [from, to). */
static int add_section(json_t *sections, int nummer, const char *name, size_t name_len,
		       const char *from, const char *to)
{
	char *naam = strndup(name, name_len), *raw = strndup(from, (size_t)(to - from));
	char *tekst = raw ? gs_text_clean(raw) : NULL;
	int rc = GS_ENOMEM;

	if (naam && tekst &&
	    json_array_append_new(sections, json_pack("{s:i, s:s, s:s}", "nummer", nummer, "naam",
						      naam, "tekst", tekst)) == 0)
		rc = 0;
	free(naam);
	free(raw);
	free(tekst);
	return rc;
}

int gs_body_split(const char *body, size_t len, char **preamble, json_t **sections)
{
	line_walk w = {body, body + len, NULL, 0, 0};
	const char *text_from = body, *cur_name = NULL;
	size_t cur_name_len = 0;
	int cur = 0, rc = 0;
	char *raw;

	*preamble = NULL;
	*sections = json_array();
	if (!*sections)
		return GS_ENOMEM;
	while (rc == 0 && next_line(&w)) {
		int n;
		const char *name;
		size_t name_len;

		if (fence_line(&w) || w.fence || !heading(w.line, w.len, &n, &name, &name_len))
			continue;
		if (cur) {
			rc = add_section(*sections, cur, cur_name, cur_name_len, text_from, w.line);
		} else {
			raw = strndup(body, (size_t)(w.line - body));
			*preamble = raw ? gs_text_clean(raw) : NULL;
			free(raw);
			rc = *preamble ? 0 : GS_ENOMEM;
		}
		cur = n;
		cur_name = name;
		cur_name_len = name_len;
		text_from = w.s;
	}
	if (rc == 0 && cur) {
		rc = add_section(*sections, cur, cur_name, cur_name_len, text_from, body + len);
	} else if (rc == 0) {
		raw = strndup(body, len);
		*preamble = raw ? gs_text_clean(raw) : NULL;
		free(raw);
		rc = *preamble ? 0 : GS_ENOMEM;
	}
	if (rc < 0) {
		free(*preamble);
		*preamble = NULL;
		json_decref(*sections);
		*sections = NULL;
	}
	return rc;
}

int gs_body_has_heading(const char *text)
{
	line_walk w = {text, text + strlen(text), NULL, 0, 0};
	int n;
	const char *name;
	size_t name_len;

	while (next_line(&w))
		if (!fence_line(&w) && !w.fence && heading(w.line, w.len, &n, &name, &name_len))
			return 1;
	return 0;
}

/* The fence left open at the end of text ('`' or '~'), or 0. */
static char open_fence(const char *text)
{
	line_walk w = {text, text + strlen(text), NULL, 0, 0};

	while (next_line(&w))
		fence_line(&w);
	return w.fence;
}

/* Appends text, closing a fence it leaves open so that the next step's
 * heading stays a heading. */
static void put_text(gs_buf *b, const char *text)
{
	char fence = open_fence(text);

	gs_buf_puts(b, text);
	if (fence)
		gs_buf_printf(b, "\n%c%c%c", fence, fence, fence);
}

char *gs_body_compose(const char *preamble, const json_t *steps)
{
	gs_buf b = GS_BUF_INIT;
	const json_t *step;
	size_t i;

	/* A blank line after the front matter, as in the demo pages. */
	gs_buf_puts(&b, "\n");
	if (!gs_blank(preamble)) {
		put_text(&b, preamble);
		gs_buf_puts(&b, "\n\n");
	}
	json_array_foreach(steps, i, step) {
		const char *tekst = gs_str(step, "tekst");

		if (gs_blank(tekst))
			continue;
		gs_buf_printf(&b, "## %d. %s\n\n",
			      (int)json_integer_value(json_object_get(step, "nummer")),
			      gs_str(step, "naam"));
		put_text(&b, tekst);
		gs_buf_puts(&b, "\n\n");
	}
	/* One newline at the end of the file. */
	while (b.len > 1 && b.ptr[b.len - 1] == '\n' && b.ptr[b.len - 2] == '\n')
		b.ptr[--b.len] = '\0';
	return gs_buf_detach(&b);
}
