/* gen.c - wp_bench_gen: a deterministic corpus of wiki pages for the benchmarks.
 *
 * Usage: wp_bench_gen OUTDIR N [SEED]
 *
 * Writes N Markdown pages with YAML front matter under OUTDIR (created if missing, refused when
 * not empty), in the folder layout of the content repository (see ../shared/DOMAIN.md), ready
 * for `werkplaats import --data D OUTDIR`. The point is a corpus that behaves like a real
 * social-domain wiki for storage, rendering and search, at any size, without real stories.
 *
 * The corpus
 * - Mix of page types: 4% dilemmas/, 6% systeemfouten/, 8% olifantenpaden/, 2% handreikingen/,
 *   15% perspectives (verhalen/<story>/perspectieven/<slug>, under a random story), the rest
 *   (about 65%) verhalen/. N must be at least 10; there is always at least one dilemma,
 *   systeemfout and verhaal.
 * - Front matter per type, with the fields of DOMAIN.md: a verhaal has titel, verteller,
 *   dilemmas (1-3 slugs of generated dilemmas), wetten, leefgebieden, regio, datum ("YYYY-MM",
 *   2023-01 .. 2025-12), zichtbaarheid (80% openbaar, 15% ingelogd, 5% team) and anonimisering;
 *   an olifantenpad always names a generated systeemfout; list fields hold slugs of generated
 *   pages, and popular dilemmas and systeemfouten are referenced far more often than others
 *   (index picked log-uniformly, roughly 1/rank).
 * - Slugs: the title folded to [a-z0-9-], cut to 60 bytes, plus "-" and the page index in base
 *   36, so every path is valid for the wiki and unique.
 * - Body: 300 to about 1500 words (writing stops past 300 + 1140 * u^2 words, u uniform in
 *   [0, 1], then one sentence and the "Zie ook" list may follow; mean about 700 words): an
 *   italic vignette, "## " sections with paragraphs of generated Dutch sentences (a dozen
 *   sentence patterns over word classes, with de/het agreement), bullet and numbered lists,
 *   [[wikilinks]] to other generated pages in all three forms ([[slug]], [[folder/slug]],
 *   [[folder/slug|Titel]]), and a closing "## Zie ook" list of links.
 * - Vocabulary: about 460 Dutch words of the social domain in classes (238 nouns, 86 verbs, 64
 *   adjectives, adverbs, pronouns, prepositions, conjunctions), each class drawn with
 *   Zipf-Mandelbrot weights 1/(rank + 2), plus phrase lists for titles and front matter.
 * - Marker words for search: "gemeente" is the noun of rank 3 (and a value of some front-matter
 *   fields) and so appears in nearly every page (well over 80%; the exact count of files holding
 *   it is printed, about 99.6%); "kwijtschelding" appears in exactly one sentence
 *   of each page whose index i has i % 1000 == 7 (one page when N < 1000), i.e. 0.1% of pages,
 *   and nowhere else. Neither word is part of a longer word anywhere in the corpus.
 * - Determinism: splitmix64, seeded per page from SEED (default 1) and the page index, and only
 *   integer arithmetic, so the same N and SEED give byte-identical files on any machine.
 *
 * On success prints one line of key=value pairs on stdout (pages, per-type counts, words,
 * bytes, common_word, common_pages, rare_word, rare_pages) and exits 0; usage errors exit 2,
 * I/O errors exit 1. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#define MIN_PAGES      10
#define MAX_PAGES      10000000
#define SLUG_BASE_MAX  60
#define ZIPF_SCALE     (1u << 20)
#define ZIPF_SHIFT     2 /* weight 1/(rank + 2): Zipf-Mandelbrot, a less spiky head */
#define COMMON_WORD    "gemeente"
#define RARE_WORD      "kwijtschelding"
#define RARE_EVERY     1000
#define RARE_AT        7
#define LINK_RELATED_P 30 /* percent of links that go to a page named in the front matter */

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- word lists --------------------------------------------------------------------------- */

/* Nouns, most frequent first. A leading '=' marks a het-word (for the article); no entry contains
 * COMMON_WORD or RARE_WORD as part of a longer word. */
static const char *const nouns[] = {
	"inwoner", "=wijkteam", "gemeente", "hulp", "=gezin", "moeder", "school", "consulent",
	"zorg", "vader", "brief", "aanvraag", "beschikking", "indicatie", "regeling", "jongere",
	"=kind", "mantelzorg", "schuld", "wachtlijst", "afspraak", "aanbieder", "zelfregie",
	"=maatwerk", "opvoeding", "huisarts", "ervaringswerker", "jeugdhulpverlener", "wijkcoach",
	"=huisbezoek", "keukentafel", "=gesprek", "uitkering", "woning", "=inkomen", "toeslag",
	"schuldhulp", "jeugdhulp", "dagbesteding", "begeleiding", "=budget", "=formulier",
	"termijn", "=loket", "verhuizing", "zorgverzekeraar", "=zorgkantoor", "=netwerk",
	"buurvrouw", "oma", "zoon", "dochter", "leerplichtambtenaar", "=contact", "=vertrouwen",
	"=plan", "=ondersteuningsplan", "=traject", "=overleg", "=team", "=besluit", "=bezwaar",
	"procedure", "regel", "wet", "uitvoering", "=beleid", "inkoop", "=contract", "declaratie",
	"=pgb", "=huishouden", "woningcorporatie", "energieleverancier", "deurwaarder",
	"betalingsachterstand", "betalingsregeling", "=beslag", "bijstand", "bijverdienste",
	"terugvordering", "boete", "vergoeding", "bijdrage", "wachttijd", "intake", "=onderzoek",
	"=keukentafelgesprek", "cliëntondersteuner", "cliënt", "=welzijn", "=werk", "baan",
	"stage", "opleiding", "=diploma", "leraar", "mentor", "zorgcoördinator",
	"=samenwerkingsverband", "=wijkcentrum", "buurt", "wijk", "regio", "=ministerie",
	"belastingdienst", "kwetsbaarheid", "veerkracht", "eenzaamheid", "schaamte", "angst",
	"stress", "rust", "ruimte", "tijd", "=geld", "dementie", "verslaving", "=autisme",
	"depressie", "beperking", "=ziekenhuis", "revalidatie", "=verpleeghuis", "thuiszorg",
	"wijkverpleegkundige", "respijtzorg", "logeeropvang", "mantelzorger", "vrijwilliger",
	"buddy", "tolk", "statushouder", "nieuwkomer", "inburgering", "=vervoer", "rolstoel",
	"scootmobiel", "woningaanpassing", "traplift", "=meldpunt", "=signaal", "zorgmelding",
	"=gezag", "voogd", "pleegzorg", "=pleeggezin", "gezinscoach", "=gezinsplan",
	"zelfstandigheid", "privacy", "toestemming", "overdracht", "samenwerking",
	"=eigenaarschap", "regie", "=casusoverleg", "escalatie", "ambtenaar", "wethouder",
	"beleidsmedewerker", "contractmanager", "verantwoording", "registratie", "=systeem",
	"=portaal", "=ouderschap", "scheiding", "=conflict", "omgangsregeling", "kinderopvang",
	"=peuterwerk", "=consultatiebureau", "jeugdarts", "=schoolverzuim", "thuiszitter",
	"=maatschappelijk werk", "=buurtteam", "huurachterstand", "=energiecontract",
	"=water", "=eten", "voedselbank", "kledingbank", "=huis", "=adres", "=briefadres",
	"=postvak", "envelop", "=telefoonnummer", "=spreekuur", "balie", "wachtkamer",
	"=doel", "=resultaat", "evaluatie", "herindicatie", "=maatwerkarrangement",
	"=arrangement", "=product", "=tarief", "=uurtarief", "=zorgprofiel", "=vonnis",
	"rechter", "advocaat", "bewindvoerder", "=bewind", "=mentorschap", "curatele",
	"=inkomstenformulier", "=verzoek", "=antwoord", "vraag", "=probleem", "oplossing",
	"=uitgangspunt", "ervaring", "=vakmanschap", "wetenschap", "=perspectief", "=dilemma",
	"afweging", "grens", "=risico", "veiligheid", "=welbevinden", "gezondheid",
	"=sporten", "vereniging", "bibliotheek", "=buurthuis", "kerk", "moskee",
	"=bericht", "=telefoontje", "=appje", "=gesprekje",
};

/* Verbs, third person singular present (they agree with every subject below). */
static const char *const verbs[] = {
	"regelt", "vraagt", "belt", "verzwijgt", "bespreekt", "ondersteunt", "meldt", "zoekt",
	"betaalt", "opent", "schrijft", "leest", "stuurt", "weigert", "beoordeelt", "verlengt",
	"stopt", "start", "helpt", "begeleidt", "ziet", "hoort", "begrijpt", "mist", "kent",
	"deelt", "plant", "organiseert", "herkent", "onderbreekt", "koppelt", "combineert",
	"bundelt", "vermijdt", "voorkomt", "signaleert", "onderzoekt", "toetst", "verstrekt",
	"verrekent", "blokkeert", "vertraagt", "versnelt", "verliest", "krijgt", "houdt",
	"geeft", "neemt", "brengt", "maakt", "verantwoordt", "informeert", "controleert",
	"registreert", "declareert", "financiert", "coördineert", "bemiddelt", "adviseert",
	"ervaart", "benoemt", "erkent", "waardeert", "vergeet", "noemt", "vindt", "kiest",
	"verandert", "beëindigt", "bewaakt", "beschermt", "volgt", "vertrouwt", "accepteert",
	"betwijfelt", "onderschat", "overschat", "bewijst", "aanvaardt", "herhaalt", "herziet",
	"vervangt", "verduidelijkt", "ontvangt", "doorbreekt", "versterkt",
};

/* Adjectives, in the inflected form that fits every article used with them. */
static const char *const adjectives[] = {
	"nieuwe", "lastige", "eigen", "tijdelijke", "vaste", "aparte", "lange", "korte", "zware",
	"kwetsbare", "jonge", "oude", "volgende", "eerste", "laatste", "hele", "warme", "kleine",
	"grote", "passende", "snelle", "zorgvuldige", "duidelijke", "onduidelijke", "formele",
	"informele", "gezamenlijke", "regionale", "landelijke", "lokale", "dringende", "juiste",
	"verkeerde", "dubbele", "losse", "volledige", "gewone", "bijzondere", "moeilijke",
	"eenvoudige", "praktische", "financiële", "sociale", "psychische", "lichamelijke",
	"huiselijke", "acute", "structurele", "persoonlijke", "professionele", "stille", "echte",
	"betere", "goede", "slechte", "redelijke", "haalbare", "rommelige", "afgewezen",
	"verlengde", "gedeelde", "vergeten", "onbetaalde", "open",
};

static const char *const adverbs[] = {
	"ook", "nog", "al", "niet", "vaak", "meteen", "later", "samen", "eigenlijk", "opnieuw",
	"zelf", "toch", "steeds", "soms", "altijd", "nooit", "eerst", "daarna", "gelukkig",
	"helaas", "uiteindelijk", "gewoon", "echt", "weer", "snel", "rustig", "voorzichtig",
	"bewust", "zelden", "elke week",
};

/* Subjects that are not a noun phrase. */
static const char *const pronouns[] = {
	"zij", "hij", "niemand", "iedereen", "elke collega", "de een", "men",
};

static const char *const prepositions[] = {
	"met", "voor", "bij", "over", "zonder", "na", "tijdens", "in", "op", "naar", "van", "door",
	"tegen", "rond", "binnen", "buiten", "onder", "via",
};

static const char *const coordinators[] = { "en", "maar", "want", "dus", "of" };

static const char *const subordinators[] = {
	"omdat", "terwijl", "zodat", "als", "nadat", "voordat", "hoewel", "totdat", "zodra",
};

/* Sentence patterns: S subject, V verb, N article + noun, M article + adjective + noun,
 * P preposition, R adverb, C coordinator, U subordinator (verb-final clause follows), ','. */
static const char *const patterns[] = {
	"SVN",	   "SVRN",	"SVNPN",      "SVMPN",	  "SVRPM",    "PNVSN",	  "RVSNPM",
	"SVN,CSVRN", "SVN,USNV", "USNRV,VSN", "NPNVRM",  "SVMPNPN",  "PMVSRN",
};

static const char *const de_articles[] = { "de", "de", "de", "een", "deze", "die", "onze" };
static const char *const het_articles[] = { "het", "het", "het", "een", "dit", "dat", "ons" };
/* Articles before adjective + het-word: "een" would need the uninflected adjective. */
static const char *const het_articles_adj[] = { "het", "het", "dit", "dat", "ons" };

static const char *const link_lead_ins[] = {
	"Zie ook", "Lees ook", "Dit lijkt op", "Vergelijk", "Meer daarover in", "Het team noemde",
};

static const char *const rare_sentences[] = {
	"Het verzoek om " RARE_WORD " van de lokale belastingen bleef maanden liggen.",
	"Pas na een brief over " RARE_WORD " van de waterschapsbelasting kwam er rust.",
	"Niemand had verteld dat " RARE_WORD " ook voor de afvalstoffenheffing bestaat.",
};

/* ---- phrase lists for titles and front matter ---------------------------------------------- */

static const char *const values[] = {
	"zelfregie", "bescherming", "privacy", "samenwerken", "regels volgen", "maatwerk leveren",
	"snel helpen", "zorgvuldig beoordelen", "gezin centraal", "kind centraal", "vertrouwen",
	"controle", "eigen kracht", "professionele zorg", "rechtmatigheid", "doelmatigheid",
	"gelijke behandeling", "ongelijk behandelen", "loslaten", "vasthouden", "tempo",
	"draagvlak", "risico nemen", "veiligheid", "autonomie", "verbinding", "budget bewaken",
	"ruimte geven", "verantwoorden", "nabijheid",
};

static const char *const persons[] = {
	"Moeder van drie", "Vader met twee banen", "Meneer van tachtig", "Mevrouw met dementie",
	"Jongen van zeventien", "Meisje van vijftien", "Gezin uit Eritrea", "Mantelzorger",
	"Oma met twee kleinkinderen", "Alleenstaande vader", "Student met schulden",
	"Weduwnaar", "Jonge moeder", "Buurman met een rolstoel", "Statushouder",
	"Zzp'er zonder inkomen", "Tienermoeder", "Broer en zus", "Echtpaar van negentig",
	"Vrouw na een scheiding", "Man met een verslaving", "Thuiszitter", "Pleegkind",
	"Moeder in de schuldhulp", "Vader na ontslag", "Jongere in de opvang",
};

static const char *const twists[] = {
	"en de wachtlijst", "zonder indicatie", "tussen twee loketten", "en het formulier",
	"met een terugvordering", "die niemand belde", "op de grens van de wet",
	"en vijftig euro te veel", "na de verhuizing", "zonder netwerk", "en de deurwaarder",
	"die geen hulp wil", "tussen Wmo en Jeugdwet", "en de achttiende verjaardag",
	"met zes schuldeisers", "en een lege koelkast", "die alles zelf wil doen",
	"en de derde beschikking", "bij de keukentafel", "en het verlopen pgb",
	"in de wachtkamer", "met een briefadres", "en de gesloten deur",
};

static const char *const problems[] = {
	"Indicatie vervalt", "Aparte intakes", "Dubbele aanvraag", "Terugvordering",
	"Stopgezette toeslag", "Wachtlijst", "Geen overgangsregeling", "Verrekening",
	"Te korte termijn", "Losse loketten", "Geen gegevensdeling", "Contract zonder ruimte",
	"Productcode past niet", "Eigen bijdrage stapelt", "Herindicatie elk jaar",
	"Declaratie per kwartier", "Beslag onder de beslagvrije voet", "Geen briefadres",
};

static const char *const solutions[] = {
	"Warme overdracht", "Vaste maandafspraak", "Een keukentafel", "Respijt via vrijwilligers",
	"Doorlopen op eigen risico", "Samen het formulier invullen", "Tijdelijke voorziening",
	"Gedeelde contactpersoon", "Noodbudget", "Voorschot op de uitkering",
	"Huisbezoek in plaats van loket", "Een brief in gewone taal", "Vaste wijkcoach",
	"Buddy voor de eerste maand", "Betaalpauze met de verhuurder",
};

static const char *const contexts[] = {
	"bij verhuizing", "na de achttiende verjaardag", "voor kleine inkomsten",
	"tijdens een Wlz-aanvraag", "tussen Wmo en Jeugdwet", "in de schuldhulp", "bij opname",
	"voor mantelzorgers", "bij een pgb", "in de bijstand", "na een scheiding",
	"voor statushouders", "bij thuiszitters", "in de nacht", "voor jonge ouders",
};

static const char *const topics[] = {
	"schulden en opvoeding", "de basisafspraak", "de overgang naar volwassenheid",
	"mantelzorg en respijt", "privacy in de wijk", "samenwerken met de school",
	"werken met ervaringswerkers", "maatwerk in de Wmo", "het keukentafelgesprek",
	"escaleren van systeemfouten", "het wat-werkt-gesprek", "anonimiseren van verhalen",
};

static const char *const views[] = {
	"Eerst rust in je hoofd", "Het kind wacht niet", "Schuldhulp in de keten",
	"Wat ik had willen horen", "Regels zijn er voor iedereen", "Zo zag ik het aan tafel",
	"Niet over maar met", "Het budget is niet oneindig", "Ik herken mezelf",
	"Wij zagen het te laat", "De wet laat meer ruimte", "Vertrouwen kost tijd",
};

static const char *const roles[] = {
	"wijkcoach", "ervaringswerker", "jeugdhulpverlener", "consulent", "schuldhulpverlener",
	"huisarts", "gemeente", "aanbieder", "wijkverpleegkundige", "cliëntondersteuner",
};

/* The perspective schema's rol for each of roles[] (plugins/verhalen). */
static const char *const schema_roles[] = {
	"professional", "ervaringswerker", "professional", "professional", "professional",
	"professional", "gemeente",	   "aanbieder",	   "professional", "professional",
};

static const char *const sources[] = { "ervaring", "vakmanschap", "wetenschap" };

static const char *const laws[] = { "Wmo", "Jeugdwet", "Participatiewet", "Wgs", "Zvw", "Wlz" };

static const char *const life_areas[] = {
	"financiën", "opvoeding", "onderwijs", "psychisch welzijn", "wonen", "werk",
	"gezondheid", "sociaal netwerk", "dagbesteding", "veiligheid",
};

static const char *const regions[] = {
	"regio Noord", "regio Oost", "regio Zuid", "regio West", "regio Midden", "regio Zuidoost",
	"regio Noordwest",
};

static const char *const owners[] = {
	"gemeente", "regio", "aanbieder", "zorgverzekeraar", "rijksuitvoerder", "ministerie",
};

static const char *const escalations[] = { "team", "gemeente", "regio", "landelijk" };

static const char *const sf_states[] = {
	"gemeld", "herkend", "aan de orde gesteld", "in behandeling", "opgelost", "gesloten",
};

static const char *const op_states[] = { "experiment", "teampraktijk", "geformaliseerd" };

static const char *const headings[][6] = {
	{ "Twee kanten", "Waar het vandaan komt", "Wat helpt bij het afwegen", "In de praktijk",
	  "Wat het team ervan leerde", "Open vragen" },
	{ "Wat er misgaat", "Gevolgen die we zien", "Wie het kan oplossen", "Wat we vragen",
	  "Terugkoppeling", "Hoe vaak het voorkomt" },
	{ "Het obstakel", "De tijdelijke oplossing", "Wie het mag gebruiken", "Risico's",
	  "De systeemfout erachter", "Ervaringen" },
	{ "De afspraak", "Stappen", "Rollen", "Voorbeelden uit de praktijk", "Wanneer niet",
	  "Herziening" },
	{ "Wat er gebeurde", "Wat moeilijk was", "Wat we probeerden", "Wat werkte",
	  "Waar ik nog over twijfel", "Wat ik anders zou doen" },
	{ "Wat ik herken", "Wat mij had geholpen", "Hoe ik het zie",
	  "Wat ik de professionals wil meegeven", "Waar ik het mee oneens ben", "Tot slot" },
};

static const char *const details[] = {
	"alleenstaand", "net verhuisd", "met een uitkering", "zonder netwerk",
	"met schulden bij zes schuldeisers", "al jaren bekend bij het wijkteam",
	"met een kind dat thuiszit", "met een zieke partner", "die de taal nog leert",
	"met een pgb dat afloopt", "met een baan op oproepbasis",
};

/* ---- the random source ---------------------------------------------------------------------- */

typedef struct {
	uint64_t s;
} rng;

/* splitmix64: tiny, fast, and the same stream everywhere. */
static uint64_t rng_next(rng *r)
{
	uint64_t z;

	r->s += 0x9e3779b97f4a7c15ULL;
	z = r->s;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A stream per (seed, page, purpose), so one page's content never depends on another's. */
static void rng_seed(rng *r, uint64_t seed, uint64_t index, uint64_t stream)
{
	r->s = seed ^ (index * 0xd1b54a32d192ed03ULL) ^ (stream << 56);
	rng_next(r);
}

/* Uniform in [0, n), n < 2^32 (multiply-shift; the bias is far below what matters here). */
static size_t rng_below(rng *r, size_t n)
{
	return (size_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

static int rng_percent(rng *r, unsigned p)
{
	return rng_below(r, 100) < p;
}

/* An index in [0, n) with density about 1/(i+1): a uniform index below a power of two whose
 * exponent is itself uniform. Integer-only, unlike pow(), so every machine agrees. */
static size_t rng_popular(rng *r, size_t n)
{
	size_t bits = 0, span;

	while (bits < 40 && ((size_t)1 << bits) < n)
		bits++;
	span = (size_t)1 << rng_below(r, bits + 1);
	return rng_below(r, span < n ? span : n);
}

#define PICK(r, list) ((list)[rng_below((r), COUNT(list))])

/* ---- Zipf-weighted word classes ------------------------------------------------------------- */

typedef struct {
	const char *const *words;
	size_t n;
	uint32_t *cum; /* cum[i]: sum of the weights of ranks 1..i+1 */
} wclass;

typedef struct {
	wclass noun, verb, adj, adv, pron, prep, coord, sub;
} vocab;

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("wp_bench_gen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void wclass_init(wclass *c, const char *const *words, size_t n)
{
	uint32_t sum = 0;
	size_t i;

	c->words = words;
	c->n = n;
	c->cum = malloc(n * sizeof(*c->cum));
	if (!c->cum)
		die("out of memory");
	for (i = 0; i < n; i++) {
		sum += ZIPF_SCALE / (uint32_t)(i + 1 + ZIPF_SHIFT);
		c->cum[i] = sum;
	}
}

static const char *wclass_pick(const wclass *c, rng *r)
{
	uint32_t x = (uint32_t)rng_below(r, c->cum[c->n - 1]);
	size_t lo = 0, hi = c->n - 1;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (c->cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return c->words[lo];
}

static void vocab_init(vocab *v)
{
	wclass_init(&v->noun, nouns, COUNT(nouns));
	wclass_init(&v->verb, verbs, COUNT(verbs));
	wclass_init(&v->adj, adjectives, COUNT(adjectives));
	wclass_init(&v->adv, adverbs, COUNT(adverbs));
	wclass_init(&v->pron, pronouns, COUNT(pronouns));
	wclass_init(&v->prep, prepositions, COUNT(prepositions));
	wclass_init(&v->coord, coordinators, COUNT(coordinators));
	wclass_init(&v->sub, subordinators, COUNT(subordinators));
}

static void vocab_dispose(vocab *v)
{
	free(v->noun.cum);
	free(v->verb.cum);
	free(v->adj.cum);
	free(v->adv.cum);
	free(v->pron.cum);
	free(v->prep.cum);
	free(v->coord.cum);
	free(v->sub.cum);
}

/* ---- output buffer -------------------------------------------------------------------------- */

typedef struct {
	char *p;
	size_t len, cap;
} obuf;

static void ob_putn(obuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		char *p;

		while (b->len + n + 1 > cap)
			cap *= 2;
		p = realloc(b->p, cap);
		if (!p)
			die("out of memory");
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void ob_put(obuf *b, const char *s)
{
	ob_putn(b, s, strlen(s));
}

static void ob_printf(obuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void ob_printf(obuf *b, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp))
		die("internal: formatted text too long");
	ob_putn(b, tmp, (size_t)n);
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s);

	if (!d)
		die("out of memory");
	return d;
}

/* ---- the page plan -------------------------------------------------------------------------- */

enum { T_DILEMMA, T_SYSTEEMFOUT, T_OLIFANTENPAD, T_HANDREIKING, T_VERHAAL, T_PERSPECTIEF, T_N };

static const char *const type_folders[T_N] = {
	"dilemmas", "systeemfouten", "olifantenpaden", "handreikingen", "verhalen", NULL,
};
static const char *const type_keys[T_N] = {
	"dilemmas", "systeemfouten", "olifantenpaden", "handreikingen", "verhalen", "perspectieven",
};


typedef struct {
	int type;
	unsigned char role; /* perspectives: index in roles[] */
	char *path;	    /* without ".md" */
	char *title;	    /* never holds '"', '\\', '|', '[' or ']' */
	size_t story;	    /* perspectives: index of their story */
} page;

typedef struct {
	uint64_t seed;
	size_t n;
	page *pages;
	size_t first[T_N], count[T_N];
	vocab v;
	/* statistics */
	uint64_t words, bytes;
	size_t words_min, words_max, common_pages, rare_pages;
} corpus;

static const char *slug_of(const page *p)
{
	return strrchr(p->path, '/') + 1;
}

static int is_alnum_ascii(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* Appends title folded to [a-z0-9-], then "-" and index in base 36 (which keeps slugs unique):
 * ASCII letters lowercased, the accented letters of Dutch (UTF-8 lead byte 0xC3) to their base
 * letter, anything else to a single '-'. */
static void slugify(obuf *out, const char *title, size_t index)
{
	static const char latin1[] = "aaaaaaaceeeeiiiidnooooo-ouuuuyty"; /* 0xC3 0x80.., folded */
	const unsigned char *s = (const unsigned char *)title;
	size_t start = out->len, cut;
	char c, num[16];
	int i = 0;

	for (; *s; s++) {
		c = '-';
		if (*s >= 'A' && *s <= 'Z')
			c = (char)(*s - 'A' + 'a');
		else if (is_alnum_ascii(*s))
			c = (char)*s;
		else if (*s == 0xc3 && s[1] >= 0x80 && s[1] <= 0xbf)
			c = latin1[(s[1] - 0x80) & 31];
		if (*s == 0xc3 && s[1])
			s++;
		if (c == '-' && (out->len == start || out->p[out->len - 1] == '-'))
			continue;
		ob_putn(out, &c, 1);
	}
	if (out->len - start > SLUG_BASE_MAX) {
		cut = start + SLUG_BASE_MAX;
		while (cut > start && out->p[cut] != '-')
			cut--;
		out->len = cut > start ? cut : start + SLUG_BASE_MAX;
	}
	while (out->len > start && out->p[out->len - 1] == '-')
		out->len--;
	do {
		int d = (int)(index % 36);

		num[i++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
		index /= 36;
	} while (index);
	ob_putn(out, "-", 1);
	while (i > 0)
		ob_putn(out, &num[--i], 1);
}

static char upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

static void make_title(obuf *t, rng *r, int type)
{
	const char *a, *b;

	switch (type) {
	case T_DILEMMA:
		a = PICK(r, values);
		do
			b = PICK(r, values);
		while (b == a);
		ob_printf(t, "%c%s versus %s", upper(a[0]), a + 1, b);
		break;
	case T_SYSTEEMFOUT:
		ob_printf(t, "%s %s", PICK(r, problems), PICK(r, contexts));
		break;
	case T_OLIFANTENPAD:
		ob_printf(t, "%s %s", PICK(r, solutions), PICK(r, contexts));
		break;
	case T_HANDREIKING:
		a = PICK(r, topics);
		if (rng_percent(r, 50))
			ob_printf(t, "Handreiking %s", a);
		else
			ob_printf(t, "%c%s in de praktijk", upper(a[0]), a + 1);
		break;
	case T_VERHAAL:
		ob_printf(t, "%s %s", PICK(r, persons), PICK(r, twists));
		break;
	default:
		ob_put(t, PICK(r, views));
		break;
	}
}

/* Pass 1: every page's type, title and path, so that any body can link to any page. */
static void plan(corpus *c)
{
	static const unsigned share[T_N] = { 4, 6, 8, 2, 0, 15 }; /* percent; verhalen: the rest */
	obuf t = { 0 }, path = { 0 }, tmp = { 0 };
	size_t i, k = 0, rest = c->n;
	rng r;
	int ty;

	for (ty = 0; ty < T_N; ty++) {
		if (ty == T_VERHAAL)
			continue;
		c->count[ty] = c->n * share[ty] / 100;
		if (c->count[ty] == 0 && (ty == T_DILEMMA || ty == T_SYSTEEMFOUT))
			c->count[ty] = 1;
		rest -= c->count[ty];
	}
	c->count[T_VERHAAL] = rest;
	for (ty = 0; ty < T_N; ty++) {
		c->first[ty] = k;
		k += c->count[ty];
	}
	c->pages = calloc(c->n, sizeof(*c->pages));
	if (!c->pages)
		die("out of memory");
	for (i = 0; i < c->n; i++) {
		page *p = &c->pages[i];

		for (ty = T_N - 1; i < c->first[ty]; ty--)
			;
		rng_seed(&r, c->seed, i, 0);
		t.len = path.len = tmp.len = 0;
		make_title(&t, &r, ty);
		p->type = ty;
		if (ty == T_PERSPECTIEF) {
			p->story = c->first[T_VERHAAL] + rng_below(&r, c->count[T_VERHAAL]);
			p->role = (unsigned char)rng_below(&r, COUNT(roles));
			ob_printf(&tmp, "%s %s", roles[p->role], t.p);
			ob_printf(&path, "%s/perspectieven/", c->pages[p->story].path);
			slugify(&path, tmp.p, i);
		} else {
			ob_printf(&path, "%s/", type_folders[ty]);
			slugify(&path, t.p, i);
		}
		p->title = xstrdup(t.p);
		p->path = xstrdup(path.p);
	}
	free(t.p);
	free(path.p);
	free(tmp.p);
}

/* ---- sentences and Markdown ----------------------------------------------------------------- */

typedef struct {
	const corpus *c;
	size_t self; /* the page being written */
	rng *r;
	obuf *b;
	size_t words;
	int cap_next; /* capitalise the next word */
	size_t related[8];
	size_t n_related;
} writer;

/* Appends a word (or a few), with a space unless it follows a space, a newline or an opening
 * mark; a leading '=' (het-word mark) is dropped. */
static void w_word(writer *w, const char *s)
{
	const char *p;
	char last = w->b->len ? w->b->p[w->b->len - 1] : '\n';

	if (!strchr(" \n*[(|\"", last))
		ob_putn(w->b, " ", 1);
	if (*s == '=')
		s++;
	if (w->cap_next) {
		char up = upper(*s);

		ob_putn(w->b, &up, 1);
		ob_put(w->b, s + 1);
	} else {
		ob_put(w->b, s);
	}
	w->cap_next = 0;
	w->words++;
	for (p = s; *p; p++)
		if (*p == ' ')
			w->words++;
}

static void noun_phrase(writer *w, int with_adj)
{
	const char *n = wclass_pick(&w->c->v.noun, w->r);
	int het = n[0] == '=';

	if (het && with_adj)
		w_word(w, PICK(w->r, het_articles_adj));
	else if (het)
		w_word(w, PICK(w->r, het_articles));
	else
		w_word(w, PICK(w->r, de_articles));
	if (with_adj)
		w_word(w, wclass_pick(&w->c->v.adj, w->r));
	w_word(w, n);
}

static void sentence(writer *w)
{
	const vocab *v = &w->c->v;
	const char *pat = PICK(w->r, patterns);

	w->cap_next = 1;
	for (; *pat; pat++) {
		switch (*pat) {
		case 'S':
			if (rng_percent(w->r, 30))
				w_word(w, wclass_pick(&v->pron, w->r));
			else
				noun_phrase(w, 0);
			break;
		case 'V':
			w_word(w, wclass_pick(&v->verb, w->r));
			break;
		case 'N':
		case 'M':
			noun_phrase(w, *pat == 'M');
			break;
		case 'P':
			w_word(w, wclass_pick(&v->prep, w->r));
			break;
		case 'R':
			w_word(w, wclass_pick(&v->adv, w->r));
			break;
		case 'C':
			w_word(w, wclass_pick(&v->coord, w->r));
			break;
		case 'U':
			w_word(w, wclass_pick(&v->sub, w->r));
			break;
		default:
			ob_put(w->b, ",");
			break;
		}
	}
	ob_put(w->b, ".");
}

/* Appends a wikilink to a related page (sometimes) or any other page, in one of the three forms
 * the wiki reads. */
static void wikilink(writer *w)
{
	const corpus *c = w->c;
	const page *p;
	size_t t, form;

	if (w->n_related && rng_percent(w->r, LINK_RELATED_P)) {
		t = w->related[rng_below(w->r, w->n_related)];
	} else {
		t = rng_below(w->r, c->n - 1);
		if (t >= w->self)
			t++;
	}
	p = &c->pages[t];
	form = rng_below(w->r, 3);
	w_word(w, "[[");
	if (form == 0 && p->type != T_PERSPECTIEF) {
		ob_put(w->b, slug_of(p));
	} else if (form == 1) {
		ob_put(w->b, p->path);
	} else {
		ob_printf(w->b, "%s|", p->path);
		w->cap_next = 0;
		w_word(w, p->title);
		w->words--; /* "[[" was counted as a word */
	}
	ob_put(w->b, "]]");
}

static void paragraph(writer *w, size_t target, int *rare_pending)
{
	size_t k, n = 3 + rng_below(w->r, 5);

	for (k = 0; k < n && (k == 0 || w->words < target); k++) {
		sentence(w);
		if (*rare_pending) {
			w_word(w, PICK(w->r, rare_sentences));
			*rare_pending = 0;
		}
		if (rng_percent(w->r, 12)) {
			w->cap_next = 1;
			w_word(w, PICK(w->r, link_lead_ins));
			wikilink(w);
			ob_put(w->b, ".");
		}
	}
	ob_put(w->b, "\n\n");
}

static void list(writer *w)
{
	size_t k, n = 3 + rng_below(w->r, 4);
	int numbered = rng_percent(w->r, 25);

	for (k = 0; k < n; k++) {
		if (numbered)
			ob_printf(w->b, "%zu. ", k + 1);
		else
			ob_put(w->b, "- ");
		w->cap_next = 1;
		if (rng_percent(w->r, 15)) {
			wikilink(w);
		} else if (rng_percent(w->r, 30)) {
			ob_put(w->b, "**");
			w_word(w, wclass_pick(&w->c->v.noun, w->r));
			ob_put(w->b, "**:");
			noun_phrase(w, 1);
			w_word(w, wclass_pick(&w->c->v.prep, w->r));
			noun_phrase(w, 0);
		} else {
			noun_phrase(w, 1);
			w_word(w, wclass_pick(&w->c->v.prep, w->r));
			noun_phrase(w, 0);
		}
		ob_put(w->b, "\n");
	}
	ob_put(w->b, "\n");
}

/* The body: vignette, sections until about target words, and a "Zie ook" list. */
static void body(writer *w, size_t target, int rare)
{
	const page *p = &w->c->pages[w->self];
	size_t h = 0, k, blocks;

	if (p->type == T_VERHAAL) {
		ob_put(w->b, "*");
		w_word(w, PICK(w->r, persons));
		ob_put(w->b, ",");
		w_word(w, PICK(w->r, details));
		ob_put(w->b, ",");
		w_word(w, PICK(w->r, details));
		ob_put(w->b, ".*\n\n");
	}
	while (w->words < target) {
		ob_put(w->b, "## ");
		w_word(w, headings[p->type][h++ % COUNT(headings[0])]);
		ob_put(w->b, "\n\n");
		blocks = 1 + rng_below(w->r, 3);
		for (k = 0; k < blocks && w->words < target; k++) {
			if (k > 0 && rng_percent(w->r, 25))
				list(w);
			else
				paragraph(w, target, &rare);
		}
	}
	ob_put(w->b, "## ");
	w_word(w, "Zie ook");
	ob_put(w->b, "\n\n");
	for (k = 1 + rng_below(w->r, 4); k > 0; k--) {
		ob_put(w->b, "- ");
		wikilink(w);
		ob_put(w->b, "\n");
	}
}

/* ---- front matter --------------------------------------------------------------------------- */

/* k distinct indices among first..first+n-1, popular ones more often; skips `except`. */
static size_t pick_pages(size_t *out, rng *r, size_t first, size_t n, size_t k, size_t except)
{
	size_t got = 0, tries, j, x;

	for (tries = 0; got < k && tries < 8 * k + 8; tries++) {
		x = first + rng_popular(r, n);
		for (j = 0; j < got && out[j] != x; j++)
			;
		if (j == got && x != except)
			out[got++] = x;
	}
	return got;
}

/* A generated sentence as a quoted YAML string (no generated text holds '"' or '\\'). */
static void fm_sentence(writer *w, const char *key)
{
	size_t words = w->words;

	ob_printf(w->b, "%s: \"", key);
	sentence(w);
	ob_put(w->b, "\"\n");
	w->words = words;
}

static void fm_list(obuf *b, const char *key, const char *const *items, size_t n_items,
		    size_t k, rng *r)
{
	size_t idx[8], got;

	got = pick_pages(idx, r, 0, n_items, k < 8 ? k : 8, (size_t)-1);
	ob_printf(b, "%s:\n", key);
	while (got > 0)
		ob_printf(b, "  - %s\n", items[idx[--got]]);
}

static void fm_slugs(writer *w, const char *key, int type, size_t k)
{
	const corpus *c = w->c;
	size_t idx[8], got, j;

	got = pick_pages(idx, w->r, c->first[type], c->count[type], k, w->self);
	if (got == 0)
		return;
	ob_printf(w->b, "%s:\n", key);
	for (j = 0; j < got; j++) {
		ob_printf(w->b, "  - %s\n", slug_of(&c->pages[idx[j]]));
		if (w->n_related < COUNT(w->related))
			w->related[w->n_related++] = idx[j];
	}
}

static void front_matter(writer *w)
{
	const corpus *c = w->c;
	const page *p = &c->pages[w->self];
	rng *r = w->r;
	obuf *b = w->b;
	size_t v = rng_below(r, 100), st;
	const char *vis = v < 80 ? "openbaar" : v < 95 ? "ingelogd" : "team";

	ob_printf(b, "---\ntitel: \"%s\"\n", p->title);
	switch (p->type) {
	case T_VERHAAL:
		ob_printf(b, "verteller: \"%s\"\n", PICK(r, roles));
		fm_slugs(w, "dilemmas", T_DILEMMA, 1 + rng_below(r, 3));
		fm_list(b, "wetten", laws, COUNT(laws), 1 + rng_below(r, 3), r);
		fm_list(b, "leefgebieden", life_areas, COUNT(life_areas), 1 + rng_below(r, 4), r);
		ob_printf(b, "regio: \"%s\"\ndatum: \"%zu-%02zu\"\n", PICK(r, regions),
			  2023 + rng_below(r, 3), 1 + rng_below(r, 12));
		break;
	case T_PERSPECTIEF:
		ob_printf(b, "rol: %s\nauteur: \"%c%s %s\"\nkennisbron: %s\nverhaal: \"%s\"\n",
			  schema_roles[p->role], upper(roles[p->role][0]), roles[p->role] + 1,
			  PICK(r, regions), p->role == 1 ? "ervaring" : PICK(r, sources),
			  c->pages[p->story].path);
		w->related[w->n_related++] = p->story;
		break;
	case T_DILEMMA:
		ob_printf(b, "bron: \"Gesprekken in het wijkteam, %s (%zu)\"\n", PICK(r, regions),
			  2022 + rng_below(r, 4));
		fm_slugs(w, "verwant", T_DILEMMA, rng_below(r, 3));
		break;
	case T_OLIFANTENPAD:
		fm_sentence(w, "obstakel");
		fm_sentence(w, "oplossing");
		ob_printf(b, "mandaat: \"Elke %s in %s\"\n", PICK(r, roles), PICK(r, regions));
		fm_sentence(w, "risico");
		fm_slugs(w, "verhalen", T_VERHAAL, 1 + rng_below(r, 3));
		st = c->first[T_SYSTEEMFOUT] + rng_popular(r, c->count[T_SYSTEEMFOUT]);
		ob_printf(b, "systeemfout: %s\nstatus: %s\n", slug_of(&c->pages[st]),
			  PICK(r, op_states));
		w->related[w->n_related++] = st;
		break;
	case T_SYSTEEMFOUT:
		fm_sentence(w, "regeling");
		ob_printf(b, "eigenaar: %s\n", PICK(r, owners));
		fm_sentence(w, "impact");
		st = rng_below(r, COUNT(sf_states));
		ob_printf(b, "escalatie: %s\nstatus: %s\nmelder: \"%s\"\n", PICK(r, escalations),
			  sf_states[st], PICK(r, roles));
		if (st >= 3) {
			ob_put(b, "terugkoppeling:\n  tekst: \"");
			sentence(w);
			ob_printf(b, "\"\n  datum: \"2025-%02zu\"\n", 1 + rng_below(r, 12));
		}
		break;
	default: /* handreiking */
		ob_printf(b, "versie: \"%zu.%zu\"\nstatus: %s\nredactie: \"Regioteam %s\"\n",
			  rng_below(r, 2), 1 + rng_below(r, 9),
			  rng_percent(r, 50) ? "concept" : "vastgesteld", PICK(r, regions) + 6);
		ob_printf(b, "opdrachtgever: \"Regionaal overleg sociaal domein\"\n"
			     "herziening: \"2026-%02zu\"\n",
			  1 + rng_below(r, 12));
		fm_slugs(w, "dilemmas", T_DILEMMA, 1 + rng_below(r, 3));
		break;
	}
	ob_printf(b, "zichtbaarheid: %s\n", vis);
	if (p->type == T_VERHAAL)
		ob_printf(b, "anonimisering: %s\n",
			  v < 80 ? "goedgekeurd" : v < 95 ? "gecontroleerd" : "concept");
	ob_put(b, "---\n\n");
}

/* ---- files ---------------------------------------------------------------------------------- */

/* Non-zero when word occurs in s[0..n) as a whole word (ASCII letters and any UTF-8 byte count as
 * letters), in lower case or with a capital. */
static int has_word(const char *s, size_t n, const char *word)
{
	size_t wl = strlen(word);
	char cap[64];
	int pass;

	snprintf(cap, sizeof(cap), "%c%s", upper(word[0]), word + 1);
	for (pass = 0; pass < 2; pass++) {
		const char *w = pass ? cap : word, *at = s, *hit;

		while ((hit = memmem(at, n - (size_t)(at - s), w, wl)) != NULL) {
			unsigned char before = hit > s ? (unsigned char)hit[-1] : ' ';
			unsigned char after = hit + wl < s + n ? (unsigned char)hit[wl] : ' ';

			if (!is_alnum_ascii(before | 0x20) && before < 0x80 &&
			    !is_alnum_ascii(after | 0x20) && after < 0x80)
				return 1;
			at = hit + 1;
		}
	}
	return 0;
}

static void write_file(const char *file, const obuf *b)
{
	size_t off = 0;
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0)
		die("%s: %s", file, strerror(errno));
	while (off < b->len) {
		ssize_t n = write(fd, b->p + off, b->len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			die("%s: %s", file, strerror(errno));
		off += (size_t)n;
	}
	if (close(fd) < 0)
		die("%s: %s", file, strerror(errno));
}

static void make_dir(const char *dir)
{
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		die("%s: %s", dir, strerror(errno));
}

/* Pass 2: writes page i and adds it to the statistics. */
static void write_page(corpus *c, const char *outdir, size_t i, obuf *b, obuf *file)
{
	const page *p = &c->pages[i];
	writer w = { c, i, NULL, b, 0, 0, { 0 }, 0 };
	size_t u, target, fm_end;
	rng r;

	rng_seed(&r, c->seed, i, 1);
	w.r = &r;
	b->len = 0;
	front_matter(&w);
	fm_end = b->len;
	w.words = 0;
	u = rng_below(&r, 1001);
	/* 300 + 1140 * u^2 leaves room for the last sentence and "Zie ook" below 1500. */
	target = 300 + 1140 * u * u / (1000 * 1000);
	body(&w, target, i % RARE_EVERY == RARE_AT); /* RARE_AT < MIN_PAGES: always one page */
	file->len = 0;
	if (p->type == T_PERSPECTIEF) {
		ob_printf(file, "%s/%s", outdir, c->pages[p->story].path);
		make_dir(file->p);
		ob_put(file, "/perspectieven");
		make_dir(file->p);
		file->len = 0;
	}
	ob_printf(file, "%s/%s.md", outdir, p->path);
	write_file(file->p, b);
	c->words += w.words;
	c->bytes += b->len;
	if (i == 0 || w.words < c->words_min)
		c->words_min = w.words;
	if (w.words > c->words_max)
		c->words_max = w.words;
	c->common_pages += has_word(b->p, b->len, COMMON_WORD) ? 1 : 0;
	c->rare_pages += has_word(b->p + fm_end, b->len - fm_end, RARE_WORD) ? 1 : 0;
}

/* Creates outdir when missing; refuses one with entries, so runs never mix. */
static void prepare_outdir(const char *outdir)
{
	struct dirent *e;
	DIR *d;

	make_dir(outdir);
	d = opendir(outdir);
	if (!d)
		die("%s: %s", outdir, strerror(errno));
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
			closedir(d);
			die("%s: not empty", outdir);
		}
	}
	closedir(d);
}

static int usage(void)
{
	fprintf(stderr, "usage: wp_bench_gen OUTDIR N [SEED]   (N: %d .. %d pages; SEED default 1)\n",
		MIN_PAGES, MAX_PAGES);
	return 2;
}

static int parse_u64(uint64_t *out, const char *s)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 0);
	return errno || end == s || *end || s[0] == '-' ? -1 : 0;
}

int main(int argc, char **argv)
{
	corpus c;
	obuf b = { 0 }, file = { 0 };
	uint64_t n, seed = 1;
	size_t i;
	int ty;

	if (argc < 3 || argc > 4 || parse_u64(&n, argv[2]) < 0 || n < MIN_PAGES ||
	    n > MAX_PAGES || (argc == 4 && parse_u64(&seed, argv[3]) < 0))
		return usage();
	memset(&c, 0, sizeof(c));
	c.seed = seed;
	c.n = (size_t)n;
	prepare_outdir(argv[1]);
	vocab_init(&c.v);
	plan(&c);
	for (ty = 0; ty < T_N; ty++) {
		if (type_folders[ty] && c.count[ty]) {
			file.len = 0;
			ob_printf(&file, "%s/%s", argv[1], type_folders[ty]);
			make_dir(file.p);
		}
	}
	for (i = 0; i < c.n; i++)
		write_page(&c, argv[1], i, &b, &file);
	printf("pages=%zu", c.n);
	for (ty = 0; ty < T_N; ty++)
		printf(" %s=%zu", type_keys[ty], c.count[ty]);
	printf(" words=%llu words_min=%zu words_max=%zu bytes=%llu seed=%llu common_word=%s "
	       "common_pages=%zu rare_word=%s rare_pages=%zu\n",
	       (unsigned long long)c.words, c.words_min, c.words_max, (unsigned long long)c.bytes,
	       (unsigned long long)seed, COMMON_WORD, c.common_pages, RARE_WORD, c.rare_pages);
	for (i = 0; i < c.n; i++) {
		free(c.pages[i].path);
		free(c.pages[i].title);
	}
	free(c.pages);
	free(b.p);
	free(file.p);
	vocab_dispose(&c.v);
	return fflush(stdout) == 0 ? 0 : 1;
}
