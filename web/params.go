package web

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/controlmap/controlmap/geo"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb"
)

// dayParam reads a date parameter (YYYY-MM-DD, or an RFC 3339 timestamp whose UTC day is taken);
// empty means today.
func dayParam(c echo.Context, name string, today geo.Day) (geo.Day, error) {
	v := c.QueryParam(name)
	if v == "" {
		return today, nil
	}
	return parseDay(name, v)
}

func parseDay(name, v string) (geo.Day, error) {
	if d, err := geo.ParseDay(v); err == nil {
		return d, nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return geo.DayOf(t), nil
	}
	return 0, geo.Invalidf(name, "%q is not a date of the form YYYY-MM-DD", v)
}

// intervalParam reads an OGC datetime interval "FROM/TO", where either end may be ".." or empty
// (open); a single date D means D/D. Empty means everything.
func intervalParam(c echo.Context, name string) (from, to geo.Day, err error) {
	v := c.QueryParam(name)
	if v == "" {
		return geo.MinDay, geo.MaxDay, nil
	}
	a, b, isInterval := strings.Cut(v, "/")
	if !isInterval {
		b = a
	}
	if from, err = openEnd(name, a, geo.MinDay); err != nil {
		return 0, 0, err
	}
	if to, err = openEnd(name, b, geo.MaxDay); err != nil {
		return 0, 0, err
	}
	if from > to {
		return 0, 0, geo.Invalidf(name, "the interval %q ends before it starts", v)
	}
	return from, to, nil
}

func openEnd(name, v string, open geo.Day) (geo.Day, error) {
	if v == "" || v == ".." {
		return open, nil
	}
	return parseDay(name, v)
}

// bboxParam reads bbox=minLon,minLat,maxLon,maxLat; nil when absent.
func bboxParam(c echo.Context) (*orb.Bound, error) {
	v := c.QueryParam("bbox")
	if v == "" {
		return nil, nil
	}
	parts := strings.Split(v, ",")
	if len(parts) != 4 {
		return nil, geo.Invalidf("bbox", "%q must be four numbers: minLon,minLat,maxLon,maxLat", v)
	}
	var n [4]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, geo.Invalidf("bbox", "%q is not a finite number", p)
		}
		n[i] = f
	}
	b := orb.Bound{Min: orb.Point{n[0], n[1]}, Max: orb.Point{n[2], n[3]}}
	if b.Min.Lon() < -180 || b.Max.Lon() > 180 || b.Min.Lat() < -90 || b.Max.Lat() > 90 || b.Min.Lon() > b.Max.Lon() || b.Min.Lat() > b.Max.Lat() {
		return nil, geo.Invalidf("bbox", "%q is not a box within -180,-90,180,90 with min before max", v)
	}
	return &b, nil
}

// The page size of item lists.
const (
	defaultLimit = 1000
	maxLimit     = 10000
	maxOffset    = 1 << 40 // past any dataset, and offset+limit cannot overflow
)

// pageParams reads limit (at least 1; above maxLimit it is clamped to it, as OGC API – Features
// asks) and offset (≥ 0).
func pageParams(c echo.Context) (limit, offset int, err error) {
	if limit, err = intParam(c, "limit", defaultLimit); err == nil && limit < 1 {
		err = geo.Invalidf("limit", "%d is below 1", limit)
	}
	if err != nil {
		return 0, 0, err
	}
	limit = min(limit, maxLimit)
	if offset, err = intParam(c, "offset", 0); err == nil && offset < 0 {
		err = geo.Invalidf("offset", "%d is negative", offset)
	}
	return limit, min(offset, maxOffset), err
}

func intParam(c echo.Context, name string, def int) (int, error) {
	v := c.QueryParam(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if errors.Is(err, strconv.ErrRange) {
		return n, nil // ±MaxInt: clamped or refused by the caller's bounds
	}
	if err != nil {
		return 0, geo.Invalidf(name, "%q is not a whole number", v)
	}
	return n, nil
}
