package main

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb"
)

// How far a name match may be from the old point, and how close a place
// must be to be matched by distance alone.
const (
	nameMatchKm     = 5.0
	distanceMatchKm = 1.0
)

// match is one matching decision, for the report.
type match struct {
	id, how string
	place   *place
	km      float64
}

func (m match) String() string {
	if m.place == nil {
		return fmt.Sprintf("`%s`: %s", m.id, m.how)
	}
	return fmt.Sprintf("`%s` → GeoNames %d %s (%s), %.2f km: %s", m.id, m.place.ID, m.place.azName(), m.place.District, m.km, m.how)
}

// matchLegacy matches an old settlement: by GeoNames id, then by a shared
// name within nameMatchKm (the nearest), then by distance alone.
func (g *gazetteer) matchLegacy(old *settlement) match {
	m := match{id: old.ID}
	if s := g.byGN[old.GeoNamesID]; old.GeoNamesID != 0 && s != nil {
		m.place, m.how = s.place, "same GeoNames id"
		m.km = distKm(old.point(), s.point())
		return m
	}
	if p, km := nearestNamed(g.places, old.point(), oldNames(old)); p != nil {
		m.place, m.km, m.how = p, km, "shared name, nearest within "+fmt.Sprint(nameMatchKm)+" km"
		return m
	}
	if p, km := nearest(g.places, old.point()); p != nil && km <= distanceMatchKm {
		m.place, m.km, m.how = p, km, "no shared name; the only place within "+fmt.Sprint(distanceMatchKm)+" km"
		return m
	}
	m.how = "no GeoNames place with a shared name within " + fmt.Sprint(nameMatchKm) + " km: kept at its Wikipedia point"
	return m
}

// oldNames are an old settlement's names, split and without comments.
func oldNames(s *settlement) []string {
	var out []string
	for _, n := range []string{s.names.en, s.names.az, s.names.hy, s.names.ru} {
		out = append(out, splitNames(stripParens(n))...)
	}
	return out
}

// nearestNamed returns the nearest place within nameMatchKm that has one of
// the names.
func nearestNamed(places []place, pt orb.Point, names []string) (*place, float64) {
	return nearestNamedWithin(places, pt, names, nameMatchKm)
}

// nearestNamedWithin returns the nearest place within maxKm that has one of the names.
func nearestNamedWithin(places []place, pt orb.Point, names []string, maxKm float64) (*place, float64) {
	want := map[string]bool{}
	for _, n := range names {
		want[nameKey(n)] = true
	}
	var best *place
	bestKm := maxKm
	for i := range places {
		p := &places[i]
		km := distKm(pt, orb.Point{p.Lon, p.Lat})
		if km <= bestKm && sharesName(p, want) {
			best, bestKm = p, km
		}
	}
	return best, bestKm
}

// sharesName reports whether one of the place's names is wanted.
func sharesName(p *place, want map[string]bool) bool {
	for _, n := range p.allNames() {
		if want[nameKey(n)] {
			return true
		}
	}
	return false
}

// nearest returns the nearest place.
func nearest(places []place, pt orb.Point) (*place, float64) {
	var best *place
	bestKm := 0.0
	for i := range places {
		km := distKm(pt, orb.Point{places[i].Lon, places[i].Lat})
		if best == nil || km < bestKm {
			best, bestKm = &places[i], km
		}
	}
	return best, bestKm
}

// nameKey folds a name for comparison: lowercase letters and digits only,
// Latin letters folded to ASCII with geo.FoldASCII, other scripts kept.
func nameKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if f, err := geo.FoldASCII(string(r)); err == nil && r >= unicode.MaxASCII {
			b.WriteString(f)
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
