package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
)

// The map page and the embed: HTML from templates, with a Content-Security-Policy that allows
// this origin only (and frame-ancestors * on the embed alone).

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
	assets, err := embeddedAssets()
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

func keepViewParams(q url.Values) url.Values {
	kept := url.Values{}
	for _, k := range viewParams {
		if v := q.Get(k); v != "" && len(v) <= 200 {
			kept.Set(k, v)
		}
	}
	return kept
}
