/* texts_nl.c - the Dutch texts of the dilemma plugin: its own under
 * "dilemma.", and the labels of its types and fields. */
#include "dilemma_int.h"

const wp_plugin_text dl_texts[] = {
	{ "type.dilemma", "Dilemma" },
	{ "types.dilemma", "Dilemma's" },
	{ "type.handreiking", "Handreiking" },
	{ "types.handreiking", "Handreikingen" },
	{ "field.bron", "Bron" },
	{ "field.verwant", "Verwante dilemma's" },
	{ "field.dilemmas", "Dilemma's" },
	{ "field.versie", "Versie" },
	{ "field.redactie", "Redactie" },
	{ "field.opdrachtgever", "Opdrachtgever" },
	{ "field.herziening", "Herziening" },
	{ "dilemma.nav", "Dilemma-overzicht" },
	{ "dilemma.titel_versus",
	  "Noem een dilemma als twee kanten die allebei kloppen: \"X versus Y\", bijvoorbeeld "
	  "\"Regels volgen versus maatwerk leveren\"." },
	{ "dilemma.no_memory", "Er ging iets mis bij het verwerken van de dilemma's. Probeer het "
			       "opnieuw." },
	{ "dilemma.no_region", "Regio onbekend" },
	{ "dilemma.overview_title", "Dilemma's in de verhalen" },
	{ "dilemma.overview_intro",
	  "Hoe vaak elk dilemma in de praktijkverhalen terugkomt, per regio. Je ziet alleen "
	  "verhalen die je mag lezen." },
	{ "dilemma.overview_caption", "Aantal verhalen per dilemma en per regio" },
	{ "dilemma.overview_dilemma", "Dilemma" },
	{ "dilemma.overview_total", "Totaal" },
	{ "dilemma.overview_search", "Zoek de verhalen" },
	{ "dilemma.overview_search_col", "Zoeken" },
	{ "dilemma.overview_totals_note",
	  "In de regel Totaal telt een verhaal met meer dilemma's één keer; in de kolom Totaal "
	  "telt het bij elk dilemma dat het noemt." },
	{ "dilemma.overview_links", "koppelingen tussen verhalen en dilemma's" },
	{ "dilemma.overview_empty", "Er zijn nog geen dilemma's die je mag lezen." },
	{ "dilemma.section_label", "Dit dilemma in de praktijk" },
	{ "dilemma.stories", "Verhalen met dit dilemma" },
	{ "dilemma.no_stories", "Nog geen verhalen die je mag lezen noemen dit dilemma." },
	{ "dilemma.perspectives", "Perspectieven op dit verhaal" },
	{ "dilemma.search", "Zoek in de verhalen met dit dilemma" },
	{ "dilemma.conversations", "Wat-werkt-gesprekken over dit dilemma" },
	{ "dilemma.no_conversations", "Nog geen wat-werkt-gesprekken over dit dilemma." },
	{ "dilemma.guides", "Handreikingen over dit dilemma" },
	{ "dilemma.no_guides", "Nog geen handreikingen noemen dit dilemma." },
	{ "dilemma.related", "Verwante dilemma's" },
	{ "dilemma.no_related", "Geen verwante dilemma's." },
	{ "dilemma.start", "Start een wat-werkt-gesprek" },
	{ "dilemma.version", "versie" },
};

const size_t dl_ntexts = sizeof(dl_texts) / sizeof(dl_texts[0]);
