package main

import (
	"fmt"
	"regexp"
	"strings"
)

// actorIDs maps the from/to values of the facts file to actor ids.
var actorIDs = map[string]string{
	"Azerbaijan":              azerbaijan,
	"Armenian/Artsakh forces": armenian,
	"Russian peacekeepers":    russian,
}

// statusOverride is a judgement on one facts row, with the reason put in the
// change's note.
type statusOverride struct{ status, note string }

// statusOverrides are keyed by row key and date. The two Kalbajar rows give
// 2 and 3 April 1993 for the fall of the city: both are kept; by 3 April all
// sources agree the city was held, so the 2 April change is the disputed one
// and the timeline shows Armenian-side control from 3 April as confirmed.
var statusOverrides = map[string]statusOverride{
	"Kalbajar (Kəlbəcər) city|Kalbajar|1993-04-02": {"disputed",
		"Marked disputed: the Battle of Kalbajar article gives 3 April 1993 (separate change, confirmed), the date by which all sources agree the city was held"},
}

// factChanges turns every facts row about a seed settlement into a change
// and returns the rows left for the district events.
func factChanges(in *inputs, keys map[string]string, cs *changeSet, rep *report) ([]record, error) {
	var district []record
	for _, r := range in.facts {
		sid := keys[rowKey(r)]
		_, isDistrict := districtRows[r["settlement"]]
		if isDistrict {
			district = append(district, r)
		}
		if sid == "" {
			if !isDistrict {
				rep.unusedFacts = append(rep.unusedFacts, fmt.Sprintf("%s (%s) %s %s", r["settlement"], r["district"], r["date"], r["kind"]))
			}
			continue
		}
		c, err := factChange(r, sid)
		if err != nil {
			return nil, err
		}
		if err := cs.add(c); err != nil {
			return nil, err
		}
	}
	return district, nil
}

// factChange makes the change one facts row states for settlement sid.
func factChange(r record, sid string) (*change, error) {
	to, from := actorIDs[r["to"]], actorIDs[r["from"]]
	if to == "" || from == "" {
		return nil, fmt.Errorf("%s: %s %s: unknown actor %q/%q", factsFile, r["settlement"], r["date"], r["from"], r["to"])
	}
	if _, err := parseDate(r["date"]); err != nil {
		return nil, fmt.Errorf("%s: %s: %w", factsFile, r["settlement"], err)
	}
	status, extra := rowStatus(r)
	return &change{
		SettlementID: sid, Date: r["date"], Controller: to, From: from, Kind: r["kind"],
		Status: status, Note: joinNotes(rowNote(r), extra), Sources: []source{rowSource(r)},
	}, nil
}

// rowStatus is claimed for claims, disputed for capture/handover rows marked
// UNCERTAIN (SOURCES.md: inferred date or conflicting source), else
// confirmed; statusOverrides wins.
func rowStatus(r record) (string, string) {
	if o, ok := statusOverrides[rowKey(r)+"|"+r["date"]]; ok {
		return o.status, o.note
	}
	switch {
	case r["kind"] == "claim":
		return "claimed", ""
	case strings.Contains(r["note"], "UNCERTAIN"):
		return "disputed", ""
	}
	return "confirmed", ""
}

// rowNote is the facts row's note in neutral wording, without the collector's
// internal "Seed settlement." marker.
func rowNote(r record) string {
	return neutral(strings.TrimSpace(strings.ReplaceAll(r["note"], "Seed settlement.", "")))
}

// loaded lists one side's vocabulary and the neutral words used instead.
var loaded = []struct{ re, with string }{
	{`\b([Ll])iberated\b`, "taken"},
	{`\b([Ll])iberation\b`, "capture"},
	{`\b([Ll])iberates\b`, "takes"},
	{`\b([Oo])ccupied\b`, "taken"},
	{`\b([Oo])ccupation\b`, "capture"},
}

// neutral rewrites loaded words outside double quotes, so that notes say
// "capture"/"taken" in our own words while quotations stay as written.
func neutral(s string) string {
	parts := strings.Split(s, `"`)
	for i := 0; i < len(parts); i += 2 {
		for _, l := range loaded {
			parts[i] = regexp.MustCompile(l.re).ReplaceAllString(parts[i], l.with)
		}
	}
	return strings.Join(parts, `"`)
}
