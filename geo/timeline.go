package geo

import (
	"slices"
	"sort"
)

// Period is a span of days [From, To) during which a settlement had one controller.
// Controller is "" and Change nil while the controller is unknown.
type Period struct {
	From, To   Day
	Controller string
	Status     Status
	Change     *Change
}

// Known reports whether the controller of p is known.
func (p Period) Known() bool { return p.Change != nil }

// Contains reports whether d falls in p.
func (p Period) Contains(d Day) bool { return p.From <= d && d < p.To }

// Timeline is the control periods of one settlement, sorted, contiguous and covering every day
// from MinDay to MaxDay. It starts with an unknown period.
type Timeline []Period

// BuildTimeline derives the periods of one settlement from its changes, in any order.
// Retracted changes are left out; a change overtaken on its own first day leaves no period.
func BuildTimeline(changes []*Change) Timeline {
	counting := make([]*Change, 0, len(changes))
	for _, c := range changes {
		if c.Counts() {
			counting = append(counting, c)
		}
	}
	slices.SortFunc(counting, CompareChanges)
	t := Timeline{{From: MinDay, To: MaxDay}}
	for _, c := range counting {
		t = t.extend(c)
	}
	return t
}

// extend closes the last period where c starts and opens c's period.
func (t Timeline) extend(c *Change) Timeline {
	last := &t[len(t)-1]
	last.To = c.Date.Start
	if last.From == last.To {
		t = t[:len(t)-1]
	}
	return append(t, Period{From: c.Date.Start, To: MaxDay, Controller: c.Controller, Status: c.Status, Change: c})
}

// At returns the period that contains day d.
func (t Timeline) At(d Day) Period {
	i := sort.Search(len(t), func(i int) bool { return t[i].To > d })
	return t[min(i, len(t)-1)] // MaxDay itself falls in the last period
}

// Before returns the period before the one set by change id, and false when that change sets
// no period (it is retracted or overtaken on its first day).
func (t Timeline) Before(changeID string) (Period, bool) {
	for i := 1; i < len(t); i++ {
		if t[i].Change != nil && t[i].Change.ID == changeID {
			return t[i-1], true
		}
	}
	return Period{}, false
}
