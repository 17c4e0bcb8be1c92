package gen

import (
	"math/rand/v2"
	"strconv"
)

// Word limits of a case's body, counted as countWords counts them.
const (
	MinWords = 500
	MaxWords = 800
)

// section is one part of a case's story: its possible headings, the
// sentences its paragraphs are made of, and what else it may hold. Every
// pool has at least seven sentences, so that two paragraphs of a section
// never repeat one.
type section struct {
	headings  []string
	sentences []template
	list      *list
	table     bool
}

// list is a Markdown list with a sentence that introduces it.
type list struct {
	intros  []string
	items   []template
	ordered bool
}

var intro = parseAll(
	"Since {Y}, {A} and {B} have worked together on {T}.",
	"The cooperation started when a delegation from {A} visited {B} in {CB} and saw how much the local administration was already doing with very few means.",
	"It is an example of {APP} in which both sides bring their own expertise, and both sides learn.",
	"In {CB}, responsibility for {T} passed to local governments only recently, and many of them still lack staff and equipment.",
	"The partners chose {T} because residents named it as their *first concern* in a survey held in {Y}.",
	"This case describes what the partners did, what it cost and what others can learn from it.",
)

var sections = []section{
	{
		headings: []string{"Background", "Where it started", "The starting point"},
		sentences: parseAll(
			"Before the cooperation, {T} in {B} depended on a handful of volunteers and a plan that nobody had updated in years.",
			"Staff of {B} knew what had to change, but the budget for {T} covered *less than {P} percent* of what was needed.",
			"{A} had built up experience with {T} over the previous decade, including a few mistakes it did not want its partner to repeat.",
			"National law in {CB} gives municipalities the task, but not the means to carry it out.",
			"Earlier attempts by outside donors had left equipment behind, but no one trained to maintain it.",
			"The first meetings were mostly about listening: what did {B} want, and what could {A} realistically offer?",
			"A joint steering committee met {N} times in the first year to agree on priorities.",
			"Both councils adopted the cooperation agreement in {Y}, after a debate in which every party spoke in favour.",
		),
	},
	{
		headings: []string{"What the partners did", "Activities", "How it works"},
		sentences: parseAll(
			"In {Y2}, {N} staff members of {B} spent two weeks in {A} to follow the daily work of their colleagues.",
			"The partners organised {ACT} for {PEOPLE}, which drew more than {N2} participants.",
			"{A} sent a small team of experts on three short missions, each with a clear assignment agreed in advance.",
			"Residents were involved from the start through neighbourhood meetings and a local radio programme on {T}.",
			"A local organisation took charge of {ACT}, with the municipality as a facilitator rather than the owner.",
			"**Every activity was planned jointly**, and the minutes of each meeting were shared in both languages.",
			"Schools in both municipalities took part through exchanges on {T2}, which brought the subject into the classroom.",
			"The partners also worked on {T2}, because it turned out to be closely linked to {T}.",
			"Each year ended with a joint evaluation, in which {PEOPLE} from both sides said what should change.",
		),
		list: &list{
			intros: []string{"The work included:", "The partnership rests on a few pillars:", "The partners agreed on these priorities:"},
			items: parseAll(
				"a training course on {T} for {PEOPLE}",
				"study visits in both directions",
				"a small fund for projects of local associations",
				"technical advice on {T2}",
				"equipment for the municipal services",
				"an awareness campaign on the local radio",
				"exchanges between schools in {A} and {B}",
				"a joint action plan for {T}",
				"{ACT} for {PEOPLE}",
			),
		},
		table: true,
	},
	{
		headings: []string{"Results", "What changed", "Outcomes"},
		sentences: parseAll(
			"After {N} years, the share of households reached rose from {P} to {P2} percent.",
			"The municipality of {B} now has its own plan for {T}, adopted by the council in {Y2}.",
			"More than {N2} residents took part in at least one activity.",
			"Staff of {B} now train colleagues from neighbouring municipalities, which spreads the results well beyond the partnership.",
			"The council of {A} renewed its commitment in {Y2}, with support from all parties.",
			"*Not everything worked*: a planned service point was never built because the land was not available.",
			"The partners estimate that the approach is now used in {N} other municipalities of {CB}.",
			"Satisfaction among {PEOPLE} rose from {P} to {P2} percent between two surveys.",
		),
		list: &list{
			intros: []string{"The partners went through these steps:", "In order, the cooperation went through these stages:"},
			items: parseAll(
				"a joint analysis of the situation in {B}",
				"an agreement signed by both mayors",
				"a three-year action plan on {T}",
				"yearly evaluations with {PEOPLE}",
				"a mid-term review by an outside expert",
				"a handover of the work to the services of {B}",
			),
			ordered: true,
		},
	},
	{
		headings: []string{"Challenges", "What was difficult"},
		sentences: parseAll(
			"Elections in {Y2} brought a new council to {B}, and the partners had to explain the cooperation all over again.",
			"Distance made itself felt: a visit takes days of travel, and video calls depend on an unreliable connection.",
			"Prices of materials in {CB} rose sharply, so part of the plan had to be postponed.",
			"Some residents of {A} asked why money should go abroad when there is work to do at home.",
			"Staff turnover in {B} meant that training had to be repeated more often than expected.",
			"Keeping {PEOPLE} involved after the first enthusiasm took a deliberate effort.",
			"Different ways of keeping accounts led to long discussions before the first report was accepted.",
		),
	},
	{
		headings: []string{"Lessons learned", "What others can learn", "Why it is an example"},
		sentences: parseAll(
			"The most important lesson is that trust takes time: the first two years produced few visible results but laid the ground for everything that followed.",
			"Small budgets go a long way when the partner sets the priorities.",
			"Involving residents of {A} made the cooperation less dependent on a single alderman or official.",
			"Exchanges work best when the staff on both sides do comparable jobs.",
			"Clear agreements on who owns equipment and who pays for its maintenance avoid disputes later.",
			"The partners found that {T} cannot be separated from {T2}.",
			"Work of this kind (**{APP}**) needs a champion in each administration, and a plan for when that person leaves.",
			"Writing down what was agreed, in both languages, saved the partners many misunderstandings.",
		),
	},
	{
		headings: []string{"Budget and funding", "Money and means"},
		sentences: parseAll(
			"The cooperation is financed from the own resources of {A} and by grants, with {B} contributing staff time and premises.",
			"Most of the money goes to training, travel and small equipment; salaries stay with each partner.",
			"Costs are reported each year to both councils, and an external audit took place in {Y2}.",
			"About {P} percent of the budget is spent in {CB}, mostly through local suppliers.",
			"A grant covers the travel of staff, while associations raise money for their own projects.",
			"The partners keep a small reserve for unforeseen costs, which was needed twice.",
			"In kind, {A} contributed used equipment that its own services no longer needed.",
		),
	},
	{
		headings: []string{"Voices from the partners", "In their own words"},
		sentences: parseAll(
			"\"We did not come to teach, we came to learn as much as to share,\" says an official of {A}.",
			"A council member of {B} sums it up: \"For the first time, we planned {T} ourselves.\"",
			"One of the {PEOPLE} who took part says the exchange changed how she looks at her own work.",
			"\"The visits were short, but the contacts last,\" says a participant from {B}.",
			"For the mayor of {A}, the cooperation is \"a way to show residents that the world is close by\".",
			"Staff in {B} stress that the partnership gave them the confidence to approach other donors.",
			"\"What we learned about {T2} was a surprise to both of us,\" says a staff member of {A}.",
		),
	},
	{
		headings: []string{"Next steps", "The future"},
		sentences: parseAll(
			"For the coming years, the partners want to extend the work to {T2}.",
			"Both councils will evaluate the cooperation before deciding on a next phase.",
			"The partners also hope to bring in the private sector, for example local companies working on {T}.",
			"{B} has asked to share its experience with other municipalities in {CB}, with {A} in a supporting role.",
			"A new agreement is being drafted that gives {B} a larger say in the budget.",
			"The partners plan to document their methods in a short guide for other municipalities.",
			"Young people from both municipalities will be given a bigger role, starting with {ACT}.",
		),
	},
	{
		headings: []string{"Looking back", "In short"},
		sentences: parseAll(
			"Looking back, the people involved stress how much they learned from each other.",
			"Several of the {PEOPLE} who took part have since started projects of their own.",
			"The partners keep in touch between visits through monthly video calls.",
			"Local media in {A} and {B} followed the cooperation and reported on it regularly.",
			"The cooperation also changed how {A} looks at its own policy on {T}.",
			"What started as a modest exchange grew into a relationship that both councils value.",
			"Not every goal was met, but the partners agree that the direction is right.",
		),
	},
}

// body writes a case's Markdown body of MinWords to MaxWords words.
type body struct {
	r     *rand.Rand
	c     *textContext
	buf   []byte
	start int // where the body starts in buf
	words int
	used  uint64 // sentences of the current pool already used
}

// block appends b as a block of its own if it keeps the body within
// MaxWords, and reports whether it did.
func (w *body) block(b []byte) bool {
	n := countWords(b)
	if w.words+n > MaxWords {
		return false
	}
	if len(w.buf) > w.start {
		w.buf = append(w.buf, '\n')
	}
	w.buf = append(w.buf, b...)
	w.words += n
	return true
}

// paragraph appends n sentences of pool to b, none used before since
// w.used was last cleared.
func (w *body) paragraph(b []byte, pool []template, n int) []byte {
	for k := range n {
		if w.used == 1<<len(pool)-1 {
			w.used = 0
		}
		i := w.r.IntN(len(pool))
		for w.used&(1<<i) != 0 {
			i = (i + 1) % len(pool)
		}
		w.used |= 1 << i
		if k > 0 {
			b = append(b, ' ')
		}
		b = w.c.sentence(w.r, b, pool[i])
	}
	return append(b, '\n')
}

func (w *body) list(b []byte, l *list) []byte {
	b = append(b, pick(w.r, l.intros)...)
	b = append(b, "\n\n"...)
	n := min(3+w.r.IntN(3), len(l.items))
	start := w.r.IntN(len(l.items))
	for k := range n {
		if l.ordered {
			b = strconv.AppendInt(b, int64(k+1), 10)
			b = append(b, ". "...)
		} else {
			b = append(b, "- "...)
		}
		b = w.c.fill(w.r, b, l.items[(start+k)%len(l.items)])
		if k == n-1 {
			b = append(b, ".\n"...)
		} else {
			b = append(b, ";\n"...)
		}
	}
	return b
}

func (w *body) table(b []byte) []byte {
	b = append(b, "The table lists the main activities of the first years.\n\n| Year | Activity | Participants |\n|---|---|---|\n"...)
	year := w.c.start
	for range 3 + w.r.IntN(2) {
		b = append(b, "| "...)
		b = strconv.AppendInt(b, int64(year), 10)
		b = append(b, " | "...)
		b = w.c.sentence(w.r, b, activity)
		b = append(b, " | "...)
		b = strconv.AppendInt(b, int64(5+w.r.IntN(200)), 10)
		b = append(b, " |\n"...)
		year += 1 + w.r.IntN(2)
	}
	return b
}

var activity = parse("{ACT}")

// write produces the body: an opening paragraph that ends with links to
// other cases, then sections in their usual order until the body reaches
// a word count drawn between MinWords and MaxWords. Optional sections are
// left out now and then. external, a sentence with an external link, goes
// at the end of the budget section, or of the body.
func (w *body) write(links, external []byte) {
	w.start = len(w.buf)
	target := MinWords + 20 + w.r.IntN(MaxWords-MinWords-150)
	var b []byte
	b = w.paragraph(b, intro, 2+w.r.IntN(2))
	if len(links) > 0 {
		b = append(b[:len(b)-1], ' ')
		b = append(append(b, links...), '\n')
	}
	w.block(b)
	for i := range sections {
		s := &sections[i]
		if w.words >= target {
			break
		}
		if (i == 3 || i == 6) && w.r.IntN(2) == 0 {
			continue // Challenges and Voices are optional
		}
		w.used = 0
		b = append(b[:0], "## "...)
		b = append(b, pick(w.r, s.headings)...)
		b = append(b, "\n\n"...)
		b = w.paragraph(b, s.sentences, 2+w.r.IntN(3))
		if i == 5 && len(external) > 0 {
			b = append(append(b[:len(b)-1], ' '), external...)
			b = append(b, '\n')
			external = nil
		}
		if !w.block(b) {
			break
		}
		if s.list != nil && w.r.IntN(2) == 0 {
			w.block(w.list(b[:0], s.list))
		}
		if s.table && w.r.IntN(3) == 0 {
			w.block(w.table(b[:0]))
		}
		if w.words < target && w.r.IntN(3) != 0 {
			w.block(w.paragraph(b[:0], s.sentences, 2+w.r.IntN(2)))
		}
	}
	// A body still short after every section gets more of the last.
	for w.words < MinWords {
		if !w.block(w.paragraph(b[:0], sections[len(sections)-1].sentences, 2)) {
			break
		}
	}
	if len(external) > 0 {
		w.block(append(b[:0], external...))
	}
}
