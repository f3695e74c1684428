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

// sendCached writes a built answer, with its length: gzip-encoded when the client takes it,
// 304 when the client has the form it would get.
func sendCached(c echo.Context, v *answer.Answer, contentType, cacheControl string) error {
	h := c.Response().Header()
	h.Set("Cache-Control", cacheControl)
	zipped := v.Gzip != nil && acceptsGzip(c.Request())
	if v.Gzip != nil {
		h.Add("Vary", "Accept-Encoding")
	}
	etag := v.ETag
	if zipped {
		etag = v.GzipETag()
	}
	h.Set("ETag", etag)
	if etagMatches(c.Request().Header.Get("If-None-Match"), etag) {
		return c.NoContent(http.StatusNotModified)
	}
	return writeAnswer(c, v, zipped, contentType)
}

// writeAnswer writes the gzip form of v, or its raw form, with its length.
func writeAnswer(c echo.Context, v *answer.Answer, zipped bool, contentType string) error {
	h, n := c.Response().Header(), v.Len()
	if zipped {
		h.Set("Content-Encoding", "gzip")
		n = len(v.Gzip)
	}
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(n))
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
