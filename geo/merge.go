package geo

// Merge puts b into ix as Apply does, in one step and one new version, but by building a new
// content off to the side from the current one (whose records are copied as they are, never
// turned back into Change values) with b's records replacing those of the same id. A bulk write
// calls it: rebuilding costs O(n) once, where Apply costs O(log n) plus a settlement's changes
// for each record.
func (ix *Index) Merge(b Batch) {
	ix.mu.RLock()
	l := &Loader{ix: ix, words: ix.words, actors: make(map[string]*Actor, len(ix.actors)+len(b.Actors)),
		settlements: make([]*Settlement, 0, len(ix.dense)+len(b.Settlements)), numbers: make(map[string]int32, len(ix.dense)),
		details: ix.details.clone()}
	for id, a := range ix.actors {
		l.actors[id] = a
	}
	for _, e := range ix.dense {
		l.AddSettlement(*e.Settlement)
	}
	replaced := make(map[string]bool, len(b.Changes))
	for i := range b.Changes {
		replaced[b.Changes[i].ID] = true
	}
	size := len(b.Changes)
	for _, e := range ix.dense {
		size += len(e.changes)
	}
	l.records, l.owners = make([]record, 0, size), make([]int32, 0, size)
	l.periods = make([][]period, len(ix.dense))
	v := ix.words.view()
	for n, e := range ix.dense {
		l.periods[n] = e.periods
		for _, r := range e.changes {
			if replaced[v.id(&r)] {
				l.periods[n] = nil // its timeline changes
				continue
			}
			l.records = append(l.records, r)
			l.owners = append(l.owners, int32(n))
		}
	}
	l.flushed = len(l.records) // their ids are in the words already
	ix.mu.RUnlock()
	for _, a := range b.Actors {
		l.AddActor(a)
	}
	for _, s := range b.Settlements {
		l.AddSettlement(s)
	}
	for i := range b.Changes {
		if n, ok := l.numbers[b.Changes[i].SettlementID]; ok && int(n) < len(l.periods) {
			l.periods[n] = nil
		}
		l.AddChange(&b.Changes[i])
	}
	l.Done()
}
