package tiles

import (
	"cmp"
	"slices"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"github.com/controlmap/controlmap/geo"
)

// A grid holds the settlements of one index version in the order of a quadtree (Morton order
// of their pixel at gridZoom), so that the settlements of any tile, or of any thinning cell,
// are one run of it, and their thinning at each zoom below SettlementsMaxZoom. A tile server
// builds one per index version, once, and cuts every tile of that version from it: a tile
// then counts its settlements with binary searches and projects none.
type grid struct {
	version uint64
	byID    []*geo.Entry // every settlement in id order (the index's list)
	all     zoomList
	kept    [SettlementsMaxZoom]zoomList // kept[z]: the settlements thinning keeps at zoom z
}

// zoomList is a list of settlements in Morton order: the Morton code of each and its place in
// the grid's id order.
type zoomList struct {
	codes []uint64
	ids   []int32
}

// gridZoom is the zoom of the grid's pixels: cells of CellPixels at zoom 13 (SettlementsMaxZoom-1)
// are pixels of zoom 18, and a zoom-18 tile is a pixel too.
const (
	cellBits = 5 // 512 / CellPixels = 32 cells across a tile
	gridZoom = SettlementsMaxZoom - 1 + cellBits
)

// newGrid places every settlement of ix on the grid and thins them at each zoom. It reads the
// index's entries and version together: they are of one version.
func newGrid(ix *geo.Index) *grid {
	var version uint64
	var entries []*geo.Entry
	for {
		version = ix.Version()
		entries = ix.Entries(nil)
		if ix.Version() == version {
			break
		}
	}
	g := &grid{version: version, byID: entries, all: mortonOrder(entries)}
	from, keys := g.all, importance(entries, g.all.ids)
	for z := SettlementsMaxZoom - 1; z >= 0; z-- {
		g.kept[z], keys = g.thin(from, keys, maptile.Zoom(z))
		from = g.kept[z] // the best of a cell is the best of the best of its four quarters
	}
	return g
}

// importance returns a key of each settlement of ids that orders them as moreImportant does,
// ties aside: rank, then population.
func importance(entries []*geo.Entry, ids []int32) []uint64 {
	keys := make([]uint64, len(ids))
	for i, id := range ids {
		s := entries[id].Settlement
		keys[i] = uint64(s.Place.Rank())<<56 | uint64(min(max(s.Population, 0), 1<<56-1))
	}
	return keys
}

// mortonOrder sorts entries by the Morton code of their pixel at gridZoom. It sorts codes and
// positions, not pointers: a sort that moves pointers pays the garbage collector's write
// barriers.
func mortonOrder(entries []*geo.Entry) zoomList {
	type coded struct {
		code uint64
		id   int32
	}
	cs := make([]coded, len(entries))
	for i, e := range entries {
		cs[i] = coded{mortonCode(e.Settlement.Point), int32(i)}
	}
	slices.SortFunc(cs, func(a, b coded) int { return cmp.Compare(a.code, b.code) })
	l := zoomList{codes: make([]uint64, len(cs)), ids: make([]int32, len(cs))}
	for i, c := range cs {
		l.codes[i], l.ids[i] = c.code, c.id
	}
	return l
}

// mortonCode interleaves the bits of the pixel of p at gridZoom (x in the even bits). The pixel
// is maptile.Fraction's, floored: multiplying by a power of two is exact, so the pixel of a
// coarser zoom, or a tile, is this one shifted right, as maptile.At would place it.
func mortonCode(p orb.Point) uint64 {
	f := maptile.Fraction(p, gridZoom)
	const top = 1<<gridZoom - 1
	x, y := min(uint64(max(f.X(), 0)), top), min(uint64(max(f.Y(), 0)), top)
	return spread(x) | spread(y)<<1
}

// spread puts the bits of v (up to 32) in the even bits of the result.
func spread(v uint64) uint64 {
	v = (v | v<<16) & 0x0000ffff0000ffff
	v = (v | v<<8) & 0x00ff00ff00ff00ff
	v = (v | v<<4) & 0x0f0f0f0f0f0f0f0f
	v = (v | v<<2) & 0x3333333333333333
	v = (v | v<<1) & 0x5555555555555555
	return v
}

// thin keeps the most important settlement of each thinning cell of zoom z, in Morton order,
// given the importance keys of l; it returns the keys of those it keeps too. A cell's
// settlements are one run of the list.
func (g *grid) thin(l zoomList, keys []uint64, z maptile.Zoom) (zoomList, []uint64) {
	shift := 2 * uint(gridZoom-int(z)-cellBits)
	cells := 0
	for i, c := range l.codes {
		if i == 0 || c>>shift != l.codes[i-1]>>shift {
			cells++
		}
	}
	out := zoomList{codes: make([]uint64, 0, cells), ids: make([]int32, 0, cells)}
	kept := make([]uint64, 0, cells)
	for i := 0; i < len(l.codes); {
		cell, best := l.codes[i]>>shift, i
		j := i + 1
		for ; j < len(l.codes) && l.codes[j]>>shift == cell; j++ {
			if keys[j] > keys[best] || keys[j] == keys[best] && moreImportant(g.byID[l.ids[j]], g.byID[l.ids[best]]) {
				best = j
			}
		}
		out.ids = append(out.ids, l.ids[best])
		out.codes = append(out.codes, l.codes[best])
		kept = append(kept, keys[best])
		i = j
	}
	return out, kept
}

// span is the run of l within tile t (z at most gridZoom): the places in id order of its
// settlements.
func (l zoomList) span(t maptile.Tile) []int32 {
	shift := 2 * uint(gridZoom-int(t.Z))
	lo := (spread(uint64(t.X)) | spread(uint64(t.Y))<<1) << shift
	hi := lo + 1<<shift
	i := sort.Search(len(l.codes), func(i int) bool { return l.codes[i] >= lo })
	j := i + sort.Search(len(l.codes)-i, func(k int) bool { return l.codes[i+k] >= hi })
	return l.ids[i:j]
}

// around returns the runs of l in tile t and its eight neighbours, and how many they hold.
func (l zoomList) around(t maptile.Tile) (runs [9][]int32, n int) {
	last := uint32(1)<<t.Z - 1
	k := 0
	for dx := -1; dx <= 1; dx++ {
		for dy := -1; dy <= 1; dy++ {
			x, y := int64(t.X)+int64(dx), int64(t.Y)+int64(dy)
			if x < 0 || y < 0 || x > int64(last) || y > int64(last) {
				continue
			}
			runs[k] = l.span(maptile.New(uint32(x), uint32(y), t.Z))
			n += len(runs[k])
			k++
		}
	}
	return runs, n
}

// settlements returns the settlements of tile t within bound b (t's bound with its buffer), in
// id order: all of them while the tile and its eight neighbours hold at most ThinAbove, else
// those thinning keeps.
func (g *grid) settlements(t maptile.Tile, b orb.Bound) []*geo.Entry {
	for t.Z > gridZoom {
		t = t.Parent() // cut from the grid's tile that holds it, and its neighbours: b is within them
	}
	runs, n := g.all.around(t)
	if n > ThinAbove && int(t.Z) < SettlementsMaxZoom {
		runs, n = g.kept[t.Z].around(t)
	}
	ids := make([]int32, 0, n)
	for _, r := range runs {
		for _, id := range r {
			if b.Contains(g.byID[id].Settlement.Point) {
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	out := make([]*geo.Entry, len(ids))
	for i, id := range ids {
		out[i] = g.byID[id]
	}
	return out
}

// bound is the bound of the grid's settlements, as dataBound has it.
func (g *grid) bound() orb.Bound { return boundOf(g.byID) }
