package tiles

import (
	"strconv"

	"github.com/paulmach/orb/maptile"

	"github.com/controlmap/controlmap/geo"
)

// MaxZoom is the deepest zoom served; MapLibre overzooms past a source's maxzoom anyway.
const MaxZoom = 22

// ParseTile reads z, x and y path parameters into a tile, with an Invalid error naming the
// parameter at fault.
func ParseTile(z, x, y string) (maptile.Tile, error) {
	zoom, err := strconv.ParseUint(z, 10, 8)
	if err != nil || zoom > MaxZoom {
		return maptile.Tile{}, geo.Invalidf("z", "%q is not a zoom from 0 to %d", z, MaxZoom)
	}
	n := uint64(1) << zoom
	col, err := strconv.ParseUint(x, 10, 32)
	if err != nil || col >= n {
		return maptile.Tile{}, geo.Invalidf("x", "%q is not a column from 0 to %d at zoom %d", x, n-1, zoom)
	}
	row, err := strconv.ParseUint(y, 10, 32)
	if err != nil || row >= n {
		return maptile.Tile{}, geo.Invalidf("y", "%q is not a row from 0 to %d at zoom %d", y, n-1, zoom)
	}
	return maptile.New(uint32(col), uint32(row), maptile.Zoom(zoom)), nil
}

// ParseDate reads the optional date parameter: nil when it is empty.
func ParseDate(s string) (*geo.Day, error) {
	if s == "" {
		return nil, nil
	}
	d, err := geo.ParseDay(s)
	if err != nil {
		return nil, geo.Invalidf("date", "%q is not a date of the form YYYY-MM-DD", s)
	}
	return &d, nil
}
