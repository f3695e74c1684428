package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

const (
	fontSize = 24 // px per em, as node-fontnik
	border   = 3  // px of field around each glyph
	radius   = 8  // px of distance that the 8 bits span
	cutoff   = 0.25
)

// stack is a list of fonts, the first that has a code point draws it.
type stack struct {
	fonts []*sfnt.Font
	buf   sfnt.Buffer
}

func loadStack(dir string, files []string) (*stack, error) {
	st := &stack{}
	for _, name := range files {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		f, err := sfnt.Parse(b)
		if err != nil {
			return nil, fmt.Errorf("glyphs: %s: %w", name, err)
		}
		st.fonts = append(st.fonts, f)
	}
	return st, nil
}

// glyph is one rendered glyph, in the units of the PBF.
type glyph struct {
	id                 rune
	bitmap             []byte
	width, height      int
	left, top, advance int
}

// render returns the glyph for r, and false when no font of the stack has it.
func (st *stack) render(r rune) (glyph, bool, error) {
	for _, f := range st.fonts {
		idx, err := f.GlyphIndex(&st.buf, r)
		if err != nil || idx == 0 {
			continue
		}
		g, err := st.renderIndex(f, idx, r)
		return g, true, err
	}
	return glyph{}, false, nil
}

func (st *stack) renderIndex(f *sfnt.Font, idx sfnt.GlyphIndex, r rune) (glyph, error) {
	ppem := fixed.I(fontSize)
	adv, err := f.GlyphAdvance(&st.buf, idx, ppem, font.HintingNone)
	if err != nil {
		return glyph{}, err
	}
	segs, err := f.LoadGlyph(&st.buf, idx, ppem, nil)
	if err != nil {
		return glyph{}, err
	}
	g := glyph{id: r, advance: int(math.Round(float64(adv) / 64))}
	rings := flatten(segs)
	if len(rings) == 0 {
		return g, nil
	}
	minX, minY, maxX, maxY := bounds(rings)
	x0, y0 := math.Floor(minX), math.Floor(minY)
	g.left, g.top = int(x0), -int(y0) // sfnt's y axis points down
	g.width, g.height = int(math.Ceil(maxX)-x0), int(math.Ceil(maxY)-y0)
	g.bitmap = field(rings, x0-border, y0-border, g.width+2*border, g.height+2*border)
	return g, nil
}

type point struct{ x, y float64 }

// flatten turns the outline into closed polylines, splitting curves into 8 lines each.
func flatten(segs sfnt.Segments) [][]point {
	var rings [][]point
	var cur []point
	pt := func(p fixed.Point26_6) point { return point{float64(p.X) / 64, float64(p.Y) / 64} }
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			rings = closeRing(rings, cur)
			cur = []point{pt(s.Args[0])}
		case sfnt.SegmentOpLineTo:
			cur = append(cur, pt(s.Args[0]))
		case sfnt.SegmentOpQuadTo:
			cur = appendQuad(cur, pt(s.Args[0]), pt(s.Args[1]))
		case sfnt.SegmentOpCubeTo:
			cur = appendCube(cur, pt(s.Args[0]), pt(s.Args[1]), pt(s.Args[2]))
		}
	}
	return closeRing(rings, cur)
}

func closeRing(rings [][]point, ring []point) [][]point {
	if len(ring) < 3 {
		return rings
	}
	if ring[0] != ring[len(ring)-1] {
		ring = append(ring, ring[0])
	}
	return append(rings, ring)
}

const curveSteps = 8

func appendQuad(ring []point, c, p point) []point {
	a := ring[len(ring)-1]
	for i := 1; i <= curveSteps; i++ {
		t := float64(i) / curveSteps
		u := 1 - t
		ring = append(ring, point{u*u*a.x + 2*u*t*c.x + t*t*p.x, u*u*a.y + 2*u*t*c.y + t*t*p.y})
	}
	return ring
}

func appendCube(ring []point, c1, c2, p point) []point {
	a := ring[len(ring)-1]
	for i := 1; i <= curveSteps; i++ {
		t := float64(i) / curveSteps
		u := 1 - t
		ring = append(ring, point{
			u*u*u*a.x + 3*u*u*t*c1.x + 3*u*t*t*c2.x + t*t*t*p.x,
			u*u*u*a.y + 3*u*u*t*c1.y + 3*u*t*t*c2.y + t*t*t*p.y,
		})
	}
	return ring
}

func bounds(rings [][]point) (minX, minY, maxX, maxY float64) {
	minX, minY, maxX, maxY = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, r := range rings {
		for _, p := range r {
			minX, maxX = min(minX, p.x), max(maxX, p.x)
			minY, maxY = min(minY, p.y), max(maxY, p.y)
		}
	}
	return
}

// field computes the w×h signed distance field whose top-left pixel starts at (x0, y0).
func field(rings [][]point, x0, y0 float64, w, h int) []byte {
	out := make([]byte, w*h)
	for j := range h {
		for i := range w {
			p := point{x0 + float64(i) + 0.5, y0 + float64(j) + 0.5}
			d := distance(rings, p) * 256 / radius
			if winding(rings, p) != 0 {
				d = -d
			}
			d += cutoff * 256
			out[j*w+i] = byte(255 - math.Round(min(max(d, 0), 255)))
		}
	}
	return out
}

// distance returns the distance from p to the nearest edge of rings.
func distance(rings [][]point, p point) float64 {
	best := math.Inf(1)
	for _, r := range rings {
		for k := 1; k < len(r); k++ {
			best = min(best, segmentDistance(p, r[k-1], r[k]))
		}
	}
	return best
}

func segmentDistance(p, a, b point) float64 {
	dx, dy := b.x-a.x, b.y-a.y
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = min(max(((p.x-a.x)*dx+(p.y-a.y)*dy)/l, 0), 1)
	}
	return math.Hypot(p.x-(a.x+t*dx), p.y-(a.y+t*dy))
}

// winding returns the non-zero winding number of rings around p, TrueType's fill rule.
func winding(rings [][]point, p point) int {
	n := 0
	for _, r := range rings {
		for k := 1; k < len(r); k++ {
			a, b := r[k-1], r[k]
			cross := (b.x-a.x)*(p.y-a.y) - (p.x-a.x)*(b.y-a.y)
			switch {
			case a.y <= p.y && b.y > p.y && cross > 0:
				n++
			case a.y > p.y && b.y <= p.y && cross < 0:
				n--
			}
		}
	}
	return n
}
