package data

import "github.com/controlmap/controlmap/geo"

// resetWith puts a bulk write's batch into the index in one step: a new index is built from
// the records of the current one, those of b replacing them, and swapped in. Nothing is read
// from the database again. (Apply suits small batches: it updates the ordered lists record by
// record.)
func (s *Store) resetWith(b geo.Batch) {
	actors := mergeByID(b.Actors, s.ix.Actors(), func(a *geo.Actor) string { return a.ID })
	entries := s.ix.Entries(nil)
	old := make([]*geo.Settlement, len(entries))
	var oldChanges []*geo.Change
	for i, e := range entries {
		old[i] = e.Settlement
		oldChanges = append(oldChanges, e.Changes...)
	}
	settlements := mergeByID(b.Settlements, old, func(st *geo.Settlement) string { return st.ID })
	changes := mergeByID(b.Changes, oldChanges, func(c *geo.Change) string { return c.ID })
	s.ix.Reset(actors, settlements, changes)
}

// mergeByID returns the new records followed by copies of the old ones that none of them
// replaces. It appends to news, which the caller hands over.
func mergeByID[T any](news []T, old []*T, id func(*T) string) []T {
	if len(old) == 0 {
		return news
	}
	replaced := make(map[string]bool, len(news))
	for i := range news {
		replaced[id(&news[i])] = true
	}
	for _, x := range old {
		if !replaced[id(x)] {
			news = append(news, *x)
		}
	}
	return news
}
