package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// Everything public and read-only (the API, the snapshots, the tiles, TileJSON, the style and
// the glyphs) may be read by a page of any origin: a newsroom's own MapLibre or Leaflet page,
// Observable, kepler.gl or geojson.io. There are no cookies or credentials, so "*" gives away
// nothing. The map page and the embed get no CORS headers: they are pages, not data, and their
// Content-Security-Policy decides who may frame them.

// corsPrefixes are the routes (as registered, c.Path()) that answer cross-origin reads.
var corsPrefixes = []string{"/api", "/tiles/", "/style.json", "/fonts/", "/oembed"}

func corsReadOnly() echo.MiddlewareFunc {
	return middleware.CORSWithConfig(middleware.CORSConfig{
		Skipper:       func(c echo.Context) bool { return !isPublicData(c.Path()) },
		AllowOrigins:  []string{"*"},
		AllowMethods:  []string{http.MethodGet, http.MethodHead},
		AllowHeaders:  []string{"Range", "If-None-Match", "If-Modified-Since", "If-Range"},
		ExposeHeaders: []string{"ETag", "Content-Length", "Content-Range", "Content-Disposition", "Link", "Accept-Ranges"},
		MaxAge:        86400,
	})
}

func isPublicData(route string) bool {
	for _, p := range corsPrefixes {
		if strings.HasPrefix(route, p) {
			return true
		}
	}
	return false
}
