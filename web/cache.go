package web

import (
	"compress/gzip"
	"sync"
)

// cache keeps answers built from one version of the index. A new version empties it, and so
// does going over maxBytes: simple, bounded in memory, and right for a read-mostly dataset.
type cache struct {
	mu       sync.Mutex
	maxBytes int
	bytes    int
	version  uint64
	m        map[string]cached
}

func newCache(maxBytes int) *cache { return &cache{maxBytes: maxBytes, m: map[string]cached{}} }

// get returns the answer for key at version, building it with build when missing.
func (c *cache) get(version uint64, key string, build func() ([]byte, error)) (cached, error) {
	c.mu.Lock()
	if c.version != version {
		c.version, c.m, c.bytes = version, map[string]cached{}, 0
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
	size := len(v.body) + len(v.gz)
	if c.version == version && size <= c.maxBytes {
		if c.bytes+size > c.maxBytes {
			c.m, c.bytes = map[string]cached{}, 0
		}
		c.m[key], c.bytes = v, c.bytes+size
	}
	return v, nil
}
