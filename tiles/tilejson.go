package tiles

import (
	"encoding/json"
	"reflect"
	"strings"

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
	// Settlements and Periods count what the settlement tiles hold over the whole dataset: the
	// web map loads /api/periods only for a small dataset, else reads the periods from the
	// tiles. The basemap's TileJSON has neither.
	Settlements int `json:"controlmap:settlements,omitempty"`
	Periods     int `json:"controlmap:periods,omitempty"`
}

type vectorLayer struct {
	ID          string            `json:"id"`
	Description string            `json:"description"`
	MinZoom     int               `json:"minzoom"`
	MaxZoom     int               `json:"maxzoom"`
	Fields      map[string]string `json:"fields"`
}

// timelineField describes the property the MVT layer adds to PeriodProps.
const timelineField = "String: on the open-ended period of an undated tile only, every period of the settlement packed (docs/CONTRACT.md)"

// periodFields describes the properties of the period features from the json and desc tags
// of PeriodProps, their one definition, and the timeline property "t" of the tiles.
func periodFields() map[string]string {
	out := map[string]string{"t": timelineField}
	t := reflect.TypeFor[PeriodProps]()
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		out[name] = f.Tag.Get("desc")
	}
	return out
}

// TileJSON returns the TileJSON 3.0.0 document of the settlement tiles, with tile URLs under
// origin (scheme and host, no trailing slash).
func (s *Server) TileJSON(origin string) ([]byte, error) {
	doc := newTileJSON(dataBound(s.ix), 8)
	doc.Name = "controlmap settlements"
	doc.Description = "One point per control period of each settlement; show a day d with from <= d < to."
	doc.Attribution = Attribution
	doc.Tiles = []string{origin + "/tiles/settlements/{z}/{x}/{y}.mvt"}
	doc.MaxZoom = SettlementsMaxZoom
	doc.VectorLayers = []vectorLayer{{
		ID: SettlementsLayer, Description: "control periods of settlements",
		MinZoom: 0, MaxZoom: SettlementsMaxZoom, Fields: periodFields(),
	}}
	doc.Settlements, doc.Periods = countPeriods(s.ix)
	return json.MarshalIndent(doc, "", "  ")
}

// BasemapTileJSON returns the TileJSON 3.0.0 document of the basemap tiles, with tile URLs
// under origin; the fields of each layer are those of its embedded features.
func (s *Server) BasemapTileJSON(origin string) ([]byte, error) {
	doc := newTileJSON(s.basemap.bound(), 7)
	doc.Name = "controlmap basemap"
	doc.Description = "Land, boundaries, the 1991 oblast and 1994 ceasefire lines, country and district labels."
	doc.Attribution = BasemapAttribution
	doc.Tiles = []string{origin + "/tiles/basemap/{z}/{x}/{y}.mvt"}
	doc.MaxZoom = BasemapMaxZoom
	for _, l := range s.basemap.layers {
		doc.VectorLayers = append(doc.VectorLayers, vectorLayer{
			ID: l.name, Description: basemapDescriptions[l.name], MinZoom: 0, MaxZoom: BasemapMaxZoom, Fields: l.fields(),
		})
	}
	return json.MarshalIndent(doc, "", "  ")
}

// newTileJSON starts a document over bound, centred at zoom z.
func newTileJSON(b orb.Bound, z float64) tileJSON {
	c := b.Center()
	return tileJSON{
		TileJSON: "3.0.0", Scheme: "xyz",
		Bounds: [4]float64{b.Min.Lon(), b.Min.Lat(), b.Max.Lon(), b.Max.Lat()},
		Center: [3]float64{c.Lon(), c.Lat(), z},
	}
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
func dataBound(ix *geo.Index) orb.Bound { return boundOf(ix.Entries(nil)) }

// boundOf returns the bound of the settlements of entries, rounded out to 0.01°, or
// RegionBound when there are none.
func boundOf(entries []*geo.Entry) orb.Bound {
	if len(entries) == 0 {
		return RegionBound
	}
	b := entries[0].Settlement.Point.Bound()
	for _, e := range entries[1:] {
		b = b.Extend(e.Settlement.Point)
	}
	return b.Pad(0.01)
}

// countPeriods counts the settlements of ix and their control periods.
func countPeriods(ix *geo.Index) (settlements, periods int) {
	entries := ix.Entries(nil)
	for _, e := range entries {
		periods += e.NumPeriods()
	}
	return len(entries), periods
}
