/* detect.h - the privacy detectors: where a text holds something that
 * identifies a person (DOMAIN.md, privacy): a BSN (nine digits passing
 * the elfproef), an IBAN (mod-97), a Dutch phone number, an e-mail
 * address, an address (postcode with house number, or street with house
 * number), an exact date of birth, or a name from a configured list.
 *
 * Pure functions over bytes (UTF-8 text), no host and no allocation but
 * the result list, so the same code runs on every save, in the labelled
 * quality test, the benchmark and the fuzzer. */
#ifndef PRIVACY_DETECT_H
#define PRIVACY_DETECT_H

#include <stddef.h>

typedef enum {
	PV_BSN,
	PV_IBAN,
	PV_TELEFOON,
	PV_EMAIL,
	PV_ADRES,
	PV_GEBOORTEDATUM,
	PV_NAAM,
	PV_NKINDS
} pv_kind;

/* One spot: text[start, end). */
typedef struct {
	pv_kind kind;
	size_t start, end;
} pv_hit;

/* A growing list of spots, in text order, never overlapping. */
typedef struct {
	pv_hit *v;
	size_t n, cap;
} pv_hits;

void pv_hits_dispose(pv_hits *h);

/* The names to look for (whole words, case-insensitive for ASCII and
 * Latin-1 letters; a space in a name matches any run of spaces). */
typedef struct pv_names pv_names;

pv_names *pv_names_new(void);
void pv_names_free(pv_names *n);
/* Adds one name (1 to 100 bytes after trimming; shorter than 2 letters
 * is ignored). Returns 0 or -1 on allocation failure. */
int pv_names_add(pv_names *n, const char *name, size_t len);
/* Adds the names of a file, one per line ('#' starts a comment line).
 * Returns the number added, or -1 when the file cannot be read. */
long pv_names_load(pv_names *n, const char *file);
size_t pv_names_count(const pv_names *n);

/* Finds every spot in text[0, len) (names may be NULL: no name list)
 * and appends them to out in text order; where two detectors claim the
 * same bytes the stronger kind wins (BSN and IBAN first). Returns 0 or
 * -1 on allocation failure. */
int pv_scan(pv_hits *out, const char *text, size_t len, const pv_names *names);

/* The kind's name in findings ("bsn", "iban", "telefoon", "email",
 * "adres", "geboortedatum", "naam"), or NULL. */
const char *pv_kind_name(pv_kind k);
/* The kind for a name, or PV_NKINDS. */
pv_kind pv_kind_of(const char *name);
/* The placeholder that replaces a spot of kind k: "[BSN]", "[telefoon]"... */
const char *pv_placeholder(pv_kind k);
/* Non-zero for the kinds that block a save outright (BSN, IBAN). */
int pv_blocks(pv_kind k);

/* ---- the single detectors (detect_numbers.c, detect_text.c), each
 * appending its spots unordered; pv_scan() orders and resolves them ---- */

int pv_find_bsn(pv_hits *out, const char *t, size_t len);
int pv_find_iban(pv_hits *out, const char *t, size_t len);
int pv_find_phone(pv_hits *out, const char *t, size_t len);
int pv_find_email(pv_hits *out, const char *t, size_t len);
int pv_find_address(pv_hits *out, const char *t, size_t len);
int pv_find_birthdate(pv_hits *out, const char *t, size_t len);
int pv_find_names(pv_hits *out, const char *t, size_t len, const pv_names *names);

/* Shared by the detectors. */
int pv_hit_add(pv_hits *out, pv_kind kind, size_t start, size_t end);
int pv_is_digit(char c);
int pv_is_alpha(char c); /* ASCII letter */
int pv_is_word(char c);	 /* ASCII letter or digit, or any byte of a UTF-8 sequence */
char pv_lower(char c);	 /* ASCII */

#endif
