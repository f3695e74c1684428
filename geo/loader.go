package geo

import (
	"cmp"
	"slices"
	"sync"

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
	details     detailStore
	periods     [][]period // by settlement number: periods still right for its records (Merge)
	part                   // the changes added with AddChange
	parts       []*Part    // the changes added through Part, merged after part's
}

// part is a run of changes in the order added, compacted.
type part struct {
	records    []record
	owners     []int32 // settlement number of each record
	last       string  // settlement id of the last change added, and its number
	lastNumber int32
	ids        []byte // ids of the records from flushed on (their id is a place in it), to be added to the words
	flushed    int
	recent     [3]wordCache // controller, kind, status
}

// Part is a share of a Loader's changes that one goroutine adds while others add theirs, even
// before the settlements are added: Done puts the parts' changes after those added with
// AddChange, in the order the parts were made, and leaves out those of unknown settlements.
type Part struct {
	l *Loader
	part
	runs []partRun
	kept map[string]Details // the details of its changes, when the index has no DetailsFunc
}

// partRun is a run of a Part's records of one settlement, up to end (excluded).
type partRun struct {
	settlement string
	end        int
}

// NewLoader starts a new content for ix; the sizes are hints.
func (ix *Index) NewLoader(settlements, changes int) *Loader {
	ix.mu.RLock()
	fn := ix.details.fn
	ix.mu.RUnlock()
	w := newWords()
	w.expect = changes
	return &Loader{ix: ix, words: w, actors: map[string]*Actor{},
		settlements: make([]*Settlement, 0, settlements), numbers: make(map[string]int32, settlements),
		part: part{records: make([]record, 0, changes), owners: make([]int32, 0, changes)}, details: newDetailStore(fn)}
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
	if l.part.add(c, l) {
		l.details.keep(c)
	}
}

// Part makes a new share of l's changes; changes is a hint of how many.
func (l *Loader) Part(changes int) *Part {
	p := &Part{l: l, part: part{records: make([]record, 0, changes)}} // runs, not owners, say whose records are whose
	l.parts = append(l.parts, p)
	return p
}

// AddChange adds a change; its settlement is looked up by Done.
func (p *Part) AddChange(c *Change) {
	if n := len(p.runs); n == 0 || p.runs[n-1].settlement != c.SettlementID {
		p.runs = append(p.runs, partRun{settlement: c.SettlementID})
	}
	p.push(c, p.l.words)
	p.runs[len(p.runs)-1].end = len(p.records)
	if p.l.details.fn == nil {
		if p.kept == nil {
			p.kept = map[string]Details{}
		}
		p.kept[c.ID] = Details{Note: c.Note, Sources: c.Sources}
	}
}

// add compacts c into p; it reports false when c's settlement is unknown.
func (p *part) add(c *Change, l *Loader) bool {
	n, ok := p.lastNumber, c.SettlementID == p.last && p.last != ""
	if !ok {
		if n, ok = l.numbers[c.SettlementID]; !ok {
			return false
		}
		p.last, p.lastNumber = c.SettlementID, n
	}
	p.push(c, l.words)
	p.owners = append(p.owners, n)
	return true
}

// push appends c's record and c's id, adding the ids gathered to w when they fill a chunk.
func (p *part) push(c *Change, w *words) {
	p.records = append(p.records, p.record(c, w))
	if p.ids = append(p.ids, c.ID...); len(p.ids) >= idChunk {
		p.flushIDs(w)
	}
}

// record is newRecord with the words of the latest changes remembered: most changes have one
// of a few controllers, kinds and statuses. Its id is its place in p.ids, where the caller
// appends it.
func (p *part) record(c *Change, w *words) record {
	var recorded int64
	if !c.RecordedAt.IsZero() {
		recorded = c.RecordedAt.UnixNano()
	}
	return record{id: uint32(len(p.ids)), idLen: idLength(c.ID), recorded: recorded, date: c.Date, retraction: w.retract(c.Retracted),
		controller: p.recent[0].intern(c.Controller, w), kind: p.recent[1].intern(string(c.Kind), w),
		status: p.recent[2].intern(string(c.Status), w)}
}

// wordCache remembers the words of a few strings, without a lock.
type wordCache struct {
	strings [8]string
	words   [8]word
	n       int
}

func (wc *wordCache) intern(s string, w *words) word {
	for i := range wc.n {
		if wc.strings[i] == s {
			return wc.words[i]
		}
	}
	v := w.intern(s)
	if wc.n < len(wc.strings) {
		wc.strings[wc.n], wc.words[wc.n] = s, v
		wc.n++
	}
	return v
}

// idChunk is how many bytes of ids a part gathers before adding them to the words at once
// (under the words' lock).
const idChunk = 64 << 10

// flushIDs adds the ids of the records added since the last flush to w, and points the records
// at them.
func (p *part) flushIDs(w *words) {
	at := w.addIDs(p.ids, len(p.records)-p.flushed)
	for i := p.flushed; i < len(p.records); i++ {
		p.records[i].id += at
	}
	p.ids, p.flushed = p.ids[:0], len(p.records)
}

// merge puts the parts' changes after part's.
func (l *Loader) merge() {
	l.part.flushIDs(l.words)
	if len(l.parts) == 0 {
		return
	}
	size := len(l.records)
	for _, p := range l.parts {
		size += len(p.records)
	}
	l.records, l.owners = slices.Grow(l.records, size-len(l.records)), slices.Grow(l.owners, size-len(l.owners))
	for _, p := range l.parts {
		p.flushIDs(l.words)
		l.mergePart(p)
	}
	l.parts = nil
}

// mergePart appends p's records of known settlements.
func (l *Loader) mergePart(p *Part) {
	start := 0
	var v view
	if p.kept != nil {
		v = l.words.view()
	}
	for _, run := range p.runs {
		records := p.records[start:run.end]
		start = run.end
		n, ok := l.numbers[run.settlement]
		if !ok {
			continue
		}
		l.records = append(l.records, records...)
		for _, r := range records {
			l.owners = append(l.owners, n)
			if p.kept == nil {
				continue
			}
			if d, ok := p.kept[v.id(&r)]; ok {
				l.details.kept[v.id(&r)] = d
			}
		}
	}
}

// Done builds the entries, the id order and the quadtree, and swaps them in. The change ids
// and the date order are built when first needed.
func (l *Loader) Done() {
	var order []int32
	var wg sync.WaitGroup
	wg.Go(func() { order = l.order() })
	l.merge()
	fresh := &Index{words: l.words, actors: l.actors, numbers: l.numbers, details: l.details}
	retractions := l.words.view().retractions
	for i := range l.records {
		fresh.noteUpdate(&l.records[i], retractions)
	}
	wg.Wait()
	was := l.renumber(order)
	fresh.order = make([]int32, len(l.settlements))
	for i := range fresh.order {
		fresh.order[i] = int32(i)
	}
	wg.Go(func() { fresh.pins, fresh.tree, fresh.extent = l.spatial() })
	fresh.dense = l.entries(was)
	wg.Wait()
	ix := l.ix
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.version++
	ix.words, ix.actors, ix.dense, ix.numbers, ix.order = fresh.words, fresh.actors, fresh.dense, fresh.numbers, fresh.order
	ix.pins, ix.tree, ix.extent, ix.owners = fresh.pins, fresh.tree, fresh.extent, nil
	ix.byDate, ix.updated, ix.details = nil, fresh.updated, fresh.details
}

// entries groups the records by settlement (a counting sort in place) and builds the entries,
// on a few goroutines when there are many.
// The records' owners are the numbers the settlements had before renumber: was[n] is the old
// number of settlement n (nil: the same).
func (l *Loader) entries(was []int32) []*Entry {
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
	inParts(len(out), func(lo, hi int) {
		var scratch timelineScratch
		for n := lo; n < hi; n++ {
			old := n
			if was != nil {
				old = int(was[n])
			}
			changes := slab[start[old]:start[old+1]:start[old+1]]
			if n < len(l.periods) && l.periods[n] != nil {
				out[n] = keptEntry(l.settlements[n], changes, l.periods[n], l.words)
				continue
			}
			out[n] = newEntry(l.settlements[n], changes, l.words, &scratch)
		}
	})
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

// renumber numbers the settlements in id order, so that reading every settlement in id order
// (a snapshot) reads them, their entries and periods in the order they lie in memory, given
// order, the settlement numbers in id order (l.order). It returns the old number of each
// settlement, nil when they keep theirs. The records keep their order (moving them would cost
// more than it saves), and their owners the old numbers.
func (l *Loader) renumber(order []int32) (was []int32) {
	if slices.IsSorted(order) {
		return nil
	}
	rank := make([]int32, len(order))
	settlements := make([]*Settlement, len(order))
	slab := make([]Settlement, len(order)) // in id order too
	var periods [][]period
	if l.periods != nil {
		periods = make([][]period, len(order))
	}
	for r, n := range order {
		slab[r] = *l.settlements[n]
		rank[n], settlements[r] = int32(r), &slab[r]
		if periods != nil && int(n) < len(l.periods) {
			periods[r] = l.periods[n]
		}
	}
	for id, n := range l.numbers {
		l.numbers[id] = rank[n]
	}
	l.settlements, l.periods = settlements, periods
	return order
}

// order returns the settlement numbers in id order. It sorts the ids with their numbers side
// by side: comparing through the settlements would chase a pointer per comparison.
func (l *Loader) order() []int32 {
	type key struct {
		id     string
		number int32
	}
	keys := make([]key, len(l.settlements))
	for i, s := range l.settlements {
		keys[i] = key{s.ID, int32(i)}
	}
	byID := func(a, b key) int { return cmp.Compare(a.id, b.id) }
	if !slices.IsSortedFunc(keys, byID) {
		slices.SortFunc(keys, byID)
	}
	out := make([]int32, len(keys))
	for i, k := range keys {
		out[i] = k.number
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
