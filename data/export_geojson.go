package data

import (
	"time"

	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// Licence is the licence of the dataset as a whole (its Wikipedia-derived facts are CC BY-SA).
const Licence = "CC BY-SA 4.0"

// Metadata is the top-level "metadata" member of an exported snapshot.
type Metadata struct {
	Date        string `json:"date"`
	Attribution string `json:"attribution"`
	Licence     string `json:"licence"`
	GeneratedAt string `json:"generated_at"`
	Count       int    `json:"count"`
}

// SnapshotGeoJSON returns every settlement (inside bound, if not nil) with its controller on day,
// as an RFC 7946 FeatureCollection with a "metadata" member.
func SnapshotGeoJSON(ix *geo.Index, day geo.Day, bound *orb.Bound, now time.Time) *geojson.FeatureCollection {
	fc := geojson.NewFeatureCollection()
	for _, st := range ix.Snapshot(day, bound) {
		fc.Append(SettlementFeature(ix, st))
	}
	fc.ExtraMembers = geojson.Properties{"metadata": Metadata{
		Date:        day.String(),
		Attribution: Attribution(),
		Licence:     Licence,
		GeneratedAt: now.UTC().Format(time.RFC3339),
		Count:       len(fc.Features),
	}}
	return fc
}

// SettlementFeature is a settlement and its control on one day, as a GeoJSON feature.
func SettlementFeature(ix *geo.Index, st geo.State) *geojson.Feature {
	s := st.Settlement
	f := geojson.NewFeature(s.Point)
	f.ID = s.ID
	f.Properties = geojson.Properties{
		"id":               s.ID,
		"name":             s.Names.Default(),
		"names":            s.Names,
		"district":         s.District,
		"country":          s.Country,
		"place":            placeOf(s),
		"population":       nullIfZero(s.Population),
		"geonames_id":      nullIfZero(int(s.GeoNamesID)),
		"wikipedia_url":    nullIfEmpty(s.WikipediaURL),
		"controller":       ActorRef(ix, st.Period.Controller),
		"controller_id":    nullIfEmpty(st.Period.Controller),
		"controlled_since": nil,
		"status":           nullIfEmpty(string(st.Period.Status)),
		"change_id":        nil,
	}
	if c := st.Period.Change; c != nil {
		f.Properties["controlled_since"] = c.Date.String()
		f.Properties["change_id"] = c.ID
	}
	return f
}

// ActorJSON is an actor as the API shows it next to a settlement.
type ActorJSON struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Color string `json:"color"`
}

// ActorRef returns the actor with id as ActorJSON, or nil (JSON null) for "" or an unknown id.
func ActorRef(ix *geo.Index, id string) *ActorJSON {
	a, ok := ix.Actor(id)
	if !ok {
		return nil
	}
	return &ActorJSON{ID: a.ID, Name: a.Names.Default(), Color: a.Color}
}

func placeOf(s *geo.Settlement) geo.Place {
	if s.Place == "" {
		return geo.Village
	}
	return s.Place
}

func nullIfZero(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
