package web

import (
	"net/url"

	"github.com/labstack/echo/v4"
)

// link is an OGC API link.
type link struct {
	Href  string `json:"href"`
	Rel   string `json:"rel"`
	Type  string `json:"type,omitempty"`
	Title string `json:"title,omitempty"`
}

// siteURL is the absolute URL of the site, without a trailing slash: the configured public URL,
// or the scheme and host the client used.
func siteURL(cfg Config, c echo.Context) string {
	if cfg.PublicURL != "" {
		return cfg.PublicURL
	}
	return c.Scheme() + "://" + c.Request().Host
}

func (s *server) baseURL(c echo.Context) string { return siteURL(s.cfg, c) }

// withQuery returns the absolute URL of the request's path with query q.
func (s *server) withQuery(c echo.Context, q url.Values) string {
	u := s.baseURL(c) + c.Request().URL.Path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}
