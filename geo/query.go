package geo

import "github.com/paulmach/orb"

// State is a settlement and its control period on a given day.
type State struct {
	*Entry
	Period Period
}

// Snapshot returns every settlement (inside bound, when not nil) with its period on day d,
// in id order. It costs one binary search per settlement.
func (ix *Index) Snapshot(d Day, bound *orb.Bound) []State {
	entries := ix.Entries(bound)
	out := make([]State, len(entries))
	for i, e := range entries {
		out[i] = State{Entry: e, Period: e.Timeline.At(d)}
	}
	return out
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
		before, after := e.Timeline.At(from), e.Timeline.At(to)
		if control(before) != control(after) {
			out = append(out, Difference{Entry: e, Before: before, After: after})
		}
	}
	return out
}

// control is what Diff compares: the controller, or the incoming change while changing.
func control(p Period) string {
	if p.Changing {
		return "changing:" + p.Change.ID
	}
	return p.Controller
}

// DateCount is a day on which changes start, with how many.
type DateCount struct {
	Day   Day
	Count int
}

// DateCounts returns the days from which counting changes count, in order.
func (ix *Index) DateCounts() []DateCount {
	var out []DateCount
	for _, c := range ix.Changes(MinDay, MaxDay) {
		if n := len(out); n > 0 && out[n-1].Day == c.Date.Counts() {
			out[n-1].Count++
			continue
		}
		out = append(out, DateCount{Day: c.Date.Counts(), Count: 1})
	}
	return out
}
