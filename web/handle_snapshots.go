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
	return s.sendAttachment(c, ix.Version(), "snapshot "+day.String()+"."+f.Name, func(w io.Writer) error {
		return f.Write(w, ix, day)
	}, newHeaderValues(f.MediaType, downloadCache(day, s.store.Today())), f.FileName(day))
}

// sendAttachment sends the file that write writes, under a dated file name: from the cache,
// or streamed as it is built.
func (s *server) sendAttachment(c echo.Context, version uint64, key string, write func(io.Writer) error, hv headerValues, fileName string) error {
	h := c.Response().Header()
	h.Set("Content-Disposition", `attachment; filename="`+fileName+`"`)
	h.Set("Accept-Ranges", "bytes")
	return s.stream(c, version, key, hv, write, func(v *answer.Answer) error { return sendDownload(c, v, hv) })
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
	return s.sendAttachment(c, ix.Version(), "dataset.zip", func(w io.Writer) error {
		return data.WriteDataset(w, ix)
	}, newHeaderValues("application/zip", downloadCache(s.store.Today(), s.store.Today())), datasetFileName(ix))
}

// handleChangesAtom answers /api/changes.atom: the latest recorded changes, newest first.
func (s *server) handleChangesAtom(c echo.Context) error {
	ix := s.store.Index()
	site := s.baseURL(c)
	hv := newHeaderValues("application/atom+xml; charset=utf-8", "public, max-age=300, must-revalidate")
	return s.stream(c, ix.Version(), "changes.atom "+site, hv, func(w io.Writer) error {
		return data.WriteChangesAtom(w, ix, site)
	}, func(v *answer.Answer) error { return sendReady(c, v, hv) })
}

// datasetFileName names the archive after the day its data last changed.
func datasetFileName(ix *geo.Index) string {
	t := ix.UpdatedAt()
	if t.IsZero() {
		return "controlmap-dataset.zip"
	}
	return "controlmap-dataset-" + t.Format("2006-01-02") + ".zip"
}
