package web

import (
	"encoding/json"

	"github.com/controlmap/controlmap/geo"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb/geojson"
)

// handlePeriods answers every control period of every settlement as a point feature, so that a
// browser loads them once and shows any date by filtering on from <= day < to.
func (s *server) handlePeriods(c echo.Context) error {
	ix := s.store.Index()
	v, err := s.cache.get(ix.Version(), "periods", func() ([]byte, error) {
		fc := geojson.NewFeatureCollection()
		for _, e := range ix.Entries(nil) {
			for _, p := range e.Timeline {
				fc.Append(PeriodFeature(e.Settlement, p))
			}
		}
		fc.ExtraMembers = geojson.Properties{"metadata": s.metadata("")}
		return json.Marshal(fc)
	})
	if err != nil {
		return err
	}
	return sendCached(c, v, mimeGeoJSON, "public, max-age=60")
}

// PeriodFeature is one control period of a settlement, with the properties of docs/CONTRACT.md.
func PeriodFeature(st *geo.Settlement, p geo.Period) *geojson.Feature {
	f := geojson.NewFeature(st.Point)
	f.Properties = geojson.Properties{
		"sid": st.ID, "name": st.Names.Default(), "district": st.District, "rank": st.Place.Rank(),
		"from": p.From, "to": p.To, "controller": p.Controller, "status": string(p.Status),
		"change": "", "since": "",
	}
	for _, l := range geo.Languages {
		if n := st.Names.In(l); n != "" {
			f.Properties["name_"+l] = n
		}
	}
	if p.Change != nil {
		f.Properties["change"], f.Properties["since"] = p.Change.ID, p.Change.Date.String()
	}
	return f
}
