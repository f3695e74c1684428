package tiles

import (
	"cmp"
	"math"
	"slices"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"github.com/controlmap/controlmap/geo"
)

// The thinning rule and the feature budget; see the package doc.
const (
	// ThinAbove is the most settlements a tile holds before it is thinned.
	ThinAbove = 1024
	// CellPixels is the side of a thinning cell, in pixels of a 512 px tile.
	CellPixels = 16
	// LowZoomBudget and Budget are the most period features a tile holds below zoom
	// TownNameZoom and from it on.
	LowZoomBudget = 1024
	Budget        = 2048
)

// FeatureBudget is the most period features a tile of zoom z holds.
func FeatureBudget(z maptile.Zoom) int {
	if z < TownNameZoom {
		return LowZoomBudget
	}
	return Budget
}

// thinAll keeps one entry per thinning cell, in the order of entries.
func thinAll(entries []*geo.Entry, z maptile.Zoom) []*geo.Entry {
	cells := make([]int64, len(entries))
	best := make(map[int64]int, 1024)
	for i, e := range entries {
		c := cellOf(e, z)
		cells[i] = c
		if cur, ok := best[c]; !ok || moreImportant(e, entries[cur]) {
			best[c] = i
		}
	}
	out := make([]*geo.Entry, 0, len(best))
	for i, e := range entries {
		if best[cells[i]] == i {
			out = append(out, e)
		}
	}
	return out
}

// thinned holds, for one index version and one zoom, the settlements of each tile and their
// thinning, so that a low-zoom tile does not project every settlement of the region at each
// request. Cells are global, so a tile's thinned settlements are the index's thinned
// settlements within its bound.
type thinned struct {
	ix      *geo.Index
	version uint64
	once    sync.Once
	count   map[maptile.Tile]int          // settlements per tile
	kept    map[maptile.Tile][]*geo.Entry // thinned settlements per tile, in id order
}

var (
	thinnedMu sync.Mutex
	thinnedAt = map[maptile.Zoom]*thinned{}
)

// thinTile returns the settlements of tile t within bound b (t's bound with its buffer): all
// of them while the tile and its eight neighbours hold at most ThinAbove, else the thinned
// ones, in id order.
func thinTile(ix *geo.Index, t maptile.Tile, b orb.Bound) []*geo.Entry {
	if t.Z >= SettlementsMaxZoom {
		return ix.Entries(&b)
	}
	th := thinnedFor(ix, t.Z)
	n := 0
	var parts [][]*geo.Entry
	for dx := -1; dx <= 1; dx++ {
		for dy := -1; dy <= 1; dy++ {
			nt := maptile.Tile{X: t.X + uint32(dx), Y: t.Y + uint32(dy), Z: t.Z}
			n += th.count[nt]
			parts = append(parts, th.kept[nt])
		}
	}
	if n <= ThinAbove {
		return ix.Entries(&b)
	}
	var out []*geo.Entry
	for _, p := range parts {
		for _, e := range p {
			if b.Contains(e.Settlement.Point) {
				out = append(out, e)
			}
		}
	}
	slices.SortFunc(out, func(a, b *geo.Entry) int { return cmp.Compare(a.Settlement.ID, b.Settlement.ID) })
	return out
}

// thinnedFor returns the tiles of ix at z, computing them once per version.
func thinnedFor(ix *geo.Index, z maptile.Zoom) *thinned {
	v := ix.Version()
	thinnedMu.Lock()
	t := thinnedAt[z]
	if t == nil || t.ix != ix || t.version != v {
		t = &thinned{ix: ix, version: v}
		thinnedAt[z] = t
	}
	thinnedMu.Unlock()
	t.once.Do(func() {
		all := ix.Entries(nil)
		t.count = map[maptile.Tile]int{}
		for _, e := range all {
			t.count[maptile.At(e.Settlement.Point, z)]++
		}
		t.kept = map[maptile.Tile][]*geo.Entry{}
		for _, e := range thinAll(all, z) {
			k := maptile.At(e.Settlement.Point, z)
			t.kept[k] = append(t.kept[k], e)
		}
	})
	return t
}

// cellOf returns the global thinning cell of e at zoom z, as one number.
func cellOf(e *geo.Entry, z maptile.Zoom) int64 {
	f := maptile.Fraction(e.Settlement.Point, z) // tile units at z
	cells := float64(512 / CellPixels)
	x, y := int64(math.Floor(f.X()*cells)), int64(math.Floor(f.Y()*cells))
	return x<<32 | y
}

// budget returns entries, or, when their features (periods, or one each on a dated tile)
// pass FeatureBudget(z), the most important of them that fit; cities may take up to twice the
// budget. It keeps the order of entries.
func budget(entries []*geo.Entry, z maptile.Zoom, day *geo.Day) []*geo.Entry {
	count := func(e *geo.Entry) int {
		if day != nil {
			return 1
		}
		return e.NumPeriods()
	}
	total := 0
	for _, e := range entries {
		total += count(e)
	}
	max := FeatureBudget(z)
	if total <= max {
		return entries
	}
	order := slices.Clone(entries)
	slices.SortFunc(order, func(a, b *geo.Entry) int {
		if moreImportant(a, b) {
			return -1
		}
		return 1
	})
	keep := make(map[*geo.Entry]bool, len(order))
	n := 0
	for _, e := range order {
		if k := count(e); n+k <= max || (e.Settlement.Place.Rank() >= 3 && n+k <= 2*max) {
			keep[e] = true
			n += k
		}
	}
	return slices.DeleteFunc(slices.Clone(entries), func(e *geo.Entry) bool { return !keep[e] })
}

// moreImportant orders settlements by rank, then population, then id (smaller first).
func moreImportant(a, b *geo.Entry) bool {
	sa, sb := a.Settlement, b.Settlement
	return cmp.Or(
		cmp.Compare(sa.Place.Rank(), sb.Place.Rank()),
		cmp.Compare(sa.Population, sb.Population),
		cmp.Compare(sb.ID, sa.ID),
	) > 0
}
