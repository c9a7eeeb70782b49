/* detect_text.c - the detectors that read words around the numbers:
 * e-mail addresses, addresses (a postcode with its house number, or a
 * street with its house number) and exact dates of birth (a full date
 * close to a word such as "geboren", with nothing in between that makes
 * it another date). */
#include "detect.h"

#include <string.h>
#include <strings.h>

/* ---- e-mail ---- */

static int local_char(char c)
{
	return pv_is_alpha(c) || pv_is_digit(c) || (c && strchr("._%+-", c));
}

static int domain_char(char c)
{
	return pv_is_alpha(c) || pv_is_digit(c) || c == '-';
}

/* The end of the domain after an '@' at t[at], or 0: labels separated by
 * dots, the last one two or more letters. */
static size_t domain_end(const char *t, size_t len, size_t at)
{
	size_t p = at + 1, label = 0, labels = 0, end = 0, letters = 0;

	while (p < len) {
		if (domain_char(t[p])) {
			letters = pv_is_alpha(t[p]) ? letters + 1 : 0;
			if (!pv_is_alpha(t[p]))
				letters = 0;
			label++;
			p++;
			continue;
		}
		if (t[p] == '.' && label > 0 && p + 1 < len && domain_char(t[p + 1])) {
			labels++;
			label = 0;
			letters = 0;
			p++;
			continue;
		}
		break;
	}
	/* The last label: letters only, at least two. */
	if (labels == 0 || label < 2 || letters != label)
		return 0;
	end = p;
	return end;
}

int pv_find_email(pv_hits *out, const char *t, size_t len)
{
	size_t i;

	for (i = 1; i < len; i++) {
		size_t start = i, end;

		if (t[i] != '@')
			continue;
		while (start > 0 && local_char(t[start - 1]))
			start--;
		while (start < i && t[start] == '.')
			start++;
		if (start == i || (end = domain_end(t, len, i)) == 0)
			continue;
		if (pv_hit_add(out, PV_EMAIL, start, end) < 0)
			return -1;
		i = end - 1;
	}
	return 0;
}

/* ---- addresses ---- */

/* The end of a house number at t[p] ("12", "12a", "103-II", "10-2",
 * "8 bis", "4 hs"), or 0: one to five digits, then a letter or an
 * addition, and then the number ends (not "12%", "12:30", "12,50"). */
static size_t house_number(const char *t, size_t len, size_t p)
{
	size_t q = p, k;

	while (q < len && pv_is_digit(t[q]) && q - p < 5)
		q++;
	if (q == p || q - p > 4 || (q < len && pv_is_digit(t[q])) || t[p] == '0')
		return 0;
	if (q < len && pv_is_alpha(t[q]) && (q + 1 >= len || !pv_is_word(t[q + 1])))
		q++; /* 12a */
	else if (q + 1 < len && t[q] == '-' && (pv_is_digit(t[q + 1]) || t[q + 1] == 'I')) {
		for (k = q + 1; k < len && (pv_is_digit(t[k]) || t[k] == 'I' || t[k] == 'V'); k++)
			;
		if (k - q <= 4)
			q = k; /* 103-II, 10-2 */
	} else if (q + 3 < len && t[q] == ' ' &&
		   (strncmp(t + q + 1, "bis", 3) == 0 || strncmp(t + q + 1, "hs", 2) == 0)) {
		size_t w = t[q + 1] == 'b' ? 4 : 3;

		if (q + w >= len || !pv_is_word(t[q + w]))
			q += w;
	}
	if (q < len && (pv_is_word(t[q]) || t[q] == '%'))
		return 0;
	if (q + 1 < len && strchr(":,.", t[q]) && pv_is_digit(t[q + 1]))
		return 0;
	return q;
}

/* Two-letter words that follow a year or a count more often than a
 * postcode's letters do ("2019 en 2023"): lower-case ones are not taken
 * as a postcode. */
static int common_word(const char *w)
{
	static const char *const words[] = {"en", "of", "om", "op", "in",  "is", "te", "de",
					    "na", "al", "nu", "zo", "ja",  "ik", "je", "we",
					    "ze", "er", "ps", "bv", "ca",  "nr", "mg", "ml",
					    "km", "cm", "mm", "kg", "uur", NULL};
	size_t i;

	for (i = 0; words[i]; i++)
		if (strncmp(w, words[i], 2) == 0 && strlen(words[i]) == 2)
			return 1;
	return 0;
}

/* A postcode at t[i] ("1234 AB", "1234AB"): its end, or 0. Letters SA,
 * SD and SS are never issued. */
static size_t postcode_at(const char *t, size_t len, size_t i)
{
	size_t p = i + 4;
	char l[3];

	if (i + 6 > len || t[i] < '1' || t[i] > '9' || !pv_is_digit(t[i + 1]) ||
	    !pv_is_digit(t[i + 2]) || !pv_is_digit(t[i + 3]) || (i > 0 && pv_is_word(t[i - 1])))
		return 0;
	if (t[p] == ' ')
		p++;
	if (p + 2 > len || !pv_is_alpha(t[p]) || !pv_is_alpha(t[p + 1]) ||
	    (p + 2 < len && pv_is_word(t[p + 2])))
		return 0;
	l[0] = pv_lower(t[p]);
	l[1] = pv_lower(t[p + 1]);
	l[2] = '\0';
	if (strcmp(l, "sa") == 0 || strcmp(l, "sd") == 0 || strcmp(l, "ss") == 0)
		return 0;
	if ((t[p] >= 'a' || t[p + 1] >= 'a') && common_word(l))
		return 0;
	return p + 2;
}

/* The house number after a postcode ending at t[p]: " 12", ", 12",
 * ", huisnummer 12", " nr. 12". Its end, or 0. */
static size_t number_after_postcode(const char *t, size_t len, size_t p)
{
	static const char *const fillers[] = {
	    ", huisnummer ", " huisnummer ", ", nr. ", " nr. ", ", nr ", " nr ",
	    ", nummer ",     " nummer ",     ", ",     " ",	NULL};
	size_t i, n;

	for (i = 0; fillers[i]; i++) {
		n = strlen(fillers[i]);
		if (p + n < len && strncasecmp(t + p, fillers[i], n) == 0 && pv_is_digit(t[p + n]))
			return house_number(t, len, p + n);
	}
	return 0;
}

/* The typical last parts of Dutch street names. */
static const char *const street_ends[] = {
    "straat", "laan",	   "weg",   "plein", "gracht",	"kade",	     "singel", "dijk",	    "hof",
    "steeg",  "pad",	   "dreef", "markt", "park",	"ring",	     "wal",    "plantsoen", "erf",
    "baan",   "boulevard", "allee", "haven", "burgwal", "straatweg", NULL};

/* Words after a number that make it a count, not a house number
 * ("Onderweg 2 keer"). */
static int count_word(const char *t, size_t len, size_t p)
{
	static const char *const words[] = {"keer",	 "jaar",     "maand",  "maanden", "week",
					    "weken",	 "dag",	     "dagen",  "uur",	  "minuten",
					    "euro",	 "kinderen", "mensen", "procent", "km",
					    "kilometer", "meter",    NULL};
	size_t i, n;

	if (p >= len || t[p] != ' ')
		return 0;
	for (i = 0, p++; words[i]; i++) {
		n = strlen(words[i]);
		if (p + n <= len && strncasecmp(t + p, words[i], n) == 0 &&
		    (p + n == len || !pv_is_word(t[p + n])))
			return 1;
	}
	return 0;
}

/* Non-zero when the word t[s, e) is a street name: capitalised and
 * ending in a street part, longer than the part alone ("Kerkstraat",
 * not "Straat"). */
static int street_word(const char *t, size_t s, size_t e)
{
	/* Written in lower case, only the parts that are never anything
	 * but a street ("olifantenpad 2" is a workaround, not an address). */
	static const char *const lower_ok[] = {"straat",    "laan",  "gracht", "plein",
					       "singel",    "kade",  "dreef",  "steeg",
					       "plantsoen", "allee", NULL};
	const char *const *ends = t[s] >= 'A' && t[s] <= 'Z' ? street_ends : lower_ok;
	size_t i, n;

	if (e - s < 4 || !pv_is_alpha(t[s]))
		return 0;
	for (i = 0; ends[i]; i++) {
		n = strlen(ends[i]);
		if (e - s > n && strncasecmp(t + e - n, ends[i], n) == 0)
			return 1;
	}
	return 0;
}

/* A "Laan van X" / "Plein 1944"-less form: "Laan", "Plein" or "Kade"
 * followed by van/der/de and a capitalised word. Returns the end of the
 * name before the number, or 0. */
static size_t laan_van(const char *t, size_t len, size_t s)
{
	static const char *const heads[] = {"Laan van ", "Laan der ", "Plein van ", "Kade van ",
					    NULL};
	size_t i, n, p;

	for (i = 0; heads[i]; i++) {
		n = strlen(heads[i]);
		if (s + n < len && strncmp(t + s, heads[i], n) == 0 && t[s + n] >= 'A' &&
		    t[s + n] <= 'Z') {
			size_t words = 0, end = 0;

			/* "Laan van Nieuw Oost-Indië": up to four words, to the
			 * one a house number follows. */
			for (p = s + n; p < len && words < 4; words++) {
				while (p < len && (pv_is_word(t[p]) || t[p] == '-'))
					p++;
				end = p;
				if (p + 1 >= len || t[p] != ' ' || pv_is_digit(t[p + 1]) ||
				    !pv_is_word(t[p + 1]))
					break;
				p++;
			}
			return end;
		}
	}
	return 0;
}

/* Extends an address ending at t[p] over ", 1234 AB" or " 1234AB" and
 * a town after it (one capitalised word). */
static size_t with_postcode(const char *t, size_t len, size_t p)
{
	size_t q = p, pc;

	if (q < len && t[q] == ',')
		q++;
	if (q < len && t[q] == ' ')
		q++;
	if (q >= len || !(pc = postcode_at(t, len, q)))
		return p;
	q = pc;
	if (q + 1 < len && t[q] == ' ' && t[q + 1] >= 'A' && t[q + 1] <= 'Z') {
		for (q++; q < len && pv_is_word(t[q]); q++)
			;
		return q;
	}
	return pc;
}

int pv_find_address(pv_hits *out, const char *t, size_t len)
{
	size_t i, e, end;

	for (i = 0; i < len; i++) {
		if (i > 0 && pv_is_word(t[i - 1]))
			continue;
		if (pv_is_digit(t[i])) {
			if ((e = postcode_at(t, len, i)) &&
			    (end = number_after_postcode(t, len, e))) {
				if (pv_hit_add(out, PV_ADRES, i, end) < 0)
					return -1;
				i = end - 1;
			}
			continue;
		}
		if (!pv_is_alpha(t[i]))
			continue;
		if (!(e = laan_van(t, len, i))) {
			for (e = i; e < len && (pv_is_word(t[e]) || t[e] == '-'); e++)
				;
			if (!street_word(t, i, e))
				continue;
		}
		if (e + 1 >= len || t[e] != ' ' || !(end = house_number(t, len, e + 1)) ||
		    count_word(t, len, end))
			continue;
		/* A street's name may start with words before it ("Van
		 * Speijkstraat", "Burgemeester de Withstraat"): the span starts
		 * at the street word, which is enough to find and replace. */
		end = with_postcode(t, len, end);
		if (pv_hit_add(out, PV_ADRES, i, end) < 0)
			return -1;
		i = end - 1;
	}
	return 0;
}

/* ---- dates of birth ---- */

static const char *const months[] = {"januari",	 "februari", "maart",	 "april",     "mei",
				     "juni",	 "juli",     "augustus", "september", "oktober",
				     "november", "december", NULL};
static const char *const month_abbr[] = {"jan", "feb", "mrt", "apr", "mei", "jun", "jul",
					 "aug", "sep", "okt", "nov", "dec", NULL};

/* Reads 1..max digits at t[*p] into *v. */
static int digits(const char *t, size_t len, size_t *p, size_t min, size_t max, int *v)
{
	size_t q = *p;

	*v = 0;
	while (q < len && pv_is_digit(t[q]) && q - *p < max)
		*v = *v * 10 + (t[q++] - '0');
	if (q - *p < min || (q < len && pv_is_digit(t[q])))
		return 0;
	*p = q;
	return 1;
}

/* A month written out at t[p] ("maart", "mrt.", "sept"): its number and
 * end, or 0. */
static int month_word(const char *t, size_t len, size_t p, size_t *end)
{
	size_t i, n;

	for (i = 0; months[i]; i++) {
		n = strlen(months[i]);
		if (p + n <= len && strncasecmp(t + p, months[i], n) == 0 &&
		    (p + n == len || !pv_is_word(t[p + n]))) {
			*end = p + n;
			return (int)i + 1;
		}
	}
	for (i = 0; month_abbr[i]; i++) {
		n = strlen(month_abbr[i]);
		if (p + n <= len && strncasecmp(t + p, month_abbr[i], n) == 0) {
			size_t q = p + n;

			if (i == 8 && q < len && pv_lower(t[q]) == 't')
				q++; /* sept */
			if (q < len && pv_is_word(t[q]))
				continue;
			if (q < len && t[q] == '.')
				q++;
			*end = q;
			return (int)i + 1;
		}
	}
	if (p + 3 <= len && strncasecmp(t + p, "mar", 3) == 0 &&
	    (p + 3 == len || !pv_is_word(t[p + 3]))) {
		*end = p + 3;
		return 3;
	}
	return 0;
}

/* A full date at t[i] (12-03-1985, 12/3/85, 2.11.2003, 1990-07-21,
 * 12 maart 1985, 7 okt. 1962): its end, or 0. */
static size_t date_at(const char *t, size_t len, size_t i)
{
	size_t p = i, q;
	int d, m, y;
	char sep;

	if (i > 0 && (pv_is_word(t[i - 1]) || t[i - 1] == '-' || t[i - 1] == '/'))
		return 0;
	if (digits(t, len, &p, 4, 4, &y) && p + 1 < len && t[p] == '-') {
		p++;
		if (digits(t, len, &p, 1, 2, &m) && p < len && t[p] == '-' && (p++, 1) &&
		    digits(t, len, &p, 1, 2, &d) && m >= 1 && m <= 12 && d >= 1 && d <= 31 &&
		    y >= 1900 && y <= 2100 && (p >= len || !pv_is_word(t[p])))
			return p;
		return 0;
	}
	p = i;
	if (!digits(t, len, &p, 1, 2, &d) || d < 1 || d > 31)
		return 0;
	if (p < len && strchr("-/.", t[p])) {
		sep = t[p++];
		if (!digits(t, len, &p, 1, 2, &m) || m < 1 || m > 12 || p >= len || t[p] != sep)
			return 0;
		p++;
		q = p;
		if (!digits(t, len, &p, 2, 4, &y) || (p - q != 2 && p - q != 4))
			return 0;
		return p < len && pv_is_word(t[p]) ? 0 : p;
	}
	if (p + 1 < len && t[p] == ' ' && (m = month_word(t, len, p + 1, &q)) > 0 && q + 1 < len &&
	    t[q] == ' ') {
		p = q + 1;
		/* 1985, or '85 (people write two digits after a month) */
		if (p < len && (t[p] == '\'' || (unsigned char)t[p] == 0xE2)) {
			p += t[p] == '\'' ? 1 : 3; /* ' or a typographic quote (3 bytes) */
			if (!digits(t, len, &p, 2, 2, &y))
				return 0;
		} else if (!digits(t, len, &p, 4, 4, &y)) {
			return 0;
		}
		return p < len && pv_is_word(t[p]) ? 0 : p;
	}
	return 0;
}

/* Words that say a date is a birth date. */
static const char *const birth_words[] = {
    "geboortedatum", "geboortedag", "geboren", "geb.datum", "geb.", "geb:", "geb ", "dob", NULL};

/* Non-zero when t[s, e) holds nothing that makes the date another one:
 * no digits, no end of a sentence. */
static int clean_gap(const char *t, size_t s, size_t e)
{
	size_t i;

	for (i = s; i < e; i++)
		if (pv_is_digit(t[i]) || strchr("!?;\n", t[i]) ||
		    (t[i] == '.' && i + 1 < e && t[i + 1] == ' ' && i + 2 < e && t[i + 2] >= 'A' &&
		     t[i + 2] <= 'Z'))
			return 0;
	return 1;
}

/* Non-zero when a birth word ends within 30 bytes before the date at
 * [ds, de) or starts within 20 bytes after it, with a clean gap. */
static int birth_near(const char *t, size_t len, size_t ds, size_t de)
{
	size_t from = ds > 40 ? ds - 40 : 0, p, i, n;

	for (p = from; p < ds; p++) {
		if (p > 0 && pv_is_word(t[p - 1]))
			continue;
		for (i = 0; birth_words[i]; i++) {
			n = strlen(birth_words[i]);
			if (p + n <= ds && strncasecmp(t + p, birth_words[i], n) == 0 &&
			    ds - (p + n) <= 30 && clean_gap(t, p + n, ds))
				return 1;
		}
	}
	for (p = de; p < len && p <= de + 20; p++) {
		if (pv_is_word(t[p - 1]) && p > de)
			continue;
		if (p + 7 <= len && strncasecmp(t + p, "geboren", 7) == 0 && clean_gap(t, de, p))
			return 1;
	}
	return 0;
}

int pv_find_birthdate(pv_hits *out, const char *t, size_t len)
{
	size_t i, end;

	for (i = 0; i < len; i++) {
		if (!pv_is_digit(t[i]))
			continue;
		if ((end = date_at(t, len, i)) && birth_near(t, len, i, end)) {
			if (pv_hit_add(out, PV_GEBOORTEDATUM, i, end) < 0)
				return -1;
			i = end - 1;
		}
		while (i + 1 < len && pv_is_digit(t[i + 1]))
			i++;
	}
	return 0;
}
