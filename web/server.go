package web

import (
	"cmp"
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/controlmap/controlmap/geo"
	"github.com/controlmap/controlmap/tiles"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// Store is what the server reads: the store's in-memory index and its clock.
type Store interface {
	Index() *geo.Index
	Now() time.Time
	Today() geo.Day
	Ping(ctx context.Context) error
}

// server holds what the handlers share.
type server struct {
	cfg   Config
	store Store
	log   *slog.Logger
	cache *cache
}

// NewServer builds the router with every route of the API, the tiles and the map.
func NewServer(cfg Config, st Store, log *slog.Logger) (*echo.Echo, error) {
	ts, err := tiles.NewServer(st.Index(), cfg.Tiles)
	if err != nil {
		return nil, err
	}
	s := &server{cfg: cfg, store: st, log: log, cache: newCache(cmp.Or(cfg.CacheBytes, DefaultCacheBytes))}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = errorHandler(log)
	th := newTileHandlers(ts, cfg, st.Today, log)
	e.Pre(th.plainTile) // first: the most frequent request skips the chain below
	e.Pre(headAsGet)
	e.Pre(middleware.RemoveTrailingSlash()) // OGC clients (OWSLib) ask for the landing page as /api/
	e.Use(middleware.Recover())
	e.Use(corsReadOnly())
	e.Use(nosniff)
	e.Use(middleware.GzipWithConfig(middleware.GzipConfig{Skipper: skipGzip}))
	e.Use(requestLog(log))
	e.Use(strictParams)
	e.Use(s.negotiate)
	s.routes(e)
	registerTiles(e, th)
	return e, nil
}

func (s *server) routes(e *echo.Echo) {
	e.GET("/healthz", s.handleHealth)
	s.registerLanding(e.Group("/api"))
	s.registerSettlements(e.Group("/api/collections/settlements"))
	s.registerChanges(e.Group("/api/collections/changes"))
	e.GET("/api/timeline", s.handleTimeline)
	e.GET("/api/periods", s.handlePeriods)
	e.GET("/api/diff", s.handleDiff)
	e.GET("/api/snapshots/:file", s.handleSnapshot)
	e.GET("/api/dataset.zip", s.handleDataset)
	e.GET("/api/changes.atom", s.handleChangesAtom)
	registerPages(e, s.cfg)
}

// skipGzip leaves alone the answers that are compressed already (cached answers, tiles, glyphs,
// static assets) or must not be (PMTiles byte ranges). It runs after routing, so c.Path() is
// the route.
func skipGzip(c echo.Context) bool {
	switch p := c.Path(); {
	case precompressed[p], strings.HasPrefix(p, "/tiles/"), strings.HasPrefix(p, "/fonts/"), strings.HasPrefix(p, "/static/"):
		return true
	}
	return false
}

// precompressed are the routes answered with sendCached.
var precompressed = map[string]bool{
	"/api/collections/settlements/items": true,
	"/api/collections/changes/items":     true,
	"/api/snapshots/:file":               true,
	"/api/dataset.zip":                   true,
	"/api/changes.atom":                  true,
	"/api/periods":                       true,
	"/api/timeline":                      true,
	"/api/diff":                          true,
}

// requestLog sends each error to the error handler and logs each request at debug level. Below
// that level it reads no clock and builds no log record.
func requestLog(log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if !log.Enabled(c.Request().Context(), slog.LevelDebug) {
				if err := next(c); err != nil {
					c.Error(err)
				}
				return nil
			}
			start := time.Now()
			err := next(c)
			if err != nil {
				c.Error(err)
			}
			log.Debug("request", "method", c.Request().Method, "path", c.Request().URL.Path,
				"status", c.Response().Status, "duration", time.Since(start))
			return nil
		}
	}
}

func (s *server) handleHealth(c echo.Context) error {
	if err := s.store.Ping(c.Request().Context()); err != nil {
		return err
	}
	return c.JSON(200, map[string]string{"status": "ok"})
}
