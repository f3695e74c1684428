package geo

import (
	"cmp"
	"sync"
	"time"
	"unsafe"
)

// record is a change as the index keeps it: 40 bytes, with its strings interned, and
// without its note and sources (see Details). Records never change once written. A record
// holds no pointer (its id is a place in the index's ids, its retraction a number in the
// index's retractions), so the collector never scans the million of them.
type record struct {
	recorded   int64 // RecordedAt, Unix nanoseconds
	date       Date
	id         uint32 // the id is view.ids[id : id+idLen]
	idLen      uint16
	controller word
	kind       word
	status     word
	retraction int32 // 1 + the retraction's place in view.retractions; 0 for none
}

// newRecord compacts c, interning its words and retraction in w; its id is at in w's ids.
func newRecord(c *Change, w *words, at uint32) record {
	var recorded int64
	if !c.RecordedAt.IsZero() {
		recorded = c.RecordedAt.UnixNano()
	}
	return record{recorded: recorded, date: c.Date, id: at, idLen: idLength(c.ID), retraction: w.retract(c.Retracted),
		controller: w.intern(c.Controller), kind: w.intern(string(c.Kind)), status: w.intern(string(c.Status))}
}

// idLength is the length of id as a record keeps it.
func idLength(id string) uint16 {
	if len(id) > 1<<16-1 {
		panic("geo: a change id longer than 65535 bytes")
	}
	return uint16(len(id))
}

// fill is change for a c that is still zero (fresh from a slab): only the fields r sets are
// written.
func (r *record) fill(c *Change, settlement string, v *view) {
	w := v.words
	c.ID, c.SettlementID, c.Date = v.id(r), settlement, r.date
	c.Controller, c.Kind, c.Status = w[r.controller], Kind(w[r.kind]), Status(w[r.status])
	if r.retraction != 0 {
		c.Retracted = v.retractions[r.retraction-1]
	}
	if r.recorded != 0 {
		c.RecordedAt = time.Unix(0, r.recorded).UTC()
	}
}

// change fills c from r, a change of settlement (no note, no sources).
func (r *record) change(c *Change, settlement string, v *view) {
	*c = Change{}
	r.fill(c, settlement, v)
}

func (r *record) counts() bool { return r.retraction == 0 }

// compareRecords is CompareChanges on records, whose ids are in ids.
// Each key is compared only when the ones before are equal (cmp.Or would compare them all).
func compareRecords(a, b *record, ids string) int {
	if c := cmp.Compare(a.date.Counts(), b.date.Counts()); c != 0 {
		return c
	}
	if c := cmp.Compare(a.date.Precision, b.date.Precision); c != 0 {
		return c
	}
	if c := cmp.Compare(a.recorded, b.recorded); c != 0 {
		return c
	}
	return cmp.Compare(idOf(a, ids), idOf(b, ids))
}

// word is an interned string: an actor id, a kind or a status. Word 0 is "".
type word uint16

// words interns the few distinct strings of the changes, and keeps the ids and retractions of
// the index's records. Each only grows, and a reader holds the view it read, so readers need no
// lock.
type words struct {
	mu          sync.Mutex
	index       map[string]word
	list        []string      // never written after it is handed out: adding copies it
	ids         []byte        // the change ids end to end: only appended to, never written over
	count       int           // how many ids are in ids
	expect      int           // how many ids a loader expects, to size ids once
	retractions []*Retraction // only appended to
}

// view is what turns records back into changes: the words, ids and retractions as they were
// when read, which hold for every record written before.
type view struct {
	words       []string
	ids         string // over words.ids, whose bytes never change
	retractions []*Retraction
}

// id is r's id.
func (v *view) id(r *record) string { return idOf(r, v.ids) }

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

// view returns the words, ids and retractions for reading.
func (w *words) view() view {
	w.mu.Lock()
	defer w.mu.Unlock()
	return view{words: w.list, ids: unsafe.String(unsafe.SliceData(w.ids), len(w.ids)), retractions: w.retractions}
}

// addIDs appends ids (n ids end to end) and returns where they start.
func (w *words) addIDs(ids []byte, n int) uint32 {
	w.mu.Lock()
	defer w.mu.Unlock()
	at := len(w.ids)
	need := at + len(ids)
	if need > 1<<32-1 {
		panic("geo: more than 4 GB of change ids")
	}
	if need > cap(w.ids) && w.expect > w.count+n {
		// Room for the ids still expected at the mean length so far: a load copies the ids
		// once or twice, not at every growth.
		size := need + (w.expect-w.count-n)*need/(w.count+n)
		grown := make([]byte, at, size+size/32)
		copy(grown, w.ids)
		w.ids = grown
	}
	w.ids = append(w.ids, ids...) // past the end of every view, or into a new array
	w.count += n
	return uint32(at)
}

// retract returns the number of r for a record: 0 for nil, else 1 + its place in the
// retractions.
func (w *words) retract(r *Retraction) int32 {
	if r == nil {
		return 0
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.retractions = append(w.retractions, r)
	return int32(len(w.retractions))
}
