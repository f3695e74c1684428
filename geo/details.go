package geo

import "maps"

// Details are what an index may leave in the database: the note and the sources of a change.
type Details struct {
	Note    string
	Sources []Source
}

// DetailsFunc reads the details of the changes with the given ids (those it does not find are
// left out of the map): the sources, and the notes too when notes is true.
type DetailsFunc func(ids []string, notes bool) (map[string]Details, error)

// detailStore gives the details of changes: from fn when set, else from those kept in memory.
type detailStore struct {
	fn   DetailsFunc
	kept map[string]Details
}

func newDetailStore(fn DetailsFunc) detailStore {
	if fn != nil {
		return detailStore{fn: fn}
	}
	return detailStore{kept: map[string]Details{}}
}

// clone returns a copy whose kept details can be added to without changing d's.
func (d detailStore) clone() detailStore {
	if d.fn != nil {
		return d
	}
	return detailStore{kept: maps.Clone(d.kept)}
}

// keep holds c's details in memory when there is no fn to read them.
func (d *detailStore) keep(c *Change) {
	if d.fn == nil {
		if d.kept == nil {
			d.kept = map[string]Details{}
		}
		d.kept[c.ID] = Details{Note: c.Note, Sources: c.Sources}
	}
}

// SetDetails makes ix keep no notes and sources from its next Reset or NewLoader on: fn reads
// them when FillDetails asks. The store sets it, so a million changes do not hold their
// sources in memory.
func (ix *Index) SetDetails(fn DetailsFunc) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.details = newDetailStore(fn)
}

// FillDetails sets the note and the sources of each change (from the index's changes, which
// come without them). Nil elements are skipped.
func (ix *Index) FillDetails(changes []*Change) error { return ix.fill(changes, true) }

// FillSources sets the sources of each change, as FillDetails but leaving notes alone: a
// snapshot shows no notes.
func (ix *Index) FillSources(changes []*Change) error { return ix.fill(changes, false) }

func (ix *Index) fill(changes []*Change, notes bool) error {
	ix.mu.RLock()
	d := ix.details
	var kept map[string]Details
	if d.fn == nil {
		kept = make(map[string]Details, len(changes))
		for _, c := range changes {
			if c != nil {
				kept[c.ID] = d.kept[c.ID]
			}
		}
	}
	ix.mu.RUnlock()
	if d.fn != nil {
		ids := make([]string, 0, len(changes))
		for _, c := range changes {
			if c != nil {
				ids = append(ids, c.ID)
			}
		}
		var err error
		if kept, err = d.fn(ids, notes); err != nil {
			return err
		}
	}
	for _, c := range changes {
		if c == nil {
			continue
		}
		if c.Sources = kept[c.ID].Sources; notes {
			c.Note = kept[c.ID].Note
		}
	}
	return nil
}
