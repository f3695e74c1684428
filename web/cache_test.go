package web

import (
	"bytes"
	"testing"
)

func TestCacheBoundedByBytes(t *testing.T) {
	c := newCache(3000)
	builds := 0
	build := func(n int) func() ([]byte, error) {
		return func() ([]byte, error) { builds++; return bytes.Repeat([]byte{'x'}, n), nil }
	}
	c.get(1, "a", build(1000))
	c.get(1, "a", build(1000))
	if builds != 1 {
		t.Fatalf("a second get built again (%d builds)", builds)
	}
	c.get(1, "b", build(2500)) // over the budget with a: the cache starts over
	if c.bytes > c.maxBytes {
		t.Errorf("cache holds %d bytes, more than %d", c.bytes, c.maxBytes)
	}
	c.get(1, "huge", build(10000)) // larger than the whole budget: answered, never kept
	if _, kept := c.m["huge"]; kept || c.bytes > c.maxBytes {
		t.Errorf("an answer larger than the cache was kept (%d bytes)", c.bytes)
	}
	c.get(2, "a", build(1000)) // a new version of the data empties the cache
	if len(c.m) != 1 || builds != 4 {
		t.Errorf("after a new version: %d entries, %d builds", len(c.m), builds)
	}
}
