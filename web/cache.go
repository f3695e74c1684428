package web

import (
	"crypto/sha256"
	"encoding/hex"
	"sync"
)

// cached is a built answer: its bytes and their ETag.
type cached struct {
	body []byte
	etag string
}

func newCached(body []byte) cached {
	sum := sha256.Sum256(body)
	return cached{body: body, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
}

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
	v = newCached(body)
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
