package web

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/controlmap/controlmap/tiles"
)

// A map asks for settlement tiles far more often than for anything else, and almost always in
// the plainest way: GET, no query, no Origin (a same-origin fetch), answered from the tile
// cache. Echo builds the middleware chain of every request anew (a closure per middleware),
// which cost more than the answer itself. plainTile answers such a request first, as the whole
// chain would (the headers of nosniff and of the CORS middleware for a request without Origin;
// none of the others acts on it) and passes every other request on: a HEAD, a query, an Origin,
// a path the router would not take as a tile, or debug logging. TestPlainTileSameAsChain holds
// the two answers equal.

// varyOrigin is what the CORS middleware adds to a request without Origin (cap 1: the Vary
// of sendReady is appended to a copy).
var varyOrigin = []string{"Origin"}

const settlementTilePrefix = "/tiles/settlements/"

func (h tileHandlers) plainTile(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if req.Method != http.MethodGet || req.URL.RawQuery != "" || req.URL.RawPath != "" ||
			!strings.HasPrefix(req.URL.Path, settlementTilePrefix) || len(req.Header[echo.HeaderOrigin]) > 0 ||
			h.log.Enabled(context.Background(), slog.LevelDebug) {
			return next(c)
		}
		z, x, y, ok := splitTilePath(req.URL.Path[len(settlementTilePrefix):])
		if !ok {
			return next(c)
		}
		t, err := tiles.ParseTile(z, x, y)
		if err != nil {
			return next(c) // the chain answers the error
		}
		defer recoverAsError(c)
		tile, err := h.ts.SettlementsIn(t, nil, "")
		if err != nil {
			return next(c)
		}
		hdr := c.Response().Header()
		hdr["X-Content-Type-Options"] = nosniffValue
		hdr[hdrVary] = varyOrigin
		if err := writeTile(c, tile, h.settlementHeaders); err != nil {
			c.Error(err)
		}
		return nil
	}
}

// splitTilePath splits "z/x/y.mvt" as the router's route /tiles/settlements/:z/:x/:y and
// tileParams would.
func splitTilePath(p string) (z, x, y string, ok bool) {
	z, rest, ok1 := strings.Cut(p, "/")
	x, y, ok2 := strings.Cut(rest, "/")
	y, ok3 := strings.CutSuffix(y, ".mvt")
	if !ok1 || !ok2 || !ok3 || z == "" || x == "" || y == "" || strings.Contains(y, "/") {
		return "", "", "", false
	}
	return z, x, y, true
}

// recoverAsError turns a panic into an error answer, as the Recover middleware would.
func recoverAsError(c echo.Context) {
	if r := recover(); r != nil {
		if r == http.ErrAbortHandler {
			panic(r)
		}
		err, ok := r.(error)
		if !ok {
			err = fmt.Errorf("%v", r)
		}
		c.Error(err)
	}
}
