package web

import (
	"io"
	"net/url"
	"strconv"
	"time"

	"github.com/controlmap/controlmap/answer"
	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/geo"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb/geojson"
)

// registerSettlements mounts the settlements collection's items.
func (s *server) registerSettlements(g *echo.Group) {
	g.GET("/items", s.handleSettlementItems)
	g.GET("/items/:id", s.handleSettlementItem)
}

// handleSettlementItems answers the settlements with their controller on a day, a page at a time.
func (s *server) handleSettlementItems(c echo.Context) error {
	day, err := dayParam(c, "datetime", s.store.Today())
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
	filter, err := settlementFilterParams(c, ix)
	if err != nil {
		return err
	}
	key := "settlements " + c.Request().Host + " " + day.String() + " " + c.QueryParam("bbox") + " " +
		strconv.Itoa(limit) + " " + strconv.Itoa(offset) + " " + filter.key()
	hv := newHeaderValues(mimeGeoJSON, cacheFor(day, s.store.Today()))
	return s.stream(c, ix.Version(), key, hv, func(w io.Writer) error {
		states := filter.apply(ix.Snapshot(day, bound))
		page := states[min(offset, len(states)):min(offset+limit, len(states))]
		if err := fillDetails(ix, page); err != nil {
			return err
		}
		return data.WriteFeatureCollection(w, data.SnapshotFeatures(ix, page), map[string]any{
			"numberMatched":  len(states),
			"numberReturned": len(page),
			"timeStamp":      s.store.Now().UTC().Format(time.RFC3339),
			"links":          s.pageLinks(c, len(states), limit, offset),
			"metadata":       s.metadata(day.String()),
		})
	}, func(v *answer.Answer) error { return sendReady(c, v, hv) })
}

// pageLinks are the self, next and prev links of a page of items.
func (s *server) pageLinks(c echo.Context, matched, limit, offset int) []link {
	at := func(off int) string {
		q := url.Values{}
		for k, v := range c.QueryParams() {
			q[k] = v
		}
		q.Set("limit", strconv.Itoa(limit))
		q.Set("offset", strconv.Itoa(off))
		return s.withQuery(c, q)
	}
	links := []link{{Href: at(offset), Rel: "self", Type: mimeGeoJSON}}
	if offset+limit < matched {
		links = append(links, link{Href: at(offset + limit), Rel: "next", Type: mimeGeoJSON})
	}
	if offset > 0 {
		links = append(links, link{Href: at(max(0, offset-limit)), Rel: "prev", Type: mimeGeoJSON})
	}
	return links
}

// handleSettlementItem answers one settlement, its controller on a day and its full history.
func (s *server) handleSettlementItem(c echo.Context) error {
	day, err := dayParam(c, "datetime", s.store.Today())
	if err != nil {
		return err
	}
	ix := s.store.Index()
	e, ok := ix.Entry(c.Param("id"))
	if !ok {
		return geo.NotFoundf("no settlement with id %q", c.Param("id"))
	}
	st := []geo.State{{Entry: e, Period: e.At(day)}}
	if err := fillDetails(ix, st); err != nil {
		return err
	}
	hist, err := history(ix, e)
	if err != nil {
		return err
	}
	f := data.NewSettlementFeature(ix, st[0])
	return sendJSON(c, mimeGeoJSON, geojson.FeatureOf[itemProps]{
		ID: f.ID, Type: f.Type, Geometry: f.Geometry,
		Properties: itemProps{SettlementProps: f.Properties, Date: day.String(), History: hist, Metadata: s.metadata(day.String())},
	})
}

// itemProps are the properties of one settlement: its control on a day and its history.
type itemProps struct {
	data.SettlementProps
	Date     string            `json:"date"`
	History  []data.ChangeJSON `json:"history"`
	Metadata data.Metadata     `json:"metadata"`
}

// metadata is the attribution carried by every answer.
func (s *server) metadata(date string) data.Metadata { return data.NewMetadata(date) }

// cacheFor is the Cache-Control of an answer about day: the past changes only when an editor
// corrects it, so caches may keep it for an hour; today and the future can change any time.
func cacheFor(day, today geo.Day) string {
	if day < today {
		return "public, max-age=3600, stale-while-revalidate=86400"
	}
	return "public, max-age=60"
}
