/* texts_nl.c - every text of the systeemfout plugin a person reads, in
 * Dutch, in one table (a second language is a second table). Keys start
 * with "systeemfout." (templates read them as {{t.systeemfout.*}}),
 * "type."/"types." and "field.". The dashboard's are systeemfout.dashboard.*. */
#include "systeemfout.h"

const wp_plugin_text sf_texts[] = {
    {"type.systeemfout", "Systeemfout"},
    {"types.systeemfout", "Systeemfouten"},
    {"field.regeling", "Regeling"},
    {"field.eigenaar", "Eigenaar"},
    {"field.wetten", "Wetten"},
    {"field.impact", "Impact"},
    {"field.escalatie", "Escalatie"},
    {"field.status", "Status"},
    {"field.gemeld", "Gemeld op"},
    {"field.status_sinds", "Status sinds"},
    {"field.melder", "Melder"},
    {"field.terugkoppeling", "Terugkoppeling"},
    {"field.systeemfouten", "Systeemfouten"},
    {"systeemfout.guard_status",
     "Alleen het regioteam verandert de status van een systeemfout. Een nieuwe melding "
     "begint als 'gemeld'."},
    {"systeemfout.reason_missing",
     "Geef een reden voor de statuswijziging. De reden komt in de geschiedenis van de "
     "systeemfout; in het gewone bewerkformulier vul je hem in bij 'Wat heb je veranderd?'."},
    {"systeemfout.error", "Er ging iets mis bij de systeemfout."},
    /* The statuses and owners as people read them; a space in a value is
     * '_' in its key. */
    {"systeemfout.status.gemeld", "Gemeld"},
    {"systeemfout.status.herkend", "Herkend"},
    {"systeemfout.status.aan_de_orde_gesteld", "Aan de orde gesteld"},
    {"systeemfout.status.in_behandeling", "In behandeling"},
    {"systeemfout.status.opgelost", "Opgelost"},
    {"systeemfout.status.niet_oplosbaar", "Niet oplosbaar"},
    {"systeemfout.status.gesloten", "Gesloten"},
    {"systeemfout.eigenaar.gemeente", "Gemeente"},
    {"systeemfout.eigenaar.regio", "Regio"},
    {"systeemfout.eigenaar.aanbieder", "Aanbieder"},
    {"systeemfout.eigenaar.zorgverzekeraar", "Zorgverzekeraar"},
    {"systeemfout.eigenaar.rijksuitvoerder", "Rijksuitvoerder"},
    {"systeemfout.eigenaar.ministerie", "Ministerie"},
    /* The section on an error's page. */
    {"systeemfout.section.status", "Status"},
    {"systeemfout.section.move", "Status wijzigen"},
    {"systeemfout.section.history", "Verloop van de status"},
    {"systeemfout.section.history_caption",
     "Elke statuswijziging met datum, wie hem deed en de reden (uit de geschiedenis van "
     "deze pagina)"},
    {"systeemfout.section.when", "Datum"},
    {"systeemfout.section.from", "Van"},
    {"systeemfout.section.to", "Naar"},
    {"systeemfout.section.who", "Door"},
    {"systeemfout.section.why", "Reden"},
    {"systeemfout.section.answer", "Antwoord van de eigenaar"},
    {"systeemfout.section.answer_on", "ontvangen op"},
    {"systeemfout.section.no_answer", "De eigenaar heeft nog niet geantwoord."},
    {"systeemfout.section.behind", "Wat erachter zit"},
    {"systeemfout.section.behind_intro",
     "De olifantenpaden en verhalen die naar deze systeemfout wijzen: zo vaak stond het "
     "systeem maatwerk in de weg."},
    {"systeemfout.section.workarounds", "Olifantenpaden"},
    {"systeemfout.section.stories", "Verhalen"},
    {"systeemfout.section.no_workarounds", "Nog geen olifantenpad wijst naar deze fout."},
    {"systeemfout.section.no_stories", "Nog geen verhaal wijst naar deze fout."},
    {"systeemfout.section.new_workaround", "Olifantenpad vastleggen bij deze systeemfout"},
    /* The section on a story's or a workaround's page. */
    {"systeemfout.pointing.heading", "Systeemfouten"},
    {"systeemfout.pointing.intro_story",
     "De systeemfouten achter dit verhaal, zelf genoemd of via een olifantenpad."},
    {"systeemfout.pointing.intro_workaround",
     "De systeemfout die dit olifantenpad omzeilt: de basisafspraak is dat die tegelijk "
     "gemeld wordt."},
    {"systeemfout.pointing.via", "via"},
    {"systeemfout.pointing.none", "Bij dit verhaal is nog geen systeemfout gemeld."},
    {"systeemfout.pointing.new_workaround",
     "Olifantenpad en systeemfout vastleggen bij dit verhaal"},
    /* The status form. */
    {"systeemfout.status_form.title", "Status van een systeemfout wijzigen"},
    {"systeemfout.status_form.intro",
     "Elke statuswijziging wordt één wijziging in de geschiedenis van de pagina, met de "
     "reden die je hier geeft. Leg ook het antwoord van de eigenaar vast zodra het er is."},
    {"systeemfout.status_form.current", "Huidige status:"},
    {"systeemfout.status_form.new_status", "Nieuwe status"},
    {"systeemfout.status_form.reason", "Reden"},
    {"systeemfout.status_form.reason_help",
     "Waarom verandert de status? Bijvoorbeeld: besproken in het regionaal overleg van "
     "maart. Verplicht bij een statuswijziging."},
    {"systeemfout.status_form.answer", "Antwoord van de eigenaar"},
    {"systeemfout.status_form.answer_help",
     "Wat de eigenaar (gemeente, regio, aanbieder ...) op de melding antwoordde. Laat leeg "
     "zolang er geen antwoord is."},
    {"systeemfout.status_form.answer_date", "Datum van het antwoord"},
    {"systeemfout.status_form.save", "Opslaan"},
    {"systeemfout.status_form.cancel", "Terug naar de systeemfout"},
    {"systeemfout.status_form.status_missing", "Kies een status."},
    {"systeemfout.status_form.status_unknown",
     "Onbekende status. Kies gemeld, herkend, aan de orde gesteld, in behandeling, opgelost, "
     "niet oplosbaar of gesloten."},
    {"systeemfout.status_form.reason_long", "De reden is te lang (hoogstens 500 tekens)."},
    {"systeemfout.status_form.answer_long", "Het antwoord is te lang."},
    {"systeemfout.status_form.answer_missing",
     "Je gaf een datum maar geen antwoord van de eigenaar."},
    {"systeemfout.status_form.nothing",
     "Er is niets veranderd: kies een andere status of vul het antwoord van de eigenaar in."},
    {"systeemfout.status_form.problems", "De wijziging is niet opgeslagen. Zie hieronder."},
    {"systeemfout.status_form.conflict",
     "Iemand anders heeft deze systeemfout intussen gewijzigd. Hieronder staat de huidige "
     "status; je reden staat nog in het formulier. Kijk het na en sla opnieuw op."},
    {"systeemfout.status_form.no_error", "Deze systeemfout bestaat niet."},
    {"systeemfout.status_form.bad_json",
     "Stuur een JSON-object met \"status\" en \"reden\" (tekst), en eventueel \"base\" en "
     "\"terugkoppeling\": {\"tekst\", \"datum\"}."},
    /* %s: the status before, the status after, the reason. */
    {"systeemfout.status_form.commit", "Status %s → %s: %s"},
    /* %s: the reason */
    {"systeemfout.status_form.commit_answer_reason", "Antwoord van de eigenaar vastgelegd: %s"},
    {"systeemfout.status_form.commit_answer", "Antwoord van de eigenaar vastgelegd"},
    /* The dashboard. */
    {"systeemfout.dashboard.nav", "Dashboard"},
    {"systeemfout.dashboard.title", "Dashboard systeemfouten: van spiegel naar venster"},
    {"systeemfout.dashboard.intro",
     "Welke systeemfouten komen het vaakst terug, geteld naar de olifantenpaden en verhalen die "
     "ernaar wijzen; wie is eigenaar, hoe lang staan ze open en heeft de eigenaar geantwoord. "
     "Je ziet alleen wat je mag lezen."},
    {"systeemfout.dashboard.filters", "Filteren"},
    {"systeemfout.dashboard.all", "Alle"},
    {"systeemfout.dashboard.open", "Nog open"},
    {"systeemfout.dashboard.regio", "Regio"},
    {"systeemfout.dashboard.wet", "Wet"},
    {"systeemfout.dashboard.apply", "Toepassen"},
    {"systeemfout.dashboard.reset", "Alles tonen"},
    {"systeemfout.dashboard.held_back",
     "systeemfouten achtergehouden: ze hebben minder zichtbare verhalen dan het minimum en "
     "worden alleen binnen het team van de melder getoond, omdat kleine aantallen mensen "
     "herkenbaar maken. Minimum:"},
    {"systeemfout.dashboard.none", "Geen systeemfouten bij deze filters."},
    {"systeemfout.dashboard.ranking", "Systeemfouten, vaakst terugkomend eerst"},
    {"systeemfout.dashboard.col_title", "Systeemfout"},
    {"systeemfout.dashboard.col_status", "Status"},
    {"systeemfout.dashboard.col_eigenaar", "Eigenaar"},
    {"systeemfout.dashboard.col_paden", "Olifantenpaden"},
    {"systeemfout.dashboard.col_verhalen", "Verhalen"},
    {"systeemfout.dashboard.col_dagen", "Dagen open"},
    {"systeemfout.dashboard.col_antwoord", "Antwoord eigenaar"},
    {"systeemfout.dashboard.col_label", "Wat"},
    {"systeemfout.dashboard.col_aantal", "Aantal"},
    {"systeemfout.dashboard.yes", "ja"},
    {"systeemfout.dashboard.no", "nee"},
    {"systeemfout.dashboard.chart_top",
     "Meest terugkomende systeemfouten (olifantenpaden plus verhalen)"},
    {"systeemfout.dashboard.chart_status", "Systeemfouten per status"},
    {"systeemfout.dashboard.chart_eigenaar", "Systeemfouten per eigenaar"},
    {"systeemfout.dashboard.exports", "Downloaden"},
    {"systeemfout.dashboard.export_csv", "CSV (spreadsheet)"},
    {"systeemfout.dashboard.export_json", "JSON"},
    {"systeemfout.dashboard.feed", "Atom-feed"},
    {"systeemfout.dashboard.bad_eigenaar",
     "Onbekende eigenaar. Kies gemeente, regio, aanbieder, zorgverzekeraar, rijksuitvoerder of "
     "ministerie."},
    {"systeemfout.dashboard.bad_status",
     "Onbekende status. Kies open, gemeld, herkend, aan de orde gesteld, in behandeling, "
     "opgelost, niet oplosbaar of gesloten."},
    {"systeemfout.dashboard.bad_regio",
     "Onbekende regio: geen verhaal dat je mag lezen heeft deze regio."},
    {"systeemfout.dashboard.bad_wet",
     "Onbekende wet: geen systeemfout die je mag lezen noemt deze wet."},
    {"systeemfout.dashboard.login", "Log in om het dashboard te bekijken."},
    {"systeemfout.dashboard.too_big", "De export is te groot."},
    {"systeemfout.dashboard.feed_title", "Systeemfouten in Werkplaats"},
    /* %s: status, owner; %lld: workarounds, stories. */
    {"systeemfout.dashboard.feed_summary",
     "Status: %s. Eigenaar: %s. Olifantenpaden: %lld, verhalen: %lld."},
};

const size_t sf_ntexts = sizeof(sf_texts) / sizeof(sf_texts[0]);
