/* quality.c - the privacy detectors measured on the labelled set
 * (labelled.tsv: LABEL TAB SPAN TAB SNIPPET; a label "kind" is a true
 * case whose SPAN must be found as that kind, "-kind" a look-alike in
 * which nothing may be found), with names from namen.txt.
 *
 *   privacy_quality DIR [SET.tsv ...]   the table over the sets (default
 *                                       labelled.tsv); exit 1 when a goal
 *                                       is missed
 *   ... --bench                         also the cost of a check on a 50 KB
 *                                       page
 *
 * Goals (issue 7): recall 100% on BSN and IBAN, at least 95% on the
 * other kinds, at most 2% of the look-alikes flagged. A found spot
 * counts when it overlaps the labelled span and has its kind; any other
 * spot is a false positive of the kind it claims. */
#include "detect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
	unsigned tp, fn, fp, lookalikes, flagged;
} tally;

static int overlaps(const pv_hit *h, size_t s, size_t e)
{
	return h->start < e && s < h->end;
}

/* Scores one labelled line into t (per kind). */
static int score(tally t[PV_NKINDS], const pv_names *names, char *line, unsigned *bad)
{
	char *label = line, *span, *snippet, *at;
	int look = label[0] == '-';
	pv_kind k;
	pv_hits hits = {0};
	size_t s = 0, e = 0, i;
	int found = 0;

	if (!(span = strchr(label, '\t')) || !(snippet = strchr(span + 1, '\t')))
		return -1;
	*span++ = '\0';
	*snippet++ = '\0';
	snippet[strcspn(snippet, "\r\n")] = '\0';
	if ((k = pv_kind_of(label + look)) == PV_NKINDS || !(at = strstr(snippet, span)))
		return -1;
	s = (size_t)(at - snippet);
	e = s + strlen(span);
	if (pv_scan(&hits, snippet, strlen(snippet), names) < 0)
		return -1;
	for (i = 0; i < hits.n; i++) {
		if (!look && hits.v[i].kind == k && overlaps(&hits.v[i], s, e) && !found) {
			found = 1;
			continue;
		}
		t[hits.v[i].kind].fp++;
	}
	if (look) {
		t[k].lookalikes++;
		t[k].flagged += hits.n > 0;
	} else if (found) {
		t[k].tp++;
	} else {
		t[k].fn++;
	}
	if ((look && hits.n) || (!look && (!found || hits.n > 1))) {
		fprintf(stderr, "  %s %s | %s |",
			look	? "vals alarm"
			: found ? "extra"
				: "gemist",
			label, snippet);
		for (i = 0; i < hits.n; i++)
			fprintf(stderr, " %s:'%.*s'", pv_kind_name(hits.v[i].kind),
				(int)(hits.v[i].end - hits.v[i].start), snippet + hits.v[i].start);
		fputc('\n', stderr);
		(*bad)++;
	}
	pv_hits_dispose(&hits);
	return 0;
}

static double pct(unsigned a, unsigned b)
{
	return b ? 100.0 * a / b : 100.0;
}

/* Prints the table; returns the number of goals missed. */
static int report(const tally t[PV_NKINDS], unsigned lines)
{
	unsigned look = 0, flagged = 0;
	int k, missed = 0;

	printf("| detector | true cases | recall | precision | look-alikes | flagged |\n");
	printf("|---|---|---|---|---|---|\n");
	for (k = 0; k < PV_NKINDS; k++) {
		double recall = pct(t[k].tp, t[k].tp + t[k].fn);
		double goal = pv_blocks((pv_kind)k) ? 100.0 : 95.0;

		printf("| %s | %u | %.1f%% | %.1f%% | %u | %u |\n", pv_kind_name((pv_kind)k),
		       t[k].tp + t[k].fn, recall, pct(t[k].tp, t[k].tp + t[k].fp), t[k].lookalikes,
		       t[k].flagged);
		missed += recall + 1e-9 < goal;
		look += t[k].lookalikes;
		flagged += t[k].flagged;
	}
	printf("\n%u snippets; %u look-alikes, %u flagged (%.1f%%; goal at most 2%%)\n", lines,
	       look, flagged, pct(flagged, look));
	missed += pct(flagged, look) > 2.0;
	return missed;
}

/* A 50 KB page of story text with a few findings spread through it. */
static char *page_50k(size_t *len)
{
	static const char *const para =
	    "De moeder van drie kinderen kwam in maart bij het wijkteam. Ze had schulden bij "
	    "de energieleverancier en de huur was twee maanden achterstallig. Samen met de "
	    "schuldhulpverlener maakten we een plan van 14 stappen; op 12-03-2024 was het "
	    "eerste gesprek, om 10:30 uur, en de kosten van 1.234,56 euro werden verdeeld. ";
	size_t n = 50 * 1024, plen = strlen(para), i = 0;
	char *s = malloc(n + 1);

	if (!s)
		return NULL;
	while (i + plen < n) {
		memcpy(s + i, para, plen);
		i += plen;
	}
	memset(s + i, ' ', n - i);
	memcpy(s + n / 2, " bel 06-12345678 ", 17);
	s[n] = '\0';
	*len = n;
	return s;
}

static void bench(const pv_names *names)
{
	struct timespec a, b;
	size_t len, i, runs = 200, found = 0;
	char *page = page_50k(&len);
	double ms;

	if (!page)
		return;
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < runs; i++) {
		pv_hits hits = {0};

		pv_scan(&hits, page, len, names);
		found = hits.n;
		pv_hits_dispose(&hits);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	ms = ((double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6) /
	     (double)runs;
	printf("\ncheck of a 50 KB page (%zu names listed, %zu spot found): %.3f ms per check "
	       "(mean of %zu)\n",
	       pv_names_count(names), found, ms, runs);
	free(page);
}

/* Scores every line of set file path into t. Returns the lines scored,
 * or -1 when the file cannot be read or has a bad line. */
static long score_file(tally t[PV_NKINDS], const pv_names *names, const char *path, unsigned *bad)
{
	char line[2048];
	long lines = 0;
	FILE *fp = fopen(path, "r");

	if (!fp) {
		fprintf(stderr, "cannot read %s\n", path);
		return -1;
	}
	while (fgets(line, sizeof(line), fp)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (score(t, names, line, bad) < 0) {
			fprintf(stderr, "bad line in %s: %s", path, line);
			fclose(fp);
			return -1;
		}
		lines++;
	}
	fclose(fp);
	return lines;
}

int main(int argc, char **argv)
{
	tally t[PV_NKINDS];
	char path[4096];
	unsigned bad = 0;
	long lines = 0, n;
	pv_names *names = pv_names_new();
	int missed, i, sets = 0, with_bench = 0;

	if (argc < 2 || !names) {
		fprintf(stderr, "usage: privacy_quality DIR [SET.tsv ...] [--bench]\n");
		return 2;
	}
	memset(t, 0, sizeof(t));
	snprintf(path, sizeof(path), "%s/namen.txt", argv[1]);
	if (pv_names_load(names, path) < 0) {
		fprintf(stderr, "cannot read %s\n", path);
		return 2;
	}
	for (i = 2; i <= argc; i++) {
		const char *set = i < argc ? argv[i] : sets ? NULL : "labelled.tsv";

		if (set && strcmp(set, "--bench") == 0) {
			with_bench = 1;
			continue;
		}
		if (!set)
			continue;
		snprintf(path, sizeof(path), "%s/%s", argv[1], set);
		if ((n = score_file(t, names, path, &bad)) < 0)
			return 2;
		lines += n;
		sets++;
	}
	missed = report(t, (unsigned)lines);
	if (with_bench)
		bench(names);
	pv_names_free(names);
	fprintf(stderr, "%u snippets with a miss or a false alarm; %d goal(s) missed\n", bad,
		missed);
	return missed ? 1 : 0;
}
