package tiles

import (
	"slices"

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
	if ra, rb := sa.Place.Rank(), sb.Place.Rank(); ra != rb {
		return ra > rb
	}
	if sa.Population != sb.Population {
		return sa.Population > sb.Population
	}
	return sa.ID < sb.ID
}
