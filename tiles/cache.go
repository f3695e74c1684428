package tiles

import (
	"container/list"
	"sync"

	"github.com/paulmach/orb/maptile"

	"github.com/controlmap/controlmap/geo"
)

// cacheKey names a tile: the data version it was cut from, the tile, and its date filter.
type cacheKey struct {
	version uint64
	tile    maptile.Tile
	dated   bool
	day     geo.Day
}

type cacheItem struct {
	key  cacheKey
	tile *Encoded
}

// cache is a least-recently-used map of tiles, bounded in bytes. It keeps the tiles of one data
// version: putting a tile of a newer version drops all the others.
type cache struct {
	mu      sync.Mutex
	max     int
	size    int
	version uint64
	order   *list.List // front: most recently used
	items   map[cacheKey]*list.Element
}

func newCache(maxBytes int) *cache {
	return &cache{max: maxBytes, order: list.New(), items: map[cacheKey]*list.Element{}}
}

func (c *cache) get(k cacheKey) (*Encoded, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[k]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*cacheItem).tile, true
}

func (c *cache) put(k cacheKey, t *Encoded) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if k.version < c.version || t.size() > c.max {
		return
	}
	if k.version > c.version {
		c.clear(k.version)
	}
	if _, ok := c.items[k]; ok {
		return
	}
	c.items[k] = c.order.PushFront(&cacheItem{key: k, tile: t})
	c.size += t.size()
	for c.size > c.max {
		c.evict(c.order.Back())
	}
}

func (c *cache) clear(version uint64) {
	c.version = version
	c.size = 0
	c.order.Init()
	clear(c.items)
}

func (c *cache) evict(el *list.Element) {
	it := c.order.Remove(el).(*cacheItem)
	delete(c.items, it.key)
	c.size -= it.tile.size()
}

// len returns the number of tiles held.
func (c *cache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items)
}
