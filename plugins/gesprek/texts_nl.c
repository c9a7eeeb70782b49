/* texts_nl.c - every Dutch text of the gesprek plugin: the type and its
 * fields, the default step plan, the form, the sections and the error
 * messages. */
#include "gesprek.h"

const wp_plugin_text gs_texts[] = {
    {"type.gesprek", "Wat-werkt-gesprek"},
    {"types.gesprek", "Gesprekken"},
    {"field.titel", "Titel"},
    {"field.verhaal", "Verhaal"},
    {"field.dilemma", "Dilemma"},
    {"field.datum", "Datum"},
    {"field.deelnemers", "Deelnemers"},
    {"field.stappen", "Stappen"},

    /* The default plan (DOMAIN.md), used when the plan page
     * sjablonen/wat-werkt-gesprek is missing or malformed. */
    {"gesprek.standaard.1.naam", "Casus"},
    {"gesprek.standaard.1.vraag", "Wat is het verhaal, in een paar zinnen?"},
    {"gesprek.standaard.2.naam", "Dilemma"},
    {"gesprek.standaard.2.vraag",
     "Welk dilemma zit eronder (X versus Y)? Beide kanten zijn legitiem."},
    {"gesprek.standaard.3.naam", "Perspectieven"},
    {"gesprek.standaard.3.vraag",
     "Hoe ziet ieder het vanuit de eigen rol: professional, ervaringswerker, inwoner "
     "(naverteld), gemeente, aanbieder?"},
    {"gesprek.standaard.4.naam", "Wat werkt"},
    {"gesprek.standaard.4.vraag", "Wat heeft gewerkt in verhalen met hetzelfde dilemma?"},
    {"gesprek.standaard.5.naam", "Afspraken"},
    {"gesprek.standaard.5.vraag",
     "Wat doen we nu? Is er een olifantenpad vast te leggen en een systeemfout te melden?"},
    {"gesprek.standaard.6.naam", "Terugblik"},
    {"gesprek.standaard.6.vraag", "Later: heeft het geholpen?"},
    {"gesprek.plan_missing",
     "Het stappenplan (sjablonen/wat-werkt-gesprek) ontbreekt of je mag het niet lezen. "
     "Dit formulier volgt daarom het standaardplan van zes stappen."},
    {"gesprek.plan_malformed",
     "Het stappenplan (sjablonen/wat-werkt-gesprek) is niet goed ingevuld: elke stap "
     "heeft een nummer, een naam en een vraag nodig. Dit formulier volgt daarom het "
     "standaardplan van zes stappen."},

    {"gesprek.title_prefix", "Wat-werkt-gesprek:"},
    {"gesprek.commit_new", "Wat-werkt-gesprek vastgelegd over"},
    {"gesprek.commit_continue", "Wat-werkt-gesprek bijgewerkt over"},

    /* The form. */
    {"gesprek.form.heading_new", "Wat-werkt-gesprek starten"},
    {"gesprek.form.heading_continue", "Wat-werkt-gesprek voortzetten"},
    {"gesprek.form.lead",
     "Een teamgesprek over één verhaal en één dilemma. Vul in wat het team zei en "
     "leerde; lege stappen kun je later aanvullen. Het verslag is geen dossier."},
    {"gesprek.form.problems_heading", "Het gesprek is nog niet opgeslagen"},
    {"gesprek.form.about", "Waarover"},
    {"gesprek.form.story", "Verhaal"},
    {"gesprek.form.story_choose", "Kies een verhaal"},
    {"gesprek.form.story_change", "Ander verhaal kiezen"},
    {"gesprek.form.dilemma", "Dilemma"},
    {"gesprek.form.dilemma_choose", "Kies een dilemma"},
    {"gesprek.form.dilemma_change", "Ander dilemma kiezen"},
    {"gesprek.form.choose_button", "Toon perspectieven en verhalen"},
    {"gesprek.form.title", "Titel"},
    {"gesprek.form.title_help", "Leeg laten: \"Wat-werkt-gesprek:\" met de titel van het verhaal."},
    {"gesprek.form.date", "Maand van het gesprek"},
    {"gesprek.form.date_help", "Alleen maand en jaar, bijvoorbeeld 2025-03."},
    {"gesprek.form.participants", "Deelnemers"},
    {"gesprek.form.participants_help",
     "Eén rol per regel, bijvoorbeeld wijkcoach of ervaringswerker. Rollen, geen namen."},
    {"gesprek.form.intro", "Inleiding"},
    {"gesprek.form.intro_help", "Tekst boven de stappen; mag leeg blijven."},
    {"gesprek.form.steps", "Stappen"},
    {"gesprek.form.step", "Stap"},
    {"gesprek.form.extra_note",
     "Deze stap staat niet (meer) in het stappenplan; de tekst blijft bewaard."},
    {"gesprek.form.hint_story",
     "Kies een verhaal en klik op 'Toon perspectieven en verhalen'; dan staan hier de "
     "perspectieven die er al bij geschreven zijn."},
    {"gesprek.form.hint_dilemma",
     "Kies een dilemma en klik op 'Toon perspectieven en verhalen'; dan staan hier de "
     "andere verhalen met hetzelfde dilemma."},
    {"gesprek.form.perspectives_heading", "Perspectieven bij dit verhaal"},
    {"gesprek.form.perspectives_none", "Bij dit verhaal zijn nog geen perspectieven geschreven."},
    {"gesprek.form.stories_heading", "Andere verhalen met hetzelfde dilemma"},
    {"gesprek.form.stories_none", "Er zijn (nog) geen andere verhalen met dit dilemma."},
    {"gesprek.form.save", "Gesprek opslaan"},
    {"gesprek.form.cancel", "Annuleren"},
    {"gesprek.form.conflict_help",
     "Iemand anders heeft dit gesprek intussen gewijzigd. Jouw tekst staat hieronder nog "
     "in het formulier; de huidige versie staat erboven. Neem over wat nodig is en sla "
     "opnieuw op."},
    {"gesprek.form.current_version", "Huidige versie"},
    {"gesprek.form.current_label", "Huidige tekst (alleen lezen)"},
    {"gesprek.form.plan_link", "Stappenplan bekijken"},

    /* The sections on the page view. */
    {"gesprek.section.story_heading", "Wat-werkt-gesprekken over dit verhaal"},
    {"gesprek.section.story_none", "Over dit verhaal is nog geen wat-werkt-gesprek gevoerd."},
    {"gesprek.section.start", "Start een wat-werkt-gesprek"},
    {"gesprek.section.steps_heading", "Stappen van dit gesprek"},
    {"gesprek.section.done", "Gedaan"},
    {"gesprek.section.open", "Nog te doen"},
    {"gesprek.section.none_done", "Nog geen stap gedaan."},
    {"gesprek.section.complete", "Alle stappen van het stappenplan zijn gedaan."},
    {"gesprek.section.continue", "Verder / terugblik"},

    /* Errors. */
    {"gesprek.error.story_missing", "Kies het verhaal waarover het gesprek ging."},
    {"gesprek.error.story_unknown",
     "Dit verhaal bestaat niet, of je mag het niet lezen. Kies een verhaal uit de lijst."},
    {"gesprek.error.dilemma_missing", "Kies het dilemma waarover het gesprek ging."},
    {"gesprek.error.dilemma_unknown",
     "Dit dilemma bestaat niet, of je mag het niet lezen. Kies een dilemma uit de lijst."},
    {"gesprek.error.heading",
     "Een kop als \"## 1. Naam\" begint een nieuwe stap. Gebruik binnen een stap een "
     "kleinere kop (### Kop) of laat het nummer weg."},
    {"gesprek.error.no_step", "Vul ten minste één stap in."},
    {"gesprek.error.not_text", "Dit veld moet tekst zijn."},
    {"gesprek.error.steps_shape",
     "stappen moet een object zijn met per stapnummer de tekst, bijvoorbeeld "
     "{\"1\": \"...\"}."},
    {"gesprek.error.step_unknown", "Deze stap staat niet in het stappenplan:"},
    {"gesprek.error.participants_shape",
     "deelnemers moet een lijst van rollen zijn (tekst, één regel per rol)."},
    {"gesprek.error.login", "Log in om een wat-werkt-gesprek vast te leggen."},
    {"gesprek.error.forbidden",
     "Alleen professionals, ervaringswerkers, het regioteam en beheerders leggen "
     "wat-werkt-gesprekken vast. Je kunt ze wel lezen."},
    {"gesprek.error.memory", "Het gesprek kon niet worden verwerkt (geheugen vol)."},
    {"gesprek.error.save", "Het gesprek kon niet worden opgeslagen."},
    {"gesprek.error.need_base",
     "Het formulier mist de versie waarop je verder schreef. Open het gesprek opnieuw "
     "via \"Verder / terugblik\"."},
    {"gesprek.error.not_found", "Dit wat-werkt-gesprek bestaat niet, of je mag het niet lezen."},
    {"gesprek.error.no_such_page", "Deze pagina bestaat niet."},
    {"gesprek.error.method", "Deze methode is hier niet toegestaan."},
    {"gesprek.error.api", "Het gesprek is niet opgeslagen: zie problems."},
    {"gesprek.error.json",
     "Stuur een JSON-object met verhaal, dilemma, datum, deelnemers en stappen."},
};

const size_t gs_texts_count = sizeof(gs_texts) / sizeof(gs_texts[0]);
