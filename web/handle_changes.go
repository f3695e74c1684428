package web

import (
	"encoding/json"

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
	var matched []*geo.Change
	for _, ch := range ix.Changes(from, to) {
		e, _ := ix.Entry(ch.SettlementID)
		if bound == nil || bound.Contains(e.Settlement.Point) {
			matched = append(matched, ch)
		}
	}
	page := matched[min(offset, len(matched)):min(offset+limit, len(matched))]
	fc := geojson.NewFeatureCollection()
	for _, ch := range page {
		fc.Append(changeFeature(ix, ch))
	}
	fc.ExtraMembers = geojson.Properties{
		"numberMatched":  len(matched),
		"numberReturned": len(page),
		"links":          s.pageLinks(c, len(matched), limit, offset),
		"metadata":       s.metadata(""),
	}
	b, err := json.Marshal(fc)
	if err != nil {
		return err
	}
	return sendBuilt(c, b, mimeGeoJSON, "public, max-age=60")
}

func (s *server) handleChangeItem(c echo.Context) error {
	ix := s.store.Index()
	ch, ok := ix.Change(c.Param("id"))
	if !ok {
		return geo.NotFoundf("no change with id %q", c.Param("id"))
	}
	f := changeFeature(ix, ch)
	f.Properties["metadata"] = s.metadata("")
	return sendJSON(c, mimeGeoJSON, f)
}

// changeFeature is a change at its settlement's point, with the settlement's names.
func changeFeature(ix *geo.Index, ch *geo.Change) *geojson.Feature {
	e, _ := ix.Entry(ch.SettlementID)
	f := geojson.NewFeature(e.Settlement.Point)
	f.ID = ch.ID
	b, _ := json.Marshal(toChangeJSON(ix, e, ch))
	_ = json.Unmarshal(b, &f.Properties)
	f.Properties["name"] = e.Settlement.Names.Default()
	f.Properties["names"] = e.Settlement.Names
	f.Properties["district"] = e.Settlement.District
	return f
}
