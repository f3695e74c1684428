// Command glyphs writes the SDF glyph PBFs that MapLibre loads for map labels, from the Noto Sans
// fonts of Debian's fonts-noto-core package (SIL Open Font License):
//
//	apt-get install -y fonts-noto-core
//	go run ./scripts/glyphs -out tiles/data/fonts
//
// It writes one file per font stack and range of 256 code points, the layout MapLibre asks for
// (`{fontstack}/{range}.pbf`). A stack is a list of fonts: each code point is taken from the
// first font that has it, so "Noto Sans Regular" draws Armenian from Noto Sans Armenian.
//
// The signed distance fields follow node-fontnik, whose output MapLibre is tuned to: glyphs are
// drawn at 24 px with a 3 px border, and a byte holds 255 - clamp(32*d + 64), where d is the
// distance in pixels from the pixel's centre to the outline, negative inside; the outline is
// at 191, which MapLibre's shader takes as the edge. Distances are measured to the flattened
// outline, not to a raster, so the output does not depend on a rasteriser.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
)

// stacks are the font stacks written, each with its fonts in order of preference.
var stacks = []struct {
	name  string
	fonts []string
}{
	{"Noto Sans Regular", []string{"NotoSans-Regular.ttf", "NotoSansArmenian-Regular.ttf"}},
	{"Noto Sans Bold", []string{"NotoSans-Bold.ttf", "NotoSansArmenian-Bold.ttf"}},
}

// ranges are the first code points of the ranges written: Latin (with Azerbaijani ğ ı ş in
// 256-511 and ə in 512-767), Cyrillic, Armenian, and general punctuation (dashes, quotes).
var ranges = []rune{0, 256, 512, 1024, 1280, 8192}

func main() {
	fonts := flag.String("fonts", "/usr/share/fonts/truetype/noto", "folder of the Noto TTF files")
	out := flag.String("out", "tiles/data/fonts", "folder to write {fontstack}/{range}.pbf to")
	flag.Parse()
	if err := run(*fonts, *out); err != nil {
		log.Fatal(err)
	}
}

func run(fontDir, out string) error {
	for _, s := range stacks {
		st, err := loadStack(fontDir, s.fonts)
		if err != nil {
			return err
		}
		dir := filepath.Join(out, s.name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		for _, start := range ranges {
			b, err := st.encodeRange(s.name, start)
			if err != nil {
				return fmt.Errorf("glyphs: %s %d: %w", s.name, start, err)
			}
			name := fmt.Sprintf("%d-%d.pbf", start, start+255)
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}
