package main

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/controlmap/controlmap/geo"
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

// firstWar applies the 1994 line where the settlement's own facts say nothing
// about the first war.
func (h *historian) firstWar(s *settlement, cs []*change) []*change {
	if hasBefore(cs, ceasefireDay) {
		return cs
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
// settled: the period in force that day, if Azerbaijani and not confirmed.
func (h *historian) confirm2020(s *settlement, cs []*change) []*change {
	in := periodAt(cs, statementDay)
	if in == nil || in.Controller != azerbaijan || in.Status == "confirmed" || confirmedSince(cs, in, statementDay) {
		return cs
	}
	return append(cs, h.derived(s, "2020-11-10", azerbaijan, "confirmation", h.statementSources(), "2020: claim confirmed by the statement"))
}

// derived makes a change that a rule derives from an event.
func (h *historian) derived(s *settlement, date, to, kind string, srcs []source, rule string) *change {
	h.rep.rules[rule]++
	return &change{SettlementID: s.ID, Date: date, Controller: to, Kind: kind, Status: "confirmed", Sources: srcs, rule: rule}
}

// eventDate picks an event's date: the day with most rows of the kind, the
// later on a tie; its sources are the rows of that day and the event's
// confirmations.
func (h *historian) eventDate(ev, kind string) (string, []source) {
	count := map[string]int{}
	for _, f := range h.events[ev] {
		if f.kind == kind && isDay(f.date) {
			count[f.date]++
		}
	}
	best := ""
	for d, n := range count {
		if best == "" || n > count[best] || n == count[best] && d > best {
			best = d
		}
	}
	var srcs []source
	for _, f := range h.events[ev] {
		if f.date == best || f.kind == "confirmation" {
			srcs = append(srcs, f.src)
		}
	}
	return best, srcs
}

// eventSources are the sources of every row of an event.
func (h *historian) eventSources(ev string) []source {
	var out []source
	for _, f := range h.events[ev] {
		out = append(out, f.src)
	}
	return out
}

// corridorSources are the Lachin handover's rows and the 2022 rows of the
// corridor towns.
func (h *historian) corridorSources() []source {
	_, srcs := h.eventDate(handoverEvent("Lachin"), "handover")
	return append(srcs, h.eventSources(corridor2022)...)
}

// statementSources are the rows of the statement dated 10 Nov 2020 itself.
func (h *historian) statementSources() []source {
	var out []source
	for _, f := range h.events[statement2020] {
		if f.date == "2020-11-10" {
			out = append(out, f.src)
		}
	}
	return out
}

// ceasefireSources are the ceasefire rows and the Natural Earth area.
func (h *historian) ceasefireSources() []source {
	return append(h.eventSources(ceasefire1994), naturalEarthSource)
}

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
