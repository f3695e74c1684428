package data

import "github.com/controlmap/controlmap/geo"

// resetWith puts a bulk write's batch into the index in one step: Index.Merge builds a new
// content from the compact records of the current one, those of b replacing them, keeps the
// timelines of the settlements b leaves alone, and swaps it in. Nothing is read from the
// database again. (Apply suits small batches: it updates the ordered lists record by record.)
func (s *Store) resetWith(b geo.Batch) {
	s.ix.Merge(b)
}

// lastCopies returns changes with only the last copy of each id, given their order by id
// (idOrder: a later copy stays later). It returns changes itself when no id repeats.
func lastCopies(changes []geo.Change, order []int32) []geo.Change {
	repeats := false
	for i := 1; i < len(order) && !repeats; i++ {
		repeats = changes[order[i-1]].ID == changes[order[i]].ID
	}
	if !repeats {
		return changes
	}
	out := make([]geo.Change, 0, len(changes))
	for i, k := range order {
		if i+1 < len(order) && changes[order[i+1]].ID == changes[k].ID {
			continue
		}
		out = append(out, changes[k])
	}
	return out
}
