package site

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// sdgs holds the official short names and colours of the seventeen goals,
// as the United Nations publishes them.
var sdgs = [...]struct{ name, colour string }{
	1:  {"No poverty", "#E5243B"},
	2:  {"Zero hunger", "#DDA63A"},
	3:  {"Good health and well-being", "#4C9F38"},
	4:  {"Quality education", "#C5192D"},
	5:  {"Gender equality", "#FF3A21"},
	6:  {"Clean water and sanitation", "#26BDE2"},
	7:  {"Affordable and clean energy", "#FCC30B"},
	8:  {"Decent work and economic growth", "#A21942"},
	9:  {"Industry, innovation and infrastructure", "#FD6925"},
	10: {"Reduced inequalities", "#DD1367"},
	11: {"Sustainable cities and communities", "#FD9D24"},
	12: {"Responsible consumption and production", "#BF8B2E"},
	13: {"Climate action", "#3F7E44"},
	14: {"Life below water", "#0A97D9"},
	15: {"Life on land", "#56C02B"},
	16: {"Peace, justice and strong institutions", "#00689D"},
	17: {"Partnerships for the goals", "#19486A"},
}

// NumSDGs is the number of Sustainable Development Goals.
const NumSDGs = 17

// ValidSDG reports whether n is the number of a goal.
func ValidSDG(n int) bool { return n >= 1 && n <= NumSDGs }

// sdgNames holds the goals' official short names in other languages than
// English, by language (the base of a BCP 47 tag).
//
// French: the United Nations' own, as on
// https://www.un.org/sustainabledevelopment/fr/objectifs-de-developpement-durable/
// and https://www.un.org/fr/exhibit/odd-17-objectifs-pour-transformer-notre-monde
//
// Dutch: the Belgian federal government's, as on https://www.sdgs.be/nl/sdgs
// (the Federal Institute for Sustainable Development) and
// https://diplomatie.belgium.be/nl/beleid/beleidsthemas/naar-een-mondiale-en-solidaire-samenleving/leefmilieu/sustainable-development-goals
// (the FPS Foreign Affairs). The Netherlands' wording differs in a few
// goals (8: "Eerlijk werk en economische groei", 16: "Vrede, veiligheid
// en sterke publieke diensten"); casebook's sites are Belgian first.
//
// German: the Federal Ministry for Economic Cooperation and Development's
// (BMZ), one page a goal as https://www.bmz.de/de/agenda-2030/sdg-12, and
// the Federal Government's, as on
// https://www.bundesregierung.de/breg-de/themen/nachhaltigkeitspolitik/die-un-nachhaltigkeitsziele-1553514
//
// Spanish: the United Nations' own, as on
// https://www.un.org/sustainabledevelopment/es/objetivos-de-desarrollo-sostenible/
// and in the UN's regional commission's (CEPAL) https://agenda2030lac.org/es/ods
var sdgNames = map[string][NumSDGs + 1]string{
	"fr": {
		1:  "Pas de pauvreté",
		2:  "Faim «\u00a0zéro\u00a0»",
		3:  "Bonne santé et bien-être",
		4:  "Éducation de qualité",
		5:  "Égalité entre les sexes",
		6:  "Eau propre et assainissement",
		7:  "Énergie propre et d’un coût abordable",
		8:  "Travail décent et croissance économique",
		9:  "Industrie, innovation et infrastructure",
		10: "Inégalités réduites",
		11: "Villes et communautés durables",
		12: "Consommation et production responsables",
		13: "Mesures relatives à la lutte contre les changements climatiques",
		14: "Vie aquatique",
		15: "Vie terrestre",
		16: "Paix, justice et institutions efficaces",
		17: "Partenariats pour la réalisation des objectifs",
	},
	"nl": {
		1:  "Geen armoede",
		2:  "Geen honger",
		3:  "Goede gezondheid en welzijn",
		4:  "Kwaliteitsonderwijs",
		5:  "Gendergelijkheid",
		6:  "Schoon water en sanitair",
		7:  "Betaalbare en duurzame energie",
		8:  "Waardig werk en economische groei",
		9:  "Industrie, innovatie en infrastructuur",
		10: "Ongelijkheid verminderen",
		11: "Duurzame steden en gemeenschappen",
		12: "Verantwoorde consumptie en productie",
		13: "Klimaatactie",
		14: "Leven in het water",
		15: "Leven op het land",
		16: "Vrede, justitie en sterke publieke diensten",
		17: "Partnerschap om doelstellingen te bereiken",
	},
	"de": {
		1:  "Keine Armut",
		2:  "Kein Hunger",
		3:  "Gesundheit und Wohlergehen",
		4:  "Hochwertige Bildung",
		5:  "Geschlechtergleichheit",
		6:  "Sauberes Wasser und Sanitäreinrichtungen",
		7:  "Bezahlbare und saubere Energie",
		8:  "Menschenwürdige Arbeit und Wirtschaftswachstum",
		9:  "Industrie, Innovation und Infrastruktur",
		10: "Weniger Ungleichheiten",
		11: "Nachhaltige Städte und Gemeinden",
		12: "Nachhaltige/r Konsum und Produktion",
		13: "Maßnahmen zum Klimaschutz",
		14: "Leben unter Wasser",
		15: "Leben an Land",
		16: "Frieden, Gerechtigkeit und starke Institutionen",
		17: "Partnerschaften zur Erreichung der Ziele",
	},
	"es": {
		1:  "Fin de la pobreza",
		2:  "Hambre cero",
		3:  "Salud y bienestar",
		4:  "Educación de calidad",
		5:  "Igualdad de género",
		6:  "Agua limpia y saneamiento",
		7:  "Energía asequible y no contaminante",
		8:  "Trabajo decente y crecimiento económico",
		9:  "Industria, innovación e infraestructura",
		10: "Reducción de las desigualdades",
		11: "Ciudades y comunidades sostenibles",
		12: "Producción y consumo responsables",
		13: "Acción por el clima",
		14: "Vida submarina",
		15: "Vida de ecosistemas terrestres",
		16: "Paz, justicia e instituciones sólidas",
		17: "Alianzas para lograr los objetivos",
	},
}

// SDGName returns the official short English name of goal n, or "" if
// there is none.
func SDGName(n int) string { return SDGNameIn("en", n) }

// SDGNameIn returns the official short name of goal n in language lang (a
// BCP 47 tag: "nl", "fr-BE"), in English for a language without names of
// its own, or "" if there is no goal n.
func SDGNameIn(lang string, n int) string {
	if !ValidSDG(n) {
		return ""
	}
	base, _, _ := strings.Cut(lang, "-")
	if names, ok := sdgNames[strings.ToLower(base)]; ok {
		return names[n]
	}
	return sdgs[n].name
}

// SDGByText returns the number of the goal that text names as editors
// copy it from reports and the UN's pages: "SDG 4", "sdg-4", "Goal 11:
// Sustainable cities", "4. Quality education", "ODD 4", "4", or a goal's short
// name, or its beginning ("Sustainable cities"), in English or in a
// language that sdgNames holds, with any case and accents.
func SDGByText(text string) (int, bool) {
	words := Words(text)
	if len(words) == 0 {
		return 0, false
	}
	// A number after a word for a goal, or before the name: "sdg4" too.
	first := words[0]
	if p := strings.TrimLeftFunc(first, unicode.IsLetter); p != first && p != "" && sdgWord[first[:len(first)-len(p)]] {
		words = append([]string{first[:len(first)-len(p)], p}, words[1:]...)
	}
	rest := words
	if sdgWord[words[0]] && len(words) > 1 {
		rest = words[1:]
	}
	if n, err := strconv.Atoi(rest[0]); err == nil {
		// "4 education", not "2 11": one number, and a name after it.
		more := slices.ContainsFunc(rest[1:], func(w string) bool { _, err := strconv.Atoi(w); return err == nil })
		return n, ValidSDG(n) && !more
	}
	key := strings.Join(words, " ")
	for n := 1; n <= NumSDGs; n++ {
		names := []string{sdgs[n].name}
		for _, byLang := range sdgNames {
			names = append(names, byLang[n])
		}
		for _, name := range names {
			full := strings.Join(Words(name), " ")
			if full == key || len(key) >= 8 && strings.HasPrefix(full, key+" ") {
				return n, true
			}
		}
	}
	return 0, false
}

// sdgWord holds the words, folded, that name a goal before its number:
// English, French, Dutch, German, Spanish.
var sdgWord = map[string]bool{
	"sdg": true, "sdgs": true, "goal": true, "odd": true, "objectif": true,
	"doel": true, "sdo": true, "duurzaamheidsdoel": true,
	"ziel": true, "nachhaltigkeitsziel": true, "ods": true, "objetivo": true,
}

// SDGColour returns the official colour of goal n, "#rrggbb", or "" if
// there is none.
func SDGColour(n int) string {
	if !ValidSDG(n) {
		return ""
	}
	return sdgs[n].colour
}

func newSDG(n int, lang string) *SDG {
	return &SDG{Number: n, Name: SDGNameIn(lang, n), Colour: sdgs[n].colour}
}

// CountryCodes returns every known country code, for suggestions.
func CountryCodes() []string { return append(keys(countryNames), keys(userAssigned)...) }

// CurrencyName returns the English name of an ISO 4217 code, and whether the
// code is known.
func CurrencyName(code string) (string, bool) {
	name, ok := currencyNames[code]
	return name, ok
}

// CurrencyCodes returns every known currency code, for suggestions.
func CurrencyCodes() []string { return keys(currencyNames) }

// PartnerTypes lists the kinds of partner, in the order the content model
// gives them.
var PartnerTypes = []string{
	"municipality", "province", "region", "national-government",
	"association", "ngo", "company", "school", "university",
	"network", "international-organisation", "other",
}

// Budget periods.
const (
	PeriodYear  = "year"
	PeriodTotal = "total"
)

func keys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}
