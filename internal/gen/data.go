package gen

import "github.com/casebook/casebook/internal/site"

// The fixed tables the generator draws from. They are read-only after
// package initialisation.

// feature is one column of the features matrix in site.yaml.
type feature struct{ id, label string }

var features = []feature{
	{"governance", "Contribution to governance strengthening"},
	{"political", "Political and administrative involvement"},
	{"civil-society", "Civil society involvement (associations, NGOs, schools)"},
	{"private-sector", "Private sector involvement (companies, social economy)"},
	{"reciprocity", "Reciprocity"},
	{"global-citizenship", "Opportunities for global citizenship"},
	{"duration", "Duration"},
	{"budget", "Budget"},
}

// approach is one of the eight approaches, with a rating for every feature
// in the order of features.
type approach struct {
	id, title, summary string
	ratings            [8]int
	weight             int // how often cases use it, relative to the others
}

var approaches = []approach{
	{"city-to-city-partnership", "City-to-city partnership",
		"A long-term, reciprocal bond between a municipality here and one in the Global South, in which both administrations learn from each other to govern better.",
		[8]int{3, 3, 3, 2, 3, 2, 3, 3}, 10},
	{"twinning", "Twinning",
		"An official friendship bond between local governments in different countries that brings their residents, associations and schools together through cultural exchange.",
		[8]int{0, 2, 3, 1, 2, 2, 3, 1}, 5},
	{"international-youth-work", "International youth work",
		"Local governments support exchanges, immersion trips, internships and school links for young people, so that they grow into engaged global citizens.",
		[8]int{0, 1, 3, 0, 1, 3, 2, 1}, 4},
	{"indirect-cooperation", "Indirect cooperation",
		"The municipality backs residents, associations, NGOs and schools that work on global cooperation, both as a facilitator and by setting conditions for its support.",
		[8]int{1, 1, 3, 1, 2, 2, 3, 2}, 5},
	{"private-sector-cooperation", "International cooperation with the private sector",
		"Municipalities bring companies, cooperatives and the social economy into their global cooperation, to strengthen local economic development and fairer supply chains.",
		[8]int{1, 2, 2, 3, 2, 1, 2, 1}, 3},
	{"international-networks", "International networks",
		"Local governments join international networks and consortia to share knowledge on policy areas, run joint projects and speak up together.",
		[8]int{1, 2, 1, 1, 2, 0, 2, 1}, 4},
	{"humanitarian-and-emergency-aid", "Humanitarian and emergency aid",
		"Local governments help communities hit by disasters or conflict, mostly with financial support through specialised organisations, in the short term or during reconstruction.",
		[8]int{0, 1, 3, 1, 1, 1, 1, 1}, 2},
	{"short-term-expertise-exchange", "Short-term expertise exchange",
		"Two municipalities exchange, as equals and for a set period, on one specific policy theme; often a first step towards a longer partnership.",
		[8]int{2, 2, 2, 1, 2, 1, 2, 1}, 4},
}

// country is a country that partners come from, with a rough centre for
// the locations of partner files.
type country struct {
	code     string
	lat, lon float64
}

// north are the countries of the partners that usually start a
// cooperation; south those of the partners they work with.
var north = []country{
	{"BE", 50.6, 4.6}, {"NL", 52.2, 5.5}, {"DE", 51.1, 10.4}, {"FR", 46.6, 2.4},
	{"ES", 40.2, -3.6}, {"IT", 42.8, 12.6}, {"PT", 39.6, -8.0}, {"AT", 47.6, 14.1},
	{"CH", 46.8, 8.2}, {"DK", 56.0, 10.0}, {"SE", 62.0, 15.0}, {"NO", 61.0, 9.0},
	{"FI", 63.0, 26.0}, {"PL", 52.1, 19.4}, {"CZ", 49.8, 15.5}, {"HU", 47.2, 19.5},
	{"RO", 45.9, 24.9}, {"BG", 42.7, 25.5}, {"GR", 39.1, 22.0}, {"IE", 53.2, -8.1},
	{"EE", 58.6, 25.0}, {"LT", 55.2, 23.9}, {"UA", 49.0, 31.4}, {"GB", 54.0, -2.0},
}

var south = []country{
	{"BJ", 9.3, 2.3}, {"BF", 12.2, -1.6}, {"SN", 14.5, -14.5}, {"ML", 17.6, -4.0},
	{"NE", 17.6, 8.1}, {"GH", 7.9, -1.0}, {"TG", 8.6, 0.8}, {"CI", 7.5, -5.5},
	{"GM", 13.4, -15.3}, {"GN", 9.9, -9.7}, {"CM", 7.4, 12.4}, {"RW", -1.9, 29.9},
	{"BI", -3.4, 29.9}, {"UG", 1.4, 32.3}, {"KE", 0.0, 37.9}, {"TZ", -6.4, 34.9},
	{"ET", 9.1, 40.5}, {"MZ", -18.7, 35.5}, {"ZA", -30.6, 22.9}, {"ZM", -13.1, 27.8},
	{"MW", -13.3, 34.3}, {"MA", 31.8, -7.1}, {"EC", -1.8, -78.2}, {"PE", -9.2, -75.0},
	{"BO", -16.3, -63.6}, {"CO", 4.6, -74.3}, {"NI", 12.9, -85.2}, {"GT", 15.8, -90.2},
	{"BR", -14.2, -51.9}, {"VN", 14.1, 108.3}, {"PH", 12.9, 121.8}, {"ID", -0.8, 113.9},
	{"IN", 20.6, 79.0}, {"LK", 7.9, 80.8}, {"HN", 15.2, -86.2}, {"SR", 3.9, -56.0},
}

// countryName returns the English name of a country of the tables above,
// as it reads in a sentence: "Benin", "the Philippines".
func countryName(code string) string {
	name, _ := site.CountryName(code)
	switch code {
	case "GB", "GM", "NL", "PH":
		return "the " + name
	}
	return name
}

// theme is a subject of cases and the goal it serves most.
type theme struct {
	name string
	sdg  int
}

var themes = []theme{
	{"waste management", 12}, {"drinking water", 6}, {"sanitation", 6}, {"birth registration", 16},
	{"civil registry", 16}, {"local taxation", 16}, {"participatory budgeting", 16}, {"urban planning", 11},
	{"housing", 11}, {"public transport", 11}, {"road safety", 3}, {"primary health care", 3},
	{"maternal health", 3}, {"primary education", 4}, {"vocational training", 4}, {"school meals", 2},
	{"food security", 2}, {"urban agriculture", 2}, {"short food chains", 12}, {"fair trade", 12},
	{"renewable energy", 7}, {"energy efficiency", 7}, {"climate adaptation", 13}, {"flood prevention", 13},
	{"reforestation", 15}, {"biodiversity", 15}, {"coastal protection", 14}, {"fisheries", 14},
	{"youth employment", 8}, {"local economic development", 8}, {"women's entrepreneurship", 5}, {"gender equality", 5},
	{"social protection", 1}, {"microfinance", 1}, {"migration and development", 10}, {"inclusion of people with disabilities", 10},
	{"digital government", 9}, {"culture and heritage", 11}, {"sport", 3}, {"global citizenship education", 4},
}

var currencies = []string{"USD", "GBP", "CHF", "XOF"} // the rarer ones; EUR is the default

var budgetSources = []string{
	"own resources", "federal grant", "regional government grant", "European Union",
	"partner contribution", "private donations", "provincial grant", "development agency",
	"foundation grant", "fundraising by associations",
}
