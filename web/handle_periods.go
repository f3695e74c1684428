package web

import (
	"bytes"
	"iter"

	"github.com/controlmap/controlmap/data"

	"github.com/controlmap/controlmap/geo"
	"github.com/controlmap/controlmap/tiles"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb/geojson"
)

// handlePeriods answers every control period of every settlement as a point feature, so that a
// browser loads them once and shows any date by filtering on from <= day < to.
func (s *server) handlePeriods(c echo.Context) error {
	ix := s.store.Index()
	v, err := s.cache.get(ix.Version(), "periods", func() ([]byte, error) {
		var buf bytes.Buffer
		err := data.WriteFeatureCollection(&buf, periodFeatures(ix.Entries(nil)), map[string]any{"metadata": s.metadata("")})
		return buf.Bytes(), err
	})
	if err != nil {
		return err
	}
	return sendCached(c, v, mimeGeoJSON, "public, max-age=60")
}

// periodFeatures yields every period of every entry as a point feature.
func periodFeatures(entries []*geo.Entry) iter.Seq[*geojson.FeatureOf[tiles.PeriodProps]] {
	return func(yield func(*geojson.FeatureOf[tiles.PeriodProps]) bool) {
		for _, e := range entries {
			for _, p := range e.Timeline() {
				f := &geojson.FeatureOf[tiles.PeriodProps]{Type: "Feature", Geometry: e.Settlement.Point, Properties: tiles.NewPeriodProps(e.Settlement, p)}
				if !yield(f) {
					return
				}
			}
		}
	}
}
