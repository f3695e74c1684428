package geo

import (
	"runtime"
	"sync"
	"time"

	"github.com/paulmach/orb"
)

// State is a settlement and its control period on a given day.
type State struct {
	*Entry
	Period Period
}

// Snapshot returns every settlement (inside bound, when not nil) with its period on day d,
// in id order. It costs one binary search per settlement, and allocates the result and a slab
// of the changes in force (their notes and sources left out: see FillDetails): no allocation
// per settlement. Many settlements are shared out between a few goroutines.
func (ix *Index) Snapshot(d Day, bound *orb.Bound) []State {
	entries := ix.Entries(bound)
	w := ix.view(entries)
	out := make([]State, len(entries))
	inParts(len(entries), func(lo, hi int) {
		changes, events := changeSlab{size: hi - lo}, changeSlab{size: 1024}
		for i := lo; i < hi; i++ {
			out[i] = State{Entry: entries[i], Period: entries[i].atInto(d, &w, &changes, &events)}
		}
	})
	return out
}

// minPart is the fewest items inParts gives a goroutine of its own.
const minPart = 1 << 14

// inParts calls fn over [0, n) in consecutive parts, at once on up to GOMAXPROCS goroutines
// (at most 4) when n is large.
func inParts(n int, fn func(lo, hi int)) {
	parts := min(runtime.GOMAXPROCS(0), 4, max(n/minPart, 1))
	if parts == 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() { fn(p*n/parts, (p+1)*n/parts) })
	}
	wg.Wait()
}

// changeSlab hands out zero Changes from blocks of size: many changes cost a few allocations.
// A place handed out is never handed out again.
type changeSlab struct {
	block []Change
	size  int
}

func (s *changeSlab) next() *Change {
	if len(s.block) == cap(s.block) {
		s.block = make([]Change, 0, max(s.size, 1))
	}
	s.block = s.block[:len(s.block)+1]
	return &s.block[len(s.block)-1]
}

// atInto is e's period on day d, its change and event taken from slabs.
func (e *Entry) atInto(d Day, v *view, changes, events *changeSlab) Period {
	w := v.words
	i := e.find(d)
	p := &e.periods[i]
	out := Period{From: p.from, To: e.to(i), Since: p.since, Controller: w[p.controller], Status: Status(w[p.status]),
		Changing: p.changing, Previous: w[p.previous]}
	if p.change >= 0 {
		out.Change = changes.next()
		e.changes[p.change].fill(out.Change, e.Settlement.ID, v)
	}
	if p.event >= 0 {
		out.Event = events.next()
		e.changes[p.event].fill(out.Event, e.Settlement.ID, v)
	}
	return out
}

// view returns the words, ids and retractions for materializing the records of entries (read
// from ix at once, so they share their words).
func (ix *Index) view(entries []*Entry) view {
	if len(entries) > 0 {
		return entries[0].words.view()
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.words.view()
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
	ix.rlockDates()
	defer ix.mu.RUnlock()
	v := ix.words.view()
	var refs []dateRef
	ix.byDate.each(from, to, func(r dateRef) bool { refs = append(refs, r); return true })
	slab := make([]Change, len(refs))
	out := make([]*Change, len(refs))
	for i, r := range refs {
		e := ix.dense[r.number]
		e.changes[r.i].change(&slab[i], e.Settlement.ID, &v)
		out[i] = &slab[i]
	}
	return out
}

// rlockDates takes the read lock with the date order built.
func (ix *Index) rlockDates() {
	ix.rlockBuilt(func() bool { return ix.byDate != nil }, func() { ix.byDate = newDateOrder(ix.dense, ix.words) })
}

// DateCount is a day on which changes start, with how many.
type DateCount struct {
	Day   Day
	Count int
}

// DateCounts returns the days from which counting changes count, in order.
func (ix *Index) DateCounts() []DateCount {
	ix.rlockDates()
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
