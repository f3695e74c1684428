package web

import (
	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/geo"
	"github.com/labstack/echo/v4"
)

// registerLanding mounts the OGC API – Features landing page, conformance and collections.
func (s *server) registerLanding(g *echo.Group) {
	g.GET("", s.handleLanding)
	g.GET("/api", s.handleOpenAPI)
	g.GET("/api.html", s.handleAPIDoc)
	g.GET("/conformance", s.handleConformance)
	g.GET("/collections", s.handleCollections)
	g.GET("/collections/:collection", s.handleCollection)
	g.GET("/collections/:collection/queryables", s.handleQueryables)
}

func (s *server) handleLanding(c echo.Context) error {
	base := s.baseURL(c) + "/api"
	return sendJSON(c, mimeJSON, map[string]any{
		"title":       "controlmap",
		"metadata":    s.metadata(""),
		"description": "Who controlled each settlement on each date, with sources. " + data.Attribution(),
		"links": []link{
			{Href: base, Rel: "self", Type: mimeJSON, Title: "This document"},
			{Href: base + "/api", Rel: "service-desc", Type: mimeOpenAPI, Title: "The API definition (OpenAPI 3.0)"},
			{Href: base + "/api.html", Rel: "service-doc", Type: "text/html", Title: "The API documentation"},
			{Href: base + "/conformance", Rel: "conformance", Type: mimeJSON, Title: "Conformance classes"},
			{Href: base + "/collections", Rel: "data", Type: mimeJSON, Title: "Collections"},
			{Href: base + "/timeline", Rel: "related", Type: mimeJSON, Title: "Timeline: date range, actors, change dates"},
			{Href: s.baseURL(c) + "/", Rel: "alternate", Type: "text/html", Title: "The map"},
			licenceLink,
		},
	})
}

func (s *server) handleConformance(c echo.Context) error {
	return sendJSON(c, mimeJSON, map[string]any{"conformsTo": []string{
		"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
		"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
		"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
		"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
		"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
		"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
	}, "metadata": s.metadata("")})
}

// collection describes one feature collection.
type collection struct {
	ID          string         `json:"id"`
	Title       string         `json:"title"`
	Description string         `json:"description"`
	ItemType    string         `json:"itemType"`
	CRS         []string       `json:"crs"`
	Extent      map[string]any `json:"extent"`
	Links       []link         `json:"links"`
	Metadata    data.Metadata  `json:"metadata"`
}

var collectionText = map[string][2]string{
	"settlements": {"Settlements", "Settlements with their controller on the date given by datetime (default today)."},
	"changes":     {"Changes of control", "Dated changes of control, each with its sources; datetime selects a period."},
}

func (s *server) collection(c echo.Context, id string) collection {
	base := s.baseURL(c) + "/api/collections/" + id
	text := collectionText[id]
	return collection{
		ID: id, Title: text[0], Description: text[1], ItemType: "feature",
		CRS:    []string{"http://www.opengis.net/def/crs/OGC/1.3/CRS84"},
		Extent: s.extent(), Metadata: s.metadata(""),
		Links: []link{
			{Href: base, Rel: "self", Type: mimeJSON, Title: text[0]},
			{Href: base + "/items", Rel: "items", Type: mimeGeoJSON, Title: text[0] + " as GeoJSON"},
			{Href: base + "/queryables", Rel: "http://www.opengis.net/def/rel/ogc/1.0/queryables", Type: mimeSchema, Title: "The properties to filter " + text[0] + " on"},
			licenceLink,
		},
	}
}

// extent is the spatial and temporal extent of the data.
func (s *server) extent() map[string]any {
	ix := s.store.Index()
	var b [4]float64
	for i, e := range ix.Entries(nil) {
		p := e.Settlement.Point
		if i == 0 {
			b = [4]float64{p.Lon(), p.Lat(), p.Lon(), p.Lat()}
		}
		b = [4]float64{min(b[0], p.Lon()), min(b[1], p.Lat()), max(b[2], p.Lon()), max(b[3], p.Lat())}
	}
	var interval [2]any
	if counts := ix.DateCounts(); len(counts) > 0 {
		interval = [2]any{counts[0].Day.String() + "T00:00:00Z", nil}
	}
	return map[string]any{
		"spatial":  map[string]any{"bbox": [][4]float64{b}, "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84"},
		"temporal": map[string]any{"interval": [][2]any{interval}, "trs": "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"},
	}
}

// licenceLink is the rel=license link of the landing page and the collections.
var licenceLink = link{Href: licenceURL, Rel: "license", Type: "text/html", Title: data.Licence}

func (s *server) handleCollections(c echo.Context) error {
	return sendJSON(c, mimeJSON, map[string]any{
		"links":       []link{{Href: s.baseURL(c) + "/api/collections", Rel: "self", Type: mimeJSON}},
		"collections": []collection{s.collection(c, "settlements"), s.collection(c, "changes")},
		"metadata":    s.metadata(""),
	})
}

func (s *server) handleCollection(c echo.Context) error {
	id := c.Param("collection")
	if _, ok := collectionText[id]; !ok {
		return geo.NotFoundf("no collection %q", id)
	}
	return sendJSON(c, mimeJSON, s.collection(c, id))
}
