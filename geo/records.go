package geo

import (
	"cmp"
	"sync"
	"time"
)

// record is a change as the index keeps it: about 56 bytes, with its strings interned, and
// without its note and sources (see Details). Records never change once written.
type record struct {
	id         string
	recorded   int64 // RecordedAt, Unix nanoseconds
	date       Date
	retraction *Retraction
	controller word
	kind       word
	status     word
}

// newRecord compacts c, interning its words in w.
func newRecord(c *Change, w *words) record {
	var recorded int64
	if !c.RecordedAt.IsZero() {
		recorded = c.RecordedAt.UnixNano()
	}
	return record{id: c.ID, recorded: recorded, date: c.Date, retraction: c.Retracted,
		controller: w.intern(c.Controller), kind: w.intern(string(c.Kind)), status: w.intern(string(c.Status))}
}

// fill is change for a c that is still zero (fresh from a slab): only the fields r sets are
// written.
func (r *record) fill(c *Change, settlement string, w []string) {
	c.ID, c.SettlementID, c.Date = r.id, settlement, r.date
	c.Controller, c.Kind, c.Status = w[r.controller], Kind(w[r.kind]), Status(w[r.status])
	if r.retraction != nil {
		c.Retracted = r.retraction
	}
	if r.recorded != 0 {
		c.RecordedAt = time.Unix(0, r.recorded).UTC()
	}
}

// change fills c from r, a change of settlement (no note, no sources).
func (r *record) change(c *Change, settlement string, w []string) {
	*c = Change{ID: r.id, SettlementID: settlement, Date: r.date, Controller: w[r.controller],
		Kind: Kind(w[r.kind]), Status: Status(w[r.status]), Retracted: r.retraction}
	if r.recorded != 0 {
		c.RecordedAt = time.Unix(0, r.recorded).UTC()
	}
}

func (r *record) counts() bool { return r.retraction == nil }

// compareRecords is CompareChanges on records.
// Each key is compared only when the ones before are equal (cmp.Or would compare them all).
func compareRecords(a, b *record) int {
	if c := cmp.Compare(a.date.Counts(), b.date.Counts()); c != 0 {
		return c
	}
	if c := cmp.Compare(a.date.Precision, b.date.Precision); c != 0 {
		return c
	}
	if c := cmp.Compare(a.recorded, b.recorded); c != 0 {
		return c
	}
	return cmp.Compare(a.id, b.id)
}

// word is an interned string: an actor id, a kind or a status. Word 0 is "".
type word uint16

// words interns the few distinct strings of the changes. The list only grows, and a reader
// holds the list it read, so readers need no lock.
type words struct {
	mu    sync.Mutex
	index map[string]word
	list  []string // never written after it is handed out: adding copies it
}

func newWords() *words {
	return &words{index: map[string]word{"": 0}, list: []string{""}}
}

// intern returns the word of s, adding it when new.
func (w *words) intern(s string) word {
	w.mu.Lock()
	defer w.mu.Unlock()
	if i, ok := w.index[s]; ok {
		return i
	}
	if len(w.list) > 1<<16-1 {
		panic("geo: more than 65535 distinct actors, kinds and statuses")
	}
	i := word(len(w.list))
	w.list = append(w.list[:i:i], s) // a new array: readers keep theirs
	w.index[s] = i
	return i
}

// all returns the list of words for reading.
func (w *words) all() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.list
}
