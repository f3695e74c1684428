package answer

import (
	"errors"
	"io"
	"math"
	"sync"

	"github.com/hashicorp/golang-lru/v2/simplelru"
)

// Cache keeps answers of one data version, least recently used first out, within a budget of
// bytes; concurrent misses of one key build it once. K names an answer within a version.
type Cache[K comparable] struct {
	mu       sync.Mutex
	lru      *simplelru.LRU[key[K], *Answer]
	max      int // bytes
	bytes    int
	version  uint64
	calls    map[key[K]]*call
	tooLarge map[key[K]]bool // answers of this version that were too large to keep
}

type key[K comparable] struct {
	version uint64
	name    K
}

// call is a build under way; done is closed when a and err are set. Both are nil when the
// build was streamed to its own request and was too large to keep.
type call struct {
	done chan struct{}
	a    *Answer
	err  error
}

// gone reports whether the build of cl left nothing for the requests that waited for it.
func (cl *call) gone() bool { return cl.a == nil && cl.err == nil }

// errBuildPanicked is what the requests waiting for a build get when it panicked.
var errBuildPanicked = errors.New("answer: build panicked")

// maxTooLarge bounds the names of answers remembered as too large to keep.
const maxTooLarge = 1024

// NewCache returns a cache of at most maxBytes.
func NewCache[K comparable](maxBytes int) *Cache[K] {
	c := &Cache[K]{max: maxBytes, calls: map[key[K]]*call{}, tooLarge: map[key[K]]bool{}}
	c.lru, _ = simplelru.NewLRU(math.MaxInt, func(_ key[K], a *Answer) { c.bytes -= a.Size() })
	return c
}

// Get returns the answer name of data version, building it with build on a miss. While one
// build runs, other Gets of the same answer wait for it and share its result.
func (c *Cache[K]) Get(version uint64, name K, build func() (*Answer, error)) (*Answer, error) {
	k := key[K]{version, name}
	for {
		a, cl, mine, _ := c.find(k, false)
		switch {
		case a != nil:
			return a, nil
		case mine:
			c.run(k, cl, build)
			return cl.a, cl.err
		}
		if <-cl.done; !cl.gone() {
			return cl.a, cl.err
		}
	}
}

// Stream returns the answer name of data version as Get does, but on a miss the request that
// builds it (with write, at level) sends it to cl as it is made (the package function Stream):
// sent is then true, and a is the answer as the cache keeps it. An answer is kept within
// half the budget, by its gzip form alone when its raw form is over an eighth (a raw form
// that large is rarely asked for, and dropping it early bounds the memory of the build). The
// requests that wait for a build get its answer; when it was too large to keep, each of them,
// and every later request of that answer and version, builds and sends its own, keeping
// nothing: they run at once rather than one after another, and each holds only what is on its
// way to its client.
func (c *Cache[K]) Stream(version uint64, name K, level int, cl Client, write func(io.Writer) error) (a *Answer, sent bool, err error) {
	k := key[K]{version, name}
	for {
		a, call, mine, large := c.find(k, true)
		switch {
		case a != nil:
			return a, false, nil
		case large:
			_, err := Stream(level, Keep{KeepNone, KeepNone}, cl, write)
			return nil, true, err
		case mine:
			keep := Keep{Raw: max(c.max/8, 1), Gzip: max(c.max/2, 1)}
			c.run(k, call, func() (*Answer, error) { return Stream(level, keep, cl, write) })
			return call.a, true, call.err
		}
		if <-call.done; !call.gone() {
			return call.a, false, call.err
		}
	}
}

// find returns the answer k when it is held; else the build of it under way, which mine says
// the caller must run, having just started it; or, for a caller that streams, large and no
// build when k is known to be too large to keep.
func (c *Cache[K]) find(k key[K], streams bool) (a *Answer, cl *call, mine, large bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.advance(k.version)
	if a, ok := c.lru.Get(k); ok {
		return a, nil, false, false
	}
	if cl, building := c.calls[k]; building {
		return nil, cl, false, false
	}
	if streams && c.tooLarge[k] {
		return nil, nil, false, true
	}
	cl = &call{done: make(chan struct{}), err: errBuildPanicked}
	c.calls[k] = cl
	return nil, cl, true, false
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

// advance drops every answer when version is newer than those held (Purge calls the evict
// callback, which takes each answer's bytes off c.bytes).
func (c *Cache[K]) advance(version uint64) {
	if version > c.version {
		c.version = version
		c.lru.Purge()
		clear(c.tooLarge)
	}
}

// add stores a unless it is of an older version or larger than half the budget (an answer
// that large is stored by its gzip form alone when that fits), then drops the least recently
// used answers until the cache is within its budget. An answer too large to store, or nil (a
// streamed answer too large to keep), is remembered as such for this version.
func (c *Cache[K]) add(k key[K], a *Answer) {
	if a != nil && a.Size() > c.max/2 {
		a = a.GzipOnly()
	}
	if k.version != c.version || c.lru.Contains(k) {
		return
	}
	if a == nil || a.Size() > c.max/2 {
		if len(c.tooLarge) >= maxTooLarge {
			clear(c.tooLarge)
		}
		c.tooLarge[k] = true
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
