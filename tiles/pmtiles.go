package tiles

import (
	"fmt"
	"net/http"
	"os"

	"github.com/controlmap/controlmap/geo"
)

// ServePMTiles serves the PMTiles basemap of Config.PMTilesPath with HTTP range requests
// (http.ServeContent), as application/vnd.pmtiles and never content-encoded: a PMTiles reader
// asks for byte ranges of the file as it is. It answers 404 when no file is configured.
func (s *Server) ServePMTiles(w http.ResponseWriter, r *http.Request) error {
	if s.cfg.PMTilesPath == "" {
		return geo.NotFoundf("no PMTiles basemap is configured")
	}
	return serveFile(w, r, s.cfg.PMTilesPath, 86400)
}

// serveFile serves the file at path with HTTP range requests (http.ServeContent), as
// application/vnd.pmtiles, cached maxAge seconds and never content-encoded: a PMTiles reader asks
// for byte ranges of the file as it is.
func serveFile(w http.ResponseWriter, r *http.Request, path string, maxAge int) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/vnd.pmtiles")
	w.Header().Set("Cache-Control", fmt.Sprintf("public, max-age=%d", maxAge))
	w.Header().Del("Content-Encoding")
	http.ServeContent(w, r, "", info.ModTime(), f)
	return nil
}
