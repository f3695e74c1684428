package web

import "github.com/labstack/echo/v4"

// nosniff tells browsers to trust every answer's Content-Type, error answers included: a
// GeoJSON or JSON answer is never run as a script or shown as a page.
func nosniff(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header()["X-Content-Type-Options"] = nosniffValue
		return next(c)
	}
}

// nosniffValue is shared by every answer and never changed (cap 1: an Add copies it).
var nosniffValue = []string{"nosniff"}
