package render_test

import (
	"bytes"
	"encoding/json"
	stdhtml "html"
	"image/png"
	"net/url"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"

	"github.com/casebook/casebook/internal/render"
)

// head is what a page's <head> says to search engines and social media.
type head struct {
	meta      map[string]string // by property or name
	canonical string
	jsonLD    []string // the text of each application/ld+json script
}

// parseHead reads page with an HTML tokenizer.
func parseHead(t *testing.T, page string) head {
	t.Helper()
	h := head{meta: map[string]string{}}
	l := html.NewLexer(parse.NewInputString(page))
	var tag string
	attrs := map[string]string{}
	inLD := false
	for {
		tt, data := l.Next()
		switch tt {
		case html.ErrorToken:
			return h
		case html.StartTagToken:
			tag, attrs = string(l.Text()), map[string]string{}
		case html.AttributeToken:
			v := string(l.AttrVal())
			attrs[string(l.Text())] = stdhtml.UnescapeString(strings.Trim(v, `"'`))
		case html.StartTagCloseToken:
			switch tag {
			case "meta":
				key := attrs["property"] + attrs["name"]
				if _, dup := h.meta[key]; dup && key != "" {
					t.Errorf("meta %s given twice", key)
				}
				h.meta[key] = attrs["content"]
			case "link":
				if attrs["rel"] == "canonical" {
					h.canonical = attrs["href"]
				}
			case "script":
				inLD = attrs["type"] == "application/ld+json"
			}
		case html.TextToken:
			if inLD {
				h.jsonLD = append(h.jsonLD, string(data))
			}
		case html.EndTagToken:
			inLD = false
		}
	}
}

func TestSocialMetadata(t *testing.T) {
	r := newRenderer(t)
	s := hostileSite()
	pages := renderAll(t, r, s, options())
	for path, page := range pages {
		if !strings.HasSuffix(path, ".html") {
			continue
		}
		t.Run(path, func(t *testing.T) {
			h := parseHead(t, page)
			want := []string{"description", "og:type", "og:site_name", "og:title", "og:description", "og:image",
				"og:image:alt", "twitter:card", "twitter:title", "twitter:description", "twitter:image"}
			if path != "404.html" {
				want = append(want, "og:url")
				if got, want := h.meta["og:url"], h.canonical; got != want {
					t.Errorf("og:url: got %q, want the canonical URL %q", got, want)
				}
			}
			for _, key := range want {
				if h.meta[key] == "" {
					t.Errorf("no %s", key)
				}
			}
			for _, key := range []string{"og:url", "og:image", "twitter:image"} {
				if v, ok := h.meta[key]; ok && !strings.HasPrefix(v, testBaseURL) {
					t.Errorf("%s: got %q, want an absolute URL under %s", key, v, testBaseURL)
				}
			}
			if got, want := h.meta["og:image"], testBaseURL+render.CardPath; got != want {
				t.Errorf("og:image: got %q, want the card %q", got, want)
			}
			if path != "cases/dogbo/index.html" && len(h.jsonLD) > 0 && !strings.HasPrefix(path, "cases/") {
				t.Errorf("JSON-LD on a page that is no case's")
			}
		})
	}
}

// TestCaseJSONLD reads the JSON-LD of a case's page as JSON, with a
// partner whose name would end the script if it were not escaped.
func TestCaseJSONLD(t *testing.T) {
	r := newRenderer(t)
	page := renderPage(t, r, hostileSite(), "cases/dogbo/index.html")
	if strings.Contains(page, hostile) {
		t.Fatalf("the page holds %q as markup", hostile)
	}
	h := parseHead(t, page)
	if got, want := h.meta["og:type"], "article"; got != want {
		t.Errorf("og:type: got %q, want %q", got, want)
	}
	if got, want := len(h.jsonLD), 1; got != want {
		t.Fatalf("got %d JSON-LD scripts, want %d", got, want)
	}
	var graph []struct {
		Type            string                             `json:"@type"`
		Context         string                             `json:"@context"`
		Headline        string                             `json:"headline"`
		URL             string                             `json:"url"`
		DatePublished   string                             `json:"datePublished"`
		About           []struct{ Type, Name, URL string } `json:"about"`
		SpatialCoverage []struct {
			Type       string `json:"@type"`
			Name       string `json:"name"`
			Identifier string `json:"identifier"`
		} `json:"spatialCoverage"`
		Contributor []struct {
			Type string `json:"@type"`
			Name string `json:"name"`
			URL  string `json:"url"`
		} `json:"contributor"`
		ItemListElement []struct {
			Position int    `json:"position"`
			Name     string `json:"name"`
			Item     string `json:"item"`
		} `json:"itemListElement"`
	}
	if err := json.Unmarshal([]byte(h.jsonLD[0]), &graph); err != nil {
		t.Fatalf("JSON-LD is no JSON: %v\n%s", err, h.jsonLD[0])
	}
	if got, want := len(graph), 2; got != want {
		t.Fatalf("got %d objects, want an Article and a BreadcrumbList", got)
	}
	a, crumbs := graph[0], graph[1]
	for _, tc := range []struct{ name, got, want string }{
		{"@context", a.Context, "https://schema.org"},
		{"@type", a.Type, "Article"},
		{"headline", a.Headline, "Roeselare and Dogbo"},
		{"url", a.URL, testBaseURL + "cases/dogbo/"},
		{"datePublished", a.DatePublished, "2023-08-01"},
		{"first country", a.SpatialCoverage[0].Type + " " + a.SpatialCoverage[0].Identifier, "Country BE"},
		{"last partner", a.Contributor[len(a.Contributor)-1].Type + " " + a.Contributor[len(a.Contributor)-1].Name, "Organization " + hostile},
		{"breadcrumbs", crumbs.Type, "BreadcrumbList"},
		{"last crumb", crumbs.ItemListElement[2].Item, testBaseURL + "cases/dogbo/"},
		{"middle crumb", crumbs.ItemListElement[1].Item, testBaseURL + "cases/"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, tc.got, tc.want)
		}
	}
	if len(a.About) == 0 {
		t.Errorf("no about")
	}
	for _, c := range a.Contributor {
		if _, err := url.Parse(c.URL); err != nil || !strings.HasPrefix(c.URL, testBaseURL+"partners/") {
			t.Errorf("partner %q: got url %q, want its page", c.Name, c.URL)
		}
	}
}

func TestRobotsAndCard(t *testing.T) {
	r := newRenderer(t)
	s := testSite(nil)
	pages := renderAll(t, r, s, options())
	if got, want := pages["robots.txt"], "Sitemap: "+testBaseURL+"sitemap.xml\n"; !strings.HasSuffix(got, want) {
		t.Errorf("robots.txt: got %q, want it to end in %q", got, want)
	}
	img, err := png.Decode(bytes.NewReader([]byte(pages[render.CardPath])))
	if err != nil {
		t.Fatalf("card: %v", err)
	}
	if got, want := img.Bounds().Size().X*1000+img.Bounds().Size().Y, render.CardWidth*1000+render.CardHeight; got != want {
		t.Errorf("card: got %v, want %dx%d", img.Bounds().Size(), render.CardWidth, render.CardHeight)
	}
	// The title is drawn: white text on the brand colour.
	white := 0
	for y := 0; y < render.CardHeight; y += 2 {
		for x := 0; x < render.CardWidth; x += 2 {
			if r, g, b, _ := img.At(x, y).RGBA(); r&g&b == 0xffff {
				white++
			}
		}
	}
	if white < 500 {
		t.Errorf("card: got %d white pixels of text, want the title's", white)
	}
}
