package main

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb"
)

// gazetteer is the seed's settlements with the lookups the facts need.
type gazetteer struct {
	list   []*settlement
	byID   map[string]*settlement
	byGN   map[int]*settlement
	places []place
}

// buildSettlements makes one settlement per GeoNames populated place of the
// twelve rayons, keeps the ids of the old seed, and adds the old villages
// that match no GeoNames place at their Wikipedia point.
func buildSettlements(in *inputs, rep *report) (*gazetteer, error) {
	g := &gazetteer{byID: map[string]*settlement{}, byGN: map[int]*settlement{}, places: in.places}
	for i := range in.places {
		s := fromPlace(&in.places[i])
		g.byGN[s.GeoNamesID] = s
		g.list = append(g.list, s)
	}
	if err := g.adoptLegacy(in, rep); err != nil {
		return nil, err
	}
	splitAbdal(g, rep)
	if err := g.assignIDs(); err != nil {
		return nil, err
	}
	for _, s := range g.list {
		nameSettlement(s)
	}
	sort.Slice(g.list, func(i, j int) bool { return g.list[i].ID < g.list[j].ID })
	crossCheck(g, in, rep)
	return g, nil
}

// fromPlace makes a settlement of a GeoNames place.
func fromPlace(p *place) *settlement {
	return &settlement{
		District: p.District, Country: "AZ", Lon: p.Lon, Lat: p.Lat, Population: p.Population,
		GeoNamesID: p.ID, Place: placeRank(p.FeatureCode, p.Population), Abandoned: p.Abandoned(),
		Origin: originGeoNames, place: p,
	}
}

// placeRank ranks a GeoNames place: city from 10 000 inhabitants; town when it
// is an administrative seat (PPLA, PPLA2) or has 1 500 or more; otherwise village.
func placeRank(code string, pop int) string {
	switch {
	case pop >= 10000:
		return "city"
	case code == "PPLA" || code == "PPLA2" || pop >= 1500:
		return "town"
	}
	return "village"
}

// point is the settlement's point.
func (s *settlement) point() orb.Point { return orb.Point{s.Lon, s.Lat} }

// adoptLegacy gives each old seed settlement's id to its GeoNames place, or
// keeps the old settlement when no place matches.
func (g *gazetteer) adoptLegacy(in *inputs, rep *report) error {
	for _, r := range in.legacy {
		old, err := legacySettlement(r)
		if err != nil {
			return err
		}
		m := g.matchLegacy(old)
		rep.matches = append(rep.matches, m.String())
		if m.place == nil {
			g.list = append(g.list, old)
			continue
		}
		s := g.byGN[m.place.ID]
		if s.legacy != nil {
			return fmt.Errorf("legacy %s and %s both match GeoNames %d", s.legacy.ID, old.ID, m.place.ID)
		}
		s.ID, s.legacy = old.ID, old
	}
	return nil
}

// legacySettlement reads one row of the old seed.
func legacySettlement(r record) (*settlement, error) {
	lon, err1 := strconv.ParseFloat(r["lon"], 64)
	lat, err2 := strconv.ParseFloat(r["lat"], 64)
	gn, err3 := atoiOrZero(r["geonames_id"])
	if err := firstErr(err1, err2, err3); err != nil {
		return nil, fmt.Errorf("%s:%s: %w", legacyFile, r["#line"], err)
	}
	return &settlement{
		ID: r["id"], District: r["district"], Country: "AZ", Lon: lon, Lat: lat, GeoNamesID: gn,
		Place: r["place"], WikipediaURL: r["wikipedia_url"], Origin: originLegacy,
		names: names{en: r["name_en"], az: r["name_az"], hy: r["name_hy"], ru: r["name_ru"]},
	}, nil
}

// atoiOrZero reads an optional integer.
func atoiOrZero(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	return strconv.Atoi(s)
}

// firstErr returns the first non-nil error.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// assignIDs gives the places without an old id a slug of their Azerbaijani
// name; a name used twice gets the district, and then the GeoNames id.
func (g *gazetteer) assignIDs() error {
	taken := map[string]bool{}
	for _, s := range g.list {
		if s.ID != "" {
			taken[s.ID] = true
		}
	}
	count := map[string]int{}
	for _, s := range g.list {
		if s.ID == "" {
			count[mustSlug(s.place.azName())]++
		}
	}
	for _, s := range g.list {
		if s.ID != "" {
			continue
		}
		s.ID = freeID(s, count, taken)
		taken[s.ID] = true
	}
	for _, s := range g.list {
		g.byID[s.ID] = s
	}
	return nil
}

// freeID picks the first free id among name, name-district, name-district-id.
func freeID(s *settlement, count map[string]int, taken map[string]bool) string {
	base := mustSlug(s.place.azName())
	candidates := []string{base, base + "-" + mustSlug(s.District), fmt.Sprintf("%s-%s-%d", base, mustSlug(s.District), s.GeoNamesID)}
	if count[base] > 1 {
		candidates = candidates[1:]
	}
	for _, c := range candidates {
		if !taken[c] {
			return c
		}
	}
	return candidates[len(candidates)-1]
}

// mustSlug is geo.Slug for names from the data, which are all Latin-script
// (checked by the tests).
func mustSlug(s string) string {
	v, err := geo.Slug(s)
	if err != nil {
		panic(err)
	}
	return v
}
