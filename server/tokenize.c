/* tokenize.c - "wp_stem", the stemming FTS5 tokenizer of the search index.
 *
 * Built the way SQLite's porter tokenizer is: xCreate finds unicode61 with
 * xFindTokenizer and makes an instance of it (remove_diacritics 2);
 * xTokenize forwards the text to it and stems every token it gets back
 * with libstemmer's Snowball stemmer before passing it to FTS5.
 *
 * Compound words (Dutch, documents only). Dutch writes compounds as one
 * word, so 'jeugdhulpverlener' must also be found by 'jeugdhulp' and
 * 'hulpverlener'. At every place where the word could plausibly be cut in
 * two (split_ok(): both parts have a vowel, the tail starts the way a Dutch
 * word can start, the head ends the way one can end, no cut inside a vowel
 * pair or right after a prefix like ver-/be-/ge-, no tail that is only an
 * ending like -heid or -ing), the stems of the head and of the tail are
 * indexed as extra tokens at the word's own position (FTS5_TOKEN_COLOCATED),
 * at most PARTS_MAX per word. Stemming the head takes care of the linking
 * -s-/-en- ('ervarings' and 'ervaring' share a stem). Queries are only
 * stemmed, never split, so a query never turns into an OR of fragments.
 * Only first and last parts match: 'hulp' finds 'jeugdhulp' and
 * 'hulpverlener' but not 'jeugdhulpverlener', whose middle it is.
 *
 * Why rules rather than cutting anywhere (every suffix from the 4th letter,
 * every prefix of 4+ letters): measured on 2,000 pages (6.7 MB) recombined
 * from the sentences of content/, cutting anywhere grew the FTS index
 * (_data) by 204 % and the database file by 47 %; these rules grow them by
 * 42 % and 10 %. The rules find the parts of compounds as well (52/52
 * parts of the 26 compounds they were tuned on, 40/42 of 21 held-out ones,
 * missing only 3-letter heads like 'dag'; cutting anywhere: 46/52, 39/42),
 * and of the words a query newly finds, about 4 in 5 are real compounds of
 * it here against 1 in 2 with cutting anywhere ('wet' finding
 * 'wetenschap', 'dingen' finding 'aanmeldingen').
 *
 * A tokenizer instance belongs to one FTS5 table in one connection, and
 * SQLite runs a connection in one thread at a time, so the stemmer (not
 * thread-safe) needs no lock. Stems are copied out of the stemmer before
 * FTS5 sees them, so a nested call cannot overwrite a stem in use. */
#include "tokenize.h"

#include "error.h"
#include "texts.h"

#include <libstemmer.h>
#include <stdint.h>
#include <string.h>

#define WP_TOKENIZER_NAME "wp_stem"
#define TOK_MAX		  64 /* longer tokens (bytes) are passed on unstemmed */
#define COMPOUND_MIN	  8  /* shortest word (letters) looked at for parts */
#define HEAD_MIN	  4  /* shortest first part sent as a token */
#define CUT_MIN		  3  /* earliest cut: 'dag|besteding' sends 'besteding' */
#define TAIL_MIN	  3  /* shortest last part: 'jeugd|wet', 'olifanten|pad' */
#define PARTS_MAX	  12 /* most extra tokens for one word: bounds index growth */
#define STEM_MIN	  3  /* shorter part stems are not indexed */
#define PREFIX_STEM_MIN	  4  /* shorter stems of a query prefix are not added */
#define MEMO_SLOTS	  2048 /* words remembered per tokenizer instance */
#define MEMO_WORD	  32   /* longest word (bytes) remembered */

/* A remembered word and its tokens (stem, then parts, NUL-separated). */
typedef struct {
	char word[MEMO_WORD];
	unsigned char wlen; /* 0: empty */
	unsigned char parts; /* out holds the compound parts too */
	unsigned char count; /* tokens in out */
	char out[192];
} wp_memo_slot;

typedef struct {
	fts5_tokenizer parent;	   /* unicode61's methods */
	Fts5Tokenizer *parent_tok; /* our instance of unicode61 */
	struct sb_stemmer *stemmer;
	int dutch;     /* Dutch plural fix-up applies */
	int compounds; /* index parts of compound words (Dutch only) */
	wp_memo_slot *memo; /* MEMO_SLOTS, allocated on first use; NULL: none */
} wp_stem_tok;

typedef int (*wp_xtoken)(void *ctx, int tflags, const char *tok, int n, int start, int end);

/* One xTokenize call. */
typedef struct {
	wp_stem_tok *t;
	void *ctx;
	wp_xtoken x_token;
	int flags;
	/* Prefix query: the latest token, sent once the next shows it was not
	 * the last one (only the last one is the prefix). */
	char held[TOK_MAX];
	int held_len; /* 0: nothing held */
	int held_tflags, held_start, held_end;
} wp_stem_call;

/* Stems already indexed for the current word, so no part is sent twice. */
typedef struct {
	char stem[PARTS_MAX + 1][TOK_MAX];
	int len[PARTS_MAX + 1];
	int count;
} wp_parts;

static int is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* Snowball's Dutch stemmer (libstemmer 2.2) drops a plural -s only after a
 * consonant, so 'gemeentes' would not meet 'gemeente'. Dutch spelling makes
 * -s a plural after an unstressed -e, after -ie and after -eau: those s's
 * are dropped first. Returns the length to stem. */
static int dutch_plural_len(const char *w, int n)
{
	if (n < 5 || w[n - 1] != 's')
		return n;
	if (w[n - 2] == 'e' && !is_vowel(w[n - 3]))
		return n - 1; /* gemeentes, tantes */
	if (n >= 6 && w[n - 2] == 'e' && w[n - 3] == 'i')
		return n - 1; /* studies, families */
	if (n >= 6 && w[n - 2] == 'u' && w[n - 3] == 'a' && w[n - 4] == 'e')
		return n - 1; /* bureaus, niveaus */
	return n;
}

/* Stems w (n <= TOK_MAX bytes) into out, *nout its length. A stem that
 * would not fit is replaced by the word itself. */
static int stem(const wp_stem_tok *t, const char *w, int n, char out[TOK_MAX], int *nout)
{
	const sb_symbol *s;
	int len;

	if (t->dutch)
		n = dutch_plural_len(w, n);
	s = sb_stemmer_stem(t->stemmer, (const sb_symbol *)w, n);
	if (!s)
		return SQLITE_NOMEM;
	len = sb_stemmer_length(t->stemmer);
	if (len <= 0 || len > TOK_MAX) {
		s = (const sb_symbol *)w;
		len = n;
	}
	memcpy(out, s, (size_t)len);
	*nout = len;
	return SQLITE_OK;
}

static int has_vowel(const char *s, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (is_vowel(s[i]))
			return 1;
	return 0;
}

/* Whether s (n bytes) is one of list's count strings. */
static int in_list(const char *s, int n, const char *const *list, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (strlen(list[i]) == (size_t)n && memcmp(list[i], s, (size_t)n) == 0)
			return 1;
	return 0;
}

#define IN_LIST(s, n, list) in_list(s, n, list, sizeof(list) / sizeof(list[0]))

/* Consonant clusters of two or more letters that a Dutch word can start
 * with (any single consonant can). */
static const char *const onsets[] = {
    "bl",  "br",  "ch", "chr", "dr", "dw",  "fl",   "fr", "gl", "gn", "gr", "kl", "kn",
    "kr",  "kw",  "pl", "pr",  "ps", "sch", "schr", "sj", "sk", "sl", "sm", "sn", "sp",
    "spl", "spr", "st", "str", "sw", "th",  "tj",   "tr", "tw", "vl", "vr", "wr", "zw",
};

/* Consonant clusters of two or more letters that a Dutch word can end with
 * (a linking -s- may follow). */
static const char *const codas[] = {
    "ch", "cht", "ct",	"fd",  "ft", "gd", "kt",   "ld",  "lf",	 "lg", "lk", "lm",
    "lp", "lt",	 "mbt", "mp",  "nd", "ng", "ngst", "nk",  "nst", "nt", "pt", "rd",
    "rf", "rg",	 "rk",	"rkt", "rm", "rn", "rp",   "rst", "rt",	 "sk", "sp", "st",
};

/* How the second part of a compound starts when it starts with a vowel
 * ('huis|arts', 'zorg|aanbieder', 'bijstands|uitkering'). Other vowel
 * starts are mostly cuts through a syllable ('syst|eem', 'ervar|ing'). */
static const char *const vowel_starts[] = {
    "aan", "adv", "af",	   "agent", "ambt", "arts", "eig", "eind", "eis",  "erv",
    "in",  "om",  "onder", "ont",   "org",  "oost", "op",  "oud",  "over", "uit",
};

/* Derivational endings: a tail that is little more than these is a
 * suffix ('gezond|heid', 'samenwer|king', 'esca|leren'), not a word.
 * A longer ending comes before any ending it ends with. */
static const char *const suffixes[] = {
    "achtig", "achtige", "atie",  "aties",    "baar",  "bare",	 "eerd",   "eerde", "eert",
    "end",    "ende",	 "eren",  "erij",     "heden", "heid",	 "ig",	   "ige",   "ing",
    "ingen",  "isch",	 "ische", "lijk",     "lijke", "lijks",	 "lijkse", "loos",  "loze",
    "nis",    "nissen",	 "schap", "schappen", "teit",  "teiten", "tie",	   "ties",
};

/* Whether tail (n letters, starting with a vowel) starts like a word. */
static int vowel_start_ok(const char *tail, int n)
{
	size_t i, len;

	for (i = 0; i < sizeof(vowel_starts) / sizeof(vowel_starts[0]); i++) {
		len = strlen(vowel_starts[i]);
		if ((size_t)n < len || memcmp(vowel_starts[i], tail, len) != 0)
			continue;
		/* 'af', 'in', 'om', 'op' are prefixes before a consonant only;
		 * 'ing' is a suffix. */
		if (len == 2 && (is_vowel(tail[2]) || (tail[0] == 'i' && tail[2] == 'g')))
			continue;
		return 1;
	}
	return 0;
}

/* Whether tail (n letters) can start a Dutch word. */
static int onset_ok(const char *tail, int n)
{
	int run = 0;

	while (run < n && !is_vowel(tail[run]))
		run++;
	if (run == 0)
		return vowel_start_ok(tail, n);
	return run == 1 || IN_LIST(tail, run, onsets);
}

/* Whether head (n >= 2 letters) can end a Dutch word that is the first part
 * of a compound. */
static int coda_ok(const char *head, int n)
{
	static const char *const prefixes[] = {"ver", "ge", "be", "ont", "her"};
	char last = head[n - 1], prev = head[n - 2];
	int run = 0;
	size_t i, len;

	/* A verb prefix belongs to what follows ('hulp|verlener', not
	 * 'hulpver|lener'), and needs more than two letters after it. */
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		len = strlen(prefixes[i]);
		if ((size_t)n >= len && memcmp(head + n - len, prefixes[i], len) == 0)
			return 0;
		if ((size_t)n <= len + 2 && memcmp(head, prefixes[i], len) == 0)
			return 0;
	}
	/* Word-final vowels: -e, -a, -o, and the pairs -ei, -ui, -eu, -ou, -au. */
	if (is_vowel(last)) {
		if (last == 'i')
			return prev == 'e' || prev == 'u';
		if (last == 'u')
			return prev == 'e' || prev == 'o' || prev == 'a';
		return last == 'e' || ((last == 'a' || last == 'o') && prev != last);
	}
	/* No Dutch word ends in v, z, q or c, in j outside 'ij', in h outside
	 * 'ch', in w outside '-uw', or in a doubled consonant. */
	if (last == 'v' || last == 'z' || last == 'q' || last == 'c' || last == prev)
		return 0;
	if ((last == 'j' && prev != 'i') || (last == 'h' && prev != 'c') ||
	    (last == 'w' && prev != 'u'))
		return 0;
	while (run < n && !is_vowel(head[n - 1 - run]) &&
	       !(head[n - 1 - run] == 'j' && run + 1 < n && head[n - 2 - run] == 'i'))
		run++; /* 'ij' is a vowel: 'wijk|team' */
	if (run >= 2 && last == 's') {
		n--; /* linking -s-: 'ervarings|werker', 'beleids|medewerker' */
		run--;
	}
	return run <= 1 || IN_LIST(head + n - run, run, codas);
}

/* Whether tail (n letters) is an ending rather than a word: little is left
 * once derivational endings are taken off, or it is a short syllable with
 * a toneless e ('inkom|sten'). */
static int ending_only(const char *tail, int n)
{
	int vowels = 0, round, i, len;
	size_t k;

	if (tail[n - 1] == 's' &&
	    (tail[n - 2] == 'e' ||
	     (tail[n - 3] == 'e' &&
	      (tail[n - 2] == 'n' || tail[n - 2] == 'r' || tail[n - 2] == 'l'))))
		n--; /* plural -s: 'hulpverle|ners', 'gemeen|tes' */
	for (round = 0; round < 2; round++) {
		for (k = 0; k < sizeof(suffixes) / sizeof(suffixes[0]); k++) {
			len = (int)strlen(suffixes[k]);
			if (n >= len && memcmp(tail + n - len, suffixes[k], (size_t)len) == 0)
				break;
		}
		if (k == sizeof(suffixes) / sizeof(suffixes[0]))
			break;
		n -= (int)strlen(suffixes[k]);
	}
	if (n < TAIL_MIN || (round > 0 && n < 4))
		return 1; /* 'samenwer|king', 'gemeen|telijke' */
	if (n > 5)
		return 0;
	for (i = 0; i < n; i++) {
		if (is_vowel(tail[i]) && tail[i] != 'e')
			return 0;
		vowels += tail[i] == 'e';
	}
	return vowels == 1 && tail[n - 2] == 'e' &&
	       (tail[n - 1] == 'n' || tail[n - 1] == 'r' || tail[n - 1] == 'l');
}

/* Whether head (n letters) is an adverb or preposition ('voor|beeld',
 * 'samen|werking'): such a query matches most pages anyway, so indexing it
 * as a part only costs space. */
static int particle(const char *head, int n)
{
	static const char *const particles[] = {
	    "aan",  "achter", "bij",   "binnen",  "buiten", "daar",  "door",
	    "hier", "mee",    "onder", "over",	  "samen",  "tegen", "terug",
	    "toe",  "uit",    "voor",  "vooruit", "waar",
	};

	return IN_LIST(head, n, particles);
}

/* Whether w (n letters a-z) may be cut into w[0..i) and w[i..n). */
static int split_ok(const char *w, int n, int i)
{
	static const char *const pairs[] = {"aa", "ee", "oo", "uu", "ie", "ei", "ij",
					    "ui", "ou", "au", "eu", "oe", "ch"};
	size_t k;

	for (k = 0; k < sizeof(pairs) / sizeof(pairs[0]); k++)
		if (w[i - 1] == pairs[k][0] && w[i] == pairs[k][1])
			return 0;
	return has_vowel(w, i) && has_vowel(w + i, n - i) && onset_ok(w + i, n - i) &&
	       coda_ok(w, i) && !ending_only(w + i, n - i);
}

static int lower_ascii(const char *w, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (w[i] < 'a' || w[i] > 'z')
			return 0;
	return 1;
}

/* Adds the stem of part (n bytes) to the word's tokens, unless it is
 * short, already there, or over the limit. */
static int add_part(const wp_stem_tok *t, wp_parts *seen, const char *part, int n)
{
	char s[TOK_MAX];
	int ns, k, rc;

	if (seen->count > PARTS_MAX)
		return SQLITE_OK;
	rc = stem(t, part, n, s, &ns);
	if (rc != SQLITE_OK || ns < STEM_MIN)
		return rc;
	for (k = 0; k < seen->count; k++)
		if (seen->len[k] == ns && memcmp(seen->stem[k], s, (size_t)ns) == 0)
			return SQLITE_OK;
	memcpy(seen->stem[seen->count], s, (size_t)ns);
	seen->len[seen->count++] = ns;
	return SQLITE_OK;
}

/* The tokens of word w (n <= TOK_MAX bytes) into out: its stem and, with
 * parts set and w a compound, the stems of its heads and tails. */
static int word_tokens(const wp_stem_tok *t, const char *w, int n, int parts, wp_parts *out)
{
	int i, rc;

	out->count = 0;
	rc = stem(t, w, n, out->stem[0], &out->len[0]);
	if (rc != SQLITE_OK)
		return rc;
	out->count = 1;
	if (!parts || n < COMPOUND_MIN || !lower_ascii(w, n))
		return SQLITE_OK;
	for (i = CUT_MIN; i <= n - TAIL_MIN && rc == SQLITE_OK; i++) {
		if (!split_ok(w, n, i))
			continue;
		if (i >= HEAD_MIN && !particle(w, i))
			rc = add_part(t, out, w, i);
		if (rc == SQLITE_OK)
			rc = add_part(t, out, w + i, n - i);
	}
	return rc;
}

/* Memo of word_tokens(): a direct-mapped table keyed by the word (FNV-1a),
 * since a text repeats its words and stemming plus looking for compound
 * cuts costs far more than a lookup. Words longer than MEMO_WORD bytes,
 * and words with more tokens than a slot holds, are not kept. */
static uint32_t word_hash(const char *w, int n)
{
	uint32_t h = 2166136261u;
	int i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h;
}

/* Keeps the tokens of w in slot, when they fit. */
static void memo_keep(wp_memo_slot *slot, const char *w, int n, int parts, const wp_parts *tk)
{
	size_t used = 0;
	int k;

	slot->wlen = 0;
	for (k = 0; k < tk->count; k++) {
		if (used + (size_t)tk->len[k] + 1 > sizeof(slot->out))
			return;
		memcpy(slot->out + used, tk->stem[k], (size_t)tk->len[k]);
		used += (size_t)tk->len[k];
		slot->out[used++] = '\0';
	}
	memcpy(slot->word, w, (size_t)n);
	slot->wlen = (unsigned char)n;
	slot->parts = (unsigned char)parts;
	slot->count = (unsigned char)tk->count;
}

/* The tokens of w (n <= TOK_MAX bytes) from the memo or word_tokens(), in
 * *tk. */
static int memo_tokens(wp_stem_tok *t, const char *w, int n, int parts, wp_parts *tk)
{
	wp_memo_slot *slot = NULL;
	const char *p;
	int k, rc;

	if (n <= MEMO_WORD && !t->memo) {
		t->memo = sqlite3_malloc(MEMO_SLOTS * (int)sizeof(*t->memo));
		if (t->memo)
			memset(t->memo, 0, MEMO_SLOTS * sizeof(*t->memo));
	}
	if (n <= MEMO_WORD && t->memo) {
		slot = &t->memo[word_hash(w, n) % MEMO_SLOTS];
		/* a slot kept with parts serves a call without them, not the reverse */
		if (slot->wlen == n && memcmp(slot->word, w, (size_t)n) == 0 &&
		    (slot->parts || !parts)) {
			for (p = slot->out, k = 0; k < slot->count; k++) {
				tk->len[k] = (int)strlen(p);
				memcpy(tk->stem[k], p, (size_t)tk->len[k]);
				p += tk->len[k] + 1;
			}
			tk->count = parts ? slot->count : 1;
			return SQLITE_OK;
		}
	}
	rc = word_tokens(t, w, n, parts, tk);
	if (rc == SQLITE_OK && slot)
		memo_keep(slot, w, n, parts, tk);
	return rc;
}

/* Sends word w on as its stem, followed in a Dutch document by its parts
 * at the same position. */
static int send_word(wp_stem_call *c, int tflags, const char *w, int n, int start, int end)
{
	wp_parts tokens;
	int k, rc;

	if (n > TOK_MAX)
		return c->x_token(c->ctx, tflags, w, n, start, end);
	rc = memo_tokens(c->t, w, n, c->t->compounds && (c->flags & FTS5_TOKENIZE_DOCUMENT),
			 &tokens);
	if (rc == SQLITE_OK)
		rc = c->x_token(c->ctx, tflags, tokens.stem[0], tokens.len[0], start, end);
	for (k = 1; k < tokens.count && rc == SQLITE_OK; k++)
		rc = c->x_token(c->ctx, FTS5_TOKEN_COLOCATED, tokens.stem[k], tokens.len[k],
				start, end);
	return rc;
}

/* The held token turned out not to be the prefix: send it as a word. */
static int send_held(wp_stem_call *c)
{
	int n = c->held_len;

	c->held_len = 0;
	if (n == 0)
		return SQLITE_OK;
	return send_word(c, c->held_tflags, c->held, n, c->held_start, c->held_end);
}

/* Sends the prefix of a prefix query as it is (a stem of a prefix may not be
 * a prefix of the word's stem) and, as a synonym, its stem, so that
 * 'verhalen*' still finds 'verhaal' (stem 'verhal'). */
static int send_prefix(wp_stem_call *c)
{
	char s[TOK_MAX];
	int ns, rc;

	rc = c->x_token(c->ctx, c->held_tflags, c->held, c->held_len, c->held_start, c->held_end);
	if (rc == SQLITE_OK)
		rc = stem(c->t, c->held, c->held_len, s, &ns);
	if (rc == SQLITE_OK && ns >= PREFIX_STEM_MIN &&
	    (ns != c->held_len || memcmp(s, c->held, (size_t)ns) != 0))
		rc = c->x_token(c->ctx, FTS5_TOKEN_COLOCATED, s, ns, c->held_start, c->held_end);
	return rc;
}

/* unicode61's callback: one folded token. */
static int on_token(void *ctx, int tflags, const char *tok, int n, int start, int end)
{
	wp_stem_call *c = ctx;
	int rc;

	if (!(c->flags & FTS5_TOKENIZE_PREFIX))
		return send_word(c, tflags, tok, n, start, end);
	rc = send_held(c);
	if (rc != SQLITE_OK)
		return rc;
	if (n <= 0 || n > TOK_MAX) /* never stemmed, so it can go now */
		return c->x_token(c->ctx, tflags, tok, n, start, end);
	memcpy(c->held, tok, (size_t)n);
	c->held_len = n;
	c->held_tflags = tflags;
	c->held_start = start;
	c->held_end = end;
	return SQLITE_OK;
}

static int tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int ntext,
			wp_xtoken x_token)
{
	wp_stem_tok *t = (wp_stem_tok *)p;
	wp_stem_call c;
	int rc;

	c.t = t;
	c.ctx = ctx;
	c.x_token = x_token;
	c.flags = flags;
	c.held_len = 0;
	rc = t->parent.xTokenize(t->parent_tok, &c, flags, text, ntext, on_token);
	if (rc == SQLITE_OK && c.held_len > 0)
		rc = send_prefix(&c);
	return rc;
}

static void tok_delete(Fts5Tokenizer *p)
{
	wp_stem_tok *t = (wp_stem_tok *)p;

	if (!t)
		return;
	if (t->parent_tok)
		t->parent.xDelete(t->parent_tok);
	if (t->stemmer)
		sb_stemmer_delete(t->stemmer);
	sqlite3_free(t->memo);
	sqlite3_free(t);
}

/* Reads "[dutch|english] [compounds 0|1]" into *lang and *compounds. */
static int parse_args(const char **argv, int argc, const char **lang, int *compounds)
{
	int i = 0;

	if (argc > 0 && strcmp(argv[0], "compounds") != 0) {
		if (strcmp(argv[0], "dutch") != 0 && strcmp(argv[0], "english") != 0) {
			wp_error_set(wp_t("tokenize.bad_language"), argv[0]);
			return WP_EINVALID;
		}
		*lang = argv[0];
		i = 1;
	}
	while (i < argc) {
		if (strcmp(argv[i], "compounds") != 0 || i + 1 >= argc ||
		    (strcmp(argv[i + 1], "0") != 0 && strcmp(argv[i + 1], "1") != 0)) {
			wp_error_set(wp_t("tokenize.bad_argument"), argv[i]);
			return WP_EINVALID;
		}
		*compounds = argv[i + 1][0] == '1';
		i += 2;
	}
	return 0;
}

static int tok_create(void *api_ptr, const char **argv, int argc, Fts5Tokenizer **out)
{
	static const char *parent_args[] = {"remove_diacritics", "2"};
	fts5_api *api = api_ptr;
	wp_stem_tok *t = NULL;
	void *parent_ctx = NULL;
	const char *lang = "dutch";
	int compounds = 1, rc;

	*out = NULL;
	if (parse_args(argv, argc, &lang, &compounds) < 0)
		return SQLITE_ERROR;
	rc = SQLITE_NOMEM;
	t = sqlite3_malloc(sizeof(*t));
	if (!t)
		goto done;
	memset(t, 0, sizeof(*t));
	t->dutch = strcmp(lang, "dutch") == 0;
	t->compounds = t->dutch && compounds;
	t->stemmer = sb_stemmer_new(lang, "UTF_8");
	if (!t->stemmer)
		goto done;
	rc = api->xFindTokenizer(api, "unicode61", &parent_ctx, &t->parent);
	if (rc == SQLITE_OK)
		rc = t->parent.xCreate(parent_ctx, parent_args, 2, &t->parent_tok);
done:
	if (rc != SQLITE_OK) {
		wp_error_set(wp_t("tokenize.create_failed"), sqlite3_errstr(rc));
		tok_delete((Fts5Tokenizer *)t);
		return rc;
	}
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

/* The connection's fts5_api, or NULL when SQLite was built without FTS5. */
static fts5_api *fts5_api_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	if (sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL) == SQLITE_OK)
		sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

int wp_tokenize_register(sqlite3 *db)
{
	fts5_tokenizer methods = {tok_create, tok_delete, tok_tokenize};
	fts5_api *api;
	int rc;

	api = fts5_api_of(db);
	if (!api || api->iVersion < 2) {
		wp_error_set("%s", wp_t("tokenize.no_fts5"));
		return WP_ERROR;
	}
	/* The api lives as long as db, so it can be the tokenizer's context. */
	rc = api->xCreateTokenizer(api, WP_TOKENIZER_NAME, api, &methods, NULL);
	if (rc != SQLITE_OK) {
		wp_error_set(wp_t("tokenize.register_failed"), sqlite3_errstr(rc));
		return WP_ERROR;
	}
	return 0;
}
