package main

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
)

// marginKm is how far from the 1994 ceasefire area's edge a point must be for
// its side to count: the Natural Earth 1:10m line is coarse, and four Jabrayil
// villages just outside it were held until October 2020.
const marginKm = 3.0

// side is where a point lies relative to an area.
type side int

const (
	withinMargin side = iota // closer to the edge than marginKm: unknown
	inside
	outside
)

func (s side) String() string {
	return [...]string{"within the margin", "inside", "outside"}[s]
}

// area is a polygon with its name, for the side tests, and the part of its
// edge that is a line of contact (the rest follows state borders).
type area struct {
	name  string
	poly  orb.Polygon
	front orb.MultiLineString
}

// readArea reads the one polygon of the Natural Earth breakaway-area file.
func readArea(raw []byte) (area, error) {
	fc, err := geojson.UnmarshalFeatureCollection(raw)
	if err != nil || len(fc.Features) != 1 {
		return area{}, fmt.Errorf("%s: want one feature: %v", areaFile, err)
	}
	poly, ok := fc.Features[0].Geometry.(orb.Polygon)
	if !ok {
		return area{}, fmt.Errorf("%s: the feature is not a polygon", areaFile)
	}
	return area{name: "1994 ceasefire area", poly: poly}, nil
}

// sideOf classifies a point: inside or outside by more than marginKm, or
// within the margin. Inside, the margin is measured to the ceasefire line
// (the rest of the area's edge is the border with Armenia or Iran, as exact
// as the 1:10m data allows, and says nothing about the line of contact);
// outside, to the area's edge, so that a point just across a coarse border
// edge stays unknown. It also returns that distance in km (negative outside).
func (a area) sideOf(p orb.Point) (side, float64) {
	if a.contains(p) {
		d := a.frontKm(p)
		if d > marginKm {
			return inside, d
		}
		return withinMargin, d
	}
	d := -edgeKm(a.poly, p)
	if d < -marginKm {
		return outside, d
	}
	return withinMargin, d
}

// frontKm is the distance in km to the line of contact, or to the whole edge
// when the area has no line of contact.
func (a area) frontKm(p orb.Point) float64 {
	if len(a.front) == 0 {
		return edgeKm(a.poly, p)
	}
	best := math.Inf(1)
	for _, ls := range a.front {
		for i := 1; i < len(ls); i++ {
			best = math.Min(best, segmentKm(p, ls[i-1], ls[i]))
		}
	}
	return best
}

// readFront reads the "Ceasefire Line 1994" parts of the reference lines.
func readFront(raw []byte) (orb.MultiLineString, error) {
	fc, err := geojson.UnmarshalFeatureCollection(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", linesFile, err)
	}
	var out orb.MultiLineString
	for _, f := range fc.Features {
		if f.Properties.MustString("name", "") == "Ceasefire Line 1994" {
			out = append(out, lineParts(f.Geometry)...)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no \"Ceasefire Line 1994\"", linesFile)
	}
	return out, nil
}

// lineParts lists the parts of a line geometry.
func lineParts(g orb.Geometry) []orb.LineString {
	switch g := g.(type) {
	case orb.LineString:
		return []orb.LineString{g}
	case orb.MultiLineString:
		return g
	}
	return nil
}

// contains reports whether p is inside the polygon.
func (a area) contains(p orb.Point) bool { return planar.PolygonContains(a.poly, p) }

// edgeKm is the distance in km from p to the nearest ring segment, measured
// in a local equirectangular projection around p (exact to well under 1% at
// these distances).
func edgeKm(poly orb.Polygon, p orb.Point) float64 {
	best := math.Inf(1)
	for _, ring := range poly {
		for i := 1; i < len(ring); i++ {
			best = math.Min(best, segmentKm(p, ring[i-1], ring[i]))
		}
	}
	return best
}

// segmentKm is the distance in km from p to segment ab.
func segmentKm(p, a, b orb.Point) float64 {
	pa, pb := localKm(p, a), localKm(p, b)
	return planar.DistanceFromSegment(pa, pb, orb.Point{0, 0})
}

// earthKm is the mean Earth radius.
const earthKm = 6371.0088

// localKm projects q to km east/north of the origin o.
func localKm(o, q orb.Point) orb.Point {
	rad := math.Pi / 180
	x := (q[0] - o[0]) * rad * earthKm * math.Cos(o[1]*rad)
	y := (q[1] - o[1]) * rad * earthKm
	return orb.Point{x, y}
}

// distKm is the great-circle distance between two points in km.
func distKm(a, b orb.Point) float64 {
	rad := math.Pi / 180
	dlat, dlon := (b[1]-a[1])*rad, (b[0]-a[0])*rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(a[1]*rad)*math.Cos(b[1]*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * earthKm * math.Asin(math.Sqrt(h))
}

// readOblast assembles the Natural Earth "Former USSR oblast in 1991" line
// parts into the ring of the former Nagorno-Karabakh Autonomous Oblast.
func readOblast(raw []byte) (area, error) {
	fc, err := geojson.UnmarshalFeatureCollection(raw)
	if err != nil {
		return area{}, fmt.Errorf("%s: %w", linesFile, err)
	}
	var parts []orb.LineString
	for _, f := range fc.Features {
		if f.Properties.MustString("name", "") != "Former USSR oblast in 1991" {
			continue
		}
		parts = append(parts, lineParts(f.Geometry)...)
	}
	ring, err := chain(parts)
	if err != nil {
		return area{}, fmt.Errorf("%s: %w", linesFile, err)
	}
	return area{name: "former NKAO", poly: orb.Polygon{ring}}, nil
}

// joinKm is the largest gap between two line parts that chain joins (the
// Natural Earth parts meet within about 0.2 km).
const joinKm = 0.5

// chain joins line parts end to end into a closed ring.
func chain(parts []orb.LineString) (orb.Ring, error) {
	if len(parts) == 0 {
		return nil, fmt.Errorf("no oblast line")
	}
	ring := append(orb.Ring{}, parts[0]...)
	rest := parts[1:]
	for len(rest) > 0 {
		i, reversed := nextPart(ring[len(ring)-1], rest)
		if i < 0 {
			return nil, fmt.Errorf("oblast line parts do not join")
		}
		next := append(orb.LineString{}, rest[i]...)
		if reversed {
			next.Reverse()
		}
		ring = append(ring, next...)
		rest = append(rest[:i:i], rest[i+1:]...)
	}
	if distKm(ring[0], ring[len(ring)-1]) > joinKm {
		return nil, fmt.Errorf("oblast ring is not closed")
	}
	return append(ring, ring[0]), nil
}

// nextPart finds the part that starts (or, reversed, ends) at p.
func nextPart(p orb.Point, parts []orb.LineString) (int, bool) {
	for i, part := range parts {
		switch {
		case distKm(p, part[0]) <= joinKm:
			return i, false
		case distKm(p, part[len(part)-1]) <= joinKm:
			return i, true
		}
	}
	return -1, false
}
