package geo

import (
	"slices"

	"github.com/paulmach/orb"
)

// Entry is a settlement with its changes and its timeline, as the index keeps them: compact
// records and periods. An Entry never changes: a write makes a new one. Changes, Timeline and
// At build the full values on demand; changes come without their note and sources (see
// Index.FillDetails).
type Entry struct {
	Settlement *Settlement
	changes    []record // in timeline order (CompareChanges), retracted ones included
	periods    []period
	words      *words
}

// period is a Period as an Entry keeps it. Its To is the From of the next one (MaxDay for the
// last); change and event are positions in the entry's changes, -1 for none.
type period struct {
	from, since          Day
	change, event        int32
	controller, previous word
	status               word
	changing             bool
}

// Point lets an Entry live in a quadtree.
func (e *Entry) Point() orb.Point { return e.Settlement.Point }

// Len is the number of changes of e, retracted ones included.
func (e *Entry) Len() int { return len(e.changes) }

// NumPeriods is the number of periods of e's timeline (len(e.Timeline()) without building it).
func (e *Entry) NumPeriods() int { return len(e.periods) }

// Changes returns every change of e (retracted ones included) in timeline order, without
// notes and sources.
func (e *Entry) Changes() []*Change {
	slab := e.materializeInto(nil)
	out := make([]*Change, len(slab))
	for i := range slab {
		out[i] = &slab[i]
	}
	return out
}

// materializeInto returns e's changes as full values (without notes and sources) in slab,
// reused (its contents replaced).
func (e *Entry) materializeInto(slab []Change) []Change {
	v := e.words.view()
	slab = slices.Grow(slab[:0], len(e.changes))[:len(e.changes)]
	for i := range e.changes {
		e.changes[i].change(&slab[i], e.Settlement.ID, &v)
	}
	return slab
}

// Timeline returns e's control periods.
func (e *Entry) Timeline() Timeline {
	tl, _ := e.TimelineInto(nil, nil)
	return tl
}

// TimelineInto is Timeline for a caller that reads many timelines in a row (a tile): it
// returns e's periods in tl and their changes in slab, both reused (their contents replaced).
// The periods point into slab, so they hold only until slab is passed again.
func (e *Entry) TimelineInto(tl Timeline, slab []Change) (Timeline, []Change) {
	slab = e.materializeInto(slab)
	w := e.words.view().words
	tl = slices.Grow(tl[:0], len(e.periods))
	for i := range e.periods {
		tl = append(tl, e.period(i, w, func(j int32) *Change { return &slab[j] }))
	}
	return tl, slab
}

// At returns e's period on day d.
func (e *Entry) At(d Day) Period {
	v := e.words.view()
	return e.at(d, &v, make([]Change, 0, 2))
}

// at returns e's period on day d, its changes appended to slab (which must have room for two:
// pointers into it are kept).
func (e *Entry) at(d Day, v *view, slab []Change) Period {
	i := e.find(d)
	return e.period(i, v.words, func(j int32) *Change {
		slab = slab[:len(slab)+1]
		c := &slab[len(slab)-1]
		e.changes[j].change(c, e.Settlement.ID, v)
		return c
	})
}

// find returns the index of the period that contains d: the last one from d or before (the
// first when d is before them all).
func (e *Entry) find(d Day) int {
	lo, hi := 0, len(e.periods) // the first period after d is in [lo, hi]
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if e.periods[m].from > d {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return max(lo-1, 0)
}

// to is the last day (excluded) of period i.
func (e *Entry) to(i int) Day {
	if i+1 < len(e.periods) {
		return e.periods[i+1].from
	}
	return MaxDay
}

// period builds period i, taking its changes from change.
func (e *Entry) period(i int, w []string, change func(int32) *Change) Period {
	p := &e.periods[i]
	out := Period{From: p.from, To: e.to(i), Since: p.since, Controller: w[p.controller], Status: Status(w[p.status]),
		Changing: p.changing, Previous: w[p.previous]}
	if p.change >= 0 {
		out.Change = change(p.change)
	}
	if p.event >= 0 {
		out.Event = change(p.event)
	}
	return out
}

// newEntry builds the entry of s from its records, sorting them in timeline order.
func newEntry(s *Settlement, changes []record, w *words, scratch *timelineScratch) *Entry {
	sortRecords(changes, w)
	e := &Entry{Settlement: s, changes: changes, words: w}
	e.periods = scratch.periods(e)
	return e
}

// sortRecords puts rs, whose ids are in w, in timeline order.
func sortRecords(rs []record, w *words) {
	ids := w.view().ids
	for i := 1; i < len(rs); i++ {
		if compareRecords(&rs[i-1], &rs[i], ids) > 0 {
			slices.SortFunc(rs, func(a, b record) int { return compareRecords(&a, &b, ids) })
			return
		}
	}
}

// keptEntry is the entry of s whose records (in any order) are those its periods were built
// from.
func keptEntry(s *Settlement, changes []record, periods []period, w *words) *Entry {
	sortRecords(changes, w)
	return &Entry{Settlement: s, changes: changes, periods: periods, words: w}
}

// timelineScratch holds the buffers of building timelines, reused from one entry to the next.
type timelineScratch struct {
	changes  []Change
	counting []*Change
	timeline Timeline
}

// periods derives the compact periods of e with BuildTimeline's rules.
func (sc *timelineScratch) periods(e *Entry) []period {
	v := e.words.view()
	w := v.words
	sc.changes = slices.Grow(sc.changes[:0], len(e.changes))[:len(e.changes)]
	sc.counting = sc.counting[:0]
	for i := range e.changes {
		e.changes[i].change(&sc.changes[i], "", &v)
		if e.changes[i].counts() {
			sc.counting = append(sc.counting, &sc.changes[i])
		}
	}
	sc.timeline = buildTimeline(sc.counting, sc.timeline[:0])
	out := make([]period, len(sc.timeline))
	for i, p := range sc.timeline {
		out[i] = period{from: p.From, since: p.Since, change: sc.position(p.Change), event: sc.position(p.Event), changing: p.Changing}
		out[i].controller = e.wordOf(w, p.Controller, out[i].change, func(r *record) word { return r.controller })
		out[i].status = e.wordOf(w, string(p.Status), out[i].change, func(r *record) word { return r.status })
		out[i].previous = e.wordOf(w, p.Previous, -1, nil)
	}
	return out
}

// wordOf is the word of s: most often that of a field of change j (whose words are in list),
// else interned.
func (e *Entry) wordOf(list []string, s string, j int32, field func(*record) word) word {
	if s == "" {
		return 0
	}
	if j >= 0 {
		if w := field(&e.changes[j]); list[w] == s {
			return w
		}
	}
	return e.words.intern(s)
}

// position is the index of c in the scratch changes, -1 for nil.
func (sc *timelineScratch) position(c *Change) int32 {
	if c == nil {
		return -1
	}
	for i := range sc.changes {
		if &sc.changes[i] == c {
			return int32(i)
		}
	}
	panic("geo: a period's change is not the settlement's")
}

// PreviousController returns the controller that change id replaced ("" when unknown), and
// false when it sets no period: it is retracted, overtaken or a status event.
func (e *Entry) PreviousController(changeID string) (string, bool) {
	v := e.words.view()
	w := v.words
	for i := 1; i < len(e.periods); i++ {
		switch p := &e.periods[i]; {
		case p.change < 0 || v.id(&e.changes[p.change]) != changeID:
		case p.changing:
			return w[p.previous], true
		default:
			return w[e.periods[i-1].controller], true
		}
	}
	return "", false
}
