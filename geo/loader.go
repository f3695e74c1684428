package geo

import (
	"cmp"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/quadtree"
)

// Loader builds the whole content of an index off to the side, one row at a time, and swaps
// it in at once with Done: a reader sees the old content or the new, never a mix. It keeps
// no Change values: each is compacted as it is added (its note and sources are kept only
// when the index has no DetailsFunc).
type Loader struct {
	ix          *Index
	words       *words
	actors      map[string]*Actor
	settlements []*Settlement
	numbers     map[string]int32
	records     []record
	owners      []int32 // settlement number of each record
	details     detailStore
	last        string // settlement id of the last change added, and its number
	lastNumber  int32
	ids         []byte // ids of the records from flushed on, to be copied into one string
	flushed     int
	periods     [][]period // by settlement number: periods still right for its records (Merge)
}

// NewLoader starts a new content for ix; the sizes are hints.
func (ix *Index) NewLoader(settlements, changes int) *Loader {
	ix.mu.RLock()
	fn := ix.details.fn
	ix.mu.RUnlock()
	return &Loader{ix: ix, words: newWords(), actors: map[string]*Actor{},
		settlements: make([]*Settlement, 0, settlements), numbers: make(map[string]int32, settlements),
		records: make([]record, 0, changes), owners: make([]int32, 0, changes), details: newDetailStore(fn)}
}

// AddActor adds an actor.
func (l *Loader) AddActor(a Actor) { l.actors[a.ID] = &a }

// AddSettlement adds a settlement; one with the id of an earlier one replaces it.
func (l *Loader) AddSettlement(s Settlement) {
	if n, ok := l.numbers[s.ID]; ok {
		l.settlements[n] = &s
		return
	}
	l.numbers[s.ID] = int32(len(l.settlements))
	l.settlements = append(l.settlements, &s)
}

// AddChange adds a change of a settlement added before; other changes are left out.
func (l *Loader) AddChange(c *Change) {
	n, ok := l.lastNumber, c.SettlementID == l.last && l.last != ""
	if !ok {
		if n, ok = l.numbers[c.SettlementID]; !ok {
			return
		}
		l.last, l.lastNumber = c.SettlementID, n
	}
	l.records = append(l.records, newRecord(c, l.words))
	l.owners = append(l.owners, n)
	l.details.keep(c)
	if l.ids = append(l.ids, c.ID...); len(l.ids) >= idChunk {
		l.flushIDs()
	}
}

// idChunk is the size of the strings that hold the change ids, many to a string: a million
// ids of their own would leave the heap full of holes between the rows' other strings.
const idChunk = 64 << 10

// flushIDs points the ids of the records added since the last flush into one new string.
func (l *Loader) flushIDs() {
	all := string(l.ids)
	for i := l.flushed; i < len(l.records); i++ {
		n := len(l.records[i].id)
		l.records[i].id, all = all[:n], all[n:]
	}
	l.ids, l.flushed = l.ids[:0], len(l.records)
}

// Done builds the entries, the id order and the quadtree, and swaps them in. The change ids
// and the date order are built when first needed.
func (l *Loader) Done() {
	l.flushIDs()
	fresh := &Index{words: l.words, actors: l.actors, numbers: l.numbers, details: l.details}
	fresh.dense = l.entries()
	fresh.order = l.order()
	fresh.pins, fresh.tree, fresh.extent = l.spatial()
	for _, e := range fresh.dense {
		for i := range e.changes {
			fresh.noteUpdate(&e.changes[i])
		}
	}
	ix := l.ix
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.version++
	ix.words, ix.actors, ix.dense, ix.numbers, ix.order = fresh.words, fresh.actors, fresh.dense, fresh.numbers, fresh.order
	ix.pins, ix.tree, ix.extent, ix.owners = fresh.pins, fresh.tree, fresh.extent, nil
	ix.byDate, ix.updated, ix.details = nil, fresh.updated, fresh.details
}

// entries groups the records by settlement (a counting sort in place) and builds the entries.
func (l *Loader) entries() []*Entry {
	start := make([]int32, len(l.settlements)+1)
	for _, n := range l.owners {
		start[n+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	groupInPlace(l.records, l.owners, start)
	slab := slices.Clip(l.records)
	l.records, l.owners = nil, nil
	out := make([]*Entry, len(l.settlements))
	var scratch timelineScratch
	for n, s := range l.settlements {
		changes := slab[start[n]:start[n+1]:start[n+1]]
		if n < len(l.periods) && l.periods[n] != nil {
			out[n] = keptEntry(s, changes, l.periods[n], l.words)
			continue
		}
		out[n] = newEntry(s, changes, l.words, &scratch)
	}
	return out
}

// groupInPlace orders records by owner (records[i] belongs to owners[i]), given where each
// owner's group starts: each record is swapped straight to its group, so no second slab is
// needed.
func groupInPlace(records []record, owners []int32, start []int32) {
	next := slices.Clone(start[:len(start)-1])
	for n := range next {
		for end := start[n+1]; next[n] < end; {
			i := next[n]
			if o := owners[i]; o != int32(n) {
				j := next[o]
				next[o]++
				records[i], records[j] = records[j], records[i]
				owners[i], owners[j] = owners[j], o
				continue
			}
			next[n]++
		}
	}
}

// order returns the settlement numbers in id order.
func (l *Loader) order() []int32 {
	out := make([]int32, len(l.settlements))
	for i := range out {
		out[i] = int32(i)
	}
	byID := func(a, b int32) int { return cmp.Compare(l.settlements[a].ID, l.settlements[b].ID) }
	if !slices.IsSortedFunc(out, byID) {
		slices.SortFunc(out, byID)
	}
	return out
}

// spatial puts every settlement in a quadtree.
func (l *Loader) spatial() ([]*pin, *quadtree.Quadtree, orb.Bound) {
	pins := make([]*pin, len(l.settlements))
	tree := quadtree.New(orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}})
	extent := orb.Bound{Min: orb.Point{180, 90}, Max: orb.Point{-180, -90}} // empty
	for n, s := range l.settlements {
		pins[n] = &pin{point: s.Point, number: int32(n)}
		tree.Add(pins[n])
		extent = extent.Extend(s.Point)
	}
	return pins, tree, extent
}
