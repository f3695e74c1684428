package main

import (
	"fmt"
	"strings"
)

// actorNames are the actors as a note names them.
var actorNames = map[string]string{
	azerbaijan: "Azerbaijan",
	armenian:   "Armenian/Artsakh forces",
	russian:    "the Russian peacekeeping contingent",
}

// ruleNotes are the public notes of derived changes, by rule.
var ruleNotes = map[string]string{
	"first war: outside the 1994 area":                  "On the Azerbaijani side of the line of contact when the ceasefire of 12 May 1994 took effect.",
	"first war: inside the 1994 area, no dated capture": "Held by Armenian/Artsakh forces by the ceasefire of 12 May 1994 (inside the area they held then); an earlier date is not in the data.",
	"first war: district capture":                       "In the part of the district taken by Armenian/Artsakh forces on this date; no source dates this place on its own.",
	"2020: Lachin corridor area, day unknown":           "Near the Lachin corridor, which the handover of 1 December 2020 left out and which was handed over on 26 August 2022; which of the two applied here is not in the data.",
	"first war: the 1994 line confirms a claim":         "The line of contact at the ceasefire of 12 May 1994 left this place on the claimed side, confirming the claim.",
	"2020: district handover":                           "Returned to Azerbaijan with the district under the statement of 10 November 2020.",
	"2020: district taken by 10 Nov, day unknown":       "Under Azerbaijani control by the ceasefire of 10 November 2020; the day it changed hands in the war is not known.",
	"2023: offensive":                                   "Came under Azerbaijani control in the offensive of 19–20 September 2023.",
	"2023: held in 1994, 2020 fate not in the data":     "Under Azerbaijani control by the end of the offensive of 19–20 September 2023 at the latest; whether it changed hands in the 2020 war or in 2023 is not in the data.",
	"2020: claim confirmed by the statement":            "The ceasefire statement of 10 November 2020 fixed the front line, confirming Azerbaijani control.",
}

// kindNotes are the public notes of changes from a settlement's own facts.
var kindNotes = map[string]string{
	"capture":       "Reported taken by %s.",
	"claim":         "Announced by one side as taken by %s; a claim.",
	"handover":      "Handed over to %s.",
	"confirmation":  "A later report confirms control by %s.",
	"counter-claim": "%s said it still held the place, against the other side's claim.",
	"other":         "Reported held by %s.",
}

// publicNote is the short neutral note readers see.
func publicNote(c *change) string {
	if c.public != "" {
		return c.public
	}
	if n, ok := ruleNotes[c.rule]; ok {
		return n
	}
	n := fmt.Sprintf(kindNotes[c.Kind], actorNames[c.Controller])
	return strings.ToUpper(n[:1]) + n[1:]
}

// finish merges the rows of one event into one change, and gives ids and notes.
func finish(s *settlement, cs []*change) []*change {
	sortChanges(cs)
	var out []*change
	byKey := map[string]*change{}
	for _, c := range cs {
		key := c.Date + "|" + c.Controller
		if c.Kind == "counter-claim" {
			key += "|counter"
		}
		if same := byKey[key]; same != nil {
			mergeInto(same, c)
			continue
		}
		byKey[key] = c
		out = append(out, c)
	}
	ids := map[string]bool{}
	for _, c := range out {
		c.Sources = uniqueSources(c.Sources)
		if c.rule != "own fact" {
			c.Sources = strongest(c.Sources, maxDerivedSources)
		}
		c.Note = publicNote(c)
		c.ID = uniqueID(fmt.Sprintf("%s-%s-%s", s.ID, dateSlug(c.Date), c.Kind), ids)
	}
	return out
}

// mergeInto adds b's sources and remarks to a; the weaker status wins.
func mergeInto(a, b *change) {
	a.Sources = append(a.Sources, b.Sources...)
	a.curation = append(a.curation, b.curation...)
	if a.public == "" {
		a.public = b.public
	}
	if a.Kind == b.Kind {
		a.Status = weaker(a.Status, b.Status)
	}
}

// statusRank orders statuses from weakest.
var statusRank = map[string]int{"disputed": 0, "claimed": 1, "confirmed": 2}

// uniqueSources drops repeated sources (same title and URL).
func uniqueSources(srcs []source) []source {
	seen := map[string]bool{}
	var out []source
	for _, s := range srcs {
		k := s.Title + "|" + s.URL
		if !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	return out
}

// uniqueID returns id, or id-2, id-3… when taken.
func uniqueID(id string, taken map[string]bool) string {
	v := id
	for n := 2; taken[v]; n++ {
		v = fmt.Sprintf("%s-%d", id, n)
	}
	taken[v] = true
	return v
}

// maxDerivedSources bounds the sources a derived change cites: the event's
// rows are many, and every settlement of a district repeats them.
const maxDerivedSources = 3

// originOrder is the order in which strongest picks sources by origin.
var originOrder = []string{"international", "armenian", "azerbaijani", "russian", ""}

// strongest keeps n sources, taking one of each origin in turn (international
// first) so that a derived change cites both sides where the event has both.
func strongest(srcs []source, n int) []source {
	byOrigin := map[string][]source{}
	for _, s := range srcs {
		byOrigin[s.origin] = append(byOrigin[s.origin], s)
	}
	var out []source
	for len(out) < n && len(out) < len(srcs) {
		for _, o := range originOrder {
			if len(byOrigin[o]) > 0 && len(out) < n {
				out, byOrigin[o] = append(out, byOrigin[o][0]), byOrigin[o][1:]
			}
		}
	}
	return out
}
