package web

import (
	"net/http"
	"time"

	"github.com/controlmap/controlmap/answer"
	"github.com/labstack/echo/v4"
)

// sendDownload writes a built file to download (a snapshot) as sendCached does, and answers
// byte ranges of its uncompressed form (206, Content-Range, If-Range), so that GDAL's /vsicurl/
// and other range readers open it by URL. sendAttachment has set Accept-Ranges.
func sendDownload(c echo.Context, v *answer.Answer, hv headerValues) error {
	if c.Request().Header.Get("Range") == "" {
		return sendReady(c, v, hv)
	}
	h := c.Response().Header()
	h[hdrCacheControl] = hv.cacheControl
	h[hdrContentType] = hv.contentType
	h.Set("ETag", v.ETag)
	if v.Gzip != nil {
		h.Add("Vary", "Accept-Encoding")
	}
	http.ServeContent(c.Response(), c.Request(), "", time.Time{}, v.NewReader())
	return nil
}
