package geo

import (
	"cmp"
	"slices"
	"sort"
)

// dateOrder is the counting changes of every settlement in timeline order, in blocks of at
// most 2*blockSize, so that a write inserts or removes in one block: O(log n + blockSize).
// It is only read and written under the index's lock.
type dateOrder struct {
	blocks [][]dateRef
	words  *words // holds the records' ids
}

const blockSize = 512

// dateRef is a counting change: its settlement's number and its place in the entry's records.
// It holds no pointer, so the collector does not scan the million of them.
type dateRef struct {
	day    Day // the record's date.Counts(), kept here for a quick sort
	number int32
	i      int32
}

// compare returns the order of refs into entries (by settlement number), with the ids as they
// are now.
func (o *dateOrder) compare(entries []*Entry) func(a, b dateRef) int {
	ids := o.words.view().ids
	return func(a, b dateRef) int {
		if a.day != b.day {
			return cmp.Compare(a.day, b.day)
		}
		return compareRecords(&entries[a.number].changes[a.i], &entries[b.number].changes[b.i], ids)
	}
}

// newDateOrder orders the counting changes of entries.
func newDateOrder(entries []*Entry, w *words) *dateOrder {
	var all []dateRef
	for n, e := range entries {
		all = appendRefs(all, e, int32(n))
	}
	o := &dateOrder{words: w}
	slices.SortFunc(all, o.compare(entries))
	for len(all) > 0 {
		k := min(blockSize, len(all))
		o.blocks = append(o.blocks, all[:k:k])
		all = all[k:]
	}
	return o
}

func appendRefs(refs []dateRef, e *Entry, n int32) []dateRef {
	for i := range e.changes {
		if r := &e.changes[i]; r.counts() {
			refs = append(refs, dateRef{day: r.date.Counts(), number: n, i: int32(i)})
		}
	}
	return refs
}

// add inserts the counting changes of e, settlement n, which is entries[n].
func (o *dateOrder) add(e *Entry, n int32, entries []*Entry) { o.update(e, n, entries, o.insert) }

// remove takes out the counting changes of e, settlement n, which is entries[n].
func (o *dateOrder) remove(e *Entry, n int32, entries []*Entry) { o.update(e, n, entries, o.delete) }

// update calls op (insert or delete) with each counting change of e; a nil order (not built
// yet) has nothing to update.
func (o *dateOrder) update(e *Entry, n int32, entries []*Entry, op func(dateRef, func(a, b dateRef) int)) {
	if o == nil {
		return
	}
	compare := o.compare(entries)
	for _, ref := range appendRefs(nil, e, n) {
		op(ref, compare)
	}
}

// block returns the first block whose last ref is not before ref (len(blocks) when none).
func (o *dateOrder) block(ref dateRef, compare func(a, b dateRef) int) int {
	return sort.Search(len(o.blocks), func(i int) bool {
		b := o.blocks[i]
		return compare(b[len(b)-1], ref) >= 0
	})
}

func (o *dateOrder) insert(ref dateRef, compare func(a, b dateRef) int) {
	if len(o.blocks) == 0 {
		o.blocks = [][]dateRef{{ref}}
		return
	}
	bi := min(o.block(ref, compare), len(o.blocks)-1)
	b := o.blocks[bi]
	i, _ := slices.BinarySearchFunc(b, ref, compare)
	b = slices.Insert(b, i, ref)
	if len(b) <= 2*blockSize {
		o.blocks[bi] = b
		return
	}
	half := len(b) / 2
	o.blocks = slices.Insert(o.blocks, bi+1, slices.Clone(b[half:]))
	o.blocks[bi] = b[:half:half]
}

func (o *dateOrder) delete(ref dateRef, compare func(a, b dateRef) int) {
	bi := o.block(ref, compare)
	if bi == len(o.blocks) {
		return
	}
	b := o.blocks[bi]
	i, found := slices.BinarySearchFunc(b, ref, compare)
	if !found || b[i].number != ref.number {
		return
	}
	if b = slices.Delete(b, i, i+1); len(b) == 0 {
		o.blocks = slices.Delete(o.blocks, bi, bi+1)
		return
	}
	o.blocks[bi] = b
}

// each calls fn with every ref that counts from day from to day to, in order, until fn
// returns false.
func (o *dateOrder) each(from, to Day, fn func(dateRef) bool) {
	for bi := o.firstBlock(from); bi < len(o.blocks); bi++ {
		b := o.blocks[bi]
		i := sort.Search(len(b), func(i int) bool { return b[i].day >= from })
		for _, ref := range b[i:] {
			if ref.day > to || !fn(ref) {
				return
			}
		}
	}
}

// firstBlock returns the first block with a ref from day from on.
func (o *dateOrder) firstBlock(from Day) int {
	return sort.Search(len(o.blocks), func(i int) bool {
		b := o.blocks[i]
		return b[len(b)-1].day >= from
	})
}
