package web

import (
	"bytes"
	"iter"

	"github.com/controlmap/controlmap/data"

	"github.com/controlmap/controlmap/geo"
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

// PeriodProps are the properties of a control period, as docs/CONTRACT.md sets them.
type PeriodProps struct {
	SID        string  `json:"sid"`
	Name       string  `json:"name"`
	NameEn     string  `json:"name_en,omitempty"`
	NameAz     string  `json:"name_az,omitempty"`
	NameHy     string  `json:"name_hy,omitempty"`
	NameRu     string  `json:"name_ru,omitempty"`
	District   string  `json:"district"`
	Rank       int     `json:"rank"`
	From       geo.Day `json:"from"`
	To         geo.Day `json:"to"`
	Controller string  `json:"controller"`
	Status     string  `json:"status"`
	Change     string  `json:"change"`
	Since      string  `json:"since"`
}

// NewPeriodProps describes period p of settlement st.
func NewPeriodProps(st *geo.Settlement, p geo.Period) PeriodProps {
	n := st.Names
	out := PeriodProps{
		SID: st.ID, Name: n.Default(), NameEn: n.En, NameAz: n.Az, NameHy: n.Hy, NameRu: n.Ru,
		District: st.District, Rank: st.Place.Rank(), From: p.From, To: p.To,
		Controller: p.Controller, Status: string(p.Status),
	}
	if p.Change != nil {
		out.Change, out.Since = p.Change.ID, p.Change.Date.String()
	}
	return out
}

// periodFeatures yields every period of every entry as a point feature.
func periodFeatures(entries []*geo.Entry) iter.Seq[*geojson.FeatureOf[PeriodProps]] {
	return func(yield func(*geojson.FeatureOf[PeriodProps]) bool) {
		for _, e := range entries {
			for _, p := range e.Timeline {
				f := &geojson.FeatureOf[PeriodProps]{Type: "Feature", Geometry: e.Settlement.Point, Properties: NewPeriodProps(e.Settlement, p)}
				if !yield(f) {
					return
				}
			}
		}
	}
}
