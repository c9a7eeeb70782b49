/* texts_nl.c - the Dutch texts, by key. The only place where Dutch
 * interface text lives in the code: templates use {{t.key}}, C code
 * wp_t("key"). Keys are grouped by the module that uses them. Texts used
 * as printf formats keep their conversions in the order the code passes
 * the arguments (noted per key). */
#include "texts.h"

#include <stddef.h>
#include <string.h>

static const wp_text texts_nl[] = {
	/* general / layout */
	{ "site.name", "Werkplaats" },
	{ "site.tagline", "Samen leren van de praktijk" },
	{ "nav.skip", "Naar de inhoud" },
	{ "nav.home", "Start" },
	{ "nav.new", "Nieuwe pagina" },
	{ "nav.changes", "Recente wijzigingen" },
	{ "nav.main", "Hoofdmenu" },
	{ "nav.user", "Je account" },
	{ "nav.account", "Je account en API-sleutels" },
	{ "nav.users", "Gebruikers" },
	{ "nav.login", "Inloggen" },
	{ "nav.logout", "Uitloggen" },

	/* access (server/access.c) */
	/* %s: the role given */
	{ "access.bad_role", "Onbekende rol '%s'. Kies lezer, professional, ervaringswerker, "
			     "regioteam of beheerder." },
	/* %s: the value given */
	{ "access.bad_visibility", "Onbekende zichtbaarheid '%s'. Kies openbaar, ingelogd of team." },
	{ "access.visibility_values", "Het veld 'zichtbaarheid' is openbaar, ingelogd of team." },
	{ "access.team_missing", "Bij 'zichtbaarheid: team' hoort ook een veld 'team' met de naam "
				 "van het team." },
	/* %s: the writer's team */
	{ "access.not_your_team", "Een teampagina is voor je eigen team: zet 'team: %s', of kies "
				  "een andere zichtbaarheid." },
	{ "access.no_team", "Je hoort niet bij een team, dus je kunt geen teampagina maken. Kies "
			    "'zichtbaarheid: ingelogd' of 'openbaar', of vraag de beheerder je aan "
			    "een team toe te voegen." },
	/* %s: role name, %s: the type's plural label */
	{ "access.may_not_write", "Met de rol %s mag je niets wijzigen aan %s." },
	{ "access.login_to_write", "Log in om pagina's te maken of te wijzigen." },

	/* auth (server/http_auth.c) */
	{ "auth.bad_token", "Deze API-sleutel is onbekend of ingetrokken." },
	{ "auth.login_first", "Log in om iets te wijzigen." },
	{ "auth.bad_csrf", "Dit formulier is verlopen of kwam niet van deze wiki. Laad de pagina "
			   "opnieuw en probeer het nog eens; er is niets gewijzigd." },
	{ "auth.change_password_first", "Kies eerst een nieuw wachtwoord op /account/wachtwoord." },

	/* login, logout, account, users (server/http_account.c) */
	{ "login.title", "Inloggen" },
	{ "login.name", "Gebruikersnaam" },
	{ "login.password", "Wachtwoord" },
	{ "login.button", "Inloggen" },
	{ "login.help", "Geen account of wachtwoord vergeten? Vraag het de beheerder van deze wiki." },
	{ "login.already", "Je bent al ingelogd als" },
	{ "login.failed", "Inloggen is niet gelukt. Controleer je gebruikersnaam en wachtwoord." },
	{ "login.need_both", "Vul je gebruikersnaam en je wachtwoord in." },
	{ "login.expired", "Het inlogformulier was verlopen. Probeer het nog eens." },
	/* %lld: minutes to wait */
	{ "login.locked", "Te veel mislukte pogingen. Probeer het over %lld minuten opnieuw." },
	{ "logout.title", "Uitloggen" },
	{ "logout.explain", "Wil je uitloggen? Je sessie wordt dan beëindigd." },
	{ "logout.button", "Uitloggen" },
	{ "account.title", "Je account" },
	{ "account.name", "Gebruikersnaam" },
	{ "account.display", "Naam" },
	{ "account.role", "Rol" },
	{ "account.team", "Team" },
	{ "account.no_team", "geen" },
	{ "account.change_password", "Wachtwoord wijzigen" },
	{ "account.tokens", "API-sleutels" },
	{ "account.tokens_help", "Met een API-sleutel werkt een programma namens jou met de wiki "
				 "(header 'Authorization: Bearer …'). Behandel hem als een "
				 "wachtwoord; trek hem in als je hem niet meer gebruikt." },
	{ "account.new_token", "Je nieuwe API-sleutel. Kopieer hem nu: hij wordt maar één keer "
			       "getoond." },
	{ "account.token", "Sleutel" },
	{ "account.label", "Omschrijving" },
	{ "account.created", "Gemaakt" },
	{ "account.used", "Laatst gebruikt" },
	{ "account.never", "nooit" },
	{ "account.revoke", "Intrekken" },
	{ "account.no_tokens", "Je hebt geen API-sleutels." },
	{ "account.create_token", "Nieuwe sleutel maken" },
	{ "account.no_such_token", "Die API-sleutel bestaat niet (meer)." },
	{ "account.bad_action", "Onbekende actie in het formulier." },
	{ "password.title", "Wachtwoord wijzigen" },
	{ "password.must_change", "Je bent ingelogd met een eenmalig wachtwoord. Kies nu je eigen "
				  "wachtwoord." },
	{ "password.current", "Huidig wachtwoord" },
	{ "password.new", "Nieuw wachtwoord" },
	{ "password.again", "Nieuw wachtwoord nog een keer" },
	{ "password.rule", "Minstens 10 tekens. Een zin van een paar woorden is sterk en goed te "
			   "onthouden." },
	{ "password.button", "Wachtwoord opslaan" },
	{ "password.need_all", "Vul alle drie de velden in." },
	{ "password.mismatch", "De twee nieuwe wachtwoorden zijn niet gelijk." },
	{ "password.same", "Kies een ander wachtwoord dan je huidige." },
	{ "password.wrong", "Je huidige wachtwoord klopt niet." },
	{ "users.title", "Gebruikers" },
	{ "users.beheerder_only", "Alleen een beheerder beheert gebruikers." },
	{ "users.not_yourself", "Je kunt je eigen account niet uitschakelen of je eigen "
				"beheerdersrol afnemen. Vraag een andere beheerder." },
	{ "users.one_time", "Eenmalig wachtwoord voor" },
	{ "users.password", "Wachtwoord (wordt één keer getoond; geef het veilig door)" },
	{ "users.status", "Status" },
	{ "users.actions", "Acties" },
	{ "users.save", "Opslaan" },
	{ "users.disabled", "uitgeschakeld" },
	{ "users.active", "actief" },
	{ "users.must_change", "moet wachtwoord kiezen" },
	{ "users.enable", "Inschakelen" },
	{ "users.disable", "Uitschakelen" },
	{ "users.reset", "Nieuw eenmalig wachtwoord" },
	{ "users.add", "Gebruiker toevoegen" },
	{ "users.add_button", "Toevoegen" },
	{ "users.name_help", "Kleine letters, cijfers, '.', '_' en '-'; begint met een letter of "
			     "cijfer." },

	/* path (server/path.c) */
	{ "path.empty", "Geef een paginapad op, bijvoorbeeld 'verhalen/moeder-van-drie'." },
	{ "path.slash", "Een paginapad begint en eindigt niet met '/' en heeft precies één '/' "
			"tussen twee delen." },
	/* %d: maximum length in bytes */
	{ "path.too_long", "Een paginapad is hoogstens %d tekens lang." },
	/* %d: maximum number of segments */
	{ "path.too_deep", "Een paginapad heeft hoogstens %d delen, gescheiden door '/'." },
	/* %d: maximum segment length in bytes */
	{ "path.segment_too_long", "Elk deel van een paginapad is hoogstens %d tekens lang." },
	{ "path.uppercase", "Een paginapad bevat geen hoofdletters: gebruik kleine letters (a-z), "
			    "cijfers en '-'." },
	{ "path.dot", "Een paginapad bevat geen punt: gebruik kleine letters (a-z), cijfers en '-'"
		      ", en laat '.md' weg." },
	{ "path.non_ascii", "Een paginapad bevat geen letters met accenten of andere bijzondere "
			    "tekens: gebruik kleine letters (a-z), cijfers en '-'." },
	{ "path.space", "Een paginapad bevat geen spaties: gebruik '-' tussen woorden, en verder "
			"kleine letters (a-z) en cijfers." },
	/* %c: the refused character */
	{ "path.bad_char", "Het teken '%c' mag niet in een paginapad: gebruik kleine letters (a-z), "
			   "cijfers en '-', met '/' tussen de delen." },
	{ "path.only_dashes", "Elk deel van een paginapad bevat minstens één letter of cijfer." },
	/* %s: the reserved first segment */
	{ "path.reserved", "'%s' is een naam die Werkplaats zelf gebruikt; een paginapad kan daar "
			   "niet mee beginnen. Kies een andere naam of map." },

	/* frontmatter (server/frontmatter.c) */
	{ "fm.unclosed", "De gegevens bovenaan de pagina zijn niet afgesloten: zet er een regel "
			 "met alleen '---' onder, daarna volgt de tekst." },
	/* %d: line number in the file, %s: libyaml's problem (English) */
	{ "fm.bad_yaml", "Fout in de gegevens bovenaan de pagina, regel %d: %s." },
	/* %d: line number, %d: line where the construct began, %s: libyaml's problem */
	{ "fm.bad_yaml_from", "Fout in de gegevens bovenaan de pagina, regel %d (vanaf regel %d): "
			      "%s." },
	/* %d: line number */
	{ "fm.not_mapping", "Fout in de gegevens bovenaan de pagina, regel %d: de gegevens moeten "
			    "regels 'naam: waarde' zijn." },
	/* %d: line number */
	{ "fm.alias", "Fout in de gegevens bovenaan de pagina, regel %d: verwijzingen met '&' en "
		      "'*' zijn niet toegestaan; schrijf de waarde uit." },
	/* %d: line number */
	{ "fm.complex_key", "Fout in de gegevens bovenaan de pagina, regel %d: een naam moet gewone "
			    "tekst zijn, geen lijst." },
	/* %d: line number, %s: the key */
	{ "fm.duplicate", "Fout in de gegevens bovenaan de pagina, regel %d: de naam '%s' komt twee "
			  "keer voor." },
	/* %d: line number, %d: maximum depth */
	{ "fm.too_deep", "Fout in de gegevens bovenaan de pagina, regel %d: de gegevens zijn dieper "
			 "genest dan %d niveaus." },
	/* %d: line number */
	{ "fm.two_documents", "Fout in de gegevens bovenaan de pagina, regel %d: er mag maar één "
			      "blok gegevens staan." },
	/* %d: line number */
	{ "fm.nul", "Fout in de gegevens bovenaan de pagina, regel %d: een NUL-teken is niet "
		    "toegestaan." },
	/* %d: maximum size in kB */
	{ "fm.too_big", "De gegevens bovenaan de pagina zijn groter dan %d kB." },
	{ "fm.no_memory", "Onvoldoende geheugen om de gegevens bovenaan de pagina te lezen." },
	/* %s: libyaml's problem (English) */
	{ "fm.write_failed", "De gegevens konden niet als YAML worden geschreven: %s." },
	/* %d: maximum depth */
	{ "fm.write_too_deep", "De gegevens zijn dieper genest dan %d niveaus." },
	{ "fm.write_not_object", "De gegevens van een pagina moeten een object zijn "
				 "(naam: waarde)." },

	/* mustache (server/mustache.c) */
	/* line, problem (one of the mustache.* texts below) */
	{ "mustache.where", "Fout in het sjabloon op regel %d: %s" },
	/* template name, line, problem */
	{ "mustache.where_partial", "Fout in sjabloon '%s' op regel %d: %s" },
	/* the expected closing delimiter */
	{ "mustache.unclosed_tag", "een tag wordt niet afgesloten met '%s'." },
	{ "mustache.empty_name", "een tag heeft geen naam." },
	/* the name */
	{ "mustache.bad_name", "'%s' is geen geldige naam: een naam bevat geen spaties." },
	/* what stands between the '=' signs */
	{ "mustache.bad_delimiters",
	  "'%s' zijn geen geldige scheidingstekens: geef er twee, zonder spaties of '=' erin "
	  "en met een spatie ertussen, zoals {{=[ ]=}}." },
	/* the section name */
	{ "mustache.unclosed_section", "sectie '%s' wordt nergens afgesloten." },
	/* closing name, name of the open section */
	{ "mustache.mismatched_end", "'%s' wordt afgesloten, maar de open sectie is '%s'." },
	/* the name */
	{ "mustache.unexpected_end", "'%s' wordt afgesloten, maar die sectie is niet geopend." },
	/* maximum depth */
	{ "mustache.too_deep", "secties zijn dieper dan %d niveaus genest." },
	/* partial name, maximum depth */
	{ "mustache.partials_too_deep",
	  "Sjabloon '%s' gaat dieper dan %d niveaus in andere sjablonen; roept een sjabloon "
	  "zichzelf eindeloos aan?" },
	/* maximum depth */
	{ "mustache.render_too_deep",
	  "Het sjabloon nest secties en blokken dieper dan %d niveaus; roept een blok zichzelf "
	  "eindeloos aan?" },
	{ "mustache.no_memory", "Onvoldoende geheugen om het sjabloon te verwerken." },

	/* render (server/render.c) */
	{ "render.new_page_hint", "Deze pagina bestaat nog niet: maak haar aan" },
	/* %s: the cmark-gfm extension's name */
	{ "render.no_extension", "De Markdown-uitbreiding '%s' ontbreekt; de pagina kan niet "
				 "worden getoond." },
	{ "render.failed", "De pagina kon niet worden omgezet naar HTML." },
	/* line, max */
	{ "render.too_many_columns", "Regel %zu van de tekst heeft meer dan %d |-tekens: een tabel "
				     "heeft hoogstens zoveel kolommen." },
	/* line, max */
	{ "render.too_many_images", "Het tekstblok vanaf regel %zu heeft meer dan %d keer '![': "
				    "zet lege regels tussen de afbeeldingen." },
	{ "render.too_complex", "Deze pagina is te ingewikkeld om op te maken; hieronder staat de "
				"tekst zoals hij is opgeslagen." },

	/* store (server/store.c) */
	{ "store.git_error", "Fout in de opslag (%s): %s" }, /* operation, cause */
	{ "store.no_memory", "Onvoldoende geheugen" },
	{ "store.no_repo", "%s is geen opslagplaats (git-repository)" }, /* directory */
	{ "store.bad_path", "Ongeldig paginapad" },
	{ "store.empty", "Er is nog niets opgeslagen" },
	{ "store.bad_rev", "Ongeldige versie: verwacht 7 tot 40 hexadecimale tekens" },
	{ "store.rev_not_found", "Deze versie bestaat niet" },
	{ "store.rev_ambiguous", "Deze versie is niet eenduidig: geef meer tekens" },
	{ "store.not_found", "De pagina %s bestaat niet" }, /* path */
	{ "store.too_big", "De pagina %s is te groot (meer dan %zu bytes)" }, /* path, max */
	{ "store.not_utf8", "De pagina %s is geen geldige UTF-8-tekst" }, /* path */
	{ "store.duplicate", "De pagina %s komt twee keer voor in dezelfde wijziging" }, /* path */
	{ "store.no_message", "Een wijziging heeft een omschrijving nodig" },
	{ "store.bad_author", "Ongeldige naam of ongeldig e-mailadres van de auteur" },
	{ "store.exists", "De pagina %s bestaat al" }, /* path */
	{ "store.conflict",
	  "De pagina %s is intussen door iemand anders gewijzigd; neem de wijzigingen over "
	  "en sla opnieuw op" }, /* path */
	/* path */
	{ "store.base_unknown", "De versie waarop de bewerking van %s begon, bestaat niet" },
	{ "store.busy", "De opslag is op dit moment te druk; probeer het opnieuw" },
	/* file, cause */
	{ "store.recover_failed", "Het achtergebleven slot %s kan niet worden opgeruimd: %s" },
	/* repository */
	{ "store.recovered", "werkplaats: %s: het slot van een opslag die midden in het schrijven "
			     "stopte, is opgeruimd\n" },
	{ "store.not_folder", "%s is geen map" }, /* name in the repository */
	{ "store.not_file", "Op de plek van pagina %s staat een map" }, /* path */
	{ "store.check_unreadable", "Onleesbaar object %s in %s: %s" }, /* id, place, cause */
	{ "store.check_not_utf8", "Pagina %s is geen geldige UTF-8 (object %s)" }, /* file, id */
	{ "store.check_bad_commit", "Onleesbare commit %s: %s" }, /* id, cause */
	{ "store.check_walk", "De geschiedenis is niet verder te lezen: %s" }, /* cause */
	{ "store.check_too_deep", "Map %s is te diep genest" }, /* folder */

	/* query (server/query.c) */
	/* %d: maximum length in bytes */
	{ "query.too_long", "Een zoekvraag is hoogstens %d tekens lang. Maak je zoekvraag "
			    "korter." },
	/* %d: maximum number of words */
	{ "query.too_many", "Zoek op hoogstens %d woorden of zinnen tegelijk. Laat er een paar "
			    "weg." },
	{ "query.only_excluded", "Zoek op minstens één woord zonder '-' ervoor: met '-woord' laat "
				 "je alleen pagina's weg waar dat woord in staat." },
	{ "query.nul", "De zoekvraag bevat een NUL-teken. Typ je zoekvraag opnieuw." },
	{ "query.bad_utf8", "De zoekvraag bevat tekens die niet als tekst te lezen zijn (geen "
			    "geldige UTF-8). Typ je zoekvraag opnieuw." },
	{ "query.no_memory", "Er is nu te weinig geheugen om te zoeken. Probeer het later "
			     "opnieuw." },

	/* tokenize (server/tokenize.c) */
	{ "tokenize.no_fts5", "Deze SQLite heeft geen FTS5; de zoekindex kan niet worden gemaakt." },
	/* %s: SQLite's reason (English) */
	{ "tokenize.register_failed", "De zoektokenizer kon niet worden aangemeld: %s" },
	/* %s: the language given */
	{ "tokenize.bad_language", "Onbekende taal '%s' voor de zoekindex: kies 'dutch' of "
				   "'english'." },
	/* %s: the argument given */
	{ "tokenize.bad_argument", "Onbekende instelling '%s' voor de zoekindex: na de taal mag "
				   "alleen 'compounds 0' of 'compounds 1' volgen." },
	/* %s: SQLite's reason (English) */
	{ "tokenize.create_failed", "De zoektokenizer kon niet worden gestart: %s" },

	/* index (server/index.c) */
	{ "index.db_error", "Fout in de zoekindex (%s): %s" }, /* operation, cause */
	/* file, cause */
	{ "index.open_failed", "De zoekindex %s kan niet worden geopend: %s. Het bestand mag weg: "
			       "de index wordt dan opnieuw opgebouwd." },
	{ "index.bad_language", "Onbekende taal voor de zoekindex: %s (kies dutch of english)" },
	{ "index.bad_query", "Deze zoekopdracht kan niet worden uitgevoerd" },
	{ "index.bad_filter", "Ongeldig filter bij het zoeken" },
	{ "index.not_found", "Pagina %s staat niet in de zoekindex" }, /* path */
	{ "index.no_memory", "Onvoldoende geheugen voor de zoekindex" },

	/* config (server/config.c) */
	/* data dir, data dir */
	{ "config.not_initialised",
	  "%s is geen Werkplaats-datamap (werkplaats.json ontbreekt). Maak er een met: werkplaats init --data %s" },
	/* file, line, problem */
	{ "config.bad_file", "%s is geen geldige JSON (regel %d): %s" },
	/* dir, reason */
	{ "config.mkdir_failed", "Kan de map %s niet maken: %s" },
	{ "config.write_failed", "Kan %s niet schrijven" },
	{ "config.bad_value", "%s: de waarde van \"%s\" klopt niet: %s" },
	{ "config.visibility_values", "kies openbaar, ingelogd of team" },
	{ "config.plugin_list", "een lijst met namen van plug-ins, zoals [\"verhalen\", \"dilemma\"] ([] voor geen)" },
	{ "config.plugin_config", "een object met per plug-in haar instellingen" },
	{ "config.positive_seconds", "geef een geheel aantal seconden groter dan 0" },

	/* accounts (server/accounts.c) */
	{ "accounts.db_error", "Fout in de accountgegevens (%s): %s" }, /* operation, cause */
	/* file, cause */
	{ "accounts.open_failed", "De accountgegevens in %s kunnen niet worden geopend: %s" },
	/* file, version found */
	{ "accounts.schema_unknown", "%s heeft een onbekende indeling (versie '%s'); is het "
				     "gemaakt door een nieuwere Werkplaats?" },
	{ "accounts.no_memory", "Onvoldoende geheugen voor de accountgegevens" },
	{ "accounts.hash_failed", "Het wachtwoord kan niet worden versleuteld: onvoldoende "
				  "geheugen." },
	{ "accounts.bad_name", "Een inlognaam is 1 tot 64 tekens: kleine letters (a-z), cijfers, "
			       "'.', '_' en '-', en begint met een letter of cijfer." },
	{ "accounts.bad_team", "Een teamnaam is 1 tot 64 tekens: kleine letters (a-z), cijfers, "
			       "'.', '_' en '-', en begint met een letter of cijfer." },
	{ "accounts.bad_display", "Een weergavenaam is 1 tot 128 bytes tekst (UTF-8), niet alleen "
				  "spaties, zonder regeleinden of andere stuurtekens en zonder '<' of "
				  "'>'." },
	{ "accounts.bad_label", "Een naam voor een API-sleutel is 1 tot 128 bytes tekst (UTF-8), "
				"zonder regeleinden of andere stuurtekens en zonder '<' of '>'." },
	/* minimum length */
	{ "accounts.password_short", "Een wachtwoord is minstens %d tekens lang." },
	/* maximum length */
	{ "accounts.password_long", "Een wachtwoord is hoogstens %d tekens lang." },
	{ "accounts.bad_role", "Onbekende rol. Kies lezer, professional, ervaringswerker, "
			       "regioteam of beheerder." },
	/* account name, stored role */
	{ "accounts.bad_stored_role", "Account %s heeft een onbekende rol '%s' in de "
				      "accountgegevens." },
	/* name */
	{ "accounts.exists", "Er is al een account met de naam %s." },
	{ "accounts.not_found", "Er is geen account met de naam %s." },
	{ "accounts.disabled", "Het account %s is uitgeschakeld." },
	{ "accounts.no_account", "Dit account bestaat niet (meer) of is uitgeschakeld." },
	{ "accounts.bad_login", "Inloggen is niet gelukt. Controleer je naam en wachtwoord." },
	/* minutes */
	{ "accounts.locked", "Te vaak een verkeerd wachtwoord. Probeer het over %lld minuten "
			     "opnieuw." },
	{ "accounts.locked_one", "Te vaak een verkeerd wachtwoord. Probeer het over een minuut "
				 "opnieuw." },
	{ "accounts.session_unknown", "Je bent niet (meer) ingelogd. Log opnieuw in." },
	{ "accounts.token_unknown", "Deze API-sleutel is onbekend of ingetrokken, of hoort bij een "
				    "uitgeschakeld account." },
	{ "accounts.token_not_found", "Deze API-sleutel bestaat niet of is al ingetrokken." },
	{ "accounts.token_label", "API-sleutel" },

	/* http pages (server/http*.c) and templates */
	{ "footer.text", "Werkplaats — een wiki om samen te leren van de praktijk. Geen dossier: schrijf geanonimiseerd." },
	{ "home.title", "Start" },
	{ "home.heading", "Werkplaats" },
	{ "home.intro", "Praktijkverhalen, perspectieven, dilemma's, olifantenpaadjes en systeemfouten: hier leren we samen van wat er in de wijk gebeurt." },
	{ "home.read_welcome", "Lees eerst: welkom in de Werkplaats" },
	{ "home.types", "Soorten pagina's" },
	{ "home.all_changes", "Alle recente wijzigingen" },
	{ "changes.none", "Nog geen wijzigingen." },
	{ "page.old_version", "Je bekijkt een oude versie van deze pagina." },
	{ "page.merged", "Iemand anders had deze pagina intussen gewijzigd. Jouw wijziging is "
			 "samengevoegd met die wijziging: kijk of het resultaat klopt." },
	{ "page.to_current", "Naar de huidige versie" },
	{ "page.last_change", "Laatst gewijzigd door" },
	{ "page.history", "Geschiedenis" },
	{ "page.backlinks", "Wat linkt hierheen" },
	{ "page.no_backlinks", "Nog geen pagina's verwijzen hierheen." },
	{ "search.title", "Zoeken" },
	{ "search.label", "Zoek in de Werkplaats" },
	{ "search.placeholder", "Zoeken…" },
	{ "search.help", "Woorden, \"een zin tussen aanhalingstekens\", begin* van een woord, -woord om uit te sluiten." },
	{ "search.button", "Zoeken" },
	{ "search.results", "resultaten" },
	{ "search.pages", "Meer resultaten" },
	{ "search.prev", "Vorige" },
	{ "search.next", "Volgende" },
	{ "page.parse_error", "De voorwerk-gegevens van deze pagina kloppen niet:" },
	{ "page.summary", "Gegevens" },
	{ "page.actions", "Acties" },
	{ "page.edit", "Bewerken" },
	{ "page.raw", "Bron (Markdown)" },
	{ "page.rename", "Hernoemen" },
	{ "page.delete", "Verwijderen" },
	{ "missing.heading", "Deze pagina bestaat (nog) niet" },
	{ "missing.text", "Er is geen pagina met het pad" },
	{ "missing.create", "Maak deze pagina aan" },
	{ "missing.maybe_login", "Veel pagina's zijn alleen te lezen als je bent ingelogd." },
	{ "missing.home", "Terug naar de startpagina" },
	{ "edit.title", "Bewerken" },
	{ "edit.title_new", "Nieuwe pagina" },
	{ "edit.path", "Pad van de pagina" },
	{ "edit.path_help", "Kleine letters, cijfers en streepjes; mappen gescheiden door /, bijvoorbeeld verhalen/mijn-verhaal." },
	{ "edit.frontmatter", "Gegevens (YAML)" },
	{ "edit.frontmatter_help", "Eén gegeven per regel, zoals titel: Mijn verhaal. Lijsten tussen blokhaken: [a, b]." },
	{ "edit.body", "Tekst (Markdown)" },
	{ "edit.body_help", "Markdown. Verwijs naar een andere pagina met [[pad]] of [[pad|tekst]]." },
	{ "edit.message", "Wat heb je veranderd? (optioneel)" },
	{ "edit.save", "Opslaan" },
	{ "edit.preview", "Voorbeeld" },
	{ "edit.preview_heading", "Voorbeeld" },
	{ "edit.cancel", "Annuleren" },
	{ "edit.conflict_help", "Iemand anders heeft deze pagina intussen gewijzigd. Jouw tekst staat hieronder nog in het formulier; de huidige versie staat erboven. Neem over wat nodig is en sla opnieuw op." },
	{ "edit.current_version", "Huidige versie" },
	{ "edit.current_label", "Huidige inhoud (alleen lezen)" },
	{ "edit.need_path", "Geef de pagina een pad." },
	{ "edit.schema", "Welke gegevens horen bij deze soort pagina?" },
	{ "edit.required", "verplicht" },
	{ "edit.list", "lijst" },
	{ "edit.values", "Mogelijke waarden:" },
	{ "edit.need_base", "De versie waarop je bewerking is gebaseerd ontbreekt. Open de pagina opnieuw om te bewerken." },
	{ "edit.merged_heading", "Samengevoegd, met de botsingen gemarkeerd" },
	{ "edit.merged_help", "Jouw wijzigingen en die van de ander zijn samengevoegd, behalve waar jullie hetzelfde stuk anders hebben gewijzigd. In de tekst staan die stukken tussen <<<<<<< en >>>>>>>; botsende gegevens:" },
	{ "edit.merged_label", "Samengevoegde versie (alleen lezen; neem over wat je wilt houden)" },
	{ "edit.findings", "Gevonden in je tekst" },
	{ "edit.findings_help", "Deze plekken kunnen iemand herkenbaar maken. Vervang ze door een aanduiding, of pas de tekst zelf aan." },
	{ "edit.findings_list", "Wat er gevonden is" },
	{ "edit.findings_link", "Naar de gemarkeerde plekken" },
	{ "edit.replace_by", "Vervang door" },
	{ "edit.replace_all", "Vervang alles door aanduidingen" },
	{ "edit.replaced", "%zu plek(ken) vervangen. Controleer de tekst en sla op; de controle loopt dan opnieuw." },
	{ "edit.replaced_none", "Er is niets vervangen: de tekst op die plek is intussen veranderd. Sla op om opnieuw te controleren." },
	{ "edit.bad_replace", "Onbekende plek om te vervangen." },
	{ "edit.warning", "waarschuwing" },
	{ "edit.blocked", "moet eruit" },
	{ "history.title", "Geschiedenis" },
	{ "history.caption", "Alle versies, nieuwste eerst" },
	{ "history.revision", "Versie" },
	{ "history.date", "Datum" },
	{ "history.author", "Door" },
	/* An author shown by role only (a reporter who chose so). */
	{ "author.masked", "naam afgeschermd" },
	{ "author.masked_role", "%s (naam afgeschermd)" },
	{ "author.role.anoniem", "anoniem" },
	{ "author.role.lezer", "lezer" },
	{ "author.role.professional", "professional" },
	{ "author.role.ervaringswerker", "ervaringswerker" },
	{ "author.role.regioteam", "regioteam" },
	{ "author.role.beheerder", "beheerder" },
	{ "history.message", "Omschrijving" },
	{ "history.actions", "Acties" },
	{ "history.diff", "Verschil met vorige" },
	{ "history.revert", "Zet terug naar deze versie" },
	{ "revert.refused_title", "Terugzetten niet gedaan" },
	{ "revert.confirm_needed", "De versie die je terugzet bevat gegevens die iemand herkenbaar kunnen maken. Bekijk ze hieronder en bevestig dat ze mogen blijven staan, of bewerk de pagina en vervang ze." },
	{ "revert.again", "Toch terugzetten" },
	{ "diff.title", "Verschil" },
	{ "diff.from", "Van versie" },
	{ "diff.to", "naar versie" },
	{ "diff.none", "Geen verschil tussen deze versies." },
	{ "diff.added", "toegevoegd" },
	{ "diff.removed", "verwijderd" },
	{ "list.empty", "Er zijn nog geen pagina's van deze soort." },
	{ "list.new", "Nieuwe pagina in deze map" },
	{ "delete.title", "Verwijderen" },
	{ "delete.explain", "De pagina verdwijnt uit de wiki, maar blijft in de geschiedenis bewaard en kan worden teruggezet." },
	{ "delete.confirm", "Ja, verwijder deze pagina" },
	{ "rename.title", "Hernoemen" },
	{ "rename.explain", "De pagina krijgt een nieuw pad. Het oude pad verwijst daarna door, zodat bestaande links blijven werken." },
	{ "rename.new_path", "Nieuw pad" },
	{ "rename.confirm", "Hernoemen" },
	/* status pages */
	{ "http.400", "Ongeldig verzoek" },
	{ "http.403", "Dit mag niet" },
	{ "http.404", "Niet gevonden" },
	{ "http.405", "Deze methode is hier niet toegestaan" },
	{ "http.409", "Conflict: de pagina is intussen gewijzigd" },
	{ "http.413", "Het verzoek is te groot" },
	{ "http.500", "Er ging iets mis in de Werkplaats" },
	{ "http.503", "De Werkplaats is even niet beschikbaar" },
	{ "http.bad_rev", "Ongeldige versie: gebruik de versie-id uit de geschiedenis." },
	{ "http.bad_url", "Dit adres is ongeldig: alleen kleine letters, cijfers, - en / zijn toegestaan in een paginapad." },
	{ "http.bad_static", "Ongeldige bestandsnaam" },
	{ "http.unknown_type", "Deze paginasoort bestaat niet" },
	/* address */
	{ "http.listen_failed", "Kan niet luisteren op %s (is het adres of de poort al in gebruik? "
				"Bij HTTPS: zijn certificaat en sleutel geldige PEM-bestanden?)" },
	/* %s: file, %s: reason */
	{ "http.tls_file", "Kan het TLS-bestand %s niet gebruiken: %s" },
	{ "http.tls_unavailable", "HTTPS is niet beschikbaar: CivetWeb kan OpenSSL niet laden "
				  "(is libssl-dev geïnstalleerd?)." },
	/* Printed before the URL; scripts and tests read this line. */
	{ "http.running", "Werkplaats draait op " },
	/* the core's page types, singular and plural (plugins name their own) */
	{ "type.sjabloon", "Sjabloon" },
	{ "type.pagina", "Pagina" },
	{ "types.sjabloon", "Sjablonen" },
	{ "types.pagina", "Pagina's" },
	/* the core's front-matter field labels (plugins label their own fields) */
	{ "field.titel", "Titel" },
	{ "field.zichtbaarheid", "Zichtbaarheid" },
	{ "field.team", "Team" },

	/* tag pages (server/http_tags.c, tag.mustache) and search filters (server/http_search.c) */
	/* %s: field label in a sentence ("wetten"), %s: the value */
	{ "tag.title", "Pagina's met %s: %s" },
	/* %s: field label in a sentence */
	{ "tag.values_title", "Alle waarden van %s" },
	{ "tag.count_one", "1 pagina" },
	/* %d: number of pages */
	{ "tag.count", "%d pagina's" },
	{ "tag.values_count_one", "1 waarde" },
	/* %d: number of values */
	{ "tag.values_count", "%d waarden" },
	{ "tag.pages", "Pagina's" },
	{ "tag.values", "Waarden" },
	{ "tag.type", "soort" },
	{ "tag.search", "Zoeken binnen deze pagina's" },
	{ "tag.all_values", "Alle waarden van dit gegeven" },
	{ "tag.more", "Verder" },
	{ "tag.no_field", "Geef na /tag/ een gegeven op, bijvoorbeeld /tag/wetten of "
			  "/tag/wetten/Wmo." },
	{ "tag.bad_field", "Dit is geen geldige naam van een gegeven: gebruik kleine letters (a-z), "
			   "cijfers en '_', hoogstens 40 tekens." },
	/* %d: maximum length in bytes */
	{ "tag.too_long", "Een waarde is hoogstens %d tekens lang." },
	{ "tag.bad_value", "De waarde bevat tekens die niet in een gegeven kunnen staan (geen "
			   "geldige UTF-8, of een regeleinde of ander stuurteken)." },
	/* %s: field label in a sentence, %s: the value */
	{ "tag.no_pages", "Er zijn geen pagina's met %s: %s." },
	/* %s: field label in a sentence */
	{ "tag.no_values", "Er zijn geen pagina's met het gegeven %s." },
	{ "search.type", "Soort" },
	{ "search.filters", "Gefilterd op" },
	{ "search.remove_filter", "Weghalen" },

	/* api (server/http_api.c) */
	/* problem */
	{ "api.bad_json", "Ongeldige JSON: %s" },
	{ "api.not_object", "verwacht een object { … }" },
	{ "api.bad_base", "\"base\" moet een versie-id (tekst) of null zijn" },
	{ "api.need_content", "\"content\" (de hele pagina als tekst) ontbreekt" },
	{ "api.bad_message", "\"message\" moet tekst zijn" },
	{ "api.bad_confirm", "\"confirm\" moet tekst zijn of een lijst met teksten, zoals [\"privacy\"]" },
	{ "api.need_base", "\"base\" (de versie die je wilt verwijderen) ontbreekt" },

	/* wiki (server/wiki.c) */
	/* schema.c: field-level messages (shown next to the field) */
	{ "schema.required", "Dit veld is verplicht." },
	{ "schema.text", "Vul hier tekst in." },
	{ "schema.one_line", "Gebruik één regel tekst." },
	{ "schema.integer", "Vul een heel getal in." },
	{ "schema.boolean", "Kies true (ja) of false (nee)." },
	{ "schema.date", "Gebruik een datum als 2026-11-23." },
	{ "schema.month", "Gebruik alleen jaar en maand, zoals 2026-11 (geen precieze datum)." },
	/* %s: the allowed values */
	{ "schema.enum", "Kies een van: %s." },
	/* %s: the type's label, %s: the value */
	{ "schema.link_missing", "Er is geen %s '%s'." },
	/* %s: the value, %s: the type's label */
	{ "schema.link_form", "'%s' is geen naam van een %s." },
	{ "schema.not_list", "Dit veld heeft één waarde, geen lijst." },
	{ "schema.object", "Gebruik hier sleutels met waarden." },
	{ "schema.invalid", "De gegevens van de pagina kloppen niet." },
	{ "schema.problems", "Niet opgeslagen: verbeter deze gegevens in het vak Gegevens." },
	/* types.c (start-up errors of plugins) */
	{ "types.bad_name", "Ongeldige naam voor een paginasoort: '%s'." },
	{ "types.bad_folder", "Ongeldige map voor een paginasoort: '%s'." },
	{ "types.exists", "De paginasoort '%s' (of haar map) bestaat al." },
	{ "types.registry_closed", "Paginasoort '%s': registreren kan alleen bij het starten." },
	/* plugin.c: %s: plugin name, %s: reason */
	{ "plugin.bad_write", "Een plugin gaf een pagina zonder pad of inhoud om op te slaan." },
	{ "plugin.missing", "Plug-in '%s' ontbreekt of kan niet geladen worden: %s" },
	{ "plugin.no_entry", "Plug-in '%s' heeft geen functie wp_plugin_init: %s" },
	/* %s: plugin, %d: the host's API version */
	{ "plugin.version", "Plug-in '%s' past niet bij plug-in-API %d van deze Werkplaats: bouw de plug-in opnieuw met deze versie." },
	{ "plugin.failed", "Plug-in '%s' kon niet starten: %s" },
	{ "plugin.bad_name", "Ongeldige naam van een plug-in in de configuratie: '%s'." },
	{ "plugin.twice", "Plug-in '%s' staat twee keer in de configuratie." },
	/* registration errors: shown after plugin.failed, which names the plugin */
	{ "plugin.bad_route", "ongeldige route of sjabloon '%s'." },
	{ "plugin.route_taken", "de route '%s' is al in gebruik (door de Werkplaats, een andere plug-in of de map van een paginasoort)." },
	{ "plugin.too_many", "te veel registraties (%s)." },
	{ "plugin.too_many_plugins", "Te veel plug-ins in de configuratie (meer dan %d)." },
	{ "plugin.not_now", "Plug-in '%s': registreren kan alleen tijdens het starten." },
	{ "plugin.bad_index", "Plug-in '%s': de indextabellen kunnen niet gemaakt worden: %s" },
	{ "plugin.hook_failed", "Plug-in '%s' gaf een fout: %s" },
	{ "merge.label_base", "versie waarop je begon" },
	{ "merge.label_current", "huidige versie" },
	{ "merge.label_mine", "jouw versie" },
	{ "merge.failed", "Samenvoegen met de huidige versie lukte niet: %s" },
	{ "merge.conflict", "Iemand anders heeft intussen dezelfde plek in deze pagina gewijzigd. Er is niets opgeslagen: jouw tekst staat nog in het formulier, de samengevoegde versie met de botsingen gemarkeerd staat eronder." },
	{ "plugin.confirm_needed",
	  "Controleer de gemarkeerde plekken in de tekst. Vervang ze, of bevestig dat ze zo mogen blijven staan." },
	{ "access.guarded", "Dit gegeven mag alleen het regioteam wijzigen." },
	{ "wiki.nul_byte", "De tekst bevat een NUL-teken; dat kan niet in een pagina." },
	/* field name */
	{ "wiki.reserved_field", "Het gegeven '%s' is gereserveerd voor doorverwijzingen na hernoemen." },
	{ "wiki.too_many_changes", "Te veel pagina's in één wijziging." },
	{ "wiki.rename_same", "Het nieuwe pad is gelijk aan het oude." },
	/* %s: page path */
	{ "wiki.not_found", "De pagina %s bestaat niet." },
	/* file */
	{ "wiki.read_failed", "Kan %s niet lezen" },
	/* maximum */
	{ "wiki.import_too_many", "Te veel bestanden (meer dan %d)" },
	/* number of problems */
	{ "wiki.import_problems", "%d bestand(en) afgekeurd; er is niets geïmporteerd" },
	/* folder */
	{ "wiki.import_empty", "Geen .md-bestanden gevonden in %s" },
	/* commit messages; %s: page path or folder */
	{ "wiki.msg_new", "%s aangemaakt" },
	{ "wiki.msg_edit", "%s bewerkt" },
	{ "wiki.msg_delete", "%s verwijderd" },
	{ "wiki.msg_rename", "%s hernoemd" },
	{ "wiki.msg_revert", "%s teruggezet" },
	/* path, 7, revision */
	{ "wiki.msg_revert_to", "%s teruggezet naar versie %.*s" },
	{ "wiki.msg_import", "Geïmporteerd uit %s" },

	/* theme (server/theme.c) */
	{ "theme.bad_name", "Ongeldige themanaam '%s'" },
	/* name, folder */
	{ "theme.not_found", "Thema '%s' niet gevonden of onvolledig (gezocht in %s)" },
	{ "theme.no_template", "Het thema mist de template '%s'" },

	/* cli (server/cli.c) */
	{ "cli.help",
	  "Werkplaats — een wiki om samen te leren van de praktijk.\n\n"
	  "Gebruik: werkplaats OPDRACHT [OPTIES]\n\n"
	  "Opdrachten:\n"
	  "  init    --data MAP [--demo] [--content MAP] [--admin NAAM]\n"
	  "                                                 maak een datamap (met demo-inhoud)\n"
	  "  serve   --data MAP [--port N] [--listen ADRES] [--theme NAAM]\n"
	  "          [--max-body BYTES] [--threads N]      start de wiki\n"
	  "  import  --data MAP BRONMAP [--author NAAM] [--message TEKST]\n"
	  "                                                 laad .md-bestanden in één commit\n"
	  "  check   --data MAP                             controleer de opslag\n"
	  "  reindex --data MAP                             bouw de zoekindex opnieuw op\n"
	  "  erase   --data MAP --admin NAAM PAD            wis een pagina uit de geschiedenis\n"
	  "  user    WERKWOORD --data MAP ...               beheer accounts (werkplaats user --help)\n\n"
	  "Meer over een opdracht: werkplaats OPDRACHT --help" },
	{ "cli.help_init",
	  "Gebruik: werkplaats init --data MAP [--demo] [--content MAP] [--admin NAAM]\n\n"
	  "Maakt MAP met een lege git-opslag (MAP/repo.git), MAP/werkplaats.json en de\n"
	  "accountgegevens (MAP/state.db) met een eerste beheerder. Diens eenmalige\n"
	  "wachtwoord staat op de laatste regel; het wordt maar één keer getoond en moet\n"
	  "bij de eerste keer inloggen worden gewijzigd.\n"
	  "  --demo          vul de wiki met de demo-inhoud uit content/\n"
	  "  --content MAP   neem de demo-inhoud uit deze map\n"
	  "  --admin NAAM    inlognaam van de eerste beheerder (standaard beheer)\n"
	  "Een bestaande datamap blijft ongewijzigd; er komt dan ook geen account bij." },
	{ "cli.help_serve",
	  "Gebruik: werkplaats serve --data MAP [OPTIES]\n\n"
	  "Start de wiki. Stoppen met Ctrl-C.\n"
	  "  --port N          poort (standaard 8080; 0 = een vrije poort)\n"
	  "  --listen ADRES    adres (standaard 127.0.0.1)\n"
	  "  --theme NAAM      thema uit themes/ (standaard default)\n"
	  "  --max-body BYTES  grootste verzoek (standaard 1048576)\n"
	  "  --threads N       aantal verzoeken dat tegelijk wordt afgehandeld (standaard 8)" },
	{ "cli.help_import",
	  "Gebruik: werkplaats import --data MAP BRONMAP [--author NAAM] [--message TEKST]\n\n"
	  "Zet alle .md-bestanden onder BRONMAP in één commit. Het pad van een bestand\n"
	  "(zonder .md) wordt het pad van de pagina. Bij één fout bestand wordt niets geïmporteerd." },
	{ "cli.help_check",
	  "Gebruik: werkplaats check --data MAP\n\n"
	  "Controleert de opslag: leesbare objecten, geldige paden, UTF-8 en voorwerk.\n"
	  "Exitcode 0 als alles in orde is, 1 bij problemen." },
	/* cli: werkplaats erase (server/cli.c, server/erase.c, server/datalock.c) */
	{ "cli.help_erase",
	  "Gebruik: werkplaats erase --data MAP --admin NAAM [--yes] PAD\n\n"
	  "Wist een pagina uit de HELE geschiedenis van de wiki, bijvoorbeeld omdat er\n"
	  "iemand in te herkennen is: PAD (zoals verhalen/mevrouw-x.md), alles in de map\n"
	  "met dezelfde naam (verhalen/mevrouw-x/, zoals de perspectieven) en de namen\n"
	  "die de pagina had voordat ze werd hernoemd. Commits die alleen deze pagina's\n"
	  "wijzigden vervallen; de andere krijgen een neutrale omschrijving. Eén nieuwe\n"
	  "commit legt het wissen vast met alleen een kenmerk, nooit het pad of de titel.\n"
	  "Daarna wordt de zoekindex opnieuw opgebouwd.\n\n"
	  "Dit kan niet ongedaan worden gemaakt. Elke commit-id vanaf de eerste wijziging\n"
	  "aan de pagina verandert. Klonen, spiegels en back-ups houden de inhoud tot ze\n"
	  "vervangen of op dezelfde manier gewist zijn. Stop eerst de wiki op deze map.\n"
	  "  --admin NAAM  een beheerder; het wachtwoord wordt gevraagd (zonder terminal:\n"
	  "                de eerste regel van stdin)\n"
	  "  --yes         vraag geen bevestiging (voor scripts); anders typ je het pad\n"
	  "                van de pagina over (zonder terminal: de regel na het wachtwoord)\n"
	  "  --mark        toon alleen het kenmerk van PAD, om een vastlegging na te gaan;\n"
	  "                er wordt niets gewist\n"
	  "Exitcode 0 als het gewist is, 1 als er niets gewist is (of de melding zegt wat\n"
	  "er nog moet gebeuren), 2 bij verkeerd gebruik." },
	{ "cli.erase.need_path", "geef precies één PAD op, zoals verhalen/mevrouw-x.md" },
	{ "cli.erase.need_admin", "--admin NAAM ontbreekt: alleen een beheerder mag wissen" },
	/* data folder */
	{ "cli.erase.server_running", "De wiki draait nog op deze map; stop de server eerst." },
	{ "cli.erase.serve_refused", "Er wordt nu een pagina gewist uit deze map; start de wiki "
				     "als dat klaar is." },
	/* the message of the accounts module */
	{ "cli.erase.no_admin", "%s Er is niets gewist." },
	/* account name */
	{ "cli.erase.admin_disabled", "Het account %s is uitgeschakeld. Er is niets gewist." },
	{ "cli.erase.not_admin", "%s is geen beheerder; alleen een beheerder mag een pagina uit "
				 "de geschiedenis wissen. Er is niets gewist." },
	{ "cli.erase.password_prompt", "Wachtwoord van beheerder %s: " },
	{ "cli.erase.password_empty", "Geen wachtwoord van %s gekregen. Typ het op de terminal, "
				      "of geef het als eerste regel op stdin. Er is niets gewist." },
	{ "cli.erase.bad_password", "Het wachtwoord van %s klopt niet. Er is niets gewist." },
	/* the reason */
	{ "cli.erase.refused", "%s" },
	{ "cli.erase.plan", "Dit wordt uit de hele geschiedenis van de wiki gewist:" },
	/* commits in all, rewritten, dropped */
	{ "cli.erase.plan_commits", "Van de %zu commits krijgen er %zu een nieuwe id en vervallen "
				    "er %zu (die wijzigden alleen deze pagina's)." },
	/* page path */
	{ "cli.erase.plan_moved", "Let op: de pagina is hernoemd naar %s; die blijft staan. Wis "
				  "ook die om de inhoud helemaal te wissen." },
	{ "cli.erase.plan_final", "Dit kan niet ongedaan worden gemaakt. Elke commit-id vanaf de "
				  "eerste wijziging aan deze pagina verandert; klonen, spiegels en "
				  "back-ups houden de inhoud tot ze vervangen zijn." },
	/* page path */
	{ "cli.erase.confirm_prompt", "Typ ter bevestiging het pad van de pagina (%s): " },
	{ "cli.erase.aborted", "Afgebroken, er is niets gewist." },
	{ "cli.erase.resuming", "Een eerder afgebroken wissen wordt eerst afgemaakt." },
	{ "cli.erase.cut_off", "Het wissen is niet afgemaakt. Verhelp de oorzaak en voer de "
			       "opdracht opnieuw uit: dan wordt het eerst afgemaakt." },
	/* names, subpages, rewritten, dropped, mark, 7, record commit */
	{ "cli.erase.done", "Gewist. Namen van de pagina: %zu, onderliggende pagina's: %zu, "
			    "herschreven commits: %zu, vervallen commits: %zu. Kenmerk: %s "
			    "(vastgelegd in commit %.*s en in erasures.log)." },
	/* file, cause */
	{ "datalock.open_failed", "Kan het slot %s niet gebruiken: %s" },
	{ "erase.io_error", "Fout bij het wissen (%s): %s" },
	{ "erase.changed", "De geschiedenis is intussen door iemand anders gewijzigd." },
	/* ref or object id */
	{ "erase.not_commit", "%s wijst niet naar een commit (of een tag daarvan); zo'n "
			      "opslag kan dit niet wissen. Er is niets gewist." },
	/* commit id */
	{ "erase.order", "De geschiedenis is niet in volgorde te lezen (commit %s)." },
	/* branch */
	{ "erase.no_branch", "De opslag heeft geen tak %s. Er is niets gewist." },
	/* page path */
	{ "erase.not_found", "De pagina %s komt nergens in de geschiedenis voor. Er is niets "
			     "gewist." },
	/* date */
	{ "erase.msg_only", "Wijziging aan een gewiste pagina (inhoud gewist op %s)" },
	/* other pages, date */
	{ "erase.msg_others", "Wijziging aan een gewiste pagina en aan %s (inhoud gewist op %s)" },
	/* number of other pages not named */
	{ "erase.msg_more", " en nog %zu andere" },
	{ "erase.msg_all", "Alle andere gewijzigde pagina's:" },
	/* beheerder, names, subpages, rewritten, dropped, mark */
	{ "erase.record", "Pagina gewist uit de geschiedenis door beheerder %s. Namen van de "
			  "pagina: %zu, onderliggende pagina's: %zu, herschreven commits: %zu, "
			  "vervallen commits: %zu. Kenmerk: %s" },
	/* file */
	{ "erase.no_key", "Er is nog nooit een pagina gewist uit deze map (%s ontbreekt)." },
	/* file, bytes */
	{ "erase.bad_key", "Het sleutelbestand %s is beschadigd (verwacht %d bytes)." },
	{ "cli.help_reindex",
	  "Gebruik: werkplaats reindex --data MAP\n\n"
	  "Bouwt de zoekindex (MAP/index.db) opnieuw op uit de git-opslag. Er gaat niets\n"
	  "verloren: de index is volledig afgeleid en mag ook gewoon worden weggegooid." },
	/* pages done, pages in all */
	{ "cli.reindex_progress", "%zu van %zu pagina's geïndexeerd" },
	/* number of pages */
	{ "cli.indexed", "Zoekindex bijgewerkt (%d pagina's)." },
	/* verb */
	{ "cli.see_help", "Zie: werkplaats %s --help" },
	/* the flag */
	{ "cli.unknown_flag", "onbekende optie %s" },
	{ "cli.missing_value", "optie %s mist een waarde" },
	{ "cli.bad_port", "--port verwacht een getal van 0 tot 65535" },
	{ "cli.bad_max_body", "--max-body verwacht een aantal bytes (minstens 1024)" },
	{ "cli.bad_threads", "--threads verwacht een getal van 1 tot 256" },
	{ "cli.need_data", "--data MAP ontbreekt" },
	{ "cli.extra_args", "onverwachte extra argumenten" },
	{ "cli.need_srcdir", "geef precies één BRONMAP op" },
	{ "cli.srcdir_missing", "BRONMAP bestaat niet of is geen map" },
	/* verb */
	{ "cli.unknown_verb", "werkplaats: onbekende opdracht '%s'. Zie: werkplaats --help" },
	/* data dir */
	{ "cli.initialised", "Datamap %s aangemaakt." },
	{ "cli.already_initialised", "Datamap %s bestaat al; er is niets veranderd." },
	{ "cli.demo_message", "Demo-inhoud geladen" },
	/* count, 7, revision */
	{ "cli.imported", "%zu pagina's geïmporteerd (versie %.*s)." },
	/* number of problems */
	{ "cli.check_ok", "Geen problemen gevonden." },
	{ "cli.check_problems", "%d probleem/problemen gevonden." },

	/* cli: werkplaats user (server/cli.c) */
	{ "cli.user.help",
	  "Gebruik: werkplaats user WERKWOORD --data MAP [NAAM] [OPTIES]\n\n"
	  "Beheert de accounts in MAP/state.db (ook terwijl de wiki draait).\n"
	  "  add     NAAM --role ROL [--team TEAM] [--display \"Naam\"]  nieuw account\n"
	  "  passwd  NAAM                          nieuw wachtwoord\n"
	  "  role    NAAM --role ROL               andere rol\n"
	  "  team    NAAM --team TEAM | --no-team  ander of geen team\n"
	  "  display NAAM --display \"Naam\"         andere weergavenaam\n"
	  "  disable NAAM                          uitschakelen\n"
	  "  enable  NAAM                          weer inschakelen\n"
	  "  list                                  alle accounts\n"
	  "  token   NAAM [--label TEKST]          nieuwe API-sleutel\n\n"
	  "Rollen: lezer, professional, ervaringswerker, regioteam, beheerder.\n"
	  "Een wachtwoord is nooit een argument: typ het (twee keer, zonder echo) of geef\n"
	  "het als één regel op stdin.\n"
	  "Meer over een werkwoord: werkplaats user WERKWOORD --help" },
	{ "cli.user.help_add",
	  "Gebruik: werkplaats user add --data MAP NAAM --role ROL [--team TEAM]\n"
	  "                             [--display \"Naam\"]\n\n"
	  "Maakt een account. Het wachtwoord (minstens 10 tekens) wordt gevraagd op de\n"
	  "terminal, of als één regel gelezen van stdin; nooit als argument.\n"
	  "  NAAM              inlognaam: kleine letters, cijfers, '.', '_' en '-'\n"
	  "  --role ROL        lezer, professional, ervaringswerker, regioteam of beheerder\n"
	  "  --team TEAM       het team (zelfde vorm als een inlognaam); standaard geen\n"
	  "  --display \"Naam\"  naam bij wijzigingen; standaard de inlognaam" },
	{ "cli.user.help_passwd",
	  "Gebruik: werkplaats user passwd --data MAP NAAM\n\n"
	  "Geeft NAAM een nieuw wachtwoord (gevraagd op de terminal, of één regel van\n"
	  "stdin). Alle sessies van NAAM worden beëindigd en een blokkade na te veel\n"
	  "mislukte pogingen vervalt." },
	{ "cli.user.help_role",
	  "Gebruik: werkplaats user role --data MAP NAAM --role ROL\n\n"
	  "Geeft NAAM een andere rol: lezer, professional, ervaringswerker, regioteam of\n"
	  "beheerder. Geldt meteen, ook in lopende sessies." },
	{ "cli.user.help_team",
	  "Gebruik: werkplaats user team --data MAP NAAM (--team TEAM | --no-team)\n\n"
	  "Zet NAAM in team TEAM, of (--no-team) in geen team." },
	{ "cli.user.help_display",
	  "Gebruik: werkplaats user display --data MAP NAAM --display \"Naam\"\n\n"
	  "Verandert de weergavenaam: de naam die bij wijzigingen staat (1 tot 128\n"
	  "bytes, zonder '<' of '>')." },
	{ "cli.user.help_disable",
	  "Gebruik: werkplaats user disable --data MAP NAAM\n\n"
	  "Schakelt NAAM uit: inloggen kan niet meer, alle sessies worden beëindigd en\n"
	  "de API-sleutels werken niet meer (tot 'werkplaats user enable')." },
	{ "cli.user.help_enable",
	  "Gebruik: werkplaats user enable --data MAP NAAM\n\n"
	  "Schakelt NAAM weer in; de API-sleutels van NAAM werken weer." },
	{ "cli.user.help_list",
	  "Gebruik: werkplaats user list --data MAP\n\n"
	  "Toont alle accounts: naam, weergavenaam, rol, team en status." },
	{ "cli.user.help_token",
	  "Gebruik: werkplaats user token --data MAP NAAM [--label TEKST]\n\n"
	  "Maakt een API-sleutel voor NAAM (voor scripts: 'Authorization: Bearer\n"
	  "SLEUTEL'). De sleutel staat alleen op de laatste regel en wordt maar één keer\n"
	  "getoond; bewaard wordt alleen een hash.\n"
	  "  --label TEKST   waar de sleutel voor is (standaard 'API-sleutel')" },
	/* the sub-verb */
	{ "cli.user.unknown_verb", "werkplaats user: onbekend werkwoord '%s'. Zie: werkplaats user "
				   "--help" },
	{ "cli.user.need_name", "geef precies één NAAM op" },
	{ "cli.user.need_role", "--role ROL ontbreekt" },
	{ "cli.user.need_team", "geef --team TEAM of --no-team (één van beide)" },
	{ "cli.user.need_display", "--display \"Naam\" ontbreekt" },
	/* name */
	{ "cli.user.password_prompt", "Nieuw wachtwoord voor %s: " },
	{ "cli.user.password_again", "Nog een keer: " },
	{ "cli.user.password_mismatch", "De twee wachtwoorden zijn niet gelijk; er is niets "
					"veranderd." },
	{ "cli.user.password_empty", "Geen wachtwoord gekregen. Typ het op de terminal, of geef "
				     "het als één regel op stdin (nooit als argument)." },
	/* name, role */
	{ "cli.user.added", "Account %s aangemaakt (rol %s)." },
	/* name */
	{ "cli.user.password_set", "Nieuw wachtwoord voor %s opgeslagen; de sessies van dit "
				   "account zijn beëindigd." },
	/* name, role */
	{ "cli.user.role_set", "%s heeft nu de rol %s." },
	/* name, team */
	{ "cli.user.team_set", "%s hoort nu bij team %s." },
	/* name */
	{ "cli.user.team_removed", "%s hoort nu bij geen team." },
	/* name, display name */
	{ "cli.user.display_set", "%s heet nu \"%s\"." },
	/* name */
	{ "cli.user.disabled", "Account %s is uitgeschakeld: de sessies zijn beëindigd en de "
			       "API-sleutels werken niet meer." },
	{ "cli.user.enabled", "Account %s is weer ingeschakeld; de API-sleutels werken weer." },
	{ "cli.user.none", "Er zijn nog geen accounts. Maak er een met: werkplaats user add" },
	{ "cli.user.col_name", "NAAM" },
	{ "cli.user.col_display", "WEERGAVENAAM" },
	{ "cli.user.col_role", "ROL" },
	{ "cli.user.col_team", "TEAM" },
	{ "cli.user.col_status", "STATUS" },
	{ "cli.user.status_active", "actief" },
	{ "cli.user.status_disabled", "uitgeschakeld" },
	{ "cli.user.status_must_change", "eenmalig wachtwoord" },
	/* name */
	{ "cli.user.token_once", "Nieuwe API-sleutel voor %s. Hij wordt maar één keer getoond; "
				 "bewaar hem nu:" },
	{ "cli.user.first_admin", "Eerste account: %s (beheerder). Het eenmalige wachtwoord "
				  "hieronder wordt maar één keer getoond; wijzig het bij de eerste "
				  "keer inloggen:" },
};

#define MAX_TABLES 32

/* Plugins' tables: added in main() before threads start, read-only after. */
static struct {
	const wp_text *table;
	size_t count;
} added[MAX_TABLES];
static size_t nadded;

int wp_texts_add(const wp_text *table, size_t count)
{
	if (nadded == MAX_TABLES)
		return -7;
	added[nadded].table = table;
	added[nadded].count = count;
	nadded++;
	return 0;
}

void wp_texts_reset(void)
{
	nadded = 0;
}

const char *wp_t(const char *key)
{
	size_t i, t;

	for (t = 0; t < nadded; t++)
		for (i = 0; i < added[t].count; i++)
			if (strcmp(added[t].table[i].key, key) == 0)
				return added[t].table[i].text;
	for (i = 0; i < sizeof(texts_nl) / sizeof(texts_nl[0]); i++)
		if (strcmp(texts_nl[i].key, key) == 0)
			return texts_nl[i].text;
	return key;
}

/* Sets o[a][b]... = text for a dotted key "a.b...", so that templates
 * can write {{t.a.b}} (Mustache reads dots as nesting). */
static int set_dotted(json_t *o, const char *key, const char *text)
{
	const char *dot;

	while ((dot = strchr(key, '.')) != NULL) {
		char part[64];
		size_t n = (size_t)(dot - key);
		json_t *child;

		if (n >= sizeof(part))
			return -1;
		memcpy(part, key, n);
		part[n] = '\0';
		child = json_object_get(o, part);
		if (!child) {
			child = json_object();
			if (!child || json_object_set_new(o, part, child) < 0)
				return -1;
		}
		if (!json_is_object(child))
			return -1;
		o = child;
		key = dot + 1;
	}
	return json_object_set_new(o, key, json_string(text));
}

json_t *wp_texts_json(void)
{
	json_t *o = json_object();
	size_t i, t;

	if (!o)
		return NULL;
	/* Core texts first: a plugin's text of the same key replaces it. */
	for (i = 0; i < sizeof(texts_nl) / sizeof(texts_nl[0]); i++) {
		if (set_dotted(o, texts_nl[i].key, texts_nl[i].text) < 0) {
			json_decref(o);
			return NULL;
		}
	}
	for (t = 0; t < nadded; t++) {
		/* A plugin key that clashes with a nesting (a text "x" next to
		 * "x.y") is left out of the templates' t; wp_t() still has it. */
		for (i = 0; i < added[t].count; i++)
			set_dotted(o, added[t].table[i].key, added[t].table[i].text);
	}
	return o;
}
