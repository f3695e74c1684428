package web

import (
	"bytes"
	"fmt"
	"iter"

	"github.com/controlmap/controlmap/data"

	"github.com/controlmap/controlmap/geo"
	"github.com/controlmap/controlmap/tiles"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb/geojson"
)

// handlePeriods answers every control period of every settlement (within bbox, if given) as a
// point feature, so that a client loads them once and shows any date by filtering on
// from <= day < to. The web map loads them only for a small dataset (tiles/doc.go); bbox keeps
// a large one's answer to the region a client shows.
func (s *server) handlePeriods(c echo.Context) error {
	bbox, err := bboxParam(c)
	if err != nil {
		return err
	}
	key := "periods"
	if bbox != nil {
		key = fmt.Sprintf("periods?bbox=%v,%v,%v,%v", bbox.Min.Lon(), bbox.Min.Lat(), bbox.Max.Lon(), bbox.Max.Lat())
	}
	ix := s.store.Index()
	v, err := s.cache.get(ix.Version(), key, func() ([]byte, error) {
		var buf bytes.Buffer
		err := data.WriteFeatureCollection(&buf, periodFeatures(ix.Entries(bbox)), map[string]any{"metadata": s.metadata("")})
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
