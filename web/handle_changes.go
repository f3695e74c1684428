package web

import (
	"bytes"

	"github.com/controlmap/controlmap/data"

	"github.com/controlmap/controlmap/geo"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb/geojson"
)

// registerChanges mounts the changes collection's items.
func (s *server) registerChanges(g *echo.Group) {
	g.GET("/items", s.handleChangeItems)
	g.GET("/items/:id", s.handleChangeItem)
}

// handleChangeItems answers the changes of a period (datetime=FROM/TO), in date order, as points.
func (s *server) handleChangeItems(c echo.Context) error {
	from, to, err := intervalParam(c, "datetime")
	if err != nil {
		return err
	}
	bound, err := bboxParam(c)
	if err != nil {
		return err
	}
	limit, offset, err := pageParams(c)
	if err != nil {
		return err
	}
	ix := s.store.Index()
	filter, err := changeFilterParams(c, ix)
	if err != nil {
		return err
	}
	var matched []*geo.Change
	for _, ch := range ix.Changes(from, to) {
		e, _ := ix.Entry(ch.SettlementID)
		if (bound == nil || bound.Contains(e.Settlement.Point)) && filter.keeps(ch, e.Settlement) {
			matched = append(matched, ch)
		}
	}
	page := matched[min(offset, len(matched)):min(offset+limit, len(matched))]
	if err := ix.FillDetails(page); err != nil {
		return err
	}
	features := func(yield func(*changeFeature) bool) {
		for _, ch := range page {
			if !yield(newChangeFeature(ix, ch)) {
				return
			}
		}
	}
	var buf bytes.Buffer
	err = data.WriteFeatureCollection(&buf, features, map[string]any{
		"numberMatched":  len(matched),
		"numberReturned": len(page),
		"links":          s.pageLinks(c, len(matched), limit, offset),
		"metadata":       s.metadata(""),
	})
	if err != nil {
		return err
	}
	return sendBuilt(c, buf.Bytes(), mimeGeoJSON, "public, max-age=60")
}

func (s *server) handleChangeItem(c echo.Context) error {
	ix := s.store.Index()
	ch, ok := ix.Change(c.Param("id"))
	if !ok {
		return geo.NotFoundf("no change with id %q", c.Param("id"))
	}
	if err := ix.FillDetails([]*geo.Change{ch}); err != nil {
		return err
	}
	f := newChangeFeature(ix, ch)
	m := s.metadata("")
	f.Properties.Metadata = &m
	return sendJSON(c, mimeGeoJSON, f)
}

// changeProps are a change's properties with its settlement's names.
type changeProps struct {
	data.ChangeJSON
	Name     string         `json:"name"`
	Names    geo.Names      `json:"names"`
	District string         `json:"district"`
	Metadata *data.Metadata `json:"metadata,omitempty"`
}

type changeFeature = geojson.FeatureOf[changeProps]

// newChangeFeature is a change at its settlement's point, with the settlement's names.
func newChangeFeature(ix *geo.Index, ch *geo.Change) *changeFeature {
	e, _ := ix.Entry(ch.SettlementID)
	st := e.Settlement
	return &changeFeature{ID: ch.ID, Type: "Feature", Geometry: st.Point, Properties: changeProps{
		ChangeJSON: data.NewChangeJSON(ix, e, ch), Name: st.Names.Default(), Names: st.Names, District: st.District,
	}}
}
