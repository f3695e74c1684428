package tiles

import (
	"encoding/json"

	"github.com/paulmach/orb"

	"github.com/controlmap/controlmap/geo"
)

// SettlementsMaxZoom is the deepest zoom the settlement tiles are cut at: at zoom 14 no tile
// is thinned, and MapLibre overzooms past it.
const SettlementsMaxZoom = 14

// RegionBound is the bound of the Karabakh region, used when the index is empty.
var RegionBound = orb.Bound{Min: orb.Point{44.5, 38.5}, Max: orb.Point{47.5, 41.0}}

// tileJSON is a TileJSON 3.0.0 document.
type tileJSON struct {
	TileJSON     string        `json:"tilejson"`
	Name         string        `json:"name"`
	Description  string        `json:"description"`
	Attribution  string        `json:"attribution"`
	Scheme       string        `json:"scheme"`
	Tiles        []string      `json:"tiles"`
	MinZoom      int           `json:"minzoom"`
	MaxZoom      int           `json:"maxzoom"`
	Bounds       [4]float64    `json:"bounds"`
	Center       [3]float64    `json:"center"`
	VectorLayers []vectorLayer `json:"vector_layers"`
	// Settlements and Periods count what the tiles hold over the whole dataset: the web map
	// loads /api/periods only for a small dataset, else reads the periods from the tiles.
	Settlements int `json:"controlmap:settlements"`
	Periods     int `json:"controlmap:periods"`
}

type vectorLayer struct {
	ID          string            `json:"id"`
	Description string            `json:"description"`
	MinZoom     int               `json:"minzoom"`
	MaxZoom     int               `json:"maxzoom"`
	Fields      map[string]string `json:"fields"`
}

// settlementFields describes the properties of the period features (docs/CONTRACT.md).
var settlementFields = map[string]string{
	"sid":         "String: settlement id",
	"name":        "String: default name",
	"name_en":     "String: English name (absent if unknown)",
	"name_az":     "String: Azerbaijani name (absent if unknown)",
	"name_hy":     "String: Armenian name (absent if unknown)",
	"name_ru":     "String: Russian name (absent if unknown)",
	"district":    "String: district",
	"rank":        "Number: 3 city, 2 town, 1 village",
	"from":        "Number: first day of the period, days since 1970-01-01 (-2147483648: open)",
	"to":          "Number: day after the period (2147483647: open)",
	"controller":  "String: actor id, empty when unknown or changing",
	"status":      "String: confirmed, claimed, disputed, or empty when unknown",
	"change":      "String: id of the change in force (the incoming one while changing), empty when unknown",
	"since":       "String: written date (EDTF) of that change, empty when unknown; kept across status events",
	"kind":        "String: kind of that change, empty when unknown",
	"disputed_by": "String: actor id of the side whose counter-claim disputes the period, or empty",
	"changing":    "Boolean: true while an interval change has not counted yet (controller empty)",
	"previous":    "String: while changing, the actor id before (empty when unknown)",
	"next":        "String: while changing, the incoming actor id",
	"t":           "String: on the open-ended period only, every period of the settlement packed (docs/CONTRACT.md)",
}

// TileJSON returns the TileJSON 3.0.0 document of the settlement tiles, with tile URLs under
// origin (scheme and host, no trailing slash).
func (s *Server) TileJSON(origin string) ([]byte, error) {
	b := dataBound(s.ix)
	c := b.Center()
	entries := s.ix.Entries(nil)
	periods := 0
	for _, e := range entries {
		periods += len(e.Timeline)
	}
	doc := tileJSON{
		TileJSON:    "3.0.0",
		Name:        "controlmap settlements",
		Description: "One point per control period of each settlement; show a day d with from <= d < to.",
		Attribution: Attribution,
		Scheme:      "xyz",
		Tiles:       []string{origin + "/tiles/settlements/{z}/{x}/{y}.mvt"},
		MinZoom:     0,
		MaxZoom:     SettlementsMaxZoom,
		Bounds:      [4]float64{b.Min.Lon(), b.Min.Lat(), b.Max.Lon(), b.Max.Lat()},
		Center:      [3]float64{c.Lon(), c.Lat(), 8},
		VectorLayers: []vectorLayer{{
			ID: SettlementsLayer, Description: "control periods of settlements",
			MinZoom: 0, MaxZoom: SettlementsMaxZoom, Fields: settlementFields,
		}},
		Settlements: len(entries), Periods: periods,
	}
	return json.MarshalIndent(doc, "", "  ")
}

// Attribution credits the data of the settlement tiles, with links to the sources and their
// licences (MapLibre shows it as HTML). BasemapAttribution credits the basemap.
const (
	Attribution = `Settlements: ` + extLink + `https://www.geonames.org">GeoNames</a> (` + extLink + `https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>), ` +
		extLink + `https://www.wikipedia.org">Wikipedia</a> (` + extLink + `https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>)`
	BasemapAttribution = extLink + `https://www.naturalearthdata.com">Made with Natural Earth</a>`
	extLink            = `<a target="_blank" rel="noopener noreferrer" href="`
)

// dataBound returns the bound of the settlements of ix, rounded out to 0.01°, or RegionBound.
func dataBound(ix *geo.Index) orb.Bound {
	entries := ix.Entries(nil)
	if len(entries) == 0 {
		return RegionBound
	}
	b := entries[0].Settlement.Point.Bound()
	for _, e := range entries[1:] {
		b = b.Extend(e.Settlement.Point)
	}
	return b.Pad(0.01)
}
