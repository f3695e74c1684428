package data

import (
	"fmt"
	"io"
	"strconv"

	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// ReadSettlementsGeoJSON reads a FeatureCollection of Points whose properties are the columns of
// the settlements CSV (lon and lat come from the geometry). Errors name the feature's index as
// its line: features have no line of their own.
func ReadSettlementsGeoJSON(file string, r io.Reader) ([]geo.Settlement, error) {
	body, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(body)
	if err != nil {
		return nil, atLine(file, 1, "geojson", fmt.Errorf("not a GeoJSON FeatureCollection: %w", err))
	}
	out := make([]geo.Settlement, 0, len(fc.Features))
	seen := map[string]int{}
	for i, f := range fc.Features {
		s, err := settlementFromFeature(f)
		if err == nil {
			err = s.Validate()
		}
		if err == nil {
			err = once(seen, s.ID, i+1)
		}
		if err != nil {
			return nil, atLine(file+" feature", i+1, "geometry", err)
		}
		out = append(out, s)
	}
	return out, nil
}

func settlementFromFeature(f *geojson.Feature) (geo.Settlement, error) {
	p, ok := f.Geometry.(orb.Point)
	if !ok {
		return geo.Settlement{}, geo.Invalidf("geometry", "is not a Point")
	}
	get := func(key string) string {
		switch key {
		case "lon":
			return formatNumber(p.Lon())
		case "lat":
			return formatNumber(p.Lat())
		}
		switch v := f.Properties[key].(type) {
		case nil:
			return ""
		case float64:
			return formatNumber(v)
		default:
			return fmt.Sprint(v)
		}
	}
	s, err := settlementFrom(get)
	if s.ID == "" && f.ID != nil {
		s.ID = fmt.Sprint(f.ID) // the feature's own id stands in for a missing "id" property
	}
	return s, err
}

func formatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
