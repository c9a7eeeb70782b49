/* texts_nl.c - the Dutch texts of the verhalen plugin: labels of its
 * types and fields, and every message and word its pages show. */
#include "verhalen.h"

const wp_plugin_text vh_texts_nl[] = {
    {"type.verhaal", "Praktijkverhaal"},
    {"types.verhaal", "Praktijkverhalen"},
    {"type.perspectief", "Perspectief"},
    {"types.perspectief", "Perspectieven"},
    {"field.titel", "Titel"},
    {"field.verteller", "Verteller"},
    {"field.wetten", "Wetten"},
    {"field.leefgebieden", "Leefgebieden"},
    {"field.regio", "Regio"},
    {"field.datum", "Datum"},
    {"field.anonimisering", "Anonimisering"},
    {"field.rol", "Rol"},
    {"field.auteur", "Auteur"},
    {"field.kennisbron", "Kennisbron"},
    {"field.verhaal", "Verhaal"},
    {"field.account", "Account"},

    {"verhalen.guard_anonymisation",
     "Alleen het regioteam mag de anonimisering van een verhaal goedkeuren."},

    /* roles of a perspective, in the words of the page */
    {"verhalen.rol.ervaringswerker", "Ervaringswerker"},
    {"verhalen.rol.inwoner", "Inwoner (naverteld)"},
    {"verhalen.rol.professional", "Professional"},
    {"verhalen.rol.gemeente", "Gemeente"},
    {"verhalen.rol.aanbieder", "Aanbieder"},
    {"verhalen.rol.overig", "Andere rol"},
    {"verhalen.bron.ervaring", "Ervaringskennis"},
    {"verhalen.bron.vakmanschap", "Vakmanschap"},
    {"verhalen.bron.wetenschap", "Wetenschap"},

    /* save.c: refusals of a change to a perspective */
    {"verhalen.save.bad_path", "Een perspectief staat in de map perspectieven van een verhaal: "
			       "verhalen/<verhaal>/perspectieven/<naam>."},
    /* %s: the story's path (from the perspective's folder) */
    {"verhalen.save.no_story",
     "Het verhaal %s bestaat niet, of u mag het niet lezen. Een perspectief hoort bij een "
     "bestaand verhaal en staat in de map perspectieven daarvan."},
    /* %s: the story's path */
    {"verhalen.save.other_story",
     "Dit perspectief staat in de map van het verhaal %s; 'verhaal' moet dat verhaal "
     "noemen."},
    {"verhalen.save.wider_than_story",
     "Een perspectief mag niet breder zichtbaar zijn dan zijn verhaal: kies dezelfde of een "
     "beperktere zichtbaarheid (bij een teamverhaal: team, met hetzelfde team)."},
    {"verhalen.save.not_yours",
     "Dit perspectief is van iemand anders: alleen wie het schreef of het regioteam mag "
     "het wijzigen. Perspectieven zonder account (zoals de voorbeelden) wijzigt alleen het "
     "regioteam."},
    {"verhalen.save.not_yours_delete",
     "Dit perspectief is van iemand anders: alleen wie het schreef of het regioteam mag "
     "het verwijderen."},
    {"verhalen.save.account_guarded",
     "Alleen het regioteam mag het account van een perspectief wijzigen."},

    /* create.c: a new perspective from the form or the API */
    {"verhalen.create.may_not",
     "Alleen professionals, ervaringswerkers en het regioteam schrijven perspectieven. "
     "Log in met een account dat dat mag."},
    {"verhalen.create.problems", "Niet opgeslagen: verbeter de gemarkeerde velden."},
    {"verhalen.create.exists",
     "Er bestaat al een perspectief met deze titel bij dit verhaal. Kies een andere titel."},
    {"verhalen.create.story_missing", "Kies het verhaal waar dit perspectief bij hoort."},
    {"verhalen.create.story_unknown",
     "Dit verhaal bestaat niet, of u mag het niet lezen. Een perspectief hoort bij een "
     "bestaand verhaal."},
    {"verhalen.create.title_missing", "Geef uw perspectief een titel."},
    {"verhalen.create.title_long", "De titel is te lang (hoogstens 200 tekens)."},
    {"verhalen.create.text_missing", "Schrijf hier hoe u het verhaal ziet."},
    {"verhalen.create.text_long", "De tekst is te lang."},
    /* commit message; %s: the perspective's title */
    {"verhalen.create.commit", "Perspectief toegevoegd: %s"},

    /* section.c: the section on a story's page */
    {"verhalen.section.heading", "Perspectieven"},
    {"verhalen.section.intro",
     "Hoe verschillende rollen dit verhaal zien, naast elkaar. Ervaringskennis staat "
     "gelijkwaardig naast vakmanschap en wetenschap."},
    {"verhalen.section.counts", "Aantal perspectieven per rol"},
    {"verhalen.section.none", "Nog geen perspectief vanuit deze rol."},
    {"verhalen.section.invite", "Perspectief toevoegen als"},
    {"verhalen.section.add", "Een perspectief toevoegen"},
    {"verhalen.lived.badge", "Ervaringskennis"},
    {"verhalen.source.label", "Kennisbron"},
    {"verhalen.view", "Lezen"},
    {"verhalen.edit", "Perspectief bewerken"},

    /* form.c */
    {"verhalen.form.title", "Perspectief toevoegen"},
    {"verhalen.form.for_story", "Bij het verhaal"},
    {"verhalen.form.intro",
     "Vertel hoe u dit verhaal ziet vanuit uw rol. Uw perspectief krijgt dezelfde "
     "zichtbaarheid als het verhaal. Alleen u en het regioteam kunnen het later wijzigen."},
    {"verhalen.form.rol", "Uw rol"},
    {"verhalen.form.rol_help",
     "Van waaruit kijkt u? Als ervaringswerker wordt uw perspectief gemarkeerd als "
     "ervaringskennis."},
    {"verhalen.form.choose", "Kies…"},
    {"verhalen.form.kennisbron", "Kennisbron"},
    {"verhalen.form.kennisbron_help",
     "Waar komt uw kijk vooral vandaan: eigen ervaring, vakmanschap of wetenschap?"},
    {"verhalen.form.auteur", "Hoe wilt u genoemd worden?"},
    {"verhalen.form.auteur_help",
     "Bijvoorbeeld \"Ervaringswerker regio Noord\". Uw naam is niet nodig."},
    {"verhalen.form.titel", "Titel"},
    {"verhalen.form.tekst", "Uw perspectief"},
    {"verhalen.form.tekst_help",
     "Markdown mag. Schrijf geen namen, adressen of andere gegevens die iemand "
     "herkenbaar maken."},
    {"verhalen.form.save", "Perspectief opslaan"},
    {"verhalen.form.cancel", "Terug naar het verhaal"},
    {"verhalen.form.no_story", "Dit verhaal bestaat niet, of u mag het niet lezen."},
    {"verhalen.form.not_found", "Deze pagina bestaat niet. Een perspectief voegt u toe via "
				"/perspectief/nieuw?verhaal=verhalen/<verhaal>."},

    /* api.c */
    {"verhalen.api.story_param", "Noem het verhaal: ?verhaal=verhalen/<verhaal>."},
    {"verhalen.api.no_story", "Dit verhaal bestaat niet, of u mag het niet lezen."},
    {"verhalen.api.not_text", "Dit veld moet tekst zijn."},
    {"verhalen.api.bad_json",
     "Stuur een JSON-object met verhaal, rol, kennisbron, auteur, titel en tekst."},

    {"verhalen.error", "Er ging iets mis bij de perspectieven. Probeer het later opnieuw."},
};

const size_t vh_texts_nl_count = sizeof(vh_texts_nl) / sizeof(vh_texts_nl[0]);
