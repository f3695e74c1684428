package web

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb/maptile"

	"github.com/controlmap/controlmap/geo"
	"github.com/controlmap/controlmap/tiles"
)

// Cache lifetimes of what registerTiles serves. Settlement tiles change with the data and use
// the tiles.Server's MaxAge; the basemap and the glyphs change only with the binary.
const (
	basemapCache = "public, max-age=86400"
	styleCache   = "public, max-age=300"
)

// newTileHandlers returns the handlers of the tiles of ts. today is the day /style.json shows
// when not given a date.
func newTileHandlers(ts *tiles.Server, cfg Config, today func() geo.Day, log *slog.Logger) tileHandlers {
	return tileHandlers{ts: ts, cfg: cfg, today: today, log: log,
		settlementHeaders: newHeaderValues(mimeMVT, fmt.Sprintf("public, max-age=%d", int(ts.MaxAge().Seconds()))),
		basemapHeaders:    newHeaderValues(mimeMVT, basemapCache),
		glyphHeaders:      newHeaderValues("application/x-protobuf", basemapCache)}
}

// registerTiles mounts the vector tiles, their TileJSON, the MapLibre style, the glyphs and
// the optional PMTiles basemap.
func registerTiles(e *echo.Echo, h tileHandlers) {
	e.GET("/tiles/settlements/:z/:x/:y", h.settlements)
	e.GET("/tiles/settlements.json", h.tileJSON)
	e.GET("/tiles/settlements.pmtiles", h.pyramid)
	e.GET("/tiles/basemap/:z/:x/:y", h.basemap)
	e.GET("/tiles/basemap.json", h.basemapTileJSON)
	e.GET("/tiles/basemap.pmtiles", h.pmtiles)
	e.GET("/style.json", h.style)
	e.GET("/fonts/:stack/:range", h.glyphs)
}

type tileHandlers struct {
	ts    *tiles.Server
	cfg   Config
	today func() geo.Day
	log   *slog.Logger
	// the header values of the tiles, made once
	settlementHeaders, basemapHeaders, glyphHeaders headerValues
}

const mimeMVT = "application/vnd.mapbox-vector-tile"

func (h tileHandlers) settlements(c echo.Context) error {
	t, err := tileParams(c)
	if err != nil {
		return err
	}
	date, lang := queryParam(c, "date"), queryParam(c, "lang")
	day, err := tiles.ParseDate(date)
	if err != nil {
		return err
	}
	tile, err := h.ts.SettlementsIn(t, day, lang)
	if err != nil {
		return err
	}
	return writeTile(c, tile, h.settlementHeaders)
}

func (h tileHandlers) basemap(c echo.Context) error {
	t, err := tileParams(c)
	if err != nil {
		return err
	}
	tile, err := h.ts.Basemap(t)
	if err != nil {
		return err
	}
	return writeTile(c, tile, h.basemapHeaders)
}

// tileParams reads z, x and y, the last with its ".mvt" suffix.
func tileParams(c echo.Context) (maptile.Tile, error) {
	y, ok := strings.CutSuffix(c.Param("y"), ".mvt")
	if !ok {
		return maptile.Tile{}, geo.Invalidf("y", "%q must end with .mvt", c.Param("y"))
	}
	return tiles.ParseTile(c.Param("z"), c.Param("x"), y)
}

func (h tileHandlers) glyphs(c echo.Context) error {
	stack, err := url.PathUnescape(c.Param("stack"))
	if err != nil {
		return geo.Invalidf("stack", "%q is not a font stack", c.Param("stack"))
	}
	tile, err := h.ts.Glyphs(stack, c.Param("range"))
	if err != nil {
		return err
	}
	return writeTile(c, tile, h.glyphHeaders)
}

func (h tileHandlers) tileJSON(c echo.Context) error {
	b, err := h.ts.TileJSON(siteURL(h.cfg, c))
	return sendDoc(c, b, err)
}

func (h tileHandlers) basemapTileJSON(c echo.Context) error {
	b, err := h.ts.BasemapTileJSON(siteURL(h.cfg, c))
	return sendDoc(c, b, err)
}

// style answers the style of the map on ?date= (default today) with labels in ?lang=.
func (h tileHandlers) style(c echo.Context) error {
	if u := h.ts.StyleURL(); u != "" {
		return c.Redirect(http.StatusFound, u)
	}
	day, err := tiles.ParseDate(c.QueryParam("date"))
	if err != nil {
		return err
	}
	if day == nil {
		today := h.today()
		day = &today
	}
	b, err := h.ts.Style(siteURL(h.cfg, c), c.QueryParam("lang"), *day)
	return sendDoc(c, b, err)
}

// sendDoc answers b, a document with URLs under the request's origin, or err.
func sendDoc(c echo.Context, b []byte, err error) error {
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", styleCache)
	c.Response().Header().Add("Vary", "Host")
	return c.JSONBlob(http.StatusOK, b)
}

func (h tileHandlers) pyramid(c echo.Context) error {
	return h.ts.ServePyramid(c.Response(), c.Request())
}

func (h tileHandlers) pmtiles(c echo.Context) error {
	return h.ts.ServePMTiles(c.Response(), c.Request())
}

// writeTile answers with tile: 204 when it is empty, else as sendCached does (the tile cache
// holds both forms).
func writeTile(c echo.Context, tile *tiles.Encoded, hv headerValues) error {
	if tile.Empty() {
		c.Response().Header()[hdrCacheControl] = hv.cacheControl
		return c.NoContent(http.StatusNoContent)
	}
	return sendReady(c, tile, hv)
}

// queryParam is c.QueryParam that parses no query (and makes no map) when there is none, as
// for most tile requests.
func queryParam(c echo.Context, name string) string {
	if c.QueryString() == "" {
		return ""
	}
	return c.QueryParam(name)
}
