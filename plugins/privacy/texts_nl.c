/* texts_nl.c - every text of the privacy plugin a person reads, in
 * Dutch, in one table (a second language is a second table). Keys start
 * with "privacy."; "confirm.privacy" is the label of the checkbox the
 * edit form shows for the warnings. */
#include "privacy.h"

const wp_plugin_text pv_texts[] = {
    {"privacy.kind.bsn", "BSN"},
    {"privacy.kind.iban", "IBAN (rekeningnummer)"},
    {"privacy.kind.telefoon", "telefoonnummer"},
    {"privacy.kind.email", "e-mailadres"},
    {"privacy.kind.adres", "adres"},
    {"privacy.kind.geboortedatum", "geboortedatum"},
    {"privacy.kind.naam", "naam"},
    {"privacy.block.bsn",
     "Hier staat een BSN (%s). Een BSN hoort nooit in de wiki. Haal het weg of vervang het door "
     "[BSN]; anders kan de pagina niet worden opgeslagen."},
    {"privacy.block.iban",
     "Hier staat een rekeningnummer (%s). Een rekeningnummer hoort nooit in de wiki. Haal het weg "
     "of vervang het door [IBAN]; anders kan de pagina niet worden opgeslagen."},
    {"privacy.warn.telefoon", "Hier staat een telefoonnummer (%s). Een telefoonnummer maakt iemand "
			      "vindbaar. Vervang het door [telefoon], of bevestig dat het mag "
			      "blijven staan (bijvoorbeeld het nummer van een organisatie)."},
    {"privacy.warn.email", "Hier staat een e-mailadres (%s). Een e-mailadres maakt iemand "
			   "vindbaar. Vervang het door [e-mail], of bevestig dat het mag blijven "
			   "staan (bijvoorbeeld het adres van een organisatie)."},
    {"privacy.warn.adres", "Hier staat een adres (%s). Een adres maakt iemand vindbaar. Vervang "
			   "het door [adres], of noem alleen de wijk of regio."},
    {"privacy.warn.geboortedatum",
     "Hier staat een geboortedatum (%s). Een geboortedatum maakt iemand herkenbaar. Vervang hem "
     "door [geboortedatum], of noem alleen een leeftijd of het jaar."},
    {"privacy.warn.naam", "De naam %s staat op de namenlijst van het team. Vervang hem door [naam] "
			  "of door een omschrijving (moeder van drie)."},
    {"privacy.wide",
     "Hier staat %s. Een verhaal dat buiten het team zichtbaar is, mag niets bevatten dat iemand "
     "herkenbaar maakt. Vervang deze plek, of zet de zichtbaarheid op team."},
    {"privacy.story_not_approved",
     "Een verhaal wordt pas buiten het team zichtbaar als het regioteam de anonimisering heeft "
     "goedgekeurd (anonimisering: goedgekeurd). Zet de zichtbaarheid op team, of vraag het "
     "regioteam om de anonimisering goed te keuren."},
    {"privacy.story_not_clean",
     "De anonimisering kan pas gecontroleerd of goedgekeurd worden als de privacycontrole niets "
     "meer vindt. Vervang eerst de gemarkeerde plekken."},
    {"privacy.note", "Privacycontrole: bevestigd dat deze gegevens mogen blijven staan:"},
    {"privacy.no_memory", "De privacycontrole kon niet worden uitgevoerd (te weinig geheugen)."},
    {"privacy.bad_config", "De instellingen van de privacy-plug-in kloppen niet "
			   "(plugin_config.privacy): zie het serverlog."},
    {"privacy.api.need_content",
     "Stuur {\"content\": \"...\"}: de tekst die gecontroleerd moet worden."},
    {"privacy.api.login", "Log in om een tekst te laten controleren."},
    {"privacy.api.not_found", "Onbekend adres: gebruik POST /api/privacy/controle."},
    {"confirm.privacy",
     "Ik heb de gemarkeerde plekken bekeken: ze maken niemand herkenbaar en mogen blijven staan."},
};

const size_t pv_ntexts = sizeof(pv_texts) / sizeof(pv_texts[0]);
