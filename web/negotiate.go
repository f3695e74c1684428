package web

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
)

// The landing page, the collections, a collection, the settlement items and a settlement are
// also plain HTML pages (OGC API – Features' html conformance class) for people who follow the
// links in a browser: f=html asks for one, and so does an Accept header that prefers text/html
// to JSON. The page is drawn from the JSON answer of the same request, so both never differ.

// wantsHTML reports whether the request asks for HTML: f=html, or, without f, an Accept header
// that ranks text/html above every JSON type.
func wantsHTML(c echo.Context) bool {
	if f := c.QueryParam("f"); f != "" {
		return f == "html"
	}
	html, json := -1.0, -1.0
	for _, part := range strings.Split(c.Request().Header.Get("Accept"), ",") {
		typ, q := mediaRange(part)
		switch {
		case typ == "text/html":
			html = max(html, q)
		case typ == "application/json", strings.HasSuffix(typ, "+json"):
			json = max(json, q)
		}
	}
	return html > 0 && html > json
}

// mediaRange splits "text/html;q=0.9" into its type and quality.
func mediaRange(part string) (string, float64) {
	typ, params, _ := strings.Cut(part, ";")
	q := 1.0
	for _, p := range strings.Split(params, ";") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(p), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
	}
	return strings.ToLower(strings.TrimSpace(typ)), q
}

// negotiate answers the routes of htmlViews in HTML when the request asks for it. Their JSON
// answers then say they vary with Accept.
func (s *server) negotiate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		view, ok := htmlViews[c.Path()]
		if !ok {
			return next(c)
		}
		c.Response().Header().Add("Vary", "Accept")
		if !wantsHTML(c) {
			return next(c)
		}
		body, err := captureJSON(c, next)
		if err != nil {
			return err
		}
		page, err := renderView(view, body)
		if err != nil {
			return err
		}
		h := c.Response().Header()
		h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'")
		h.Set("Cache-Control", "public, max-age=60")
		return c.HTMLBlob(http.StatusOK, page)
	}
}

// captureJSON runs the JSON handler into a buffer, uncompressed, and returns its body.
func captureJSON(c echo.Context, next echo.HandlerFunc) ([]byte, error) {
	req, res := c.Request(), c.Response()
	saved := req.Header.Clone()
	req.Header.Set("Accept", "application/json")
	req.Header.Del("Accept-Encoding")
	req.Header.Del("If-None-Match")
	w := &bufferWriter{header: http.Header{}}
	writer := res.Writer
	res.Writer = w
	err := next(c)
	res.Writer, res.Committed, res.Status, res.Size = writer, false, 0, 0
	req.Header = saved
	return w.buf.Bytes(), err
}

// bufferWriter is a ResponseWriter that keeps the body.
type bufferWriter struct {
	header http.Header
	buf    bytes.Buffer
}

func (w *bufferWriter) Header() http.Header         { return w.header }
func (w *bufferWriter) Write(p []byte) (int, error) { return w.buf.Write(p) }
func (w *bufferWriter) WriteHeader(int)             {}
