package web

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/controlmap/controlmap/tiles"
)

// Config is the web server's configuration.
type Config struct {
	// BasemapStyle is an external MapLibre style URL; empty means the embedded /style.json.
	BasemapStyle string
	// PublicURL is the absolute base URL of the site (e.g. https://map.example.org) used in
	// oEmbed answers and links; empty means the scheme and host of each request.
	PublicURL string
	// Tiles configures the vector tiles and the basemap.
	Tiles tiles.Config
	// CacheBytes bounds the memory of the API's built answers (snapshots, pages of items,
	// periods); 0 means DefaultCacheBytes. An answer is kept within half of it (see answer.Cache).
	CacheBytes int
}

// DefaultCacheBytes is the answer cache of a Config without CacheBytes.
const DefaultCacheBytes = 48 << 20

// Validate checks the configuration once, before the server starts.
func (c Config) Validate() error {
	for name, v := range map[string]string{"basemap-style": c.BasemapStyle, "public-url": c.PublicURL} {
		if v == "" {
			continue
		}
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("--%s: %q is not an absolute http(s) URL", name, v)
		}
	}
	if c.CacheBytes < 0 {
		return fmt.Errorf("web: cache size %d is negative", c.CacheBytes)
	}
	if strings.HasSuffix(c.PublicURL, "/") {
		return fmt.Errorf("--public-url: %q must not end with a slash", c.PublicURL)
	}
	return c.Tiles.Validate()
}
