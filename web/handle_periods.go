package web

import (
	"fmt"
	"io"
	"iter"

	"github.com/controlmap/controlmap/answer"
	"github.com/controlmap/controlmap/data"

	"github.com/controlmap/controlmap/geo"
	"github.com/labstack/echo/v4"
)

// handlePeriods answers every control period of every settlement (within bbox, if given) as a
// point feature, so that a client loads them once and shows any date by filtering on
// from <= day < to. The web map loads them only for a small dataset (tiles/doc.go); bbox keeps
// a large one's answer to the region a client shows. The answer is streamed as it is encoded:
// at 100,000 settlements it is about 500 MB (35 MB in gzip), too large to keep, and is never
// held whole.
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
	hv := newHeaderValues(mimeGeoJSON, "public, max-age=60")
	return s.stream(c, ix.Version(), key, hv, func(w io.Writer) error {
		return data.WriteFeatureCollection(w, periodFeatures(ix.Entries(bbox)), map[string]any{"metadata": s.metadata("")})
	}, func(v *answer.Answer) error { return sendReady(c, v, hv) })
}

// periodFeatures yields every period of every entry as a point feature, one feature value
// reused: each must be written before the next is yielded.
func periodFeatures(entries []*geo.Entry) iter.Seq[*periodFeature] {
	return func(yield func(*periodFeature) bool) {
		f := &periodFeature{} // written before the next is set
		for _, e := range entries {
			for _, p := range e.Timeline() {
				if f.set(e.Settlement, p); !yield(f) {
					return
				}
			}
		}
	}
}
