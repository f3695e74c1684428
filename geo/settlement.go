package geo

import (
	"net/url"

	"github.com/paulmach/orb"
)

// Place is the kind of a settlement, used to rank it on small-scale maps.
type Place string

// The places, from the most to the least prominent.
const (
	City    Place = "city"
	Town    Place = "town"
	Village Place = "village"
)

// Rank orders places: higher is more prominent.
func (p Place) Rank() int {
	switch p {
	case City:
		return 3
	case Town:
		return 2
	}
	return 1
}

// Settlement is a village, town or city with a stable id.
type Settlement struct {
	ID           string
	Names        Names
	Point        orb.Point // lon, lat (WGS 84)
	District     string
	Country      string // de jure, ISO 3166-1 alpha-2
	Place        Place
	Population   int // 0 when unknown
	GeoNamesID   int64
	WikipediaURL string
	// Abandoned marks a place that is no longer inhabited: abandoned, destroyed or only
	// historical. It stays on the map, as its control may still change.
	Abandoned bool
}

// Validate checks s's fields.
func (s Settlement) Validate() error {
	switch {
	case !ValidID(s.ID):
		return Invalidf("id", "%q is not a lowercase slug such as \"abdal-gulabli\"", Shorten(s.ID))
	case s.Names.Default() == "":
		return Invalidf("name_en", "a settlement needs at least one name")
	case !(s.Point.Lon() >= -180 && s.Point.Lon() <= 180):
		return Invalidf("lon", "%v is outside -180..180", s.Point.Lon())
	case !(s.Point.Lat() >= -90 && s.Point.Lat() <= 90):
		return Invalidf("lat", "%v is outside -90..90", s.Point.Lat())
	case s.Population < 0:
		return Invalidf("population", "%d is negative", s.Population)
	case s.GeoNamesID < 0:
		return Invalidf("geonames_id", "%d is negative", s.GeoNamesID)
	case s.Place != "" && s.Place != City && s.Place != Town && s.Place != Village:
		return Invalidf("place", "%q is not one of city, town, village", Shorten(string(s.Place)))
	case s.WikipediaURL != "" && !IsWebURL(s.WikipediaURL):
		return Invalidf("wikipedia_url", "%q is not an http(s) URL", Shorten(s.WikipediaURL))
	}
	return s.checkText()
}

// checkText checks s's free-text fields: UTF-8, no control characters, not too long.
func (s Settlement) checkText() error {
	if err := checkNames(s.Names); err != nil {
		return err
	}
	for _, f := range []struct {
		field, s string
		max      int
	}{{"district", s.District, MaxName}, {"country", s.Country, MaxName}, {"wikipedia_url", s.WikipediaURL, MaxURL}} {
		if err := CheckText(f.field, f.s, f.max); err != nil {
			return err
		}
	}
	return nil
}

// IsWebURL reports whether s is an absolute http or https URL.
func IsWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
