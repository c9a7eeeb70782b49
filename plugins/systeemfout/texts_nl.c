/* texts_nl.c - every text of the systeemfout plugin a person reads, in
 * Dutch, in one table (a second language is a second table). Keys start
 * with "systeemfout." (templates read them as {{t.systeemfout.*}}),
 * "type."/"types." and "field.". The dashboard's own texts are in
 * dashboard_texts.c. */
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
};

const size_t sf_ntexts = sizeof(sf_texts) / sizeof(sf_texts[0]);
