package web

import (
	"io"
	"path"
	"strings"

	"github.com/controlmap/controlmap/answer"
	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/geo"
	"github.com/labstack/echo/v4"
)

// handleSnapshot answers /api/snapshots/YYYY-MM-DD.{geojson,csv,kml,gpkg}: every settlement
// with its controller on that day, as a file to download. The bytes are those of
// `controlmap export` for the same date and data.
func (s *server) handleSnapshot(c echo.Context) error {
	name := c.Param("file")
	ext := path.Ext(name)
	f, ok := data.FormatNamed(strings.TrimPrefix(ext, "."))
	if !ok {
		return geo.NotFoundf("no snapshot %q: snapshots are named YYYY-MM-DD.FORMAT, FORMAT one of %s", name, strings.Join(data.FormatNames(), ", "))
	}
	day, err := parseDay("date", strings.TrimSuffix(name, ext))
	if err != nil {
		return err
	}
	ix := s.store.Index()
	v, err := s.cache.write(ix.Version(), "snapshot "+day.String()+"."+f.Name, func(w io.Writer) error {
		return f.Write(w, ix, day)
	})
	if err != nil {
		return err
	}
	return sendAttachment(c, v, f.MediaType, f.FileName(day), downloadCache(day, s.store.Today()))
}

// sendAttachment sends a built file under a dated file name.
func sendAttachment(c echo.Context, v *answer.Answer, mediaType, fileName, cacheControl string) error {
	c.Response().Header().Set("Content-Disposition", `attachment; filename="`+fileName+`"`)
	return sendDownload(c, v, mediaType, cacheControl)
}

// downloadCache is the Cache-Control of a download about day. A past day's file changes only
// when an editor corrects history, so caches may keep it a day and then revalidate it with its
// ETag (a 304 costs no body); today's and future files follow new changes within minutes.
// Files are never "immutable": a correction must reach every reader.
func downloadCache(day, today geo.Day) string {
	if day < today {
		return "public, max-age=86400, must-revalidate"
	}
	return "public, max-age=300, must-revalidate"
}

// handleDataset answers /api/dataset.zip: every settlement, actor, change and source, as
// GeoJSON and CSV, with a README of the columns and the attribution.
func (s *server) handleDataset(c echo.Context) error {
	ix := s.store.Index()
	v, err := s.cache.write(ix.Version(), "dataset.zip", func(w io.Writer) error {
		return data.WriteDataset(w, ix)
	})
	if err != nil {
		return err
	}
	return sendAttachment(c, v, "application/zip", datasetFileName(ix), downloadCache(s.store.Today(), s.store.Today()))
}

// handleChangesAtom answers /api/changes.atom: the latest recorded changes, newest first.
func (s *server) handleChangesAtom(c echo.Context) error {
	ix := s.store.Index()
	site := s.baseURL(c)
	v, err := s.cache.write(ix.Version(), "changes.atom "+site, func(w io.Writer) error {
		return data.WriteChangesAtom(w, ix, site)
	})
	if err != nil {
		return err
	}
	return sendCached(c, v, "application/atom+xml; charset=utf-8", "public, max-age=300, must-revalidate")
}

// datasetFileName names the archive after the day its data last changed.
func datasetFileName(ix *geo.Index) string {
	t := ix.UpdatedAt()
	if t.IsZero() {
		return "controlmap-dataset.zip"
	}
	return "controlmap-dataset-" + t.Format("2006-01-02") + ".zip"
}
