package pipeline_test

import (
	"net/url"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestSearchTypedLetters checks, in Chromium, that readers find a name by
// the letters they type for it: accents left out, and the Latin letters
// that Unicode does not see as a letter and an accent (ł, ß, æ, ø, þ)
// written as their ASCII letters, as much as with the name as written.
// The index (Go) and the query (the catalogue's script) must fold alike.
func TestSearchTypedLetters(t *testing.T) {
	t.Parallel()
	const body = "\n\nDelegations from Łódź, Gießen, Ærø, Þórshöfn and Đà Nẵng took part.\n\n" +
		"So did Ħamrun, Diyarbakır, Ðakovo, Coŀlbató and Saint-Œuvre.\n"
	base, ctx := serveTestSite(t, func(src string) {
		editFile(t, filepath.Join(src, "content/cases/duffel-floods.md"), func(text string) string { return text + body })
	})
	for _, tc := range []struct{ query, marks string }{
		{"lodz", "Łódź"}, {"LODZ", "Łódź"}, {"Łódź", "Łódź"}, {"ŁÓDŹ", "Łódź"},
		{"giessen", "Gießen"}, {"Gießen", "Gießen"}, {"GIESSEN", "Gießen"}, {"gies", "Gieß"},
		{"aero", "Ærø"}, {"Ærø", "Ærø"}, {"thorshofn", "Þórshöfn"}, {"Þórshöfn", "Þórshöfn"},
		{"da nang", "Đà|Nẵng"},
		// The other letters of the table that Go and the script share.
		{"hamrun", "Ħamrun"}, {"diyarbakir", "Diyarbakır"}, {"dakovo", "Ðakovo"},
		{"collbato", "Coŀlbató"}, {"oeuvre", "Œuvre"},
	} {
		t.Run(tc.query, func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/cases/?q="+url.QueryEscape(tc.query))); err != nil {
				t.Fatal(err)
			}
			// The card's snippet: the sentence of the body that matched,
			// once fetched, with its matches marked.
			got, err := chromedp.Run(ctx, chromedp.Evaluate[[2]string](catalogueReady+`.then(() => new Promise(resolve => {
				const check = () => {
					const slugs = [...document.querySelectorAll("#catalogue_list .card-title a")].map(a => a.getAttribute("href").split("/").slice(-2)[0]);
					const s = document.querySelector("#catalogue_list .card-snippet");
					if (s && s.textContent === "…") return setTimeout(check, 10);
					resolve([slugs.join(" "), s ? [...s.querySelectorAll("mark")].map(m => m.textContent).join("|") : ""]);
				};
				check();
			}))`, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			if got[0] != "duffel-floods" || got[1] != tc.marks {
				t.Errorf("found %q, marked %q; want duffel-floods, %q marked", got[0], got[1], tc.marks)
			}
		})
	}
}
