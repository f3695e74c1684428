package main

import (
	"sort"
)

// Putting a settlement's changes in order and in agreement.

// foldWindow is how soon after a confirmation of a change of hands the change
// itself may come for the confirmation to be taken as one of its sources.
const foldWindow = 90

// foldEarly folds a confirmation that a place changed hands (from one side to
// the other) into the change to that side that follows within foldWindow
// days: the confirmation's interval was drawn wider or earlier than the
// change a more exact source dates (an Armenian-side list of the places lost
// in 2020 includes those handed over after 10 Nov).
func foldEarly(cs []*change) []*change {
	sortChanges(cs)
	var out []*change
	for i, c := range cs {
		early := c.Kind == "confirmation" && c.from != c.Controller && stateAt(cs, mustCounts(c.Date)) != c.Controller
		if next := nextChangeTo(cs[i+1:], c); early && next != nil {
			mergeSources(next, c, "dated "+c.Date+" by its source; taken as a source of the change of "+next.Date)
			continue
		}
		out = append(out, c)
	}
	return out
}

// nextChangeTo returns the first moving change to c's controller within
// foldWindow days after c, or nil.
func nextChangeTo(rest []*change, c *change) *change {
	for _, n := range rest {
		d := mustCounts(n.Date) - mustCounts(c.Date)
		if n.moves() && n.Controller == c.Controller && d > 0 && d <= foldWindow {
			return n
		}
	}
	return nil
}

// mergeSources adds c's sources and remarks to n, with a remark for editors.
func mergeSources(n, c *change, why string) {
	n.Sources = append(n.Sources, c.Sources...)
	for _, s := range c.Sources {
		n.curation = append(n.curation, s.Title+": "+why)
	}
	n.curation = append(n.curation, c.curation...)
}

// reconcile walks the changes in order: a change to the controller already in
// force is a confirmation (a repeated claim of a period still only claimed is
// a source of that claim instead: one side repeating itself confirms
// nothing); a confirmation of another controller is a counter-claim; a
// confirmation with nothing before it establishes control.
func reconcile(cs []*change) []*change {
	sortChanges(cs)
	var out []*change
	var current *change
	for _, c := range cs {
		state := ""
		if current != nil {
			state = current.Controller
		}
		switch {
		case c.Kind == "counter-claim":
		case c.Kind == "claim" && state == c.Controller && current.Status != "confirmed":
			mergeSources(current, c, "repeats the claim of "+current.Date)
			continue
		case c.Kind == "confirmation" && state == "":
			c.Kind, current = "other", c
		case c.Kind == "confirmation" && state != c.Controller:
			c.Kind, c.Status = "counter-claim", "disputed"
		case c.Kind != "confirmation" && state == c.Controller:
			c.Kind, c.Status = "confirmation", "confirmed"
		case c.Kind != "confirmation":
			current = c
		}
		out = append(out, c)
	}
	return out
}

// sortChanges orders changes by the day they count from, changes of control
// before confirmations and counter-claims of the same day, then date text,
// kind and controller.
func sortChanges(cs []*change) {
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if da, db := mustCounts(a.Date), mustCounts(b.Date); da != db {
			return da < db
		}
		if a.moves() != b.moves() {
			return a.moves()
		}
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.Controller < b.Controller
	})
}
