package web

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// Media types of the API.
const (
	mimeGeoJSON = "application/geo+json"
	mimeJSON    = "application/json"
)

// sendCached writes a built answer with its ETag (gzip-compressed when the client takes it),
// or 304 when the client has it already.
func sendCached(c echo.Context, v cached, contentType, cacheControl string) error {
	h := c.Response().Header()
	h.Set("ETag", v.etag)
	h.Set("Cache-Control", cacheControl)
	h.Add("Vary", "Accept-Encoding")
	if c.Request().Header.Get("If-None-Match") == v.etag {
		return c.NoContent(http.StatusNotModified)
	}
	if strings.Contains(c.Request().Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		return c.Blob(http.StatusOK, contentType, v.gz)
	}
	return c.Blob(http.StatusOK, contentType, v.body)
}

// sendBuilt writes an answer built for this request only, with an ETag.
func sendBuilt(c echo.Context, body []byte, contentType, cacheControl string) error {
	v, err := newCached(body)
	if err != nil {
		return err
	}
	return sendCached(c, v, contentType, cacheControl)
}

// sendJSON writes v as JSON with the given content type.
func sendJSON(c echo.Context, contentType string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, contentType, b)
}
