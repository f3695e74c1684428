package web

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/controlmap/controlmap/geo"
	"github.com/labstack/echo/v4"
)

// problem is the JSON body of every error answer.
type problem struct {
	Error     string `json:"error"`
	Parameter string `json:"parameter,omitempty"`
}

var statusOf = map[geo.ErrorKind]int{
	geo.Invalid:      http.StatusBadRequest,
	geo.NotFound:     http.StatusNotFound,
	geo.Conflict:     http.StatusConflict,
	geo.Unauthorized: http.StatusUnauthorized,
}

// errorHandler is the one place where errors become responses.
func errorHandler(log *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		status, body := classify(err)
		if status >= 500 {
			log.Error("request failed", "method", c.Request().Method, "path", c.Request().URL.Path, "err", err)
		}
		if err := c.JSON(status, body); err != nil { // a HEAD request's body is dropped by headAsGet
			log.Error("writing error response", "err", err)
		}
	}
}

func classify(err error) (int, problem) {
	var ge *geo.Error
	if errors.As(err, &ge) {
		if status, ok := statusOf[ge.Kind]; ok {
			return status, problem{Error: ge.Message, Parameter: ge.Field}
		}
	}
	var he *echo.HTTPError
	if errors.As(err, &he) && he.Code < 500 {
		return he.Code, problem{Error: http.StatusText(he.Code)}
	}
	return http.StatusInternalServerError, problem{Error: "internal error"}
}
