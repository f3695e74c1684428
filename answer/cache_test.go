package answer

import (
	"bytes"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// sized returns a build of an answer that takes n bytes of the budget.
func sized(n int, builds *int) func() (*Answer, error) {
	return func() (*Answer, error) {
		*builds++
		return &Answer{raw: [][]byte{make([]byte, n-128)}, n: n - 128}, nil
	}
}

func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	c, builds := NewCache[string](1000), 0
	c.Get(1, "a", sized(400, &builds))
	c.Get(1, "b", sized(400, &builds))
	c.Get(1, "a", sized(400, &builds)) // a is now the most recently used
	c.Get(1, "c", sized(400, &builds)) // over budget: b goes
	if builds != 3 || c.Len() != 2 || c.Bytes() != 800 {
		t.Fatalf("%d builds, %d answers, %d bytes", builds, c.Len(), c.Bytes())
	}
	c.Get(1, "a", sized(400, &builds))
	if builds != 3 {
		t.Error("the recently used answer was evicted")
	}
	c.Get(1, "b", sized(400, &builds))
	if builds != 4 {
		t.Error("the least recently used answer is still there")
	}
}

func TestCacheKeepsItsAnswersWhenOneIsTooLarge(t *testing.T) {
	c, builds := NewCache[string](1000), 0
	c.Get(1, "a", sized(300, &builds))
	big, err := c.Get(1, "big", sized(600, &builds))
	if err != nil || big.Len() != 472 {
		t.Fatalf("large answer %v, %v", big, err)
	}
	c.Get(1, "a", sized(300, &builds))
	if builds != 2 || c.Len() != 1 || c.Bytes() != 300 {
		t.Errorf("%d builds, %d answers, %d bytes: a large answer emptied the cache or was kept", builds, c.Len(), c.Bytes())
	}
}

func TestCacheDropsOlderVersions(t *testing.T) {
	c, builds := NewCache[string](1000), 0
	c.Get(1, "a", sized(200, &builds))
	c.Get(2, "a", sized(200, &builds))
	if builds != 2 || c.Len() != 1 {
		t.Fatalf("%d builds, %d answers after a new version", builds, c.Len())
	}
	c.Get(1, "b", sized(200, &builds)) // a late request on the older version
	if c.Len() != 1 {
		t.Error("an answer of an older version was stored")
	}
}

func TestCacheBuildErrorIsNotStored(t *testing.T) {
	c, builds := NewCache[string](1000), 0
	boom := errors.New("boom")
	if _, err := c.Get(1, "a", func() (*Answer, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Fatalf("error %v", err)
	}
	c.Get(1, "a", sized(200, &builds))
	if builds != 1 || c.Len() != 1 {
		t.Errorf("%d builds, %d answers", builds, c.Len())
	}
}

// TestCacheConcurrentMissesBuildOnce starts N requests of one uncached answer at once: one
// build runs, every request gets its answer.
func TestCacheConcurrentMissesBuildOnce(t *testing.T) {
	const n = 32
	c := NewCache[string](1 << 20)
	var builds atomic.Int32
	release := make(chan struct{})
	build := func() (*Answer, error) {
		builds.Add(1)
		<-release // hold the build until every request is waiting
		return New(bytes.Repeat([]byte("snapshot "), 1000), BestSpeed)
	}
	var wg sync.WaitGroup
	got := make([]*Answer, n)
	for i := range n {
		wg.Go(func() { got[i], _ = c.Get(1, "snapshot", build) })
	}
	for c.waiting("snapshot") == 0 {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond) // let the other requests reach the cache
	close(release)
	wg.Wait()
	if builds.Load() != 1 {
		t.Errorf("%d concurrent misses built %d times", n, builds.Load())
	}
	for i, a := range got {
		if a != got[0] || a == nil {
			t.Fatalf("request %d got another answer", i)
		}
	}
}

func TestCacheBuildPanicReleasesWaiters(t *testing.T) {
	c := NewCache[int](1000)
	func() {
		defer func() { recover() }()
		c.Get(1, 7, func() (*Answer, error) { panic("boom") })
	}()
	builds := 0
	if _, err := c.Get(1, 7, sized(200, &builds)); err != nil || builds != 1 {
		t.Errorf("after a panic: %v, %d builds", err, builds)
	}
}

// waiting reports whether a build of name is under way.
func (c *Cache[K]) waiting(name K) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.calls {
		if k.name == name {
			return 1
		}
	}
	return 0
}
