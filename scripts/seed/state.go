package main

import (
	"github.com/controlmap/controlmap/geo"
)

// Questions the history rules ask of a settlement's changes so far.

// hasBefore reports whether a change (not a counter-claim) counts on or before d.
func hasBefore(cs []*change, d geo.Day) bool {
	for _, c := range cs {
		if c.Kind != "counter-claim" && mustCounts(c.Date) <= d {
			return true
		}
	}
	return false
}

// firstFrom is the first change that moves control, or nil.
func firstFrom(cs []*change) *change {
	for _, c := range cs {
		if c.moves() {
			return c
		}
	}
	return nil
}

// moves reports whether c can change the controller.
func (c *change) moves() bool {
	return c.Kind != "counter-claim" && c.Kind != "confirmation"
}

// stateAt is the controller set by the last moving change counting on or before d.
func stateAt(cs []*change, d geo.Day) string {
	if c := periodAt(cs, d); c != nil {
		return c.Controller
	}
	return ""
}

// periodAt is the last moving change counting on or before d, or nil.
func periodAt(cs []*change, d geo.Day) *change {
	sorted := append([]*change{}, cs...)
	sortChanges(sorted)
	var last *change
	for _, c := range sorted {
		if c.moves() && mustCounts(c.Date) <= d {
			last = c
		}
	}
	return last
}

// hasChangeIn reports whether a change away from Armenian/Artsakh forces
// counts between two days.
func hasChangeIn(cs []*change, from, to geo.Day) bool {
	for _, c := range cs {
		d := mustCounts(c.Date)
		if c.moves() && c.Controller != armenian && d >= from && d <= to {
			return true
		}
	}
	return false
}

// hasOwnCapture2023 reports an own day-exact capture or handover in the 2023 window.
func hasOwnCapture2023(cs []*change) bool {
	for _, c := range cs {
		d := mustCounts(c.Date)
		if c.rule == "own fact" && isDay(c.Date) && (c.Kind == "capture" || c.Kind == "handover") && d > eve2023 && d <= window2023 {
			return true
		}
	}
	return false
}

// heldAfter2020 reports whether a source shows the place on the Armenian side
// after the 2020 statement (held, or taken from that side in 2023).
func heldAfter2020(cs []*change) bool {
	for _, c := range cs {
		if c.rule == "own fact" && mustCounts(c.Date) > statementDay && (c.Controller != azerbaijan || c.from == armenian) {
			return true
		}
	}
	return false
}

// foldMonth2023 takes out own captures dated only "2023-09": they are the
// offensive, whose day the area rows give.
func foldMonth2023(cs []*change) ([]*change, []*change) {
	var keep, folded []*change
	for _, c := range cs {
		if c.rule == "own fact" && c.Date == "2023-09" && c.Controller == azerbaijan {
			folded = append(folded, c)
			continue
		}
		keep = append(keep, c)
	}
	return keep, folded
}

// confirmedSince reports a confirmation of in's controller after in, on or before d.
func confirmedSince(cs []*change, in *change, d geo.Day) bool {
	for _, c := range cs {
		if c.Kind == "confirmation" && c.Controller == in.Controller && mustCounts(c.Date) >= mustCounts(in.Date) && mustCounts(c.Date) <= d {
			return true
		}
	}
	return false
}
