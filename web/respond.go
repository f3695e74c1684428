package web

import (
	"encoding/json"
	"net/http"

	"github.com/labstack/echo/v4"
)

// Media types of the API.
const (
	mimeGeoJSON = "application/geo+json"
	mimeJSON    = "application/json"
)

// sendCached writes a built answer with its ETag, or 304 when the client has it.
func sendCached(c echo.Context, v cached, contentType, cacheControl string) error {
	h := c.Response().Header()
	h.Set("ETag", v.etag)
	h.Set("Cache-Control", cacheControl)
	if c.Request().Header.Get("If-None-Match") == v.etag {
		return c.NoContent(http.StatusNotModified)
	}
	return c.Blob(http.StatusOK, contentType, v.body)
}

// sendJSON writes v as JSON with the given content type.
func sendJSON(c echo.Context, contentType string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, contentType, b)
}
