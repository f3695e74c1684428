package data

import (
	"slices"
	"strings"

	"github.com/paulmach/orb"
)

// GeoNamesFilter selects the places of a dump to import. Only populated places (feature class
// P) are ever imported; a zero filter selects all of them.
type GeoNamesFilter struct {
	// Admin1 keeps the places of these first-level divisions, given as "AZ.03" or "03".
	Admin1 []string
	// FeatureCodes keeps the places with these feature codes (PPL, PPLA, PPLQ…).
	FeatureCodes []string
	// BBox keeps the places inside it (edges included).
	BBox *orb.Bound
}

// Keep reports whether f selects p.
func (f GeoNamesFilter) Keep(p GeoNamesPlace) bool {
	return p.FeatureClass == "P" && f.keepAdmin1(p) &&
		(len(f.FeatureCodes) == 0 || slices.Contains(f.FeatureCodes, p.FeatureCode)) &&
		(f.BBox == nil || f.BBox.Contains(orb.Point{p.Lon, p.Lat}))
}

func (f GeoNamesFilter) keepAdmin1(p GeoNamesPlace) bool {
	if len(f.Admin1) == 0 {
		return true
	}
	return slices.ContainsFunc(f.Admin1, func(code string) bool {
		if country, admin1, ok := strings.Cut(code, "."); ok {
			return country == p.Country && admin1 == p.Admin1
		}
		return code == p.Admin1
	})
}
