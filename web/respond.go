package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/controlmap/controlmap/answer"
	"github.com/labstack/echo/v4"
)

// Media types of the API.
const (
	mimeGeoJSON = "application/geo+json"
	mimeJSON    = "application/json"
)

// sendCached writes a built answer: gzip-encoded when the client takes it, 304 when the client
// has the form it would get.
func sendCached(c echo.Context, v *answer.Answer, contentType, cacheControl string) error {
	h := c.Response().Header()
	h.Set("Cache-Control", cacheControl)
	body, etag := v.Raw, v.ETag
	if v.Gzip != nil {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(c.Request()) {
			body, etag = v.Gzip, v.GzipETag()
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
	v, err := answer.New(body, answer.BestSpeed)
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
