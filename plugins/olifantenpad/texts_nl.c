/* texts_nl.c - every text of the olifantenpad plugin a person reads, in
 * Dutch, in one table (a second language is a second table). Keys start
 * with "olifantenpad." (templates read them as {{t.olifantenpad.*}}),
 * "type."/"types." and "field.". The owners' names are the systeemfout
 * plugin's (systeemfout.eigenaar.*). */
#include "olifantenpad.h"

const wp_plugin_text op_texts[] = {
	{ "type.olifantenpad", "Olifantenpad" },
	{ "types.olifantenpad", "Olifantenpaden" },
	{ "field.obstakel", "Obstakel" },
	{ "field.oplossing", "Tijdelijke oplossing" },
	{ "field.mandaat", "Mandaat" },
	{ "field.risico", "Risico" },
	{ "field.verhalen", "Verhalen" },
	{ "field.systeemfout", "Systeemfout" },
	{ "field.status", "Status" },
	{ "field.melder", "Melder" },
	{ "olifantenpad.guard_practice",
	  "Alleen het regioteam verklaart een olifantenpad tot teampraktijk of geformaliseerd." },

	/* creating one (create.c) */
	{ "olifantenpad.may_not",
	  "Alleen professionals, ervaringswerkers en het regioteam leggen een olifantenpad vast." },
	{ "olifantenpad.problems",
	  "Het olifantenpad is nog niet opgeslagen. Verbeter wat hieronder staat; je tekst is "
	  "bewaard." },
	{ "olifantenpad.error_missing",
	  "Een olifantenpad gaat altijd samen met de systeemfout erachter (de basisafspraak). "
	  "Kies een bestaande systeemfout of beschrijf een nieuwe." },
	{ "olifantenpad.error_unknown",
	  "Deze systeemfout bestaat niet of je mag hem niet lezen. Kies een systeemfout uit de "
	  "lijst of beschrijf een nieuwe." },
	{ "olifantenpad.bad_choice",
	  "Kies 'bestaande systeemfout' of 'nieuwe systeemfout'." },
	{ "olifantenpad.too_long", "Een veld is te lang: houd elk veld onder de 100 kB." },
	{ "olifantenpad.too_many_stories", "Noem hoogstens 50 verhalen bij één olifantenpad." },
	{ "olifantenpad.commit", "Olifantenpad vastgelegd: %s" },
	{ "olifantenpad.commit_both", "Olifantenpad vastgelegd: %s, met de systeemfout: %s" },
	/* The body of a new error; %s is the workaround's path. */
	{ "olifantenpad.error_body", "Gemeld samen met het olifantenpad [[%s]]." },

	/* escalation levels */
	{ "olifantenpad.level.team", "Team" },
	{ "olifantenpad.level.gemeente", "Gemeente" },
	{ "olifantenpad.level.regio", "Regio" },
	{ "olifantenpad.level.landelijk", "Landelijk" },

	/* the form (templates/nieuw.mustache) */
	{ "olifantenpad.form.title", "Nieuw olifantenpad" },
	{ "olifantenpad.form.intro",
	  "Een olifantenpad is de omweg waarmee je een obstakel omzeilde om iemand op maat te "
	  "helpen. De basisafspraak: leg de omweg vast én meld tegelijk de systeemfout erachter, "
	  "zodat het regioteam hem kan aanpakken." },
	{ "olifantenpad.form.workaround", "Het olifantenpad" },
	{ "olifantenpad.form.titel", "Titel" },
	{ "olifantenpad.form.obstakel_help", "Welke regel of welk systeem stond maatwerk in de weg?" },
	{ "olifantenpad.form.oplossing_help", "Hoe ben je er tijdelijk omheen gegaan?" },
	{ "olifantenpad.form.mandaat_help", "Wie gaf toestemming, of op grond waarvan mocht het?" },
	{ "olifantenpad.form.risico_help", "Wat kan er misgaan, en voor wie?" },
	{ "olifantenpad.form.verhalen_help",
	  "De verhalen waarin je dit deed: één per regel (naam of adres van het verhaal)." },
	{ "olifantenpad.form.tekst", "Toelichting" },
	{ "olifantenpad.form.error", "De systeemfout erachter" },
	{ "olifantenpad.form.error_help",
	  "Zonder systeemfout wordt een olifantenpad niet opgeslagen." },
	{ "olifantenpad.form.existing", "Een bestaande systeemfout" },
	{ "olifantenpad.form.pick", "Systeemfout" },
	{ "olifantenpad.form.pick_none", "— kies een systeemfout —" },
	{ "olifantenpad.form.search", "Zoek een systeemfout" },
	{ "olifantenpad.form.search_help", "Typ een paar letters van de titel; de lijst past zich aan." },
	{ "olifantenpad.form.no_hits", "Geen systeemfout gevonden. Beschrijf hem hieronder als nieuwe." },
	{ "olifantenpad.form.hits", "%d gevonden" },
	{ "olifantenpad.form.fresh", "Een nieuwe systeemfout" },
	{ "olifantenpad.form.sf_titel", "Titel van de systeemfout" },
	{ "olifantenpad.form.sf_regeling", "Regel of systeem" },
	{ "olifantenpad.form.sf_eigenaar", "Eigenaar" },
	{ "olifantenpad.form.sf_impact", "Impact" },
	{ "olifantenpad.form.sf_escalatie", "Escalatieniveau" },
	{ "olifantenpad.form.choose", "— kies —" },
	{ "olifantenpad.form.melder", "Hoe word je getoond buiten je team?" },
	{ "olifantenpad.form.melder_naam", "Met mijn naam" },
	{ "olifantenpad.form.melder_rol", "Alleen met mijn rol" },
	{ "olifantenpad.form.save", "Olifantenpad en systeemfout opslaan" },
	{ "olifantenpad.form.cancel", "Annuleren" },
	{ "olifantenpad.new_link", "Nieuw olifantenpad" },

	/* the JSON API (api.c) */
	{ "olifantenpad.api.bad_json",
	  "Stuur een JSON-object met \"olifantenpad\" (de velden) en \"systeemfout\" (de naam van "
	  "een bestaande systeemfout, of een object met de velden van een nieuwe)." },
	{ "olifantenpad.api.bad_field", "Velden van een olifantenpad zijn tekst; \"verhalen\" is een lijst." },
	{ "olifantenpad.api.bad_query", "Zoek met q: hoogstens 200 tekens." },
};

const size_t op_ntexts = sizeof(op_texts) / sizeof(op_texts[0]);
