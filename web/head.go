package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
)

// HEAD is answered by every GET route: a Pre middleware runs the GET handler, so the status and
// the headers are the GET's, and headWriter drops the body while counting it, so that
// Content-Length is the length the GET would send (after gzip, which runs inside).

// headAsGet routes a HEAD request as the GET it mirrors and discards its body.
func headAsGet(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if req.Method != http.MethodHead {
			return next(c)
		}
		req.Method = http.MethodGet
		w := &headWriter{ResponseWriter: c.Response().Writer, status: http.StatusOK}
		c.Response().Writer = w
		if err := next(c); err != nil {
			c.Error(err)
		}
		req.Method = http.MethodHead
		w.finish()
		return nil
	}
}

// headWriter holds back the status until the handler is done and counts the body it drops.
type headWriter struct {
	http.ResponseWriter
	status int
	n      int
}

func (w *headWriter) WriteHeader(status int) { w.status = status }

func (w *headWriter) Write(p []byte) (int, error) {
	w.n += len(p)
	return len(p), nil
}

// Flush is a no-op: nothing is sent before the handler is done.
func (w *headWriter) Flush() {}

func (w *headWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// finish sends the held status with the counted Content-Length, unless the handler set one.
func (w *headWriter) finish() {
	h := w.Header()
	if h.Get("Content-Length") == "" && bodyAllowed(w.status) {
		h.Set("Content-Length", strconv.Itoa(w.n))
	}
	w.ResponseWriter.WriteHeader(w.status)
}

func bodyAllowed(status int) bool {
	return status >= 200 && status != http.StatusNoContent && status != http.StatusNotModified
}
