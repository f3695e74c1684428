// Command basemap converts the shared Natural Earth boundary files into the compact GeoJSON
// layers that package tiles embeds for its offline basemap.
//
//	go run ./scripts/basemap -src ../shared/data/boundaries -out tiles/data/basemap
//
// Each output file is one basemap layer. Properties are cut down to what the style uses,
// coordinates are rounded to 5 decimals (about 1 m) and features are written in a fixed order,
// so that running the script twice gives the same bytes.
package main

import (
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

func main() {
	src := flag.String("src", "../shared/data/boundaries", "folder of the shared boundary GeoJSON files")
	out := flag.String("out", "tiles/data/basemap", "folder to write the basemap layers to")
	flag.Parse()
	if err := run(*src, *out); err != nil {
		log.Fatal(err)
	}
}

// layer is one output file: a name and how to build it from the source folder.
type layer struct {
	name  string
	build func(src string) (*geojson.FeatureCollection, error)
}

var layers = []layer{
	{"extent", extent},
	{"countries", countries},
	{"boundaries", boundaries},
	{"karabakh_lines", karabakhLines},
	{"breakaway", breakaway},
	{"district_labels", districtLabels},
	{"country_labels", countryLabels},
}

func run(src, out string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, l := range layers {
		fc, err := l.build(src)
		if err != nil {
			return fmt.Errorf("basemap: %s: %w", l.name, err)
		}
		if err := write(filepath.Join(out, l.name+".geojson"), fc); err != nil {
			return err
		}
	}
	return nil
}

func read(src, file string) (*geojson.FeatureCollection, error) {
	b, err := os.ReadFile(filepath.Join(src, file))
	if err != nil {
		return nil, err
	}
	return geojson.UnmarshalFeatureCollection(b)
}

// write writes fc with one feature per line, so diffs stay readable.
func write(path string, fc *geojson.FeatureCollection) error {
	buf := []byte("{\"type\":\"FeatureCollection\",\"features\":[\n")
	for i, f := range fc.Features {
		f.Geometry = rfc7946(orb.Round(f.Geometry, 1e5))
		b, err := json.Marshal(f)
		if err != nil {
			return err
		}
		if i > 0 {
			buf = append(buf, ",\n"...)
		}
		buf = append(buf, b...)
	}
	buf = append(buf, "\n]}\n"...)
	return os.WriteFile(path, buf, 0o644)
}

// rfc7946 winds outer rings counterclockwise and holes clockwise, as RFC 7946 asks; once
// projected to tile coordinates (y down) that is the winding the MVT specification asks.
func rfc7946(g orb.Geometry) orb.Geometry {
	switch g := g.(type) {
	case orb.Polygon:
		for i, r := range g {
			if (i == 0) != (r.Orientation() == orb.CCW) {
				r.Reverse()
			}
		}
	case orb.MultiPolygon:
		for _, p := range g {
			rfc7946(p)
		}
	}
	return g
}

func feature(g orb.Geometry, props geojson.Properties) *geojson.Feature {
	f := geojson.NewFeature(g)
	f.Properties = props
	return f
}

// countries keeps the land polygons with their name; iso is the ISO 3166 numeric code.
func countries(src string) (*geojson.FeatureCollection, error) {
	in, err := read(src, "ne_10m_countries_caucasus_clip.geojson")
	if err != nil {
		return nil, err
	}
	out := geojson.NewFeatureCollection()
	for _, f := range in.Features {
		out.Append(feature(f.Geometry, geojson.Properties{"name": f.Properties.MustString("name", ""), "iso": f.Properties.MustString("id", "")}))
	}
	slices.SortFunc(out.Features, byProp("iso"))
	return out, nil
}

// boundaries keeps the international land boundaries between the two countries they separate.
func boundaries(src string) (*geojson.FeatureCollection, error) {
	in, err := read(src, "ne_10m_boundary_lines_land_caucasus_clip.geojson")
	if err != nil {
		return nil, err
	}
	out := geojson.NewFeatureCollection()
	for _, f := range in.Features {
		left, right := f.Properties.MustString("adm0_a3_l", ""), f.Properties.MustString("adm0_a3_r", "")
		out.Append(feature(f.Geometry, geojson.Properties{"kind": "country", "left": left, "right": right}))
	}
	slices.SortStableFunc(out.Features, func(a, b *geojson.Feature) int {
		return cmp.Or(byProp("left")(a, b), byProp("right")(a, b))
	})
	return out, nil
}

// karabakhLines keeps the 1991 oblast boundary and the 1994 ceasefire line, as kind
// "oblast-1991" and "ceasefire-1994".
func karabakhLines(src string) (*geojson.FeatureCollection, error) {
	in, err := read(src, "ne_10m_karabakh_reference_lines.geojson")
	if err != nil {
		return nil, err
	}
	kinds := map[string]string{"Former USSR oblast in 1991": "oblast-1991", "Ceasefire Line 1994": "ceasefire-1994"}
	out := geojson.NewFeatureCollection()
	for _, f := range in.Features {
		kind, ok := kinds[f.Properties.MustString("name", "")]
		if !ok {
			return nil, fmt.Errorf("unknown reference line %q", f.Properties.MustString("name", ""))
		}
		out.Append(feature(f.Geometry, geojson.Properties{"kind": kind}))
	}
	slices.SortStableFunc(out.Features, byProp("kind"))
	return out, nil
}

// breakaway keeps the outline of the area held by Armenian forces between 1994 and 2020.
func breakaway(src string) (*geojson.FeatureCollection, error) {
	in, err := read(src, "ne_10m_nagorno_karabakh_breakaway_area.geojson")
	if err != nil {
		return nil, err
	}
	out := geojson.NewFeatureCollection()
	for _, f := range in.Features {
		out.Append(feature(f.Geometry, geojson.Properties{"name": "Nagorno-Karabakh", "kind": "breakaway-1994-2020"}))
	}
	return out, nil
}

// caucasusClip is the box the shared boundary files were clipped to.
var caucasusClip = orb.Ring{{43, 37.5}, {51, 37.5}, {51, 42.5}, {43, 42.5}, {43, 37.5}}

// extent is the world outside the Caucasus clip, where the basemap has no data: the style
// greys it out, so that inside the clip any place no country covers is water (the Caspian).
func extent(string) (*geojson.FeatureCollection, error) {
	world := orb.Ring{{-180, -85.05113}, {180, -85.05113}, {180, 85.05113}, {-180, 85.05113}, {-180, -85.05113}}
	hole := slices.Clone(caucasusClip)
	slices.Reverse(hole)
	out := geojson.NewFeatureCollection()
	out.Append(feature(orb.Polygon{world, hole}, geojson.Properties{"kind": "no-data"}))
	return out, nil
}

func byProp(key string) func(a, b *geojson.Feature) int {
	return func(a, b *geojson.Feature) int {
		return cmp.Compare(a.Properties.MustString(key, ""), b.Properties.MustString(key, ""))
	}
}
