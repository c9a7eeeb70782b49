/* detect.c - the scan over all detectors, and the name list (see
 * detect.h). Overlaps are resolved by strength: a phone-shaped part of
 * an IBAN is the IBAN, a date inside an address line stays the address. */
#include "detect.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name, *placeholder;
	int blocks;
} kinds[PV_NKINDS] = {
    [PV_BSN] = {"bsn", "[BSN]", 1},
    [PV_IBAN] = {"iban", "[IBAN]", 1},
    [PV_TELEFOON] = {"telefoon", "[telefoon]", 0},
    [PV_EMAIL] = {"email", "[e-mail]", 0},
    [PV_ADRES] = {"adres", "[adres]", 0},
    [PV_GEBOORTEDATUM] = {"geboortedatum", "[geboortedatum]", 0},
    [PV_NAAM] = {"naam", "[naam]", 0},
};

const char *pv_kind_name(pv_kind k)
{
	return k < PV_NKINDS ? kinds[k].name : NULL;
}

pv_kind pv_kind_of(const char *name)
{
	int k;

	for (k = 0; name && k < PV_NKINDS; k++)
		if (strcmp(kinds[k].name, name) == 0)
			return (pv_kind)k;
	return PV_NKINDS;
}

const char *pv_placeholder(pv_kind k)
{
	return k < PV_NKINDS ? kinds[k].placeholder : "";
}

int pv_blocks(pv_kind k)
{
	return k < PV_NKINDS && kinds[k].blocks;
}

int pv_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int pv_is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int pv_is_word(char c)
{
	return pv_is_alpha(c) || pv_is_digit(c) || (unsigned char)c >= 0x80;
}

char pv_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

void pv_hits_dispose(pv_hits *h)
{
	free(h->v);
	h->v = NULL;
	h->n = h->cap = 0;
}

int pv_hit_add(pv_hits *out, pv_kind kind, size_t start, size_t end)
{
	if (out->n == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 16;
		pv_hit *v = realloc(out->v, cap * sizeof(*v));

		if (!v)
			return -1;
		out->v = v;
		out->cap = cap;
	}
	out->v[out->n++] = (pv_hit){kind, start, end};
	return 0;
}

/* Orders by start, the stronger kind (lower value) first at a tie. */
static int by_place(const void *a, const void *b)
{
	const pv_hit *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return x->end > y->end ? -1 : x->end < y->end;
}

/* Keeps, of hits that overlap, the one of the strongest kind (then the
 * first); the rest of out is untouched from index from on. */
static void resolve(pv_hits *h, size_t from)
{
	size_t i, j, n = h->n - from;
	unsigned char *drop;
	pv_hit *v;

	if (n == 0)
		return; /* h->v may be NULL then */
	v = h->v + from;
	qsort(v, n, sizeof(*v), by_place);
	drop = calloc(n ? n : 1, 1);
	for (i = 0; drop && i < n; i++) {
		for (j = i + 1; !drop[i] && j < n && v[j].start < v[i].end; j++) {
			if (drop[j])
				continue;
			if (v[j].kind < v[i].kind)
				drop[i] = 1;
			else
				drop[j] = 1;
		}
	}
	for (i = 0, j = 0; i < n; i++)
		if (!drop || !drop[i])
			v[j++] = v[i];
	h->n = from + j;
	free(drop);
}

int pv_scan(pv_hits *out, const char *text, size_t len, const pv_names *names)
{
	size_t from = out->n;

	if (!text)
		return 0;
	if (pv_find_iban(out, text, len) < 0 || pv_find_bsn(out, text, len) < 0 ||
	    pv_find_email(out, text, len) < 0 || pv_find_phone(out, text, len) < 0 ||
	    pv_find_address(out, text, len) < 0 || pv_find_birthdate(out, text, len) < 0 ||
	    (names && pv_find_names(out, text, len, names) < 0))
		return -1;
	resolve(out, from);
	return 0;
}

/* ---- the name list ---- */

/* Names are kept folded (ASCII and Latin-1 lower case, runs of spaces as
 * one) and looked up by their first word in an open hash table. */
typedef struct {
	char *folded;
	size_t len, first_len;
} pv_name;

struct pv_names {
	pv_name *v;
	size_t n, cap;
	size_t *slots; /* index + 1 of a name per slot, 0 empty; chains by probing */
	size_t nslots;
};

pv_names *pv_names_new(void)
{
	return calloc(1, sizeof(pv_names));
}

void pv_names_free(pv_names *n)
{
	size_t i;

	if (!n)
		return;
	for (i = 0; i < n->n; i++)
		free(n->v[i].folded);
	free(n->v);
	free(n->slots);
	free(n);
}

size_t pv_names_count(const pv_names *n)
{
	return n ? n->n : 0;
}

/* The folded form of the byte at s (and the next one for a Latin-1
 * capital in UTF-8, C3 80..9E): writes 1 or 2 bytes into out. */
static size_t fold_at(const char *s, size_t left, char out[2])
{
	unsigned char c = (unsigned char)s[0];

	if (c == 0xC3 && left > 1 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9E &&
	    (unsigned char)s[1] != 0x97) {
		out[0] = (char)0xC3;
		out[1] = (char)((unsigned char)s[1] + 0x20);
		return 2;
	}
	out[0] = pv_lower((char)c);
	return 1;
}

static uint64_t hash_of(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

/* Puts name i into its slot (the table has room: at most half full). */
static int insert(pv_names *n, size_t i)
{
	size_t at = hash_of(n->v[i].folded, n->v[i].first_len) & (n->nslots - 1);

	while (n->slots[at])
		at = (at + 1) & (n->nslots - 1);
	n->slots[at] = i + 1;
	return 0;
}

static int rehash(pv_names *n, size_t nslots)
{
	size_t *slots = calloc(nslots, sizeof(*slots)), i;

	if (!slots)
		return -1;
	free(n->slots);
	n->slots = slots;
	n->nslots = nslots;
	for (i = 0; i < n->n; i++)
		insert(n, i);
	return 0;
}

int pv_names_add(pv_names *n, const char *name, size_t len)
{
	char *f, pair[2];
	size_t i, w = 0, letters = 0, first;

	while (len && (name[0] == ' ' || name[0] == '\t'))
		name++, len--;
	while (len && strchr(" \t\r\n", name[len - 1]))
		len--;
	if (len == 0 || len > 100)
		return 0;
	if (!(f = malloc(len + 1)))
		return -1;
	for (i = 0; i < len;) {
		if (name[i] == ' ' || name[i] == '\t') {
			if (w && f[w - 1] != ' ')
				f[w++] = ' ';
			i++;
			continue;
		}
		size_t k = fold_at(name + i, len - i, pair);

		memcpy(f + w, pair, k);
		w += k;
		i += k;
		letters++;
	}
	f[w] = '\0';
	if (letters < 2) {
		free(f);
		return 0;
	}
	if (n->n == n->cap) {
		size_t cap = n->cap ? n->cap * 2 : 32;
		pv_name *v = realloc(n->v, cap * sizeof(*v));

		if (!v) {
			free(f);
			return -1;
		}
		n->v = v;
		n->cap = cap;
	}
	/* Looked up by its first word as the text splits words. */
	for (first = 0; first < w && pv_is_word(f[first]); first++)
		;
	n->v[n->n++] = (pv_name){f, w, first};
	if (n->n * 2 > n->nslots)
		return rehash(n, n->nslots ? n->nslots * 2 : 64);
	return insert(n, n->n - 1);
}

long pv_names_load(pv_names *n, const char *file)
{
	FILE *fp = fopen(file, "r");
	char line[512];
	long added = 0;

	if (!fp)
		return -1;
	while (fgets(line, sizeof(line), fp)) {
		size_t before = n->n;

		if (line[0] == '#')
			continue;
		if (pv_names_add(n, line, strlen(line)) < 0) {
			fclose(fp);
			return -1;
		}
		added += n->n > before;
	}
	fclose(fp);
	return added;
}

/* Matches the folded name nm at t[at..]: the end of the match, or 0. */
static size_t match_name(const pv_name *nm, const char *t, size_t len, size_t at)
{
	size_t i = 0, p = at;
	char pair[2];

	while (i < nm->len) {
		if (nm->folded[i] == ' ') {
			if (p >= len || (t[p] != ' ' && t[p] != '\t' && t[p] != '\n'))
				return 0;
			while (p < len && (t[p] == ' ' || t[p] == '\t' || t[p] == '\n'))
				p++;
			i++;
			continue;
		}
		if (p >= len)
			return 0;
		size_t k = fold_at(t + p, len - p, pair);

		if (i + k > nm->len || memcmp(nm->folded + i, pair, k) != 0)
			return 0;
		i += k;
		p += k;
	}
	return p < len && pv_is_word(t[p]) ? 0 : p;
}

int pv_find_names(pv_hits *out, const char *t, size_t len, const pv_names *names)
{
	char word[128], pair[2];
	size_t i = 0;

	if (!names || names->n == 0)
		return 0;
	while (i < len) {
		size_t start = i, w = 0, best = 0, at;

		if (!pv_is_word(t[i]) || (i > 0 && pv_is_word(t[i - 1]))) {
			i++;
			continue;
		}
		while (i < len && pv_is_word(t[i])) {
			size_t k = fold_at(t + i, len - i, pair);

			if (w + k <= sizeof(word)) {
				memcpy(word + w, pair, k);
				w += k;
			}
			i += k;
		}
		at = hash_of(word, w) & (names->nslots - 1);
		for (; names->slots[at]; at = (at + 1) & (names->nslots - 1)) {
			const pv_name *nm = &names->v[names->slots[at] - 1];
			size_t end;

			if (nm->first_len != w || memcmp(nm->folded, word, w) != 0)
				continue;
			end = match_name(nm, t, len, start);
			if (end > best)
				best = end;
		}
		if (best && pv_hit_add(out, PV_NAAM, start, best) < 0)
			return -1;
	}
	return 0;
}
