package geo

import (
	"time"

	"github.com/paulmach/orb"
)

// State is a settlement and its control period on a given day.
type State struct {
	*Entry
	Period Period
}

// Snapshot returns every settlement (inside bound, when not nil) with its period on day d,
// in id order. It costs one binary search per settlement, and allocates the result and one
// slab of the changes in force (their notes and sources left out: see FillDetails).
func (ix *Index) Snapshot(d Day, bound *orb.Bound) []State {
	entries := ix.Entries(bound)
	w := ix.wordList()
	out := make([]State, len(entries))
	slab := make([]Change, 0, len(entries))
	for i, e := range entries {
		out[i] = State{Entry: e, Period: e.atInto(d, w, &slab)}
	}
	return out
}

// atInto is e's period on day d, its change taken from slab (which must have room for it:
// pointers into it are kept) and its event allocated.
func (e *Entry) atInto(d Day, w []string, slab *[]Change) Period {
	return e.period(e.find(d), w, func(j int32) *Change {
		if len(*slab) < cap(*slab) {
			*slab = (*slab)[:len(*slab)+1]
			c := &(*slab)[len(*slab)-1]
			e.changes[j].change(c, e.Settlement.ID, w)
			return c
		}
		c := new(Change)
		e.changes[j].change(c, e.Settlement.ID, w)
		return c
	})
}

// wordList returns the interned words for materializing.
func (ix *Index) wordList() []string {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.words.all()
}

// Difference is a settlement whose controller differs between two days.
type Difference struct {
	*Entry
	Before, After Period
}

// Diff returns the settlements (inside bound, when not nil) whose control on day to differs
// from their control on day from, in id order. Control is the controller, or the incoming
// change while it is changing; a status event (a confirmation, a dispute) is no difference.
func (ix *Index) Diff(from, to Day, bound *orb.Bound) []Difference {
	var out []Difference
	for _, e := range ix.Entries(bound) {
		i, j := e.find(from), e.find(to)
		if control(e, i) != control(e, j) {
			out = append(out, Difference{Entry: e, Before: e.At(from), After: e.At(to)})
		}
	}
	return out
}

// controlOf is what Diff compares: the controller, or the incoming change while changing.
type controlOf struct {
	controller word
	change     int32
}

func control(e *Entry, i int) controlOf {
	if p := &e.periods[i]; p.changing {
		return controlOf{change: p.change}
	}
	return controlOf{controller: e.periods[i].controller, change: -1}
}

// Changes returns the changes that count from day from to day to (both included; see
// Date.Counts), in timeline order, without their notes and sources. Retracted changes are left
// out.
func (ix *Index) Changes(from, to Day) []*Change {
	ix.dates()
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	w := ix.words.all()
	var refs []dateRef
	ix.byDate.each(from, to, func(r dateRef) bool { refs = append(refs, r); return true })
	slab := make([]Change, len(refs))
	out := make([]*Change, len(refs))
	for i, r := range refs {
		r.r.change(&slab[i], ix.dense[r.number].Settlement.ID, w)
		out[i] = &slab[i]
	}
	return out
}

// dates builds the date order when no one has asked for it yet.
func (ix *Index) dates() {
	ix.mu.RLock()
	built := ix.byDate != nil
	ix.mu.RUnlock()
	if built {
		return
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.byDate == nil {
		ix.byDate = newDateOrder(ix.dense)
	}
}

// DateCount is a day on which changes start, with how many.
type DateCount struct {
	Day   Day
	Count int
}

// DateCounts returns the days from which counting changes count, in order.
func (ix *Index) DateCounts() []DateCount {
	ix.dates()
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	var out []DateCount
	ix.byDate.each(MinDay, MaxDay, func(r dateRef) bool {
		if n := len(out); n > 0 && out[n-1].Day == r.day {
			out[n-1].Count++
		} else {
			out = append(out, DateCount{Day: r.day, Count: 1})
		}
		return true
	})
	return out
}

// UpdatedAt is when the data last changed: the latest recording or retraction of a change
// (zero when there is none).
func (ix *Index) UpdatedAt() time.Time {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.updated == 0 {
		return time.Time{}
	}
	return time.Unix(0, ix.updated).UTC()
}
