package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/controlmap/controlmap/geo"
	"github.com/labstack/echo/v4"
)

// The map page, the embed, oEmbed and the static assets.
//
// Static files are embedded and served with a content-hash ETag. Each compressible one is
// gzip-compressed once, at start, with the best compression, and that copy is served to
// clients that accept gzip (with its own ETag); the server's gzip middleware leaves /static/
// alone. Pages refer to them as
// /static/…?v=HASH (immutable caching); ES modules import each other by plain path and an
// import map in each page maps those paths to their hashed URLs, so every asset is cached
// for good and a release changes the URLs. The import map is the only inline script: its
// SHA-256 is allowed in the Content-Security-Policy.

//go:embed static
var staticFS embed.FS

const (
	templatesDir   = "templates/"
	immutableCache = "public, max-age=31536000, immutable"
	pageCache      = "no-cache"
	oembedWidth    = 800
	oembedHeight   = 600
)

// viewParams are the URL parameters of a view, kept by embeds, oEmbed and "open full map".
var viewParams = []string{"date", "center", "zoom", "bbox", "lang", "settlement", "controls", "compare"}

var nameLangs = map[string]bool{"en": true, "az": true, "hy": true, "ru": true}

type asset struct {
	cached
	ctype string
}

type pages struct {
	cfg       Config
	assets    map[string]*asset
	templates *template.Template
	importMap string
	scriptCSP string
}

type pageData struct {
	Lang      string
	StyleURL  string
	OEmbedURL string
	ImportMap template.HTML // our own JSON, not data: html/template would escape it as text
}

func registerPages(e *echo.Echo, cfg Config) {
	p, err := loadPages(cfg)
	if err != nil {
		panic(err) // the embedded files are part of the binary: this is a build error
	}
	e.GET("/", p.handleMap)
	e.GET("/embed", p.handleEmbed)
	e.GET("/oembed", p.handleOEmbed)
	e.GET("/static/*", p.handleStatic)
}

func loadPages(cfg Config) (*pages, error) {
	root, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, err
	}
	assets, err := loadAssets(root)
	if err != nil {
		return nil, err
	}
	p := &pages{cfg: cfg, assets: assets}
	p.importMap = buildImportMap(assets)
	sum := sha256.Sum256([]byte(p.importMap))
	p.scriptCSP = "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	p.templates, err = template.New("pages").Funcs(template.FuncMap{"asset": p.assetURL}).
		ParseFS(root, templatesDir+"*.html")
	return p, err
}

func loadAssets(root fs.FS) (map[string]*asset, error) {
	assets := map[string]*asset{}
	err := fs.WalkDir(root, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(name, templatesDir) {
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
	level := gzip.NoCompression
	if compressible(a.ctype) {
		level = gzip.BestCompression
	}
	var err error
	a.cached, err = newCached(body, level)
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
			imports["/static/"+name] = "/static/" + name + "?v=" + a.hash
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
	return "/static/" + name + "?v=" + a.hash, nil
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
	return sendCached(c, a.cached, a.ctype, cacheControl)
}

func (p *pages) handleMap(c echo.Context) error {
	return p.render(c, "index.html", "'self'")
}

// handleEmbed serves the embed, which any site may frame.
func (p *pages) handleEmbed(c echo.Context) error {
	return p.render(c, "embed.html", "*")
}

func (p *pages) render(c echo.Context, name, frameAncestors string) error {
	data := pageData{
		Lang:      langOf(c.QueryParam("lang")),
		StyleURL:  p.styleURL(),
		OEmbedURL: p.oembedDiscoveryURL(c),
		ImportMap: template.HTML(p.importMap),
	}
	var buf bytes.Buffer
	if err := p.templates.ExecuteTemplate(&buf, name, data); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Content-Security-Policy", p.csp(frameAncestors))
	h.Set("Cache-Control", pageCache)
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	h.Set("X-Content-Type-Options", "nosniff")
	return c.HTMLBlob(http.StatusOK, buf.Bytes())
}

func langOf(s string) string {
	if nameLangs[s] {
		return s
	}
	return "en"
}

func (p *pages) styleURL() string {
	if p.cfg.BasemapStyle != "" {
		return p.cfg.BasemapStyle
	}
	return "/style.json"
}

// csp allows the same origin only, unless an external basemap style is configured: its
// tiles, glyphs and sprites may then come from any https origin.
func (p *pages) csp(frameAncestors string) string {
	remote := ""
	if p.cfg.BasemapStyle != "" {
		remote = " https:"
	}
	return strings.Join([]string{
		"default-src 'self'",
		"script-src 'self' " + p.scriptCSP,
		"style-src 'self'",
		"img-src 'self' data: blob:" + remote,
		"connect-src 'self'" + remote,
		"font-src 'self'",
		"worker-src 'self'",
		"child-src 'self'",
		"object-src 'none'",
		"base-uri 'none'",
		"form-action 'self'",
		"frame-ancestors " + frameAncestors,
	}, "; ")
}

// baseURL is the site's absolute URL without a trailing slash.
func (p *pages) baseURL(c echo.Context) string {
	if p.cfg.PublicURL != "" {
		return strings.TrimSuffix(p.cfg.PublicURL, "/")
	}
	return c.Scheme() + "://" + c.Request().Host
}

func (p *pages) oembedDiscoveryURL(c echo.Context) string {
	base := p.baseURL(c)
	page := base + c.Request().URL.Path
	if q := keepViewParams(c.QueryParams()).Encode(); q != "" {
		page += "?" + q
	}
	return base + "/oembed?" + url.Values{"url": {page}, "format": {"json"}}.Encode()
}

func keepViewParams(q url.Values) url.Values {
	kept := url.Values{}
	for _, k := range viewParams {
		if v := q.Get(k); v != "" && len(v) <= 200 {
			kept.Set(k, v)
		}
	}
	return kept
}

type oembedResponse struct {
	Type         string `json:"type"`
	Version      string `json:"version"`
	Title        string `json:"title"`
	ProviderName string `json:"provider_name"`
	ProviderURL  string `json:"provider_url"`
	CacheAge     int    `json:"cache_age"`
	HTML         string `json:"html"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
}

// handleOEmbed answers oEmbed requests for the map page and the embed of this site.
func (p *pages) handleOEmbed(c echo.Context) error {
	if f := c.QueryParam("format"); f != "" && f != "json" {
		return geo.Invalidf("format", "only json is supported")
	}
	base := p.baseURL(c)
	target, err := p.ownPageURL(c.QueryParam("url"), base)
	if err != nil {
		return err
	}
	w := boundedSize(c.QueryParam("maxwidth"), oembedWidth)
	h := boundedSize(c.QueryParam("maxheight"), min(oembedHeight, w*3/4))
	src := base + "/embed"
	if q := keepViewParams(target.Query()).Encode(); q != "" {
		src += "?" + q
	}
	return c.JSON(http.StatusOK, oembedResponse{
		Type: "rich", Version: "1.0", Title: "controlmap: control of Karabakh's settlements",
		ProviderName: "controlmap", ProviderURL: base + "/", CacheAge: 86400,
		HTML: fmt.Sprintf(`<iframe src="%s" width="%d" height="%d" style="border:0" title="controlmap" loading="lazy" allowfullscreen></iframe>`,
			html.EscapeString(src), w, h),
		Width: w, Height: h,
	})
}

// ownPageURL parses raw and checks that it is this site's map page or embed.
func (p *pages) ownPageURL(raw, base string) (*url.URL, error) {
	if raw == "" {
		return nil, geo.Invalidf("url", "is required")
	}
	u, err := url.Parse(raw)
	b, _ := url.Parse(base)
	if err != nil || !strings.EqualFold(u.Scheme, b.Scheme) || !strings.EqualFold(u.Host, b.Host) {
		return nil, geo.Invalidf("url", "is not a page of this site")
	}
	if u.Path != "" && u.Path != "/" && u.Path != "/embed" {
		return nil, geo.Invalidf("url", "is not a map page of this site")
	}
	return u, nil
}

// boundedSize returns def, or the client's maximum when it is smaller.
func boundedSize(max string, def int) int {
	n, err := strconv.Atoi(max)
	if err != nil || n <= 0 || n >= def {
		return def
	}
	return n
}
