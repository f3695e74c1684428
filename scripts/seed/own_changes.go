package main

import (
	"strings"
)

// A settlement's own facts as changes: merged, folded and marked where the sources disagree.

// ownChanges makes one change per own fact; rows of one event merge later.
func ownChanges(s *settlement, own []fact) []*change {
	var out []*change
	for _, f := range own {
		c := &change{
			SettlementID: s.ID, Date: f.date, Controller: f.to, Kind: f.kind, Status: f.status,
			Sources: []source{f.src}, from: f.from, rule: "own fact", public: f.public,
		}
		if f.curation != "" {
			c.curation = []string{f.where() + ": " + neutral(f.curation)}
		}
		if f.from == f.to && (f.kind == "other" || f.kind == "confirmation") {
			c.Kind = "confirmation"
			if a := heldFrom(f.date); a != "" {
				c.Date, c.held = a, true
			}
		}
		out = appendMerged(out, c)
	}
	out = foldCoarse(out)
	sortChanges(out)
	markRivals(out)
	markDayDisagreement(out)
	return out
}

// foldCoarse folds a change dated only by month or year into a change to the
// same controller dated to the day within that month or year: the coarse
// source is one more source of the exact one.
func foldCoarse(cs []*change) []*change {
	var out []*change
	for _, c := range cs {
		if exact := exactWithin(cs, c); exact != nil {
			mergeSources(exact, c, "dated "+c.Date+" by its source; taken as a source of the change of "+exact.Date)
			continue
		}
		out = append(out, c)
	}
	return out
}

// exactWithin returns a day-exact change of control to c's controller within
// c's month or year, when c is dated only by month or year.
func exactWithin(cs []*change, c *change) *change {
	if isDay(c.Date) || isInterval(c.Date) || !c.moves() {
		return nil
	}
	for _, o := range cs {
		if o != c && o.moves() && isDay(o.Date) && o.Controller == c.Controller && strings.HasPrefix(o.Date, c.Date) {
			return o
		}
	}
	return nil
}

// dayWindow is how close two captures of the same place by the same side
// must be for their different days to be one event the sources date apart.
const dayWindow = 7

// markDayDisagreement marks disputed a capture or handover that another
// source dates a few days later: the sources disagree on the day, and the
// later day is the one by which all agree the change had happened.
func markDayDisagreement(cs []*change) {
	for i, a := range cs {
		for _, b := range cs[i+1:] {
			d := mustCounts(b.Date) - mustCounts(a.Date)
			if isHandOver(a) && isHandOver(b) && a.Controller == b.Controller && d > 0 && d <= dayWindow {
				a.Status = weaker(a.Status, "disputed")
				a.curation = append(a.curation, "sources disagree on the day: "+a.Date+" or "+b.Date+"; disputed until the later day")
				break
			}
		}
	}
}

// isHandOver reports a capture or handover.
func isHandOver(c *change) bool { return c.Kind == "capture" || c.Kind == "handover" }

// appendMerged adds c, or merges it into a change of the same date,
// controller and kind.
func appendMerged(cs []*change, c *change) []*change {
	for _, o := range cs {
		if o.Date == c.Date && o.Controller == c.Controller && o.Kind == c.Kind {
			mergeInto(o, c)
			return cs
		}
	}
	return append(cs, c)
}

// markRivals: two changes of control on the same day to different
// controllers are both only claims, as the sources disagree.
func markRivals(cs []*change) {
	for i, a := range cs {
		for _, b := range cs[i+1:] {
			if a.moves() && b.moves() && a.Date == b.Date && a.Controller != b.Controller {
				a.Status, b.Status = weaker(a.Status, "claimed"), weaker(b.Status, "claimed")
				note := "sources disagree on who took control on " + a.Date + ": " + a.Controller + " or " + b.Controller + "; both kept as claims"
				a.curation, b.curation = append(a.curation, note), append(b.curation, note)
			}
		}
	}
}

// weaker returns the weaker of two statuses.
func weaker(a, b string) string {
	if statusRank[b] < statusRank[a] {
		return b
	}
	return a
}
