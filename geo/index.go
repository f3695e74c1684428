package geo

import (
	"cmp"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/quadtree"
)

// Index is the in-memory read model of a dataset: settlements with their timelines, actors and
// changes in date order. The store builds it at start and updates it after every write, each
// write in one step (Apply, or Reset after a bulk write or another process's write); the
// database stays the source of truth.
//
// The index is compact: a settlement has a number (its place in a slice), changes are records
// of 40 bytes without a pointer (actor, kind and status interned, ids in one array, retractions
// numbered), and periods are small structs in one slice per settlement. Notes and sources
// stay in the database when a DetailsFunc is set (FillDetails reads them on demand). A write
// costs O(log n) plus the changes of the settlements it touches: it replaces their entries
// (copy on write) and updates the maps in place under the lock. Values handed out by an Index
// are never changed afterwards, so readers need no lock once they hold them.
type Index struct {
	mu      sync.RWMutex
	version uint64
	words   *words
	actors  map[string]*Actor
	dense   []*Entry         // by settlement number
	numbers map[string]int32 // settlement id -> number
	order   []int32          // settlement numbers in id order
	pins    []*pin           // by settlement number
	tree    *quadtree.Quadtree
	extent  orb.Bound    // holds every settlement's point (it may be larger after a move)
	owners  *changeTable // change id -> settlement number; nil until first asked for
	byDate  *dateOrder   // the counting changes in timeline order; nil until first asked for
	updated int64        // latest recording or retraction, Unix nanoseconds
	details detailStore
	sorted  atomic.Pointer[sortedEntries] // dense in id order, for the version it names
}

// pin is a settlement's place in the quadtree.
type pin struct {
	point  orb.Point
	number int32
}

func (p *pin) Point() orb.Point { return p.point }

type sortedEntries struct {
	version uint64
	entries []*Entry
}

// NewIndex builds an index over a whole dataset. Changes must refer to known settlements.
// The index takes the slices over: the caller must not change them afterwards.
func NewIndex(actors []Actor, settlements []Settlement, changes []Change) *Index {
	ix := &Index{}
	ix.Reset(actors, settlements, changes)
	return ix
}

// Reset replaces the whole content of ix, as after a bulk write, keeping the same *Index.
func (ix *Index) Reset(actors []Actor, settlements []Settlement, changes []Change) {
	l := ix.NewLoader(len(settlements), len(changes))
	for _, a := range actors {
		l.AddActor(a)
	}
	for i := range settlements {
		l.AddSettlement(settlements[i])
	}
	for i := range changes {
		l.AddChange(&changes[i])
	}
	l.Done()
}

// Version increases with every write, so caches can tell stale answers.
func (ix *Index) Version() uint64 {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.version
}

// Batch is the records of one write, put into an index in one step by Apply.
type Batch struct {
	Actors      []Actor
	Settlements []Settlement
	Changes     []Change // their settlements must be in the index or in the batch
}

// Apply puts every record of b into ix (actors, then settlements, then changes) under one lock
// and with one new version, so that a reader sees all of a write or none of it.
func (ix *Index) Apply(b Batch) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, a := range b.Actors {
		ix.actors[a.ID] = &a
	}
	for _, s := range b.Settlements {
		ix.putSettlement(s)
	}
	var scratch timelineScratch
	for i := range b.Changes {
		ix.putChange(&b.Changes[i], &scratch)
	}
	ix.version++
}

// PutActor adds or replaces an actor.
func (ix *Index) PutActor(a Actor) { ix.Apply(Batch{Actors: []Actor{a}}) }

// PutSettlement adds or replaces a settlement, keeping its changes.
func (ix *Index) PutSettlement(s Settlement) { ix.Apply(Batch{Settlements: []Settlement{s}}) }

// PutChange adds or replaces a change and rebuilds the timeline of the settlements it touches.
// The settlement must already be in the index.
func (ix *Index) PutChange(c Change) { ix.Apply(Batch{Changes: []Change{c}}) }

func (ix *Index) putSettlement(s Settlement) {
	n, ok := ix.numbers[s.ID]
	if !ok {
		ix.addSettlement(&s)
		return
	}
	old := ix.dense[n]
	ix.dense[n] = &Entry{Settlement: &s, changes: old.changes, periods: old.periods, words: ix.words}
	if s.Point != old.Settlement.Point {
		p := ix.pins[n]
		ix.tree.Remove(p, func(q orb.Pointer) bool { return q == p })
		ix.pins[n] = &pin{point: s.Point, number: n}
		ix.tree.Add(ix.pins[n])
		ix.extent = ix.extent.Extend(s.Point)
	}
}

// addSettlement gives s the next number, with no changes.
func (ix *Index) addSettlement(s *Settlement) {
	n := int32(len(ix.dense))
	ix.numbers[s.ID] = n
	ix.dense = append(ix.dense, &Entry{Settlement: s, periods: unknownPeriods, words: ix.words})
	i, _ := slices.BinarySearchFunc(ix.order, s.ID, func(m int32, id string) int { return cmp.Compare(ix.dense[m].Settlement.ID, id) })
	ix.order = slices.Insert(ix.order, i, n)
	ix.pins = append(ix.pins, &pin{point: s.Point, number: n})
	ix.tree.Add(ix.pins[n])
	ix.extent = ix.extent.Extend(s.Point)
}

// unknownPeriods is the timeline of a settlement without changes.
var unknownPeriods = []period{{from: MinDay, since: MinDay, change: -1, event: -1}}

func (ix *Index) putChange(c *Change, scratch *timelineScratch) {
	n, ok := ix.numbers[c.SettlementID]
	if !ok {
		return // the store checks that the settlement exists
	}
	ids := ix.words.view().ids
	at, known := uint32(0), false // where c's id is in ids, when an earlier record has it
	without := func(rs []record) []record {
		return slices.DeleteFunc(slices.Clone(rs), func(r record) bool {
			if idOf(&r, ids) != c.ID {
				return false
			}
			at, known = r.id, true
			return true
		})
	}
	if owner, found := ix.ownersLocked().find(c.ID, ix.owns); found && owner != n {
		ix.replaceEntry(owner, without(ix.dense[owner].changes), scratch)
	}
	changes := without(ix.dense[n].changes)
	if !known {
		at = ix.words.addIDs([]byte(c.ID), 1)
	}
	changes = append(changes, newRecord(c, ix.words, at))
	ix.replaceEntry(n, changes, scratch)
	if ix.owners.put(c.ID, n, ix.owns) {
		ix.owners = ownersOf(ix.dense, ix.owns)
	}
	ix.details.keep(c)
	v := ix.words.view()
	ix.noteUpdate(&changes[len(changes)-1], v.retractions)
}

// idOf is r's id, in ids.
func idOf(r *record, ids string) string { return ids[r.id : r.id+uint32(r.idLen)] }

// replaceEntry gives settlement n the changes given, in a new entry.
func (ix *Index) replaceEntry(n int32, changes []record, scratch *timelineScratch) {
	old := ix.dense[n]
	e := newEntry(old.Settlement, changes, ix.words, scratch)
	ix.byDate.remove(old, n, ix.dense)
	ix.dense[n] = e
	ix.byDate.add(e, n, ix.dense)
}

// owns reports whether settlement n has a change id.
func (ix *Index) owns(n int32, id string) bool {
	e := ix.dense[n]
	ids := e.words.view().ids
	return slices.ContainsFunc(e.changes, func(r record) bool { return idOf(&r, ids) == id })
}

// noteUpdate takes r's recording and retraction (in retractions) into ix.updated.
func (ix *Index) noteUpdate(r *record, retractions []*Retraction) {
	ix.updated = max(ix.updated, r.recorded)
	if r.retraction != 0 {
		ix.updated = max(ix.updated, retractions[r.retraction-1].At.UnixNano())
	}
}

// Actor returns the actor with id.
func (ix *Index) Actor(id string) (*Actor, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	a, ok := ix.actors[id]
	return a, ok
}

// Actors returns every actor, sorted by id.
func (ix *Index) Actors() []*Actor {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	out := make([]*Actor, 0, len(ix.actors))
	for _, a := range ix.actors {
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b *Actor) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// Entry returns the settlement with id, its changes and its timeline.
func (ix *Index) Entry(id string) (*Entry, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	n, ok := ix.numbers[id]
	if !ok {
		return nil, false
	}
	return ix.dense[n], true
}

// Change returns the change with id, retracted or not, without its note and sources (see
// FillDetails).
func (ix *Index) Change(id string) (*Change, bool) {
	ix.rlockBuilt(func() bool { return ix.owners != nil }, func() { ix.ownersLocked() })
	defer ix.mu.RUnlock()
	n, ok := ix.owners.find(id, ix.owns)
	if !ok {
		return nil, false
	}
	e := ix.dense[n]
	v := e.words.view()
	i := slices.IndexFunc(e.changes, func(r record) bool { return v.id(&r) == id })
	c := new(Change)
	e.changes[i].change(c, e.Settlement.ID, &v)
	return c, true
}

// rlockBuilt takes the read lock once built reports true, calling build under the write lock
// first if needed: the parts built on first use (the owners table, the date order) cost a start
// nothing. It checks again under the read lock, since a Reset in between drops those parts.
func (ix *Index) rlockBuilt(built func() bool, build func()) {
	for {
		ix.mu.RLock()
		if built() {
			return
		}
		ix.mu.RUnlock()
		ix.mu.Lock()
		if !built() {
			build()
		}
		ix.mu.Unlock()
	}
}

// ownersLocked returns the table of change ids, building it if needed; ix.mu is held for writing.
func (ix *Index) ownersLocked() *changeTable {
	if ix.owners == nil {
		ix.owners = ownersOf(ix.dense, ix.owns)
	}
	return ix.owners
}

// Entries returns every settlement in id order, or those inside bound when it is not nil.
func (ix *Index) Entries(bound *orb.Bound) []*Entry {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	all := ix.sortedLocked()
	if bound == nil {
		return all
	}
	if share(*bound, ix.extent) > 1.0/8 {
		return filterSorted(all, *bound) // a scan in id order beats a query and a sort
	}
	found := ix.tree.InBound(nil, *bound)
	out := make([]*Entry, len(found))
	for i, p := range found {
		out[i] = ix.dense[p.(*pin).number]
	}
	slices.SortFunc(out, func(a, b *Entry) int { return cmp.Compare(a.Settlement.ID, b.Settlement.ID) })
	return out
}

// sortedLocked returns every entry in id order, building the list after a write. The caller
// holds a read lock, so no write runs meanwhile.
func (ix *Index) sortedLocked() []*Entry {
	if s := ix.sorted.Load(); s != nil && s.version == ix.version {
		return s.entries
	}
	out := make([]*Entry, len(ix.order))
	for i, n := range ix.order {
		out[i] = ix.dense[n]
	}
	ix.sorted.Store(&sortedEntries{version: ix.version, entries: out})
	return out
}

// share is the part of extent's area that b covers (1 for an extent of no area that b touches).
func share(b, extent orb.Bound) float64 {
	w := min(b.Max.X(), extent.Max.X()) - max(b.Min.X(), extent.Min.X())
	h := min(b.Max.Y(), extent.Max.Y()) - max(b.Min.Y(), extent.Min.Y())
	if w < 0 || h < 0 {
		return 0
	}
	if area := (extent.Max.X() - extent.Min.X()) * (extent.Max.Y() - extent.Min.Y()); area > 0 {
		return w * h / area
	}
	return 1
}

// filterSorted returns the entries inside bound, in the order of sorted.
func filterSorted(sorted []*Entry, bound orb.Bound) []*Entry {
	var out []*Entry
	for _, e := range sorted {
		if bound.Contains(e.Settlement.Point) {
			out = append(out, e)
		}
	}
	return out
}
