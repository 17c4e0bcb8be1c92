package site_test

import (
	"fmt"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/casebook/casebook/internal/site"
)

// newCase returns a case with partners given as "name/CC".
func newCase(slug string, approaches []string, partners []string, sdgs []int, themes []string) *site.Case {
	c := &site.Case{Slug: slug, Title: slug, ApproachIDs: approaches, SDGs: sdgs, Themes: themes}
	for _, p := range partners {
		c.PartnerRefs = append(c.PartnerRefs, site.PartnerRef{Name: p[:len(p)-3], Country: p[len(p)-2:], Type: "municipality"})
	}
	return c
}

func approaches(ids ...string) []*site.Approach {
	var as []*site.Approach
	for i, id := range ids {
		as = append(as, &site.Approach{ID: id, Title: id, Order: i + 1})
	}
	return as
}

func slugs(cs []*site.Case) []string {
	var s []string
	for _, c := range cs {
		s = append(s, c.Slug)
	}
	return s
}

func TestRelated(t *testing.T) {
	cases := []*site.Case{
		newCase("a", []string{"twinning"}, []string{"Ostend/BE", "Banjul/GM"}, []int{4}, []string{"youth"}),
		newCase("b", []string{"twinning"}, []string{"Ostend/BE"}, nil, nil),                                  // partner + approach = 12
		newCase("c", []string{"partnership"}, nil, []int{4}, []string{"youth"}),                              // sdg + theme = 3
		newCase("d", []string{"twinning"}, []string{"Mol/BE"}, []int{4}, nil),                                // approach + sdg = 6
		newCase("e", []string{"partnership"}, []string{"Banjul/GM"}, nil, nil),                               // partner = 8
		newCase("f", []string{"partnership"}, []string{"Mol/BE"}, nil, []string{"Youth"}),                    // theme (same slug) = 1
		newCase("g", []string{"partnership"}, []string{"Other/BE"}, []int{5}, []string{"water"}),             // nothing
		newCase("h", []string{"twinning"}, []string{"Mol/BE"}, []int{4}, nil),                                // ties with d: slug order
		newCase("i", []string{"twinning", "twinning"}, []string{"Banjul/GM", "Banjul/GM"}, []int{4, 4}, nil), // duplicates count once: 8+4+2 = 14
	}
	s := site.New(site.Config{}, approaches("partnership", "twinning"), cases, nil, nil)
	if got, want := slugs(s.Case("a").Related), []string{"i", "b", "e", "d", "h"}; !slices.Equal(got, want) {
		t.Fatalf("related of a: got %v, want %v", got, want)
	}
	if got, want := site.Shared(s.Case("a"), s.Case("i")), 14; got != want {
		t.Fatalf("Shared(a, i): got %d, want %d", got, want)
	}
	if got := slugs(s.Case("g").Related); slices.Contains(got, "a") {
		t.Fatalf("g shares nothing with a but lists it: %v", got)
	}
}

// TestRelatedMatchesPairwise compares the inverted-index ranking with a
// plain comparison of every pair on a site small enough for it to be exact.
func TestRelatedMatchesPairwise(t *testing.T) {
	var cases []*site.Case
	ids := []string{"a1", "a2", "a3", "a4"}
	for i := range 120 {
		cases = append(cases, newCase(fmt.Sprintf("case-%03d", i),
			[]string{ids[i%4], ids[(i/4)%4]},
			[]string{fmt.Sprintf("P%d/BE", i%17), fmt.Sprintf("Q%d/SN", i%23)},
			[]int{1 + i%17, 1 + (i*7)%17},
			[]string{fmt.Sprintf("theme %d", i%9)}))
	}
	s := site.New(site.Config{}, approaches(ids...), cases, nil, nil)
	for _, c := range s.Cases {
		var others []*site.Case
		for _, o := range s.Cases {
			if o != c && site.Shared(c, o) > 0 {
				others = append(others, o)
			}
		}
		slices.SortFunc(others, func(x, y *site.Case) int {
			if d := site.Shared(c, y) - site.Shared(c, x); d != 0 {
				return d
			}
			if x.Slug < y.Slug {
				return -1
			}
			return 1
		})
		want := slugs(others[:min(5, len(others))])
		if got := slugs(c.Related); !slices.Equal(got, want) {
			t.Fatalf("%s: got %v, want %v", c.Slug, got, want)
		}
	}
}

func TestPartnersAndTerms(t *testing.T) {
	cases := []*site.Case{
		newCase("a", []string{"x"}, []string{"Santo Tomás/NI", "Mol/BE"}, []int{16}, []string{"Water"}),
		newCase("b", []string{"x"}, []string{"Santo Tomás/NI", "Mol/NL"}, []int{16, 6}, []string{"water"}),
	}
	file := &site.Partner{Slug: "mol", Name: "Mol", Country: "BE", Type: "municipality"}
	s := site.New(site.Config{}, approaches("x"), cases, []*site.Partner{file}, nil)
	var got []string
	for _, p := range s.Partners {
		got = append(got, p.Slug+":"+fmt.Sprint(len(p.Cases)))
	}
	if want := []string{"mol:1", "mol-nl:1", "santo-tomas:2"}; !slices.Equal(got, want) {
		t.Fatalf("partners: got %v, want %v", got, want)
	}
	if p := s.Partner("mol"); p == nil || p.Type != file.Type || len(p.Cases) != 1 {
		t.Fatal("the partner file does not stand for its partner")
	}
	if file.Cases != nil {
		t.Fatal("New changed the partner file it was given: a site holds copies")
	}
	var countries []string
	for _, c := range s.Countries {
		countries = append(countries, c.Name)
	}
	if want := []string{"Belgium", "Netherlands", "Nicaragua"}; !slices.Equal(countries, want) {
		t.Fatalf("countries: got %v, want %v", countries, want)
	}
	if got, want := len(s.Themes), 1; got != want {
		t.Fatalf("themes: got %d, want %d (Water and water are one)", got, want)
	}
	if got, want := s.SDGs[1].Name, "Peace, justice and strong institutions"; got != want {
		t.Fatalf("SDG 16: got %q, want %q", got, want)
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"Santo Tomás":            "santo-tomas",
		"  Roeselare -- Dogbo  ": "roeselare-dogbo",
		"Côte d’Ivoire":          "cote-d-ivoire",
		"SDG 16":                 "sdg-16",
		// Letters without an ASCII base are transliterated, in any script.
		"ÆØÅ":         "aeoa",
		"Łódź":        "lodz",
		"Gießen":      "giessen",
		"Đà Nẵng":     "da-nang",
		"Þingvellir":  "thingvellir",
		"Москва":      "moskva",
		"Київ":        "kiyiv",
		"Αθήνα":       "athena",
		"北京":          "bei-jing",
		"서울":          "seoul",
		"São Paulo":   "sao-paulo",
		"Sa\u0303o":   "sao",
		"٢٠٣٠ Agenda": "2030-agenda",
		"🏙️ ★":        "", // symbols are dropped
	} {
		if got := site.Slugify(in); got != want {
			t.Errorf("Slugify(%q): got %q, want %q", in, got, want)
		}
	}
}

func TestBudgetString(t *testing.T) {
	tests := []struct {
		b    site.Budget
		want string
	}{
		{site.Budget{Amount: 3068, Currency: "EUR", Period: "year"}, "EUR 3,068 a year"},
		{site.Budget{Min: 30000, Max: 40000, IsRange: true, Currency: "EUR", Period: "year"}, "EUR 30,000–40,000 a year"},
		{site.Budget{Amount: 1234567.5, Currency: "USD", Period: "total"}, "USD 1,234,567.50 in total"},
		{site.Budget{Amount: 0, Currency: "EUR"}, "EUR 0"},
	}
	for _, tt := range tests {
		if got := tt.b.String(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Santo Tomás":    "santo tomas",
		"santo tomas":    "santo tomas", // ASCII without capitals: itself
		"KeMoPoDi 2024!": "kemopodi 2024!",
		"ÉCOLE à Genève": "ecole a geneve",
		"Ærø":            "aero", // no decomposition: typed as ASCII letters
		"Łódź, GIEẞEN":   "lodz, giessen",
		"Þórshöfn":       "thorshofn",
		"İstanbul":       "istanbul",
		"Αθήνα":          "αθηνα", // other scripts: lowered, without accents
		"tab\tand\nnew":  "tab\tand\nnew",
		"":               "",
	} {
		if got := site.Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWithoutBodies checks that a site made WithoutBodies leaves out the
// bodies it can read again, reads them through its reader, keeps the
// others, and leaves the site it was made from as it was.
func TestWithoutBodies(t *testing.T) {
	onDisk := newCase("a", []string{"twinning"}, nil, nil, nil)
	onDisk.Body, onDisk.Source = []byte("# A\n"), site.Source{Path: "content/cases/a.md", BodyAt: 40}
	inMemory := newCase("b", []string{"twinning"}, nil, nil, nil)
	inMemory.Body, inMemory.Source = []byte("# B\n"), site.Source{Path: "content/cases/b.md"} // not a file's tail
	s := site.New(site.Config{}, approaches("twinning"), []*site.Case{onDisk, inMemory}, nil, nil)
	var read []string
	lean := s.WithoutBodies(func(src site.Source) ([]byte, error) {
		read = append(read, src.Path)
		if src.Path == "content/cases/a.md" {
			return []byte("# A\n"), nil
		}
		return nil, &site.BodyError{Path: src.Path, Reason: "gone"}
	})
	a, b := lean.Case("a"), lean.Case("b")
	if a.Body != nil || string(b.Body) != "# B\n" {
		t.Errorf("lean site: bodies %q and %q, want nil and the one it cannot read again", a.Body, b.Body)
	}
	if string(s.Case("a").Body) != "# A\n" {
		t.Errorf("the site it was made from lost its body: %q", s.Case("a").Body)
	}
	if body, err := lean.Body(a.Body, a.Source); err != nil || string(body) != "# A\n" {
		t.Errorf("lean.Body(a) = %q, %v", body, err)
	}
	if body, err := lean.Body(b.Body, b.Source); err != nil || string(body) != "# B\n" {
		t.Errorf("lean.Body(b) = %q, %v", body, err)
	}
	if body, err := s.Body(onDisk.Body, onDisk.Source); err != nil || string(body) != "# A\n" {
		t.Errorf("s.Body(a) = %q, %v", body, err)
	}
	if !slices.Equal(read, []string{"content/cases/a.md"}) {
		t.Errorf("read %v, want only a's file, once", read)
	}
	if lean.Approach("twinning").Cases[0] != a {
		t.Errorf("the lean site's items are not linked to each other")
	}
}

// TestReadingSitesStay checks that the sites made from a site that reads
// its bodies again (WithoutBodies) read them too and hold none that they
// can read, however they are made: patched, linked anew or given new
// bodies. casebook serve makes each edit's site so, and a body held by one
// and not by the next would give the same item two versions.
func TestReadingSitesStay(t *testing.T) {
	as := approaches("twinning", "networks")
	for i, a := range as {
		a.Source = site.Source{Path: "content/approaches/" + a.ID + ".md", Version: uint64(i + 1), BodyAt: 30}
		a.Body = []byte("About " + a.ID + ".\n")
	}
	files := func() []*site.Case {
		var cs []*site.Case
		for i, slug := range []string{"a", "b", "c"} {
			c := newCase(slug, []string{"twinning"}, []string{"Ostend/BE"}, []int{1}, nil)
			c.Source = site.Source{Path: "content/cases/" + slug + ".md", Version: uint64(i + 1), BodyAt: 40}
			c.Body = []byte("The body of " + slug + ".\n")
			cs = append(cs, c)
		}
		return cs
	}
	read := func(src site.Source) ([]byte, error) { return []byte("read again: " + src.Path), nil }
	tests := []struct {
		name string
		make func(prev *site.Site) *site.Site
	}{
		{"patched", func(prev *site.Site) *site.Site {
			cs := files()
			cs[0].ApproachIDs, cs[0].Source.Version = []string{"networks"}, 100
			if !site.Patches(prev, site.Config{}, as, cs, nil, nil) {
				t.Fatal("an edit of a case's approaches does not patch")
			}
			return site.Relink(prev, site.Config{}, as, cs, nil, nil)
		}},
		{"linked anew", func(prev *site.Site) *site.Site {
			cs := files()
			cs[0].Title, cs[0].Source.Version = "A new title", 100
			return site.Relink(prev, site.Config{}, as, cs, nil, nil)
		}},
		{"new bodies", func(prev *site.Site) *site.Site {
			return prev.WithBodies(map[string]site.Body{
				"content/cases/a.md":             {Body: []byte("New.\n"), Source: site.Source{Path: "content/cases/a.md", Version: 100, BodyAt: 40}},
				"content/approaches/twinning.md": {Body: []byte("New.\n"), Source: site.Source{Path: "content/approaches/twinning.md", Version: 100, BodyAt: 30}},
			})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prev := site.New(site.Config{}, as, files(), nil, nil).WithoutBodies(read)
			s := tt.make(prev)
			if !s.ReadsBodies() {
				t.Fatal("the new site does not read its bodies again")
			}
			for _, c := range s.Cases {
				if c.Body != nil {
					t.Errorf("case %s holds its body %q", c.Slug, c.Body)
				}
				if body, err := s.Body(c.Body, c.Source); err != nil || string(body) != "read again: "+c.Source.Path {
					t.Errorf("case %s: Body = %q, %v, want it read again", c.Slug, body, err)
				}
			}
			for _, a := range s.Approaches {
				if a.Body != nil {
					t.Errorf("approach %s holds its body %q", a.ID, a.Body)
				}
			}
			if c := prev.Case("a"); c.Body != nil || c.Source.Version != 1 {
				t.Errorf("the last site changed: case a has body %q and version %d", c.Body, c.Source.Version)
			}
		})
	}
}

// TestWithoutBodiesLetsGo checks that a site made WithoutBodies does not
// hold the site it was made from, and so its bodies: a build made one to
// let them go.
func TestWithoutBodiesLetsGo(t *testing.T) {
	c := newCase("a", []string{"twinning"}, nil, nil, nil)
	c.Body, c.Source = make([]byte, 64<<20), site.Source{Path: "content/cases/a.md", BodyAt: 40}
	s := site.New(site.Config{}, approaches("twinning"), []*site.Case{c}, nil, nil)
	gone := make(chan bool)
	runtime.AddCleanup(&c.Body[0], func(chan bool) { close(gone) }, gone)
	lean := s.WithoutBodies(func(site.Source) ([]byte, error) { return nil, nil })
	s, c = nil, nil
	for range 10 {
		runtime.GC()
		select {
		case <-gone:
			runtime.KeepAlive(lean)
			return
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Error("the body of the site it was made from is still held")
	runtime.KeepAlive(lean)
}

// TestSameItems checks which sites say they hold the same items: a site
// and the copies of it with other bodies, and no site linked anew, even
// from the same files.
func TestSameItems(t *testing.T) {
	cases := []*site.Case{{Slug: "a", Title: "A", ApproachIDs: []string{"x"}, Source: site.Source{Path: "content/cases/a.md"}}}
	s := site.New(site.Config{}, approaches("x"), cases, nil, nil)
	edited := s.WithBodies(map[string]site.Body{"content/cases/a.md": {Body: []byte("new"), Source: site.Source{Path: "content/cases/a.md"}}})
	if !s.SameItems(edited) || !edited.SameItems(s.WithoutBodies(nil)) {
		t.Error("a site and its copies with other bodies do not say they hold the same items")
	}
	if string(edited.Case("a").Body) != "new" {
		t.Errorf("the copy's body is %q", edited.Case("a").Body)
	}
	if again := site.New(site.Config{}, approaches("x"), cases, nil, nil); s.SameItems(again) || s.SameItems(site.Relink(s, site.Config{}, approaches("x"), cases, nil, nil)) {
		t.Error("a site linked anew says it holds the same items as the last")
	}
}
