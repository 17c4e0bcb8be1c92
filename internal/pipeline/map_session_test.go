package pipeline_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/pipeline"
)

// TestIncrementalMap checks that casebook serve's session renders the
// partnership map again after the edits it shows (a partner's location, a
// case's partner country) and not after one it does not (a case's body),
// and that the map it makes is the full build's.
func TestIncrementalMap(t *testing.T) {
	t.Parallel()
	dir := sampleSite(t, false)
	cfg := pipeline.Config{Source: dir, Minify: true, StableNames: true, Layouts: casebook.Layouts, Assets: casebook.Assets, I18n: casebook.I18n}
	sess := pipeline.NewSession(cfg, false)
	if ch, err := sess.Full(); err != nil {
		t.Fatal(err, ch.Problems)
	}
	m := &mutator{t: t, dir: dir, r: rand.New(rand.NewPCG(16, 2))}
	const banjul, kase = "content/partners/banjul.md", "content/cases/ostend-banjul-youth-exchanges.md"
	for _, tt := range []struct {
		name    string
		edit    func() []string
		written []string // pages that must be written
		notMap  bool     // only the edited case's page may be rendered, not the map
	}{
		{"location", func() []string {
			return m.write(banjul, strings.Replace(m.read(banjul), "lat: 13.4531", "lat: 14.6", 1))
		}, []string{"map/index.html", "countries/gm/index.html"}, false},
		{"country", func() []string {
			return m.write(kase, strings.Replace(m.read(kase), "country: GM", "country: SN", 1))
		}, []string{"map/index.html", "countries/sn/index.html", "countries/gm/index.html"}, false},
		{"body", func() []string {
			return m.write(kase, m.read(kase)+"\nOne more line.\n")
		}, nil, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ch, err := sess.Update(tt.edit())
			if err != nil {
				t.Fatal(err, ch.Problems)
			}
			for _, p := range tt.written {
				if _, ok := ch.Written[p]; !ok {
					t.Errorf("%s not written", p)
				}
			}
			if tt.notMap && ch.Rendered != 1 {
				t.Errorf("rendered %d pages after a body edit, want 1 (the case's own, not the map)", ch.Rendered)
			}
			compareWithRun(t, tt.name, cfg, sess.Output())
		})
	}
}
