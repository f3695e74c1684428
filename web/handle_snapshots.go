package web

import (
	"bytes"
	"strings"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/geo"
	"github.com/labstack/echo/v4"
)

// handleSnapshot answers /api/snapshots/YYYY-MM-DD.geojson: every settlement with its controller
// on that day, as a file to download.
func (s *server) handleSnapshot(c echo.Context) error {
	name := c.Param("file")
	date, ok := strings.CutSuffix(name, ".geojson")
	if !ok {
		return geo.NotFoundf("no snapshot %q: snapshots are named YYYY-MM-DD.geojson", name)
	}
	day, err := parseDay("date", date)
	if err != nil {
		return err
	}
	ix := s.store.Index()
	v, err := s.cache.get(ix.Version(), "snapshot "+day.String(), func() ([]byte, error) {
		var buf bytes.Buffer
		err := data.WriteSnapshot(&buf, ix, day, nil, s.store.Now())
		return buf.Bytes(), err
	})
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="controlmap-`+day.String()+`.geojson"`)
	return sendDownload(c, v, mimeGeoJSON, cacheFor(day, s.store.Today()))
}
