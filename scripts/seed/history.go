package main

import (
	"fmt"
	"slices"
)

// The days the history rules turn on.
var (
	ceasefireDay = day("1994-05-12")
	war2020Start = day("2020-09-27")
	statementDay = day("2020-11-10")
	eve2023      = day("2023-09-18")
	window2023   = day("2023-10-15")
)

// Dates written into derived changes.
const (
	ceasefireDate   = "1994-05-12"
	byCeasefire     = "../1994-05-12"
	war2020Interval = "2020-09-27/2020-11-10"
	after2020       = "2020-09-27/2023-09-20"
	offensiveDate   = "2023-09-20"
	// The Lachin district handover left out the corridor area, handed over on 26 Aug 2022.
	corridorInterval = "2020-12-01/2022-08-26"
)

// Districts by how the 2020 war ended for them.
var (
	// The seven districts around the former oblast, whose 1992–93 captures are dated.
	surrounding = []string{"Aghdam", "Fuzuli", "Jabrayil", "Kalbajar", "Lachin", "Gubadli", "Zangilan"}
	// Handed over under the statement of 10 Nov 2020.
	handedOver = []string{"Aghdam", "Kalbajar", "Lachin"}
	// Wholly under Azerbaijani control by 10 Nov 2020, day of each place unknown.
	takenIn2020 = []string{"Fuzuli", "Jabrayil", "Zangilan", "Gubadli"}
)

// historian builds each settlement's changes from its own facts and the events.
type historian struct {
	events map[string][]fact
	rep    *report
}

// history returns a settlement's changes in timeline order.
func (h *historian) history(s *settlement, own []fact) []*change {
	cs := reconcile(foldEarly(ownChanges(s, own)))
	cs = h.firstWar(s, cs)
	cs = h.war2020(s, cs)
	cs = h.offensive(s, cs)
	cs = reconcile(foldEarly(cs))
	cs = h.confirm2020(s, cs)
	return finish(s, cs)
}

// firstWar applies the 1994 line where the settlement's own facts say nothing
// about the first war.
func (h *historian) firstWar(s *settlement, cs []*change) []*change {
	if hasBefore(cs, ceasefireDay) {
		return h.confirmByLine(s, cs)
	}
	switch s.side {
	case inside:
		return append(cs, h.insideChange(s))
	case outside:
		if c := firstFrom(cs); c != nil && c.from == armenian {
			h.rep.conflicts = append(h.rep.conflicts, fmt.Sprintf("`%s`: outside the 1994 area by %.1f km, but its first own fact (%s %s) has it taken from Armenian/Artsakh forces: the line is not applied", s.ID, -s.edgeKm, c.Date, c.Kind))
			return cs
		}
		return append(cs, h.derived(s, ceasefireDate, azerbaijan, "other", h.ceasefireSources(), "first war: outside the 1994 area"))
	}
	h.rep.margin = append(h.rep.margin, fmt.Sprintf("`%s` (%s): %+.1f km from the edge", s.ID, s.District, s.edgeKm))
	return cs
}

// confirmByLine confirms a first-war claim that the 1994 line agrees with:
// a place claimed by one side before the ceasefire and on that side of the
// line by more than the margin.
func (h *historian) confirmByLine(s *settlement, cs []*change) []*change {
	in := periodAt(cs, ceasefireDay)
	if in == nil || in.Status == "confirmed" || confirmedSince(cs, in, ceasefireDay) {
		return cs
	}
	switch {
	case s.side == outside && in.Controller == azerbaijan:
		return append(cs, h.derived(s, ceasefireDate, azerbaijan, "confirmation", h.ceasefireSources(), "first war: the 1994 line confirms a claim"))
	case s.side == inside && in.Controller == armenian:
		return append(cs, h.derived(s, byCeasefire, armenian, "confirmation", h.ceasefireSources(), "first war: the 1994 line confirms a claim"))
	}
	return cs
}

// insideChange is the first-war change of a settlement inside the 1994 area:
// its district's dated capture (surrounding districts, outside the former
// oblast), else held on or before the ceasefire.
func (h *historian) insideChange(s *settlement) *change {
	if slices.Contains(surrounding, s.District) && !s.oblast {
		if date, srcs := h.eventDate(captureEvent(s.District), "capture"); date != "" {
			return h.derived(s, date, armenian, "capture", srcs, "first war: district capture")
		}
	}
	return h.derived(s, byCeasefire, armenian, "other", h.ceasefireSources(), "first war: inside the 1994 area, no dated capture")
}

// war2020 applies the 2020 handovers and the end of the war.
func (h *historian) war2020(s *settlement, cs []*change) []*change {
	if stateAt(cs, war2020Start-1) != armenian || hasChangeIn(cs, war2020Start, eve2023) {
		return cs
	}
	switch {
	case s.corridor:
		return append(cs, h.derived(s, corridorInterval, azerbaijan, "handover", h.corridorSources(), "2020: Lachin corridor area, day unknown"))
	case slices.Contains(handedOver, s.District) && !s.oblast:
		if date, srcs := h.eventDate(handoverEvent(s.District), "handover"); date != "" {
			return append(cs, h.derived(s, date, azerbaijan, "handover", srcs, "2020: district handover"))
		}
	case slices.Contains(takenIn2020, s.District):
		srcs := append(h.statementSources(), h.eventSources(modMap2020)...)
		if s.District == "Gubadli" || s.District == "Zangilan" {
			srcs = append(srcs, h.eventSources(kashatagh2020)...)
		}
		return append(cs, h.derived(s, war2020Interval, azerbaijan, "capture", srcs, "2020: district taken by 10 Nov, day unknown"))
	}
	return cs
}

// offensive applies the September 2023 offensive to places still held by
// Armenian/Artsakh forces (or shown under the Russian contingent, whose area
// the offensive ended): on 20 Sep where a source shows them so held after the
// 2020 war, else on an unknown day between 27 Sep 2020 and 20 Sep 2023.
func (h *historian) offensive(s *settlement, cs []*change) []*change {
	rest, folded := foldMonth2023(cs)
	if state := stateAt(rest, eve2023); state != armenian && state != russian || hasOwnCapture2023(rest) {
		return cs
	}
	cs = rest
	date, rule := after2020, "2023: held in 1994, 2020 fate not in the data"
	if heldAfter2020(cs) {
		date, rule = offensiveDate, "2023: offensive"
	}
	c := h.derived(s, date, azerbaijan, "capture", h.eventSources(offensive2023), rule)
	for _, f := range folded {
		c.Sources = append(c.Sources, f.Sources...)
		c.curation = append(c.curation, f.curation...)
	}
	return append(cs, c)
}

// confirm2020 confirms the 2020 claims that the statement of 10 Nov 2020
// settled: the period in force that day, if Azerbaijani, set in the war and
// not confirmed.
func (h *historian) confirm2020(s *settlement, cs []*change) []*change {
	in := periodAt(cs, statementDay)
	if in == nil || in.Controller != azerbaijan || in.Status == "confirmed" || mustCounts(in.Date) < war2020Start || confirmedSince(cs, in, statementDay) {
		return cs
	}
	return append(cs, h.derived(s, "2020-11-10", azerbaijan, "confirmation", h.statementSources(), "2020: claim confirmed by the statement"))
}

// derived makes a change that a rule derives from an event.
func (h *historian) derived(s *settlement, date, to, kind string, srcs []source, rule string) *change {
	h.rep.rules[rule]++
	return &change{SettlementID: s.ID, Date: date, Controller: to, Kind: kind, Status: "confirmed", Sources: srcs, rule: rule}
}
