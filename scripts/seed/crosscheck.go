package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// disagreeKm is the distance above which two sources' points are reported.
const disagreeKm = 1.0

// crossCheck compares each GeoNames point with the other sources' points for
// the same place and reports every distance above disagreeKm.
func crossCheck(g *gazetteer, in *inputs, rep *report) {
	for _, s := range g.list {
		if s.legacy != nil && s.place != nil {
			rep.disagree(s, s.legacy.point(), "old seed point ("+legacyPointSource(s.legacy)+")")
		}
	}
	for _, r := range in.wikiCoords {
		pt, ok := rowPoint(r)
		p, _ := nearestNamed(g.places, pt, splitNames(r["name_az"]+";"+r["names_other"]))
		if ok && p != nil {
			rep.disagree(g.byGN[p.ID], pt, wikiCoordsFile+" ("+r["source_title"]+")")
		}
	}
	for _, r := range in.missing {
		crossCheckRow(g, r, rowGeoNamesID(r["source_url"]), missingFile+" ("+r["source_url"]+")", rep)
	}
	for _, r := range in.cities500 {
		id, _ := strconv.Atoi(r["geonameid"])
		crossCheckRow(g, record{"lat": r["latitude"], "lon": r["longitude"]}, id, cities500File+" (older GeoNames copy)", rep)
	}
}

// crossCheckRow compares a row's point with the settlement of a GeoNames id.
func crossCheckRow(g *gazetteer, r record, id int, label string, rep *report) {
	pt, ok := rowPoint(r)
	if s := g.byGN[id]; ok && s != nil {
		rep.disagree(s, pt, label)
	}
}

// legacyPointSource says where an old seed point came from.
func legacyPointSource(s *settlement) string {
	if s.GeoNamesID != 0 {
		return "GeoNames cities500 copy"
	}
	return "Wikipedia infobox"
}

// rowPoint reads a row's lat/lon columns.
func rowPoint(r record) (orb.Point, bool) {
	lat, err1 := strconv.ParseFloat(r["lat"], 64)
	lon, err2 := strconv.ParseFloat(r["lon"], 64)
	return orb.Point{lon, lat}, err1 == nil && err2 == nil
}

// rowGeoNamesID reads the id of a https://www.geonames.org/ID URL, or 0.
func rowGeoNamesID(u string) int {
	id, err := strconv.Atoi(strings.TrimPrefix(u, "https://www.geonames.org/"))
	if err != nil {
		return 0
	}
	return id
}

// disagree records a point more than disagreeKm from the settlement's point.
func (r *report) disagree(s *settlement, pt orb.Point, label string) {
	if s == nil {
		return
	}
	if km := distKm(s.point(), pt); km > disagreeKm {
		r.disagreements = append(r.disagreements, fmt.Sprintf("`%s` (%s): %s is %.1f km from the point used (%s)", s.ID, s.District, label, km, s.Origin))
	}
}
