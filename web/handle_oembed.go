package web

// oEmbed: a CMS given the URL of a map view asks /oembed for the iframe that embeds it; every
// page names that URL in a discovery <link>.

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"

	"github.com/controlmap/controlmap/geo"
	"github.com/labstack/echo/v4"
)

func (p *pages) oembedDiscoveryURL(c echo.Context) string {
	base := siteURL(p.cfg, c)
	page := base + c.Request().URL.Path
	if q := keepViewParams(c.QueryParams()).Encode(); q != "" {
		page += "?" + q
	}
	return base + "/oembed?" + url.Values{"url": {page}, "format": {"json"}}.Encode()
}

type oembedResponse struct {
	Type         string `json:"type"`
	Version      string `json:"version"`
	Title        string `json:"title"`
	ProviderName string `json:"provider_name"`
	ProviderURL  string `json:"provider_url"`
	CacheAge     int    `json:"cache_age"`
	HTML         string `json:"html"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
}

// handleOEmbed answers oEmbed requests for the map page and the embed of this site, as the
// oEmbed spec asks: 501 for the xml format, 404 for a URL that is not a map of this site.
func (p *pages) handleOEmbed(c echo.Context) error {
	switch f := c.QueryParam("format"); f {
	case "", "json":
	case "xml":
		return c.JSON(http.StatusNotImplemented, problem{Error: "only the json format is implemented", Parameter: "format"})
	default:
		return geo.Invalidf("format", "%q is not json", f)
	}
	base := siteURL(p.cfg, c)
	target, err := p.ownPageURL(c.QueryParam("url"), base)
	if err != nil {
		return err
	}
	view, err := checkedViewParams(target.Query())
	if err != nil {
		return err
	}
	w, err := boundedSize(c, "maxwidth", oembedWidth)
	if err != nil {
		return err
	}
	h, err := boundedSize(c, "maxheight", min(oembedHeight, w*3/4))
	if err != nil {
		return err
	}
	src := base + "/embed"
	if q := view.Encode(); q != "" {
		src += "?" + q
	}
	return c.JSON(http.StatusOK, oembedResponse{
		Type: "rich", Version: "1.0", Title: "controlmap: control of Karabakh's settlements",
		ProviderName: "controlmap", ProviderURL: base + "/", CacheAge: 86400,
		HTML: fmt.Sprintf(`<iframe src="%s" width="%d" height="%d" style="border:0" title="controlmap" loading="lazy" allowfullscreen></iframe>`,
			html.EscapeString(src), w, h),
		Width: w, Height: h,
	})
}

// ownPageURL parses raw and checks that it is this site's map page or embed.
func (p *pages) ownPageURL(raw, base string) (*url.URL, error) {
	if raw == "" {
		return nil, geo.Invalidf("url", "is required")
	}
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() {
		return nil, geo.Invalidf("url", "%q is not an absolute URL", raw)
	}
	b, _ := url.Parse(base)
	samePage := strings.EqualFold(u.Scheme, b.Scheme) && strings.EqualFold(u.Host, b.Host) &&
		(u.Path == "" || u.Path == "/" || u.Path == "/embed")
	if !samePage {
		return nil, &geo.Error{Kind: geo.NotFound, Field: "url", Message: "is not a map of this site"}
	}
	return u, nil
}

// boundedSize returns def, or the client's maximum (parameter name) when it is smaller.
func boundedSize(c echo.Context, name string, def int) (int, error) {
	n, err := intParam(c, name, def)
	if err == nil && n <= 0 {
		err = geo.Invalidf(name, "%d is not a positive number of pixels", n)
	}
	return min(n, def), err
}
