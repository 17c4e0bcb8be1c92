package site

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

// SDGName returns the official short name of goal n, or "" if there is none.
func SDGName(n int) string {
	if !ValidSDG(n) {
		return ""
	}
	return sdgs[n].name
}

// SDGColour returns the official colour of goal n, "#rrggbb", or "" if
// there is none.
func SDGColour(n int) string {
	if !ValidSDG(n) {
		return ""
	}
	return sdgs[n].colour
}

func newSDG(n int) *SDG {
	return &SDG{Number: n, Name: sdgs[n].name, Colour: sdgs[n].colour}
}

// CountryCodes returns every known country code, for suggestions.
func CountryCodes() []string { return keys(countryNames) }

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
