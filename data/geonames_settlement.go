package data

import (
	"strings"

	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb"
)

// The population from which a place counts as a town or a city.
const (
	townPopulation = 10_000
	cityPopulation = 100_000
)

// settlementOfPlace makes the settlement of p, with id.
func settlementOfPlace(p GeoNamesPlace, id string, admin1 map[string]string) geo.Settlement {
	return geo.Settlement{
		ID:         id,
		Names:      p.Names(),
		Point:      orb.Point{p.Lon, p.Lat},
		District:   districtOf(p, admin1),
		Country:    p.Country,
		Place:      placeOfCode(p.FeatureCode, p.Population),
		Population: p.Population,
		GeoNamesID: p.ID,
		Abandoned:  p.Abandoned(),
	}
}

// placeOfCode ranks a place: a capital (PPLC) or a place of 100,000 people or more is a city; a
// seat of an administrative division (PPLA to PPLA4) or a place of 10,000 or more is a town;
// any other is a village. An unknown population (0) counts as small.
func placeOfCode(code string, population int) geo.Place {
	switch {
	case code == "PPLC" || population >= cityPopulation:
		return geo.City
	case strings.HasPrefix(code, "PPLA") || population >= townPopulation:
		return geo.Town
	}
	return geo.Village
}

// Abandoned reports whether GeoNames marks the place as no longer inhabited: abandoned (PPLQ),
// destroyed (PPLW) or historical (PPLH).
func (p GeoNamesPlace) Abandoned() bool {
	return p.FeatureCode == "PPLQ" || p.FeatureCode == "PPLW" || p.FeatureCode == "PPLH"
}

// districtOf is the name of p's first-level division, or its code ("AZ.03") when admin1 has no
// name for it, or "" when the dump has no admin1 code.
func districtOf(p GeoNamesPlace, admin1 map[string]string) string {
	if p.Admin1 == "" || p.Admin1 == "00" {
		return ""
	}
	code := p.Country + "." + p.Admin1
	if name, ok := admin1[code]; ok {
		return name
	}
	return code
}

// fillCurated fills in what the curated settlement old lacks from the dump's st: names in
// scripts old has none in, the population when unknown, the district when empty, and the mark
// of an abandoned place. Everything else of old stays.
func fillCurated(old, st geo.Settlement) geo.Settlement {
	out := old
	out.Names = mergeNames(st.Names, old.Names)
	out.Abandoned = old.Abandoned || st.Abandoned
	if out.Population == 0 {
		out.Population = st.Population
	}
	if out.District == "" {
		out.District = st.District
	}
	return out
}

// mergeImported updates old, written by an earlier GeoNames import, with what the dump says of
// it in st: point, names, country, place, abandonment, and population and district where the
// dump knows them. The id, the Wikipedia URL and the names in scripts the dump lacks stay; a
// district that is only a code (named is false) does not replace a named one.
func mergeImported(old, st geo.Settlement, named bool) geo.Settlement {
	out := old
	out.Point, out.Place, out.Abandoned, out.GeoNamesID = st.Point, st.Place, st.Abandoned, st.GeoNamesID
	out.Names = mergeNames(old.Names, st.Names)
	if st.Country != "" {
		out.Country = st.Country
	}
	if st.Population > 0 {
		out.Population = st.Population
	}
	if st.District != "" && (old.District == "" || named) {
		out.District = st.District
	}
	return out
}

// hasDistrictName reports whether admin1 names p's first-level division.
func hasDistrictName(p GeoNamesPlace, admin1 map[string]string) bool {
	_, ok := admin1[p.Country+"."+p.Admin1]
	return ok
}

// mergeNames takes each name of n over old's, keeping old's where n has none.
func mergeNames(old, n geo.Names) geo.Names {
	pick := func(a, b string) string {
		if b != "" {
			return b
		}
		return a
	}
	return geo.Names{En: pick(old.En, n.En), Az: pick(old.Az, n.Az), Hy: pick(old.Hy, n.Hy), Ru: pick(old.Ru, n.Ru)}
}
