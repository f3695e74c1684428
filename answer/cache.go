package answer

import (
	"errors"
	"math"
	"sync"

	"github.com/hashicorp/golang-lru/v2/simplelru"
)

// Cache keeps answers of one data version, least recently used first out, within a budget of
// bytes; concurrent misses of one key build it once. K names an answer within a version.
type Cache[K comparable] struct {
	mu      sync.Mutex
	lru     *simplelru.LRU[key[K], *Answer]
	max     int // bytes
	bytes   int
	version uint64
	calls   map[key[K]]*call
}

type key[K comparable] struct {
	version uint64
	name    K
}

// call is a build under way; done is closed when a and err are set.
type call struct {
	done chan struct{}
	a    *Answer
	err  error
}

// errBuildPanicked is what the requests waiting for a build get when it panicked.
var errBuildPanicked = errors.New("answer: build panicked")

// NewCache returns a cache of at most maxBytes.
func NewCache[K comparable](maxBytes int) *Cache[K] {
	c := &Cache[K]{max: maxBytes, calls: map[key[K]]*call{}}
	c.lru, _ = simplelru.NewLRU(math.MaxInt, func(_ key[K], a *Answer) { c.bytes -= a.Size() })
	return c
}

// Get returns the answer name of data version, building it with build on a miss. While one
// build runs, other Gets of the same answer wait for it and share its result.
func (c *Cache[K]) Get(version uint64, name K, build func() (*Answer, error)) (*Answer, error) {
	k := key[K]{version, name}
	c.mu.Lock()
	c.advance(version)
	if a, ok := c.lru.Get(k); ok {
		c.mu.Unlock()
		return a, nil
	}
	cl, building := c.calls[k]
	if !building {
		cl = &call{done: make(chan struct{}), err: errBuildPanicked}
		c.calls[k] = cl
	}
	c.mu.Unlock()
	if !building {
		c.run(k, cl, build)
	}
	<-cl.done
	return cl.a, cl.err
}

// run builds the answer of cl and stores it, even if build panics (the waiters then get
// errBuildPanicked and the panic goes on).
func (c *Cache[K]) run(k key[K], cl *call, build func() (*Answer, error)) {
	defer func() {
		c.mu.Lock()
		delete(c.calls, k)
		if cl.err == nil {
			c.add(k, cl.a)
		}
		c.mu.Unlock()
		close(cl.done)
	}()
	cl.a, cl.err = build()
}

// advance drops every answer when version is newer than those held.
func (c *Cache[K]) advance(version uint64) {
	if version > c.version {
		c.version = version
		c.lru.Purge()
		c.bytes = 0
	}
}

// add stores a unless it is of an older version or larger than half the budget (an answer
// that large is stored by its gzip form alone when that fits), then drops the least recently
// used answers until the cache is within its budget.
func (c *Cache[K]) add(k key[K], a *Answer) {
	if a != nil && a.Size() > c.max/2 {
		a = a.GzipOnly()
	}
	if a == nil || k.version != c.version || a.Size() > c.max/2 || c.lru.Contains(k) {
		return
	}
	c.lru.Add(k, a)
	c.bytes += a.Size()
	for c.bytes > c.max {
		c.lru.RemoveOldest()
	}
}

// Len is the number of answers held.
func (c *Cache[K]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Len()
}

// Bytes is the memory the held answers take, as Answer.Size counts it.
func (c *Cache[K]) Bytes() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes
}
