package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
)

// Media types of the API.
const (
	mimeGeoJSON = "application/geo+json"
	mimeJSON    = "application/json"
)

// cached is an answer built once: its bytes and, when that is smaller, the same bytes
// gzip-compressed, each with its strong ETag. Compressing once is what lets a cached answer go out
// at the speed of a file.
type cached struct {
	body   []byte
	etag   string
	gz     []byte // nil when compression does not pay
	gzETag string
	hash   string // short content hash, for cache-busting URLs
}

// newCached builds both forms of body; level is a compress/gzip level, and NoCompression
// means no gzip form at all (for content that is compressed already, such as images).
func newCached(body []byte, level int) (cached, error) {
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:12])
	v := cached{body: body, etag: `"` + hash + `"`, hash: hash}
	if level == gzip.NoCompression {
		return v, nil
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, level)
	if err != nil {
		return v, err
	}
	if _, err := zw.Write(body); err != nil {
		return v, err
	}
	if err := zw.Close(); err != nil {
		return v, err
	}
	if buf.Len() < len(body) {
		v.gz, v.gzETag = buf.Bytes(), `"`+hash+`-gz"`
	}
	return v, nil
}

// sendCached writes a built answer: gzip-encoded when the client takes it, 304 when the client
// has the form it would get.
func sendCached(c echo.Context, v cached, contentType, cacheControl string) error {
	h := c.Response().Header()
	h.Set("Cache-Control", cacheControl)
	body, etag := v.body, v.etag
	if v.gz != nil {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(c.Request()) {
			body, etag = v.gz, v.gzETag
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", etag)
	if etagMatches(c.Request().Header.Get("If-None-Match"), etag) {
		h.Del("Content-Encoding")
		return c.NoContent(http.StatusNotModified)
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	return c.Blob(http.StatusOK, contentType, body)
}

// sendBuilt writes an answer built for this request only, with an ETag.
func sendBuilt(c echo.Context, body []byte, contentType, cacheControl string) error {
	v, err := newCached(body, gzip.BestSpeed)
	if err != nil {
		return err
	}
	return sendCached(c, v, contentType, cacheControl)
}

// acceptsGzip reports whether the request's Accept-Encoding takes gzip.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") && strings.ReplaceAll(params, " ", "") != "q=0" {
			return true
		}
	}
	return false
}

// etagMatches reports whether an If-None-Match header names etag.
func etagMatches(ifNoneMatch, etag string) bool {
	for _, tag := range strings.Split(ifNoneMatch, ",") {
		if tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/"); tag == "*" || tag == etag {
			return true
		}
	}
	return false
}

// sendJSON writes v as JSON with the given content type.
func sendJSON(c echo.Context, contentType string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, contentType, b)
}
