package search_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestCatalogueInFrench opens the French catalogue of the sample site,
// /fr/cases/: the script's words (the status, the panel's button) and
// the data's (the facets' labels, the cards' budgets) are French, with
// French numbers.
func TestCatalogueInFrench(t *testing.T) {
	// The sample site speaks French under /fr/.
	c := openCatalogue(t, "../..")
	c.url = strings.Replace(c.url, "/dashboard/cases/", "/dashboard/fr/cases/", 1)
	c.open(t, "?approach=city-to-city-partnership")
	got, err := chromedp.Run(c.ctx, chromedp.Evaluate[struct{ Status, Done, Filters, Cards string }](`({
		Status: document.getElementById("catalogue_status").textContent,
		Done: document.getElementById("catalogue_done").textContent,
		Filters: document.getElementById("catalogue_filters").textContent,
		Cards: document.getElementById("catalogue_list").textContent})`))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ what, text, want string }{
		{"status", got.Status, " correspond"},
		{"status", got.Status, "par titre."},
		{"panel button", got.Done, "Voir "},
		{"facet", got.Filters, "Démarche"},
		{"facet", got.Filters, "Type de partenaire"},
		{"card budget", got.Cards, "\u00a0€"},
	} {
		if !strings.Contains(tt.text, tt.want) {
			t.Errorf("%s: got %q, want %q in it", tt.what, tt.text, tt.want)
		}
	}
	for _, english := range []string{"showing", "Show ", "Approach", "Partner type"} { // words of the interface, not of the content
		if strings.Contains(got.Status+got.Done+got.Filters+got.Cards, english) {
			t.Errorf("the catalogue still says %q", english)
		}
	}
}

// TestCatalogueStemsDutch searches the Dutch catalogue for a plural: the
// cases that write the word only in the singular are found too, as the
// English catalogue finds "registered" for "registration".
func TestCatalogueStemsDutch(t *testing.T) {
	c := openCatalogue(t, "../..")
	c.url = strings.Replace(c.url, "/dashboard/cases/", "/dashboard/nl/cases/", 1)
	c.open(t, "")
	c.act(t, chromedp.SendKeys("#catalogue_q", "gemeenten"))
	c.settle(t, "gemeenten")
	v := c.view(t)
	for _, slug := range []string{"lokeren-elasha", "wevelgem-coop-uganda"} { // "gemeente", never "gemeenten"
		if !slices.Contains(v.Slugs, slug) {
			t.Errorf("got %v, want %s among them", v.Slugs, slug)
		}
	}
}
