/* dilemma_overview.c - GET /dilemma-overzicht (HTML) and
 * /api/dilemma-overzicht (JSON): every dilemma the viewer may read, with
 * the number of stories naming it, in total and per region, and totals.
 *
 * Every count comes from dilemma_links joined with pages under
 * WP_PLUGIN_VISIBLE for both the naming page and the dilemma, so a page
 * the viewer may not read is never counted, nor its region shown.
 *
 * The JSON answer:
 *   {"dilemmas": [{"path","slug","title","verhalen","gesprekken",
 *                  "handreikingen","search_href",
 *                  "regios": [{"regio": "Noord" | null, "verhalen"}]}],
 *    "regios": [{"regio": "Noord" | null, "verhalen"}],
 *    "totals": {"dilemmas", "verhalen", "koppelingen"}}
 * where regio null stands for stories without a region; the top-level
 * regios count each story once (a story has one region), totals.verhalen
 * is the number of stories naming any dilemma and totals.koppelingen the
 * sum of the dilemmas' counts (a story naming two counts twice). */
#include "dilemma_int.h"

#include <stdlib.h>
#include <string.h>

/* The stories, conversations or handreikingen (kind) naming dilemma d. */
#define COUNT_OF(kind)                                                                            \
	"(SELECT count(*) FROM dilemma_links l JOIN pages s ON s.path = l.page AND "              \
	"s.type = l.kind WHERE l.dilemma = d.path AND l.kind = '" kind "' AND "                   \
	WP_PLUGIN_VISIBLE("s") ")"

static const char dilemmas_sql[] =
	"SELECT d.path AS path, d.title AS title, " COUNT_OF(DL_STORY_TYPE) " AS verhalen, "
	COUNT_OF(DL_CONVERSATION_TYPE) " AS gesprekken, " COUNT_OF(DL_GUIDE_TYPE) " AS handreikingen "
	"FROM pages d WHERE d.type = '" DL_TYPE "' AND " WP_PLUGIN_VISIBLE("d")
	" ORDER BY d.title COLLATE NOCASE, d.path";

/* The stories naming a readable dilemma, which both queries group. */
#define STORY_LINKS                                                                               \
	" FROM dilemma_links l JOIN pages s ON s.path = l.page AND s.type = l.kind "             \
	"JOIN pages d ON d.path = l.dilemma AND d.type = '" DL_TYPE "' "                          \
	"WHERE l.kind = '" DL_STORY_TYPE "' AND " WP_PLUGIN_VISIBLE("s") " AND "                  \
	WP_PLUGIN_VISIBLE("d")

/* Regions sort by name, the stories without one last. */
#define REGION_ORDER " ORDER BY l.regio IS NULL, l.regio COLLATE NOCASE, l.regio"

static const char regions_sql[] = "SELECT l.dilemma AS dilemma, l.regio AS regio, "
				  "count(*) AS verhalen" STORY_LINKS
				  " GROUP BY l.dilemma, l.regio" REGION_ORDER;

static const char region_totals_sql[] = "SELECT l.regio AS regio, count(DISTINCT l.page) AS "
					"verhalen" STORY_LINKS " GROUP BY l.regio" REGION_ORDER;

/* {"regio", "verhalen"} of a query row, new reference (NULL: no memory). */
static json_t *region_of(const json_t *row)
{
	json_t *o = json_object();

	if (!o || dl_set_str(o, "regio", dl_row_str(row, "regio")) < 0 ||
	    json_object_set_new(o, "verhalen", json_integer(dl_row_int(row, "verhalen"))) < 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* One dilemma of the answer from its query row (NULL: no memory). */
static json_t *dilemma_of(const json_t *row)
{
	const char *path = dl_row_str(row, "path");
	char *href = path ? dl_search_href(dl_slug(path)) : NULL;
	json_t *o = href ? json_pack("{s:s, s:s, s:s?, s:I, s:I, s:I, s:s, s:[]}", "path", path,
				     "slug", dl_slug(path), "title", dl_row_str(row, "title"),
				     "verhalen", dl_row_int(row, "verhalen"), "gesprekken",
				     dl_row_int(row, "gesprekken"), "handreikingen",
				     dl_row_int(row, "handreikingen"), "search_href", href, "regios")
			 : NULL;

	free(href);
	return o;
}

/* Runs one query of the overview into *rows; a failure is logged. */
static int run(wp_request *r, json_t **rows, const char *sql)
{
	const wp_host *host = dl_host();
	int rc = host->query_index(r, rows, sql, NULL, 0);

	if (rc < 0)
		*rows = NULL;
	return rc;
}

/* Adds the per-region rows to their dilemmas (found by path in by_path). */
static int add_regions(json_t *by_path, const json_t *rows)
{
	const json_t *row;
	json_t *d, *reg;
	size_t i;

	json_array_foreach(rows, i, row) {
		d = json_object_get(by_path, dl_row_str(row, "dilemma"));
		if (!d)
			continue; /* a dilemma that came after the first query */
		reg = region_of(row);
		if (!reg || json_array_append_new(json_object_get(d, "regios"), reg) < 0)
			return -1;
	}
	return 0;
}

/* The answer's dilemmas from their rows; counts the links into *links. */
static json_t *dilemma_list(const json_t *rows, json_t *by_path, json_int_t *links)
{
	json_t *list = json_array(), *d;
	const json_t *row;
	size_t i;

	*links = 0;
	json_array_foreach(rows, i, row) {
		d = dilemma_of(row);
		if (!d || json_array_append_new(list, d) < 0 ||
		    json_object_set(by_path, dl_row_str(row, "path"), d) < 0) {
			json_decref(list);
			return NULL;
		}
		*links += dl_row_int(row, "verhalen");
	}
	return list;
}

/* The top-level regions from their rows; sums the stories into *stories. */
static json_t *region_list(const json_t *rows, json_int_t *stories)
{
	json_t *list = json_array(), *reg;
	const json_t *row;
	size_t i;

	*stories = 0;
	json_array_foreach(rows, i, row) {
		reg = region_of(row);
		if (!reg || json_array_append_new(list, reg) < 0) {
			json_decref(list);
			return NULL;
		}
		*stories += dl_row_int(row, "verhalen");
	}
	return list;
}

/* Puts the overview together from the three query results. */
static json_t *assemble(const json_t *drows, const json_t *rrows, const json_t *trows)
{
	json_t *by_path = json_object(), *dilemmas, *regions = NULL, *out = NULL;
	json_int_t links = 0, stories = 0;

	dilemmas = by_path ? dilemma_list(drows, by_path, &links) : NULL;
	if (dilemmas && add_regions(by_path, rrows) == 0)
		regions = region_list(trows, &stories);
	if (regions)
		out = json_pack("{s:O, s:O, s:{s:I, s:I, s:I}}", "dilemmas", dilemmas, "regios",
				regions, "totals", "dilemmas", (json_int_t)json_array_size(dilemmas),
				"verhalen", stories, "koppelingen", links);
	json_decref(by_path);
	json_decref(dilemmas);
	json_decref(regions);
	return out;
}

/* The overview for the asking person as described above, in *out. */
static int build_overview(wp_request *r, json_t **out)
{
	json_t *drows = NULL, *rrows = NULL, *trows = NULL;
	int rc;

	*out = NULL;
	rc = run(r, &drows, dilemmas_sql);
	if (rc == 0)
		rc = run(r, &rrows, regions_sql);
	if (rc == 0)
		rc = run(r, &trows, region_totals_sql);
	if (rc == 0) {
		*out = assemble(drows, rrows, trows);
		if (!*out) {
			dl_host()->fail("%s", dl_host()->text("dilemma.no_memory"));
			rc = -1;
		}
	}
	json_decref(drows);
	json_decref(rrows);
	json_decref(trows);
	return rc;
}

/* ---- the HTML page ---- */

static int same_region(const json_t *a, const json_t *b)
{
	const char *x = dl_row_str(a, "regio"), *y = dl_row_str(b, "regio");

	return x && y ? strcmp(x, y) == 0 : x == y;
}

/* The stories of dilemma d in region reg (one of the top-level ones). */
static json_int_t count_in(const json_t *d, const json_t *reg)
{
	const json_t *x;
	size_t i;

	json_array_foreach(json_object_get(d, "regios"), i, x)
		if (same_region(x, reg))
			return dl_row_int(x, "verhalen");
	return 0;
}

/* Column headings: each region's name, or the text for none. */
static json_t *region_heads(const json_t *regions)
{
	const wp_host *host = dl_host();
	json_t *heads = json_array();
	const json_t *reg;
	const char *name;
	size_t i;

	json_array_foreach(regions, i, reg) {
		name = dl_row_str(reg, "regio");
		if (json_array_append_new(heads, json_pack("{s:s}", "label",
							   name ? name : host->text(
									     "dilemma.no_region"))) < 0) {
			json_decref(heads);
			return NULL;
		}
	}
	return heads;
}

/* One row of the table: the dilemma with a cell per region. */
static json_t *table_row(const json_t *d, const json_t *regions)
{
	json_t *cells = json_array(), *row;
	const json_t *reg;
	size_t i;

	json_array_foreach(regions, i, reg) {
		if (json_array_append_new(cells, json_pack("{s:I}", "n", count_in(d, reg))) < 0) {
			json_decref(cells);
			return NULL;
		}
	}
	row = json_pack("{s:O?, s:O?, s:O?, s:O?, s:o}", "path", json_object_get(d, "path"),
			"title", json_object_get(d, "title"), "verhalen",
			json_object_get(d, "verhalen"), "search_href",
			json_object_get(d, "search_href"), "cells", cells);
	return row;
}

/* The footer's cells: each region's own count of stories. */
static json_t *total_cells(const json_t *regions)
{
	json_t *cells = json_array();
	const json_t *reg;
	size_t i;

	json_array_foreach(regions, i, reg) {
		if (json_array_append_new(cells, json_pack("{s:I}", "n",
							   dl_row_int(reg, "verhalen"))) < 0) {
			json_decref(cells);
			return NULL;
		}
	}
	return cells;
}

/* The data of template dilemma/overview from the overview (NULL: no memory). */
static json_t *page_data(const json_t *ov)
{
	const json_t *regions = json_object_get(ov, "regios"), *d;
	const json_t *totals = json_object_get(ov, "totals");
	json_t *rows = json_array(), *data;
	size_t i;

	json_array_foreach(json_object_get(ov, "dilemmas"), i, d) {
		if (json_array_append_new(rows, table_row(d, regions)) < 0) {
			json_decref(rows);
			return NULL;
		}
	}
	data = json_pack("{s:s, s:o, s:o, s:o, s:O?, s:O?, s:b}", "title",
			 dl_host()->text("dilemma.overview_title"), "rows", rows, "regios",
			 region_heads(regions), "total_cells", total_cells(regions), "total",
			 json_object_get(totals, "verhalen"), "links",
			 json_object_get(totals, "koppelingen"), "has_rows",
			 json_array_size(rows) > 0);
	return data;
}

int dl_route_overview(wp_plugin *self, wp_request *r)
{
	const wp_host *host = dl_host();
	json_t *ov = NULL, *data;
	int rc;

	(void)self;
	rc = build_overview(r, &ov);
	if (rc < 0)
		return host->send_error(r, 500, host->error());
	if (host->is_api(r))
		return host->send_json(r, 200, ov);
	data = page_data(ov);
	json_decref(ov);
	if (!data)
		return host->send_error(r, 500, host->text("dilemma.no_memory"));
	return host->send_page(r, 200, "dilemma/overview", data);
}
