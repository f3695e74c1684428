package geo

import "hash/maphash"

// changeTable finds the settlement of a change id: an open-addressing hash table, at most half
// full, whose 8-byte slots hold a settlement number and 32 bits of the id's hash. A match is
// checked against the settlement's changes, so the table keeps no strings of its own. Changes
// never leave the index, so a slot is never emptied (one whose change moved to another
// settlement stays, matching nothing).
type changeTable struct {
	seed  maphash.Seed
	slots []uint64 // hash<<32 | settlement number + 1; 0 is empty
	n     int
}

func newChangeTable(n int) changeTable {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return changeTable{seed: maphash.MakeSeed(), slots: make([]uint64, size)}
}

// find returns the settlement that owns id, as told by owns.
func (t *changeTable) find(id string, owns func(n int32, id string) bool) (int32, bool) {
	i, ok := t.slot(id, owns)
	if !ok {
		return 0, false
	}
	return int32(uint32(t.slots[i])) - 1, true
}

// slot returns the slot of id, or the empty slot where it would go.
func (t *changeTable) slot(id string, owns func(n int32, id string) bool) (int, bool) {
	if len(t.slots) == 0 {
		*t = newChangeTable(8)
	}
	h := maphash.String(t.seed, id)
	mask := len(t.slots) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		switch s := t.slots[i]; {
		case s == 0:
			return i, false
		case s>>32 == h>>32 && owns(int32(uint32(s))-1, id):
			return i, true
		}
	}
}

// put records that settlement n owns id (owns must already say so). It reports whether the
// table is half full: then build a larger one with ownersOf.
func (t *changeTable) put(id string, n int32, owns func(n int32, id string) bool) (full bool) {
	i, found := t.slot(id, owns)
	if !found {
		t.n++
	}
	t.slots[i] = maphash.String(t.seed, id)>>32<<32 | uint64(uint32(n+1))
	return 2*t.n >= len(t.slots)
}

// ownersOf builds the table of the changes of entries, with room for as many again.
func ownersOf(entries []*Entry, owns func(n int32, id string) bool) *changeTable {
	size := 0
	for _, e := range entries {
		size += len(e.changes)
	}
	t := newChangeTable(size)
	for n, e := range entries {
		if len(e.changes) == 0 {
			continue
		}
		ids := e.words.view().ids
		for i := range e.changes {
			t.put(idOf(&e.changes[i], ids), int32(n), owns)
		}
	}
	return &t
}
