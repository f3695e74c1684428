package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"sync"
)

// cached is a built answer: its bytes, the same gzip-compressed, and their ETag. Compressing
// once when the answer is built is what lets a cached answer go out at the speed of a file.
type cached struct {
	body []byte
	gz   []byte
	etag string
}

func newCached(body []byte) (cached, error) {
	sum := sha256.Sum256(body)
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestSpeed)
	if _, err := zw.Write(body); err != nil {
		return cached{}, err
	}
	if err := zw.Close(); err != nil {
		return cached{}, err
	}
	return cached{body: body, gz: gz.Bytes(), etag: `"` + hex.EncodeToString(sum[:12]) + `"`}, nil
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
	if v, err = newCached(body); err != nil {
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
