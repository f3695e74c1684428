package main

import (
	"sort"

	"github.com/controlmap/controlmap/geo"
)

// statDays are the days REPORT.md counts known controllers on.
var statDays = []string{"1993-12-31", "2020-09-26", "2020-11-11", "2021-01-01", "2023-09-18", "2024-01-02"}

// districtStats are one district's counts, from the imported seed's timeline.
type districtStats struct {
	settlements int
	abandoned   int   // GeoNames PPLQ, PPLW or PPLH, as imported
	known       []int // per statDays
	uncertain   int   // settlements with an interval-dated change
	never       int   // settlements never known
}

// stats are the per-district counts and the settlements never known.
type stats struct {
	districts   map[string]*districtStats
	never       map[string][]string // reason → settlement ids
	claimedLast int                 // Azerbaijan-held points still claimed on the last stat day
	heldLast    int
}

// newStats counts with controlmap's own timeline (the index of the imported seed).
func newStats(ix *geo.Index, s *seed) *stats {
	st := &stats{districts: map[string]*districtStats{}, never: map[string][]string{}}
	uncertain := map[string]bool{}
	for _, c := range s.Changes {
		if isInterval(c.Date) {
			uncertain[c.SettlementID] = true
		}
	}
	for _, set := range s.Settlements {
		st.count(ix, set, uncertain[set.ID])
	}
	for _, ids := range st.never {
		sort.Strings(ids)
	}
	return st
}

// count adds one settlement.
func (st *stats) count(ix *geo.Index, s *settlement, uncertain bool) {
	d := st.districts[s.District]
	if d == nil {
		d = &districtStats{known: make([]int, len(statDays))}
		st.districts[s.District] = d
	}
	d.settlements++
	e, ok := ix.Entry(s.ID)
	if !ok {
		return
	}
	if e.Settlement.Abandoned {
		d.abandoned++
	}
	for i, day := range statDays {
		p := e.At(mustCounts(day))
		if p.Known() {
			d.known[i]++
		}
		if i == len(statDays)-1 && p.Controller == azerbaijan {
			st.heldLast++
			if p.Status == geo.Claimed {
				st.claimedLast++
			}
		}
	}
	if uncertain {
		d.uncertain++
	}
	if e.Len() == 0 {
		d.never++
		st.never[neverReason(s)] = append(st.never[neverReason(s)], s.ID)
	}
}

// neverReason says why a settlement has no known controller at any date.
func neverReason(s *settlement) string {
	if s.side == withinMargin {
		return "within 3 km of the 1994 ceasefire line (or just outside the area across a border edge), and no sourced fact of its own"
	}
	return "no sourced fact and no rule applies"
}
