package tiles

import (
	"cmp"
	"math"
	"slices"

	"github.com/paulmach/orb/maptile"

	"github.com/controlmap/controlmap/geo"
)

// The thinning rule; see the package doc.
const (
	// ThinAbove is the most settlements a tile holds before it is thinned.
	ThinAbove = 1024
	// CellPixels is the side of a thinning cell, in pixels of a 512 px tile.
	CellPixels = 16
)

// thin returns entries, or one entry per thinning cell when there are more than ThinAbove.
// entries must be in id order; the result keeps that order.
func thin(entries []*geo.Entry, z maptile.Zoom) []*geo.Entry {
	if len(entries) <= ThinAbove {
		return entries
	}
	best := map[[2]int64]*geo.Entry{}
	for _, e := range entries {
		c := cellOf(e, z)
		if cur, ok := best[c]; !ok || moreImportant(e, cur) {
			best[c] = e
		}
	}
	return slices.DeleteFunc(slices.Clone(entries), func(e *geo.Entry) bool { return best[cellOf(e, z)] != e })
}

// cellOf returns the global thinning cell of e at zoom z.
func cellOf(e *geo.Entry, z maptile.Zoom) [2]int64 {
	f := maptile.Fraction(e.Settlement.Point, z) // tile units at z
	cells := 512 / CellPixels
	return [2]int64{int64(math.Floor(f.X() * float64(cells))), int64(math.Floor(f.Y() * float64(cells)))}
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
