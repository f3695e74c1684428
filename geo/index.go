package geo

import (
	"cmp"
	"slices"
	"sort"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/quadtree"
)

// Index is the in-memory read model of a dataset: settlements with their timelines, actors and
// changes in date order. The store builds it at start and updates it on every write, and stays
// the source of truth. Values handed out by an Index are never changed afterwards: a write
// replaces them, so readers need no lock once they hold them.
type Index struct {
	mu          sync.RWMutex
	version     uint64
	actors      map[string]*Actor
	entries     map[string]*Entry
	sorted      []*Entry // by settlement id
	byDate      []*Change
	tree        *quadtree.Quadtree
	extent      orb.Bound         // holds every settlement's point (it may be larger after a move)
	changeOwner map[string]string // change id -> settlement id
}

// Entry is a settlement with its changes (all of them, in timeline order) and its timeline.
type Entry struct {
	Settlement *Settlement
	Changes    []*Change
	Timeline   Timeline
}

// Point lets an Entry live in a quadtree.
func (e *Entry) Point() orb.Point { return e.Settlement.Point }

// NewIndex builds an index over a whole dataset. Changes must refer to known settlements.
// The index takes the slices over: the caller must not change them afterwards.
func NewIndex(actors []Actor, settlements []Settlement, changes []Change) *Index {
	ix := &Index{}
	ix.Reset(actors, settlements, changes)
	return ix
}

// Reset replaces the whole content of ix, as after a bulk write, keeping the same *Index.
func (ix *Index) Reset(actors []Actor, settlements []Settlement, changes []Change) {
	fresh := Index{actors: map[string]*Actor{}, entries: map[string]*Entry{}, changeOwner: map[string]string{}}
	for i := range actors {
		fresh.actors[actors[i].ID] = &actors[i]
	}
	grouped := map[string][]*Change{}
	for i := range changes {
		c := &changes[i]
		grouped[c.SettlementID] = append(grouped[c.SettlementID], c)
		fresh.changeOwner[c.ID] = c.SettlementID
		fresh.byDate = append(fresh.byDate, c)
	}
	slices.SortFunc(fresh.byDate, CompareChanges)
	for i := range settlements {
		s := &settlements[i]
		fresh.entries[s.ID] = newEntry(s, grouped[s.ID])
	}
	fresh.reindex()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	fresh.version = ix.version + 1
	ix.version, ix.actors, ix.entries, ix.sorted = fresh.version, fresh.actors, fresh.entries, fresh.sorted
	ix.byDate, ix.tree, ix.changeOwner, ix.extent = fresh.byDate, fresh.tree, fresh.changeOwner, fresh.extent
}

func newEntry(s *Settlement, changes []*Change) *Entry {
	changes = slices.Clone(changes)
	slices.SortFunc(changes, CompareChanges)
	return &Entry{Settlement: s, Changes: changes, Timeline: BuildTimeline(changes)}
}

// reindex rebuilds the id order and the spatial index from entries.
func (ix *Index) reindex() {
	ix.sorted = ix.sorted[:0]
	ix.tree = quadtree.New(orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}})
	ix.extent = orb.Bound{Min: orb.Point{180, 90}, Max: orb.Point{-180, -90}} // empty
	for _, e := range ix.entries {
		ix.sorted = append(ix.sorted, e)
		ix.tree.Add(e)
		ix.extent = ix.extent.Extend(e.Settlement.Point)
	}
	slices.SortFunc(ix.sorted, func(a, b *Entry) int { return cmp.Compare(a.Settlement.ID, b.Settlement.ID) })
	ix.version++
}

// Version increases with every write, so caches can tell stale answers.
func (ix *Index) Version() uint64 {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.version
}

// PutActor adds or replaces an actor.
func (ix *Index) PutActor(a Actor) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.actors[a.ID] = &a
	ix.version++
}

// PutSettlement adds or replaces a settlement, keeping its changes.
func (ix *Index) PutSettlement(s Settlement) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	var changes []*Change
	if old, ok := ix.entries[s.ID]; ok {
		changes = old.Changes
		ix.tree.Remove(old, func(p orb.Pointer) bool { return p == old }) // not another entry at the same point
	}
	e := newEntry(&s, changes)
	ix.entries[s.ID] = e
	ix.tree.Add(e)
	ix.extent = ix.extent.Extend(s.Point)
	ix.sorted = upsertSorted(ix.sorted, e, func(a, b *Entry) int { return cmp.Compare(a.Settlement.ID, b.Settlement.ID) })
	ix.version++
}

// PutChange adds or replaces a change and rebuilds the timeline of the settlements it touches.
// The settlement must already be in the index.
func (ix *Index) PutChange(c Change) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if owner, ok := ix.changeOwner[c.ID]; ok {
		ix.dropChange(owner, c.ID)
	}
	e := ix.entries[c.SettlementID]
	ix.entries[c.SettlementID] = newEntry(e.Settlement, append(slices.Clip(e.Changes), &c))
	ix.changeOwner[c.ID] = c.SettlementID
	ix.byDate = upsertSorted(ix.byDate, &c, CompareChanges)
	ix.refreshEntry(c.SettlementID)
	ix.version++
}

func (ix *Index) dropChange(settlementID, changeID string) {
	isIt := func(c *Change) bool { return c.ID == changeID }
	ix.byDate = slices.DeleteFunc(slices.Clone(ix.byDate), isIt)
	e := ix.entries[settlementID]
	ix.entries[settlementID] = newEntry(e.Settlement, slices.DeleteFunc(slices.Clone(e.Changes), isIt))
	ix.refreshEntry(settlementID)
}

// refreshEntry points the sorted list and the tree at the current entry of id.
func (ix *Index) refreshEntry(id string) {
	e := ix.entries[id]
	i, _ := slices.BinarySearchFunc(ix.sorted, id, func(x *Entry, id string) int { return cmp.Compare(x.Settlement.ID, id) })
	old := ix.sorted[i]
	ix.sorted = slices.Clone(ix.sorted)
	ix.sorted[i] = e
	ix.tree.Remove(old, func(p orb.Pointer) bool { return p == old }) // not another entry at the same point
	ix.tree.Add(e)
}

// upsertSorted returns a new slice with v inserted in order (replacing an equal element).
func upsertSorted[T any](s []T, v T, compare func(a, b T) int) []T {
	i, found := slices.BinarySearchFunc(s, v, compare)
	s = slices.Clone(s)
	if found {
		s[i] = v
		return s
	}
	return slices.Insert(s, i, v)
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
	e, ok := ix.entries[id]
	return e, ok
}

// Change returns the change with id, retracted or not.
func (ix *Index) Change(id string) (*Change, bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	e, ok := ix.entries[ix.changeOwner[id]]
	if !ok {
		return nil, false
	}
	i := slices.IndexFunc(e.Changes, func(c *Change) bool { return c.ID == id })
	if i < 0 {
		return nil, false
	}
	return e.Changes[i], true
}

// Entries returns every settlement in id order, or those inside bound when it is not nil.
func (ix *Index) Entries(bound *orb.Bound) []*Entry {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if bound == nil {
		return ix.sorted
	}
	if share(*bound, ix.extent) > 1.0/8 {
		return filterSorted(ix.sorted, *bound) // a scan in id order beats a query and a sort
	}
	found := ix.tree.InBound(nil, *bound)
	out := make([]*Entry, len(found))
	for i, p := range found {
		out[i] = p.(*Entry)
	}
	slices.SortFunc(out, func(a, b *Entry) int { return cmp.Compare(a.Settlement.ID, b.Settlement.ID) })
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

// Changes returns the changes that count from day from to day to (both included; see
// Date.Counts), in timeline order. Retracted changes are left out.
func (ix *Index) Changes(from, to Day) []*Change {
	ix.mu.RLock()
	all := ix.byDate
	ix.mu.RUnlock()
	lo := sort.Search(len(all), func(i int) bool { return all[i].Date.Counts() >= from })
	hi := sort.Search(len(all), func(i int) bool { return all[i].Date.Counts() > to })
	hi = max(hi, lo) // from after to: no changes
	out := make([]*Change, 0, hi-lo)
	for _, c := range all[lo:hi] {
		if c.Counts() {
			out = append(out, c)
		}
	}
	return out
}
