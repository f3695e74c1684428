package main

import (
	"fmt"
	"slices"
	"sort"
)

// actors are the three controllers, coloured from the Okabe–Ito palette,
// which stays distinguishable under the common colour-vision deficiencies.
var actors = []actor{
	{armenian, "Armenian/Artsakh forces", "Erməni/Artsax qüvvələri", "Հայկական/արցախյան ուժեր", "Армянские/арцахские силы", "#D55E00"},
	{azerbaijan, "Azerbaijan", "Azərbaycan", "Ադրբեջան", "Азербайджан", "#0072B2"},
	{russian, "Russian peacekeeping contingent", "Rusiya sülhməramlı kontingenti", "Ռուսական խաղաղապահ զորակազմ", "Российский миротворческий контингент", "#009E73"},
}

// build makes the seed from the inputs: the settlements, where each lies
// against the 1994 ceasefire area, the facts by settlement and event, and
// then each settlement's history.
func build(in *inputs) (*seed, error) {
	rep := newReport()
	srcs := newSourceBook(in)
	g, err := buildSettlements(in, rep)
	if err != nil {
		return nil, err
	}
	linkArticles(g, srcs, rep)
	if err := placeOnLines(g, in); err != nil {
		return nil, err
	}
	in.factsExtra = append(in.factsExtra, gulabliRows...)
	facts, err := loadFacts(in, srcs, rep)
	if err != nil {
		return nil, err
	}
	res := newResolver(g, in)
	own, events := res.split(facts)
	rep.resolved, rep.unresolved = res.how, res.unknown
	rep.events = events
	h := &historian{events: events, rep: rep}
	var changes []*change
	for _, s := range g.list {
		changes = append(changes, h.history(s, own[s.ID])...)
	}
	sort.SliceStable(changes, func(i, j int) bool { return changes[i].SettlementID < changes[j].SettlementID })
	return &seed{Actors: actors, Settlements: g.list, Changes: changes, Report: rep}, nil
}

// placeOnLines classifies every settlement against the 1994 ceasefire area
// and the former oblast.
func placeOnLines(g *gazetteer, in *inputs) error {
	ceasefire, err := readArea(in.area)
	if err != nil {
		return err
	}
	if ceasefire.front, err = readFront(in.lines); err != nil {
		return err
	}
	oblast, err := readOblast(in.lines)
	if err != nil {
		return err
	}
	for _, s := range g.list {
		s.side, s.edgeKm = ceasefire.sideOf(s.point())
		s.oblast = oblast.contains(s.point())
		s.corridor = nearCorridor(g, s)
	}
	return nil
}

// corridorKm is how near a Lachin settlement must be to a corridor town to
// count as possibly in the corridor area (the statement's corridor is 5 km wide).
const corridorKm = 5.0

// nearCorridor reports a Lachin settlement, other than the corridor towns,
// within corridorKm of one of them: whether it was handed over in 2020 or
// in 2022 is not in the data.
func nearCorridor(g *gazetteer, s *settlement) bool {
	if s.District != "Lachin" || slices.Contains(corridorTowns, s.GeoNamesID) {
		return false
	}
	for _, id := range corridorTowns {
		if t := g.byGN[id]; t != nil && distKm(t.point(), s.point()) <= corridorKm {
			return true
		}
	}
	return false
}

// linkArticles gives each settlement of the old seed the Wikipedia article
// its point was read from: the original article where the copy it was read
// in is mapped to one, never the copy.
func linkArticles(g *gazetteer, srcs *sourceBook, rep *report) {
	for _, s := range g.list {
		if s.legacy == nil || s.legacy.WikipediaURL == "" {
			continue
		}
		if u := srcs.article(s.legacy.WikipediaURL); u != "" {
			s.WikipediaURL = u
			continue
		}
		rep.unlinked = append(rep.unlinked, fmt.Sprintf("`%s`: %s", s.ID, s.legacy.WikipediaURL))
	}
}
