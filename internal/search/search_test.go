package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/site"
)

// testSite has four cases; their titles put them in the order a, b, c, d.
func testSite() *site.Site {
	cases := []*site.Case{
		{Slug: "a", Title: "A: Mol and Santo Tomás", Summary: "Youth exchange.", ApproachIDs: []string{"twinning"},
			PartnerRefs: []site.PartnerRef{{Name: "Mol", Country: "BE", Type: "municipality"}, {Name: "Santo Tomás", Country: "NI", Type: "municipality"}},
			SDGs:        []int{4}, Themes: []string{"youth"}, Start: 1998, Budget: &site.Budget{Amount: 5000, Currency: "EUR", Period: "year"},
			Body: []byte("Young people from [both towns](https://example.org/tambacounda) travel.\n")},
		{Slug: "b", Title: "B: Sint-Niklaas", Summary: "Schools.", ApproachIDs: []string{"youth-work"},
			PartnerRefs: []site.PartnerRef{{Name: "Sint-Niklaas", Country: "BE", Type: "municipality"}, {Name: "AJE", Country: "SN", Type: "ngo"}},
			SDGs:        []int{4, 13}, Start: 2015, Budget: &site.Budget{Amount: 50000, Currency: "EUR", Period: "total"},
			Body: []byte("Pupils visit Tambacounda, in Senegal.\n")},
		{Slug: "c", Title: "C: Water in Dogbo", Summary: "Wells.", ApproachIDs: []string{"twinning", "youth-work"},
			PartnerRefs: []site.PartnerRef{{Name: "Roeselare", Country: "BE", Type: "municipality"}, {Name: "Dogbo", Country: "BJ", Type: "municipality"}},
			SDGs:        []int{6}, Themes: []string{"water"}, Start: 2011, Budget: &site.Budget{Min: 20000, Max: 40000, IsRange: true, Currency: "EUR"},
			Body: []byte("Santo is a name, not a town here.\n")},
		{Slug: "d", Title: "D: Francs", ApproachIDs: []string{"youth-work"},
			PartnerRefs: []site.PartnerRef{{Name: "Genève", Country: "CH", Type: "municipality"}},
			Budget:      &site.Budget{Amount: 100, Currency: "CHF"}},
	}
	approaches := []*site.Approach{{ID: "twinning", Title: "Twinning", Order: 1}, {ID: "youth-work", Title: "Youth work", Order: 2}}
	return site.New(site.Config{Title: "T", BaseURL: "https://example.org/"}, approaches, cases, nil, nil)
}

func valueIDs(f Facet) string {
	var parts []string
	for _, v := range f.Values {
		parts = append(parts, fmt.Sprintf("%s%v", v.ID, v.Cases))
	}
	return strings.Join(parts, " ")
}

func TestFacets(t *testing.T) {
	facets := Facets(testSite(), nil)
	want := map[string]string{
		"approach": "twinning[0 2] youth-work[1 2 3]",
		"sdg":      "4[0 1] 6[2] 13[1]",
		"country":  "be[0 1 2] bj[2] ni[0] sn[1] ch[3]",
		"type":     "municipality[0 1 2 3] ngo[1]",
		"theme":    "water[2] youth[0]",
		"budget":   "any[0 1 2] other-currency[3]", // too few for bands
		"decade":   "1990[0] 2010[1 2] none[3]",
		"partner":  "aje[1] dogbo[2] geneve[3] mol[0] roeselare[2] santo-tomas[0] sint-niklaas[1]",
		"home":     "be[0 1 2] ch[3]", // the first partner's country
		"abroad":   "bj[2] ni[0] sn[1] none[3]",
	}
	var ids []string
	for _, f := range facets {
		ids = append(ids, f.ID)
		if got := valueIDs(f); got != want[f.ID] {
			t.Errorf("%s: got %s, want %s", f.ID, got, want[f.ID])
		}
	}
	if got, want := strings.Join(ids, " "), "approach sdg country type theme budget decade partner home abroad"; got != want {
		t.Errorf("facets: got %s, want %s", got, want)
	}
}

func TestFilter(t *testing.T) {
	s := testSite()
	facets := Facets(s, nil)
	for _, tc := range []struct {
		name    string
		sel     Selection
		cases   []int
		counts0 []int // of the approach facet
		counts2 []int // of the country facet
	}{
		{"Nothing", Selection{}, []int{0, 1, 2, 3}, []int{2, 3}, []int{3, 1, 1, 1, 1}},
		{"OrWithin", Selection{Values: map[string][]string{"approach": {"twinning", "youth-work"}}}, []int{0, 1, 2, 3}, []int{2, 3}, []int{3, 1, 1, 1, 1}},
		{"AndAcross", Selection{Values: map[string][]string{"approach": {"twinning"}, "country": {"bj", "sn"}}}, []int{2}, []int{1, 2}, []int{2, 1, 1, 0, 0}},
		{"WithQuery", Selection{Values: map[string][]string{"country": {"be"}}, Matches: []int{1, 3}}, []int{1}, []int{0, 1}, []int{1, 0, 0, 1, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cases, counts := Filter(len(s.Cases), facets, tc.sel)
			if !slices.Equal(cases, tc.cases) {
				t.Errorf("cases: got %v, want %v", cases, tc.cases)
			}
			if !slices.Equal(counts[0], tc.counts0) {
				t.Errorf("approach counts: got %v, want %v", counts[0], tc.counts0)
			}
			if !slices.Equal(counts[2], tc.counts2) {
				t.Errorf("country counts: got %v, want %v", counts[2], tc.counts2)
			}
		})
	}
}

func TestTerms(t *testing.T) {
	for in, want := range map[string]string{
		"Santo Tomás":                "santo tomas",
		"SANTO TOMÁS, Nicaragua!":    "santo tomas nicaragua",
		"l'eau à Genève (2010–2023)": "eau geneve 2010 2023",
		"Ἀθῆναι ΣΟΦΊΑ":               "αθηναι σοφια",
		"Łódź, Gießen, Ærø":          "lodz giessen aero",
		"a b c x1":                   "x1",
		// Longer than MaxTermLen: its first forty runes.
		"Donaudampfschifffahrtsgesellschaftskapitänshausen!": "donaudampfschifffahrtsgesellschaftskapit",
		"Ἀθῆναι" + strings.Repeat("Σ", 50):                   "αθηναι" + strings.Repeat("σ", 34),
		// Numbers in groups of three digits: one term, however written.
		"EUR 60,000 and 60 000 or 60.000; 1'000'000":    "eur 60000 and 60000 or 60000 1000000",
		"60\u00a0000, 60\u202f000, 60\u2009000, 60’000": "60000 60000 60000 60000",
		"٦٠٬٠٠٠ 60,000.50 3.500,75":                     "٦٠٠٠٠ 60000 50 3500 75",
		// Not grouped: four digits first, groups of two or four, a
		// group that begins a word, a letter first.
		"2015, 2016 1,5 12.05.2020 1,0000 60,000km 1,000,000x a1,000": "2015 2016 12 05 2020 0000 60 000km 1000 000x a1 000",
		"1" + strings.Repeat(",000", 20):                              "1" + strings.Repeat("000", 13),
	} {
		if got := strings.Join(Terms(in), " "); got != want {
			t.Errorf("Terms(%q): got %q, want %q", in, got, want)
		}
	}
}

// TestIndexerFolds checks that the indexer's fast path gives the terms of
// Terms.
func TestIndexerFolds(t *testing.T) {
	text := "Mol, Santo Tomás: l'ÉCOLE à Genève; x Ab-cd 2010 ÆON ﬁne Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch Donaudampfschifffahrtsgesellschaftskapitänshausen" +
		" 60,000 60 000 1.000.000 60\u00a0000 ٦٠٬٠٠٠ 60,000\u202f000 1,5 2015, 2016 60,000km 1,000,000x é60,000 " + "1" + strings.Repeat(",000", 20)
	cu := cutter{ids: map[string]int{}}
	cu.add(text, FieldBody)
	got := slices.Clone(cu.terms)
	want := slices.Compact(Terms(text))
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, slices.Compact(want)) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestSearchRanking(t *testing.T) {
	var ps textIndex
	ps.update(testSite(), hashed)
	for _, tc := range []struct {
		query string
		want  []int
	}{
		{"Santo Tomas", []int{0}},  // both terms: only a; c has "santo" alone
		{"santo", []int{0, 2}},     // title over body
		{"tambacounda", []int{1}},  // a body word; a's link destination is not text
		{"TAMBACOUNDA", []int{1}},  // case does not matter
		{"sint", []int{1}},         // title
		{"dogbo water", []int{2}},  // title and partner
		{"mol youth", []int{0}},    // partner and theme
		{"nothing zzz", []int{}},   // no case
		{"nothing here", []int{2}}, // no case has both: those with one
		{"youths", []int{0}},       // the stem
		{"tambacunda", []int{1}},   // a rune less
		{"tambacoundaa", []int{1}}, // a rune more
		{"tambacuonda", []int{1}},  // two swapped
		{"atmbacounda", []int{1}},  // two swapped at the start
		{"xtambacounda", []int{1}}, // a rune more at the start
		{"pambacounda", []int{}},   // a first rune changed: not forgiven
		{"wster", []int{}},         // a second rune changed: not forgiven
		{"tambacoundas", []int{1}}, // the stem
		{"watre", []int{2}},        // five runes: forgiven
		{"wtaer", []int{2}},
		{"watr", []int{}},   // four runes: not forgiven
		{"youth", []int{0}}, // a theme, and a summary
		{"wa", []int{2}},    // a prefix
	} {
		if got := ps.search(tc.query); !slices.Equal(got, tc.want) {
			t.Errorf("search(%q): got %v, want %v", tc.query, got, tc.want)
		}
	}
}

// TestShards checks that a large shard is split by the next rune, that a
// term as long as its key stays behind, and that every term is in exactly
// one shard, the one of the longest key it begins with.
func TestShards(t *testing.T) {
	terms := []string{"ta", "tab", "tam", "tamb", "tan", "to", "zé"}
	sizes := make([]int, len(terms))
	for i := range sizes {
		sizes[i] = MaxShardSize / 3
	}
	var got []string
	for _, group := range [][2]int{{0, 5}, {5, 6}, {6, 7}} { // the groups ta, to and zé
		lo, hi := group[0], group[1]
		for _, sp := range cut(nil, groupKey(terms[lo]), terms[lo:hi], sizes[lo:hi], lo) {
			got = append(got, sp.key+":"+strings.Join(terms[sp.lo:sp.hi], ","))
		}
	}
	want := []string{"ta:ta", "tab:tab", "tam:tam,tamb", "tan:tan", "to:to", "zé:zé"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if got, want := fileKey("zé"), "z_e9_"; got != want {
		t.Errorf("fileKey: got %q, want %q", got, want)
	}
}

// TestBuild checks that the catalogue file is valid JSON naming every
// other file, each part of a pack it names by its bytes being valid JSON,
// and that two builds of one site are the same.
func TestBuild(t *testing.T) {
	site := testSite()
	ix := Build(site)
	var cat struct {
		Cases  int
		Facets []struct {
			ID     string
			File   string
			Values [][]any
		}
		Sort  map[string]string
		Cards struct {
			Size  int
			Packs [][]any
		}
		Terms [][]any
	}
	if err := json.Unmarshal(ix.Catalogue.Data, &cat); err != nil {
		t.Fatalf("%s: %v", ix.Catalogue.Data, err)
	}
	files := map[string][]byte{}
	for _, f := range ix.Files {
		files[f.Name] = f.Data
		if !json.Valid(f.Data) {
			t.Errorf("%s: invalid JSON: %s", f.Name, f.Data)
		}
	}
	named := map[string]bool{}
	var parts []part
	for _, p := range cat.Cards.Packs {
		parts = append(parts, packParts(t, p, false)...)
	}
	for _, p := range cat.Terms {
		parts = append(parts, packParts(t, p, true)...)
	}
	for _, p := range parts {
		named[p.file] = true
		data, ok := files[p.file]
		if !ok || p.from < 0 || p.to > len(data) || p.from >= p.to || !json.Valid(data[p.from:p.to]) {
			t.Errorf("%v: not a part of a file built (%d bytes)", p, len(data))
		}
	}
	for _, name := range cat.Sort {
		named[name] = true
	}
	// Each facet's values, in the catalogue file or in the facet's own,
	// have the cases that Facets gives.
	for k, f := range Facets(site, nil) {
		values := cat.Facets[k].Values
		if file := cat.Facets[k].File; file != "" {
			named[file] = true
			if err := json.Unmarshal(files[file], &values); err != nil {
				t.Fatalf("%s: %v", file, err)
			}
		}
		if len(values) != len(f.Values) {
			t.Fatalf("facet %s: %d values, want %d", f.ID, len(values), len(f.Values))
		}
		for i, v := range f.Values {
			code, _ := json.Marshal(values[i][2])
			var got []int
			for _, c := range decode(t, code, false) {
				got = append(got, int(c>>5))
			}
			if values[i][0] != v.ID || !slices.Equal(got, v.Cases) {
				t.Errorf("facet %s: value %v has cases %v, want %s with %v", f.ID, values[i][:2], got, v.ID, v.Cases)
			}
		}
	}
	for name := range files {
		if !named[name] {
			t.Errorf("%s is not named in the catalogue file", name)
		}
	}
	var budget []int
	if err := json.Unmarshal(files[cat.Sort["budget"]], &budget); err != nil {
		t.Fatal(err)
	}
	if want := []int{0, 2, 1, 3}; !slices.Equal(budget, want) {
		t.Errorf("budget order: got %v, want %v", budget, want)
	}
	if got, want := cat.Cases, 4; got != want {
		t.Errorf("cases: got %d, want %d", got, want)
	}
	if again := Build(testSite()); !bytes.Equal(again.Catalogue.Data, ix.Catalogue.Data) {
		t.Errorf("two builds of the same site:\n%s\nthen\n%s", ix.Catalogue.Data, again.Catalogue.Data)
	}
	var cards [][]any
	first := parts[0]
	if err := json.Unmarshal(files[first.file][first.from:first.to], &cards); err != nil || len(cards) != 4 {
		t.Fatalf("cards: %v, %s", err, files[first.file])
	}
	if got, want := fmt.Sprint(cards[2]), "[c C: Water in Dogbo Wells. [0 1] [[Roeselare 0 0] [Dogbo 1 0]] [6] EUR 20,000–40,000 2011 0]"; got != want {
		t.Errorf("card: got %s, want %s", got, want)
	}
}

// packParts returns the parts of a pack as the catalogue lists them:
// [file, length, ...], or with keys [file, key, length, ...]; the members
// of a pack are joined by ",\n" between "[" and "]".
func packParts(t *testing.T, pack []any, keyed bool) []part {
	t.Helper()
	file, _ := pack[0].(string)
	var out []part
	from, step := 1, 1
	if keyed {
		step = 2
	}
	for k := 1; k+step-1 < len(pack); k += step {
		n, ok := pack[k+step-1].(float64)
		if !ok || file == "" {
			t.Fatalf("%v: want [file, length, ...]", pack)
		}
		out = append(out, part{file, from, from + int(n)})
		from += int(n) + 2
	}
	return out
}

func TestStem(t *testing.T) {
	for _, tc := range []struct{ lang, term, want string }{
		{"en", "registration", "regist"},
		{"en", "register", "regist"},
		{"en", "registered", "regist"},
		{"en-GB", "registering", "regist"},
		{"en", "water", "water"}, // "wat" would be too short
		{"en", "waters", "water"},
		{"en", "watter", "watter"},
		{"en", "municipalities", "municip"},
		{"en", "education", "educat"},
		{"en", "climate", "climat"},
		{"en", "exchanges", "exchang"},
		{"en", "certificate", "certific"},
		{"en", "birth", "birth"},
		{"nl", "gemeenten", "gemeent"},
		{"nl", "samenwerking", "samenwerk"},
		{"nl", "partners", "partn"},
		{"nl", "water", "water"}, // "wat" would be too short
		{"fr", "cooperations", "cooper"},
		{"fr", "communes", "commun"},
		{"fr", "formatrices", "formatric"}, // "form" would be too short: only the plural goes
		{"de", "kommunen", "kommun"},       // not "kommu", which Kommunikation begins with
		{"de", "partnerinnen", "partn"},
		{"de", "partnerschaften", "partnerschaft"},
		{"es", "cooperaciones", "cooper"},
		{"es", "municipios", "municipi"},
		{"es", "ciudades", "ciudad"},
		{"sv", "kommunerna", "kommunerna"}, // no Swedish stemmer
		{"", "registration", "registration"},
	} {
		t.Run(tc.lang+"/"+tc.term, func(t *testing.T) {
			if got := Stem(tc.lang, tc.term); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestWithinOne(t *testing.T) {
	for _, tc := range []struct {
		q, t string
		want bool
	}{
		{"water", "water", true},
		{"watter", "water", true},       // a rune more
		{"watr", "water", true},         // a rune less
		{"wates", "water", true},        // a rune changed
		{"wtaer", "water", true},        // two swapped
		{"watter", "waterproof", true},  // the beginning of the term
		{"wtaerr", "water", false},      // two edits
		{"wster", "waste", false},       // two edits
		{"santo", "sant", true},         // the term one rune short
		{"genève", "geneve", true},      // runes, not bytes
		{"certificate", "birth", false}, // nothing alike
		{"registraton", "registration", true},
	} {
		t.Run(tc.q+"/"+tc.t, func(t *testing.T) {
			if got := WithinOne(tc.q, tc.t); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// part is where the catalogue file says a cards file or shard is.
type part struct {
	file     string
	from, to int
}

// TestPack checks that packs end where their keys say, not where sizes
// fall: a shard that grows changes its own pack and no other.
func TestPack(t *testing.T) {
	var shards []shard
	for i := range 200 {
		key := fmt.Sprintf("k%03d", i)
		shards = append(shards, shard{key: key, file: File{Name: key, Data: []byte(`{"` + key + `":[1]}`)}})
	}
	files, _, at := new(packs).pack(nil, shards, hashed)
	if len(files) < 200/ShardsPerPack/3 || len(files) > 3*200/ShardsPerPack {
		t.Fatalf("got %d packs of 200 shards, want about %d", len(files), 200/ShardsPerPack)
	}
	grown := slices.Clone(shards)
	grown[100].file.Data = []byte(`{"k100":[1,2,3,4,5,6,7,8,9]}`)
	files2, _, at2 := new(packs).pack(nil, grown, hashed)
	changed := 0
	for i := range files {
		if files[i].Name != files2[i].Name {
			changed++
		}
	}
	if changed != 1 || len(files2) != len(files) {
		t.Errorf("growing one shard changed %d of %d packs (now %d), want 1", changed, len(files), len(files2))
	}
	if at[100].file == at2[100].file {
		t.Errorf("the pack of the grown shard kept its name %s", at[100].file)
	}
	big := slices.Clone(shards)
	big[0].file.Data = bytes.Repeat([]byte("x"), MaxPackSize)
	if files3, _, _ := new(packs).pack(nil, big, hashed); len(files3) <= len(files) {
		t.Errorf("a shard of MaxPackSize did not end its pack: %d packs, want more than %d", len(files3), len(files))
	}
}

// TestPackKeeps checks that packing again after one shard changed writes
// that shard's pack alone, keeping the others as they were (the same
// bytes in the same memory), and gives what packing anew gives.
func TestPackKeeps(t *testing.T) {
	var shards []shard
	for i := range 200 {
		key := fmt.Sprintf("k%03d", i)
		shards = append(shards, shard{key: key, file: File{Name: key, Data: []byte(`{"` + key + `":[1]}`)}})
	}
	var ps packs
	files, _, _ := ps.pack(nil, shards, hashed)
	grown := slices.Clone(shards)
	grown[100].file.Data = []byte(`{"k100":[1,2,3,4,5,6,7,8,9]}`)
	kept, _, keptAt := ps.pack(nil, grown, hashed)
	fresh, _, freshAt := new(packs).pack(nil, grown, hashed)
	if !slices.EqualFunc(kept, fresh, func(a, b File) bool { return a.Name == b.Name && bytes.Equal(a.Data, b.Data) }) ||
		!slices.Equal(keptAt, freshAt) {
		t.Fatal("packing again after an edit gave other packs than packing anew")
	}
	written := 0
	for i := range files {
		if &kept[i].Data[0] != &files[i].Data[0] {
			written++
		}
	}
	if written != 1 {
		t.Errorf("packing again after one shard changed wrote %d packs, want 1", written)
	}
}
