package web

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/controlmap/controlmap/answer"
	"github.com/labstack/echo/v4"
)

// Media types of the API.
const (
	mimeGeoJSON = "application/geo+json"
	mimeJSON    = "application/json"
)

// sendCached writes a built answer, with its length: gzip-encoded when the client takes it,
// 304 when the client has the form it would get.
func sendCached(c echo.Context, v *answer.Answer, contentType, cacheControl string) error {
	return sendReady(c, v, headerValues{contentType: []string{contentType}, cacheControl: []string{cacheControl}})
}

// headerValues are the Content-Type and Cache-Control of a route, as header values made once
// (a route that answers many requests, like the tiles, makes them when it is registered). They
// are shared by every request and never changed: each slice has cap 1, so an Add copies it.
type headerValues struct {
	contentType, cacheControl []string
}

func newHeaderValues(contentType, cacheControl string) headerValues {
	return headerValues{contentType: []string{contentType}, cacheControl: []string{cacheControl}}
}

// Header values that never change. The header map takes them as they are: setting a
// canonical key directly is what Header.Set does, less the new slice.
var gzipEncoding = []string{"gzip"}

// Canonical header names (as http.CanonicalHeaderKey spells them).
const (
	varyEncoding      = "Accept-Encoding"
	hdrCacheControl   = "Cache-Control"
	hdrContentEnc     = "Content-Encoding"
	hdrContentLength  = "Content-Length"
	hdrContentType    = "Content-Type"
	hdrETag           = "Etag"
	hdrVary           = "Vary"
	hdrIfNoneMatch    = "If-None-Match"
	hdrAcceptEncoding = "Accept-Encoding"
)

// sendReady is sendCached with header values made beforehand: the answer of a cache hit
// builds no string and sends its body in one Write.
func sendReady(c echo.Context, v *answer.Answer, hv headerValues) error {
	h, req := c.Response().Header(), c.Request()
	h[hdrCacheControl] = hv.cacheControl
	zipped := v.Gzip != nil && acceptsGzip(req.Header[hdrAcceptEncoding])
	if v.Gzip != nil {
		h[hdrVary] = append(h[hdrVary], varyEncoding)
	}
	form := v.Headers(zipped)
	h[hdrETag] = form.ETag
	if inm := req.Header[hdrIfNoneMatch]; len(inm) > 0 && etagMatches(inm[0], form.ETag[0]) {
		return c.NoContent(http.StatusNotModified)
	}
	if zipped {
		h[hdrContentEnc] = gzipEncoding
	}
	h[hdrContentType] = hv.contentType
	h[hdrContentLength] = form.ContentLength
	c.Response().WriteHeader(http.StatusOK)
	if zipped {
		_, err := c.Response().Write(v.Gzip)
		return err
	}
	_, err := v.WriteTo(c.Response())
	return err
}

// sendBuilt writes an answer built for this request only, with an ETag.
func sendBuilt(c echo.Context, body []byte, contentType, cacheControl string) error {
	v, err := answer.New(body, answer.BestSpeed)
	if err != nil {
		return err
	}
	return sendCached(c, v, contentType, cacheControl)
}

// acceptsGzip reports whether an Accept-Encoding header (its values) takes gzip.
func acceptsGzip(values []string) bool {
	for _, v := range values {
		for v != "" {
			var part string
			part, v, _ = strings.Cut(v, ",")
			coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			if strings.EqualFold(strings.TrimSpace(coding), "gzip") && !isQZero(params) {
				return true
			}
		}
	}
	return false
}

// isQZero reports whether the parameters of a coding are q=0 (spaces aside).
func isQZero(params string) bool {
	if !strings.Contains(params, " ") {
		return params == "q=0"
	}
	return strings.ReplaceAll(params, " ", "") == "q=0"
}

// etagMatches reports whether an If-None-Match header names etag.
func etagMatches(ifNoneMatch, etag string) bool {
	for ifNoneMatch != "" {
		var tag string
		tag, ifNoneMatch, _ = strings.Cut(ifNoneMatch, ",")
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
