package web

import (
	"encoding/json"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/geo"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb/geojson"
)

// handleDiff answers the settlements whose control differs between two dates: another
// controller, or control changing on one date only (before_changing, after_changing). A
// confirmation or a dispute of the same controller is no difference.
func (s *server) handleDiff(c echo.Context) error {
	from, err := requiredDay(c, "from")
	if err != nil {
		return err
	}
	to, err := requiredDay(c, "to")
	if err != nil {
		return err
	}
	bound, err := bboxParam(c)
	if err != nil {
		return err
	}
	ix := s.store.Index()
	fc := geojson.NewFeatureCollection()
	for _, d := range ix.Diff(from, to, bound) {
		f := geojson.NewFeature(d.Settlement.Point)
		f.ID = d.Settlement.ID
		f.Properties = geojson.Properties{
			"id": d.Settlement.ID, "name": d.Settlement.Names.Default(), "names": d.Settlement.Names,
			"district": d.Settlement.District,
			"before":   data.ActorRef(ix, d.Before.Controller), "after": data.ActorRef(ix, d.After.Controller),
			"before_changing": changing(ix, d.Before), "after_changing": changing(ix, d.After), "change_id": nil,
		}
		if d.After.Change != nil {
			f.Properties["change_id"] = d.After.Change.ID
		}
		fc.Append(f)
	}
	fc.ExtraMembers = geojson.Properties{
		"from": from.String(), "to": to.String(), "numberMatched": len(fc.Features), "metadata": s.metadata(""),
	}
	b, err := json.Marshal(fc)
	if err != nil {
		return err
	}
	return sendBuilt(c, b, mimeGeoJSON, "public, max-age=60")
}

// changing describes p when control is changing in it, else nil (JSON null).
func changing(ix *geo.Index, p geo.Period) *data.Changing {
	if !p.Changing {
		return nil
	}
	return data.NewChanging(ix, p)
}

func requiredDay(c echo.Context, name string) (geo.Day, error) {
	v := c.QueryParam(name)
	if v == "" {
		return 0, geo.Invalidf(name, "is required (YYYY-MM-DD)")
	}
	return parseDay(name, v)
}
