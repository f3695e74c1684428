package web

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"

	"github.com/controlmap/controlmap/answer"
	"github.com/controlmap/controlmap/geo"
	"github.com/labstack/echo/v4"
)

// Static files are embedded and served with a content-hash ETag. Each compressible one is
// gzip-compressed with the best compression once per process (the files are part of the
// binary, so every server of a process shares one read-only copy: tests build many), and that
// copy is served to clients that accept gzip (with its own ETag); the server's gzip middleware
// leaves /static/ alone. Pages refer to them as
// /static/…?v=HASH (immutable caching); ES modules import each other by plain path and an
// import map in each page maps those paths to their hashed URLs, so every asset is cached
// for good and a release changes the URLs. The import map is the only inline script: its
// SHA-256 is allowed in the Content-Security-Policy.

// jsTestsDir holds the JavaScript unit tests (node --test), embedded but not served.
const jsTestsDir = "js/test/"

// asset is one embedded static file, built once per process and never changed after.
type asset struct {
	*answer.Answer
	ctype string
}

// embeddedAssets are the files of staticFS, built on first use and shared read-only.
var embeddedAssets = sync.OnceValues(func() (map[string]*asset, error) {
	root, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, err
	}
	return loadAssets(root)
})

func loadAssets(root fs.FS) (map[string]*asset, error) {
	assets := map[string]*asset{}
	err := fs.WalkDir(root, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(name, templatesDir) || strings.HasPrefix(name, jsTestsDir) {
			return err
		}
		body, err := fs.ReadFile(root, name)
		if err != nil {
			return err
		}
		assets[name], err = newAsset(name, body)
		return err
	})
	return assets, err
}

func newAsset(name string, body []byte) (*asset, error) {
	a := &asset{ctype: contentType(name)}
	level := answer.NoCompression
	if compressible(a.ctype) {
		level = answer.BestCompression
	}
	var err error
	a.Answer, err = answer.New(body, level)
	return a, err
}

// compressible tells the content types worth compressing: text, scripts, JSON and SVG.
func compressible(ctype string) bool {
	return strings.HasPrefix(ctype, "text/") || strings.HasPrefix(ctype, "application/json") || strings.HasPrefix(ctype, "image/svg+xml")
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".html":
		return "text/html; charset=utf-8"
	case ".json":
		return "application/json"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	default:
		return "text/plain; charset=utf-8"
	}
}

// buildImportMap maps each module's plain URL to its hashed URL.
func buildImportMap(assets map[string]*asset) string {
	imports := map[string]string{}
	for name, a := range assets {
		if strings.HasSuffix(name, ".js") || name == "vendor/maplibre-gl/maplibre-gl.mjs" {
			imports["/static/"+name] = "/static/" + name + "?v=" + a.Hash
		}
	}
	b, _ := json.Marshal(map[string]any{"imports": imports}) // sorted keys: stable bytes
	return string(b)
}

func (p *pages) assetURL(name string) (string, error) {
	a, ok := p.assets[name]
	if !ok {
		return "", fmt.Errorf("web: no static asset %q", name)
	}
	return "/static/" + name + "?v=" + a.Hash, nil
}

func (p *pages) handleStatic(c echo.Context) error {
	a, ok := p.assets[c.Param("*")]
	if !ok {
		return geo.NotFoundf("no such file")
	}
	c.Response().Header().Set("X-Content-Type-Options", "nosniff")
	cacheControl := pageCache
	if c.QueryParam("v") != "" {
		cacheControl = immutableCache
	}
	return sendCached(c, a.Answer, a.ctype, cacheControl)
}
