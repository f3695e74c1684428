package web

import (
	"compress/gzip"
	"sync"
)

// cache keeps answers built from one version of the index. A new version empties it, and so
// does reaching max entries: simple, bounded, and right for a read-mostly dataset.
type cache struct {
	mu      sync.Mutex
	max     int
	version uint64
	m       map[string]cached
}

func newCache(max int) *cache { return &cache{max: max, m: map[string]cached{}} }

// get returns the answer for key at version, building it with build when missing.
func (c *cache) get(version uint64, key string, build func() ([]byte, error)) (cached, error) {
	c.mu.Lock()
	if c.version != version {
		c.version, c.m = version, map[string]cached{}
	}
	v, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return v, nil
	}
	body, err := build()
	if err != nil {
		return cached{}, err
	}
	if v, err = newCached(body, gzip.BestSpeed); err != nil {
		return cached{}, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version == version {
		if len(c.m) >= c.max {
			c.m = map[string]cached{}
		}
		c.m[key] = v
	}
	return v, nil
}
