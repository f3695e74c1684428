package main

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// districtScope says what a district-level row of the facts file covers.
type districtScope struct {
	City    int      // GeoNames id of the town the row also names
	Partial bool     // only part of the district changed hands
	All     bool     // the row covers every district (the 2023 area)
	Except  []string // settlement ids the row leaves out (Lachin corridor)
	Window  string   // a settlement row up to this date is the same event
	// StateSince: the Armenian-side state before the event must come from a
	// settlement row or a change from this date on; an older district row
	// says nothing about what the 2020 war changed.
	StateSince string
	Skip       map[string]string // row date → why the row is not applied
	Exclude    map[string]string // settlement id → why the row does not apply to it
}

// districtRows lists the facts rows that speak for a district or the whole
// area rather than one settlement, keyed by their settlement value.
var districtRows = map[string]districtScope{
	"Lachin (Laçın) city and district":     {City: 147625},
	"Fuzuli (Füzuli) city and 58 villages": {City: 148106, Partial: true},
	"Gubadli (Qubadlı) city and district":  {City: 147305},
	// The 1993 Aghdam row: "882 of 1094 km2 of the district, 1 city and 80
	// villages … eastern part stayed Azerbaijani".
	"Aghdam (Ağdam) city": {City: 148619, Partial: true},
	"Aghdam District (Armenian-held part, incl. Aghdam city)": {City: 148619},
	"Kalbajar District (whole)": {Exclude: map[string]string{
		"vangli": "Vəngli (Vank) lies in the former NKAO (Martakert area), which Azerbaijan assigns to Kalbajar district but which was not part of the Soviet-era Kalbajar district taken in April 1993",
	}},
	"Kalbajar District":                             {},
	"Jabrayil (Cəbrayıl) district":                  {},
	"Zangilan (Zəngilan) district":                  {},
	"Lachin District (except Lachin corridor area)": {Except: []string{"lachin", "sus", "zabukh"}},
	"Remaining Artsakh-held area (Nagorno-Karabakh)": {All: true, Window: "2023-10-15", StateSince: "2020-09-27", Skip: map[string]string{
		"2023-09-19": "start of the offensive; the same source dates the end of the fighting (ceasefire) 20 Sep 2023, which is the row applied",
	}},
	"Republic of Artsakh (institutions)": {All: true, Skip: map[string]string{
		"2024-01-01": "dissolution of the unrecognised republic's institutions, not a change of control of a settlement",
	}},
}

// districtEvent is one district-level row ready to apply.
type districtEvent struct {
	row      record
	scope    districtScope
	day      time.Time
	until    time.Time
	from, to string
}

// applyDistrictEvents applies the district-level rows in date order, then
// drops district captures whose control period no source ends.
func applyDistrictEvents(rows []record, ss []*settlement, cs *changeSet, rep *report) error {
	events, err := districtEvents(rows, ss)
	if err != nil {
		return err
	}
	for _, ev := range events {
		if reason, ok := ev.scope.Skip[ev.row["date"]]; ok {
			rep.event(ev.row).skippedRow = reason
			continue
		}
		if err := applyEvent(ev, ss, cs, rep); err != nil {
			return err
		}
	}
	dropOpenCaptures(cs, rep)
	return nil
}

// districtEvents reads the rows and checks the ids the table names.
func districtEvents(rows []record, ss []*settlement) ([]districtEvent, error) {
	ids := map[string]bool{}
	for _, s := range ss {
		ids[s.ID] = true
	}
	var out []districtEvent
	for _, r := range rows {
		ev, err := newDistrictEvent(r, ids)
		if err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].day.Before(out[j].day) })
	return out, nil
}

// newDistrictEvent prepares one row.
func newDistrictEvent(r record, ids map[string]bool) (districtEvent, error) {
	scope := districtRows[r["settlement"]]
	ev := districtEvent{row: r, scope: scope, from: actorIDs[r["from"]], to: actorIDs[r["to"]]}
	var err error
	if ev.day, err = parseDate(r["date"]); err != nil {
		return ev, fmt.Errorf("%s: %s: %w", factsFile, r["settlement"], err)
	}
	ev.until = ev.day
	if scope.Window != "" {
		ev.until = mustDay(scope.Window)
	}
	for _, id := range append(append([]string{}, scope.Except...), keysOf(scope.Exclude)...) {
		if !ids[id] {
			return ev, fmt.Errorf("districtRows[%q] names unknown settlement %q", r["settlement"], id)
		}
	}
	return ev, nil
}

// applyEvent decides the event for every settlement of its district(s).
func applyEvent(ev districtEvent, ss []*settlement, cs *changeSet, rep *report) error {
	er := rep.event(ev.row)
	for _, s := range ss {
		if !ev.covers(s) {
			continue
		}
		c, reason := decide(ev, s, cs)
		if c == nil {
			er.skipped = append(er.skipped, s.ID+": "+reason)
			continue
		}
		if err := cs.add(c); err != nil {
			return err
		}
		er.applied = append(er.applied, s.ID)
	}
	return nil
}

// covers reports whether the event's row is about s's district and not
// about s itself (its own town).
func (ev districtEvent) covers(s *settlement) bool {
	if ev.scope.City != 0 && s.GeoNamesID == ev.scope.City {
		return false
	}
	return ev.scope.All || s.District == ev.row["district"]
}

// decide returns the change the event makes for s, or why it makes none.
func decide(ev districtEvent, s *settlement, cs *changeSet) (*change, string) {
	if reason, ok := ev.scope.Exclude[s.ID]; ok {
		return nil, reason
	}
	if own := cs.ownRow(s.ID, ev.to, ev.day, ev.until); own != nil {
		return nil, "has its own row for this event (" + own.ID + ")"
	}
	prev := cs.before(s.ID, ev.day)
	if reason := stateConflict(ev, prev); reason != "" {
		return nil, reason
	}
	if reason := staleState(ev, prev); reason != "" {
		return nil, reason
	}
	if ev.scope.Partial && cs.laterFrom(s.ID, ev.to, ev.day) == nil {
		return nil, "only part of the district changed hands and no row about this settlement shows it on the " + ev.to + " side afterwards"
	}
	if contains(ev.scope.Except, s.ID) {
		return corridorChange(ev, s, cs)
	}
	return derivedChange(ev, s, ev.to, []source{rowSource(ev.row)}, ""), ""
}

// stateConflict explains why the settlement's state before the event rules it
// out: a change away from the Armenian side needs the settlement to be shown
// on that side; a capture from Azerbaijan may start from an unknown state
// (the sources have no 1991 baseline) but not from another controller.
func stateConflict(ev districtEvent, prev *change) string {
	state, since := "unknown", ""
	if prev != nil {
		state, since = prev.Controller, " since "+prev.Date+" ("+prev.ID+")"
	}
	switch {
	case state == ev.to:
		return "already controlled by " + state + since
	case ev.from == armenian && state != armenian:
		return "not shown as controlled by " + armenian + " before " + ev.row["date"] + " (state: " + state + since + ")"
	case ev.from != armenian && state != "unknown" && state != ev.from:
		return "controlled by " + state + since + ", not by " + ev.from
	}
	return ""
}

// staleState rejects a state that only an old district row established.
func staleState(ev districtEvent, prev *change) string {
	if ev.scope.StateSince == "" || prev == nil || prev.Derived == "" || !mustDay(prev.Date).Before(mustDay(ev.scope.StateSince)) {
		return ""
	}
	return "shown on the " + prev.Controller + " side only by the district row of " + prev.Date + "; no source says who held it after the " + ev.scope.StateSince + " war"
}

// corridorChange handles the Lachin corridor settlements on 1 Dec 2020: the
// row leaves them out and its note, like the notes of their 26 Aug 2022 rows,
// says they stayed under the Russian peacekeeping contingent from that day.
func corridorChange(ev districtEvent, s *settlement, cs *changeSet) (*change, string) {
	next := cs.laterFrom(s.ID, russian, ev.day)
	if next == nil {
		return nil, "in the excluded Lachin corridor area, but no later row shows it under " + russian
	}
	sources := append([]source{rowSource(ev.row)}, next.Sources...)
	note := "Lachin corridor area: left out of the " + ev.row["date"] + " handover to Azerbaijan and controlled by the Russian peacekeeping contingent until " + next.Date + " (per the notes of the Lachin rows of both sources)"
	return derivedChange(ev, s, russian, sources, note), ""
}

// derivedChange makes the change a district row implies for s.
func derivedChange(ev districtEvent, s *settlement, to string, sources []source, note string) *change {
	status, _ := rowStatus(ev.row)
	if note == "" {
		note = joinNotes(fmt.Sprintf("District-level row %q applied (no row about this settlement for this event)", ev.row["settlement"]), rowNote(ev.row))
	}
	return &change{
		SettlementID: s.ID, Date: ev.row["date"], Controller: to, From: ev.from, Kind: ev.row["kind"],
		Status: status, Note: note, Sources: sources, Derived: ev.row["settlement"],
	}
}

// dropOpenCaptures removes district-derived changes that would leave a
// settlement under a non-Azerbaijani controller until today with no source
// for the end of that period (the sources list no 2020 row for it).
func dropOpenCaptures(cs *changeSet, rep *report) {
	for sid, list := range cs.bySettlement {
		for len(list) > 0 {
			last := list[len(list)-1]
			if last.Derived == "" || last.Controller == azerbaijan {
				break
			}
			cs.remove(last)
			rep.dropped = append(rep.dropped, fmt.Sprintf("%s: %s %s by %s (from %q) — no source in shared/data dates the end of this control period, so applying it would show %s control until today",
				sid, last.Date, last.Kind, last.Controller, last.Derived, last.Controller))
			list = cs.bySettlement[sid]
		}
	}
	sort.Strings(rep.dropped)
}

// contains reports whether list holds s.
func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// keysOf lists a map's keys, sorted.
func keysOf(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// eventLabel names a district row in the report.
func eventLabel(r record) string {
	return strings.TrimSpace(fmt.Sprintf("%s %s (%s, %s → %s)", r["date"], r["settlement"], r["kind"], r["from"], r["to"]))
}
