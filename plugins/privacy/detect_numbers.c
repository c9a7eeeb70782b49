/* detect_numbers.c - the detectors of numbers that identify: BSN
 * (elfproef), IBAN (ISO 13616 length per country and mod-97) and Dutch
 * phone numbers (national, +31 and 0031). Each looks only at numbers
 * standing on their own: a digit run glued to letters or other digits is
 * part of something else (an IBAN, an order code, an amount). */
#include "detect.h"

#include <string.h>

/* Non-zero when a number may start at t[i]: no letter or digit before
 * it, and not the tail of a decimal or a grouped amount ("1.234.567"). */
static int number_starts(const char *t, size_t i)
{
	if (i == 0)
		return 1;
	if (pv_is_word(t[i - 1]) || t[i - 1] == '+' || t[i - 1] == '/')
		return 0;
	if ((t[i - 1] == '.' || t[i - 1] == ',' || t[i - 1] == '-') && i > 1 &&
	    pv_is_digit(t[i - 2]))
		return 0;
	return 1;
}

/* Non-zero when a number ending before t[i] ends there: no letter or
 * digit after it, and no separator leading on to more digits. */
static int number_ends(const char *t, size_t len, size_t i)
{
	if (i >= len)
		return 1;
	if (pv_is_word(t[i]))
		return 0;
	if ((t[i] == '.' || t[i] == ',' || t[i] == '-' || t[i] == '/') && i + 1 < len &&
	    pv_is_digit(t[i + 1]))
		return 0;
	return 1;
}

/* ---- BSN ---- */

static int elfproef(const char d[9])
{
	int sum = 0, i, zeros = 1;

	for (i = 0; i < 8; i++) {
		sum += (9 - i) * (d[i] - '0');
		zeros &= d[i] == '0';
	}
	sum -= d[8] - '0';
	return !zeros && sum % 11 == 0;
}

/* The groupings a BSN is written in: 123456782, 123 456 782,
 * 1234.56.782, 12 34 56 782. */
static const char *const bsn_groups[] = {"9", "333", "423", "2223", "45", "54", NULL};

/* A BSN starting at t[i]: its end, or 0. Groups are separated by one
 * kind of separator (a space, a dot or a dash) throughout. */
static size_t bsn_at(const char *t, size_t len, size_t i)
{
	size_t g, k, p;

	for (g = 0; bsn_groups[g]; g++) {
		const char *shape = bsn_groups[g];
		char d[9], sep = 0;
		size_t nd = 0;

		for (p = i, k = 0; shape[k]; k++) {
			size_t want = (size_t)(shape[k] - '0'), got = 0;

			if (k > 0) {
				if (p >= len || !strchr(" .-", t[p]) || (sep && t[p] != sep))
					break;
				sep = t[p++];
			}
			while (p < len && pv_is_digit(t[p]) && got < want)
				d[nd++] = t[p++], got++;
			if (got != want || (p < len && pv_is_digit(t[p])))
				break;
		}
		if (shape[k] || nd != 9 || !number_ends(t, len, p))
			continue;
		/* With spaces, a fourth group would make it another number. */
		if (sep == ' ' && p + 1 < len && t[p] == ' ' && pv_is_digit(t[p + 1]))
			continue;
		if (elfproef(d))
			return p;
	}
	return 0;
}

int pv_find_bsn(pv_hits *out, const char *t, size_t len)
{
	size_t i, end;

	for (i = 0; i < len; i++) {
		if (!pv_is_digit(t[i]) || !number_starts(t, i))
			continue;
		if ((end = bsn_at(t, len, i)) && pv_hit_add(out, PV_BSN, i, end) < 0)
			return -1;
		while (i + 1 < len && pv_is_digit(t[i + 1]))
			i++;
	}
	return 0;
}

/* ---- IBAN ---- */

/* ISO 13616 lengths of the countries in the SWIFT IBAN registry. */
static const struct {
	char cc[3];
	unsigned char len;
} iban_lengths[] = {
    {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16}, {"BG", 22},
    {"BH", 22}, {"BI", 27}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24},
    {"DE", 22}, {"DJ", 27}, {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18},
    {"FK", 18}, {"FO", 18}, {"FR", 27}, {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27},
    {"GT", 28}, {"HR", 21}, {"HU", 28}, {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IS", 26}, {"IT", 27},
    {"JO", 30}, {"KW", 30}, {"KZ", 20}, {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20}, {"LU", 20},
    {"LV", 21}, {"LY", 25}, {"MC", 27}, {"MD", 24}, {"ME", 22}, {"MK", 19}, {"MN", 20}, {"MR", 27},
    {"MT", 31}, {"MU", 30}, {"NI", 28}, {"NL", 18}, {"NO", 15}, {"OM", 23}, {"PK", 24}, {"PL", 28},
    {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"RU", 33}, {"SA", 24}, {"SC", 31},
    {"SD", 18}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"SO", 23}, {"ST", 25}, {"SV", 28},
    {"TL", 23}, {"TN", 24}, {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20}, {"YE", 30},
};

/* The registered length for country cc (upper case), 0 if unknown. */
static size_t iban_length(const char cc[2])
{
	size_t i;

	for (i = 0; i < sizeof(iban_lengths) / sizeof(iban_lengths[0]); i++)
		if (iban_lengths[i].cc[0] == cc[0] && iban_lengths[i].cc[1] == cc[1])
			return iban_lengths[i].len;
	return 0;
}

static char upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* ISO 7064 mod 97-10 over the rearranged IBAN (country and check digits
 * moved to the end, letters as 10..35); 1 means valid. */
static int mod97(const char *s, size_t n)
{
	unsigned long r = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		char c = upper(s[(i + 4) % n]);

		if (pv_is_digit(c))
			r = (r * 10 + (unsigned long)(c - '0')) % 97;
		else if (c >= 'A' && c <= 'Z')
			r = (r * 100 + (unsigned long)(c - 'A' + 10)) % 97;
		else
			return 0;
	}
	return r == 1;
}

/* An IBAN starting at t[i]: its end, or 0. Written compact or in groups
 * with single spaces, upper or lower case; the letters and digits up to
 * the country's length, then the number must end. */
static size_t iban_at(const char *t, size_t len, size_t i)
{
	char chars[34], cc[2];
	size_t n = 0, p = i, want, ends[34];

	if (i + 4 > len || !pv_is_alpha(t[i]) || !pv_is_alpha(t[i + 1]) || !pv_is_digit(t[i + 2]) ||
	    !pv_is_digit(t[i + 3]))
		return 0;
	cc[0] = upper(t[i]);
	cc[1] = upper(t[i + 1]);
	/* Two lower-case letters are a word more often than a country
	 * ("de", "op"): only a compact, registered IBAN counts then. */
	while (p < len && n < sizeof(chars)) {
		if (pv_is_alpha(t[p]) || pv_is_digit(t[p])) {
			chars[n] = t[p++];
			ends[n++] = p;
		} else if (t[p] == ' ' && n >= 4 && p + 1 < len && pv_is_word(t[p + 1]) &&
			   (unsigned char)t[p + 1] < 0x80) {
			p++;
		} else {
			break;
		}
	}
	want = iban_length(cc);
	if (want) {
		if (n < want || !mod97(chars, want) || !number_ends(t, len, ends[want - 1]))
			return 0;
		return ends[want - 1];
	}
	/* A country not in the table: the longest valid form that ends. */
	for (want = n; want >= 15; want--)
		if (number_ends(t, len, ends[want - 1]) && mod97(chars, want))
			return ends[want - 1];
	return 0;
}

int pv_find_iban(pv_hits *out, const char *t, size_t len)
{
	size_t i, end;

	for (i = 0; i + 4 <= len; i++) {
		if (!pv_is_alpha(t[i]) || (i > 0 && pv_is_word(t[i - 1])))
			continue;
		if ((end = iban_at(t, len, i)) && pv_hit_add(out, PV_IBAN, i, end) < 0)
			return -1;
	}
	return 0;
}

/* ---- phone numbers ---- */

/* A run of phone digits read from t[p]: the digits in d (at most 15),
 * each group's length and where the run ends after it. Groups are
 * separated by one space, dash, dot or slash (" - " too), or wrapped in
 * parentheses; "(0)" after a country code is left out of d. */
typedef struct {
	char d[16];
	size_t nd;
	size_t group[8], cum[8], end[8]; /* length, digits so far, end offset */
	size_t ngroups;
} phone_run;

/* Skips one separator at t[*p] when digits or a '(' follow it. */
static int skip_sep(const char *t, size_t len, size_t *p)
{
	size_t q = *p;

	if (q + 2 < len && t[q] == ' ' && t[q + 1] == '-' && t[q + 2] == ' ')
		q += 3;
	else if (q < len && strchr(" -./", t[q]))
		q++;
	else if (!(q < len && t[q] == '('))
		return 0;
	if (q < len && (pv_is_digit(t[q]) || t[q] == '(')) {
		*p = q;
		return 1;
	}
	return 0;
}

static void read_run(phone_run *r, const char *t, size_t len, size_t p)
{
	memset(r, 0, sizeof(*r));
	while (p < len && r->ngroups < 8) {
		int paren = t[p] == '(';
		size_t q = p + paren, got = 0;

		while (q < len && pv_is_digit(t[q]) && r->nd + got < 15)
			q++, got++;
		if (got == 0 || (paren && (q >= len || t[q] != ')')))
			break;
		if (!(paren && got == 1 && t[p + 1] == '0' && r->ngroups == 1)) {
			memcpy(r->d + r->nd, t + p + paren, got);
			r->nd += got;
			r->group[r->ngroups] = got;
			r->cum[r->ngroups] = r->nd;
			r->end[r->ngroups++] = q + paren;
		} else if (r->ngroups) {
			r->end[r->ngroups - 1] = q + paren;
		}
		p = q + paren;
		/* "(020)1234567", "(0)6": digits may follow a parenthesis. */
		if (r->nd >= 15 ||
		    (!(paren && p < len && pv_is_digit(t[p])) && !skip_sep(t, len, &p)))
			break;
	}
}

/* Numbers of organisations or machines, not of a person: free and paid
 * service numbers (0800, 090x), company numbers (088) and machine to
 * machine (097). */
static int service_number(const char n[11])
{
	return strncmp(n, "0800", 4) == 0 || strncmp(n, "090", 3) == 0 ||
	       strncmp(n, "088", 3) == 0 || strncmp(n, "097", 3) == 0;
}

/* The first group of a national number is the area code (06, 020,
 * 0591: two to four digits) or the whole number; a date (06-12-2023)
 * does not count. */
static int national_shape(const phone_run *r, size_t k, const char n[11])
{
	size_t g = r->group[0];

	if (k >= 3 && g <= 2 && r->group[1] <= 2 && r->group[2] == 4)
		return 0;
	if (k == 1)
		return 1;
	if (g == 2)
		return n[1] == '6';
	if (g == 3)
		return n[1] != '6';
	return g == 4;
}

/* The end of a Dutch number in run r, or 0: the groups that make ten
 * national digits (0 and nine), or 31 and nine after "+" or "00". */
static size_t phone_end(const phone_run *r, int plus, const char *t, size_t len)
{
	size_t k, skip = plus ? 0 : r->d[0] == '0' && r->d[1] == '0' ? 2 : 0;
	int intl = plus || skip;
	char n[11];

	for (k = 1; k <= r->ngroups; k++) {
		size_t nd = r->cum[k - 1] - skip;
		const char *d = r->d + skip;

		if (nd != (intl ? 11u : 10u))
			continue;
		if (intl && (d[0] != '3' || d[1] != '1' || d[2] == '0'))
			return 0;
		if (!intl && (d[0] != '0' || d[1] == '0'))
			return 0;
		n[0] = '0';
		memcpy(n + 1, d + (intl ? 2 : 1), 9);
		n[10] = '\0';
		if (service_number(n) || (!intl && !national_shape(r, k, n)) ||
		    !number_ends(t, len, r->end[k - 1]))
			return 0;
		return r->end[k - 1];
	}
	return 0;
}

int pv_find_phone(pv_hits *out, const char *t, size_t len)
{
	phone_run r;
	size_t i, end;

	for (i = 0; i < len; i++) {
		int plus = 0;

		if (t[i] == '+' && i + 1 < len && pv_is_digit(t[i + 1]) &&
		    (i == 0 || !pv_is_word(t[i - 1])))
			plus = 1;
		else if (!(t[i] == '(' && i + 1 < len && t[i + 1] == '0' &&
			   (i == 0 || !pv_is_word(t[i - 1]))) &&
			 (t[i] != '0' || !number_starts(t, i)))
			continue;
		read_run(&r, t, len, i + (size_t)plus);
		if (!(end = phone_end(&r, plus, t, len)))
			continue;
		if (pv_hit_add(out, PV_TELEFOON, i, end) < 0)
			return -1;
		i = end - 1;
	}
	return 0;
}
