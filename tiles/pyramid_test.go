package tiles

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"github.com/controlmap/controlmap/geo"
)

// TestTileID checks the PMTiles tile ids of the spec's examples.
func TestTileID(t *testing.T) {
	tests := []struct {
		z    maptile.Zoom
		x, y uint32
		want uint64
	}{
		{0, 0, 0, 0}, {1, 0, 0, 1}, {1, 0, 1, 2}, {1, 1, 1, 3}, {1, 1, 0, 4}, {2, 0, 0, 5}, {12, 3423, 1763, 19078479},
	}
	for _, tt := range tests {
		if got := TileID(maptile.New(tt.x, tt.y, tt.z)); got != tt.want {
			t.Errorf("TileID(%d/%d/%d) = %d, want %d", tt.z, tt.x, tt.y, got, tt.want)
		}
	}
}

// TestServerReadsItsPyramid: a tile of the data the pyramid was written from is read from it,
// byte for byte what cutting it gives; after a write the server cuts tiles again.
func TestServerReadsItsPyramid(t *testing.T) {
	ix := testIndex()
	path := filepath.Join(t.TempDir(), "settlements.pmtiles")
	s, err := NewServer(ix, Config{PyramidPath: path, PyramidDelay: 1 << 62}) // no background writes in the test
	if err != nil {
		t.Fatal(err)
	}
	if err := s.BuildPyramid(); err != nil {
		t.Fatal(err)
	}
	shusha := maptile.At(orb.Point{46.75, 39.76}, 12)
	p := s.pyramid.Load()
	if _, ok := p.tiles[TileID(shusha)]; !ok {
		t.Fatalf("the pyramid has no tile %v", shusha)
	}
	want, _ := EncodeSettlements(ix, shusha, nil)
	got, err := s.Settlements(shusha, nil)
	if err != nil {
		t.Fatal(err)
	}
	if string(got.Bytes()) != string(want) || got.ETag != etag(want) || len(got.Gzip) == 0 {
		t.Errorf("tile %v from the pyramid differs from the tile cut", shusha)
	}
	empty, err := s.Settlements(maptile.New(0, 0, 10), nil)
	if err != nil || !empty.Empty() {
		t.Errorf("a tile with no settlement: %v, %v", empty, err)
	}

	ix.PutSettlement(geo.Settlement{ID: "new-place", Names: geo.Names{En: "New"}, Point: orb.Point{46.7501, 39.7601}, Place: geo.Village})
	after, err := s.Settlements(shusha, nil)
	if err != nil {
		t.Fatal(err)
	}
	if string(after.Bytes()) == string(want) {
		t.Error("after a write the tile still comes from the old pyramid")
	}
}

// TestPyramidJavaScript reads the pyramid with the pmtiles reader (scripts/mvt-check): every
// tile of zooms 0 to 12 around the data, and the empty ones it must not hold. Without node or
// its node_modules it skips, except in CI.
func TestPyramidJavaScript(t *testing.T) {
	dir := filepath.Join("..", "scripts", "mvt-check")
	node, err := exec.LookPath("node")
	_, modErr := os.Stat(filepath.Join(dir, "node_modules", "pmtiles"))
	if err != nil || modErr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("node or scripts/mvt-check/node_modules missing (run npm ci in scripts/mvt-check): %v %v", err, modErr)
		}
		t.Skip("node or scripts/mvt-check/node_modules missing; run npm ci in scripts/mvt-check")
	}
	ix := testIndex()
	tmp := t.TempDir()
	archive := filepath.Join(tmp, "settlements.pmtiles")
	p, err := writePyramid(newGrid(ix), archive, 12)
	if err != nil {
		t.Fatal(err)
	}
	want := struct {
		Version uint64            `json:"version"`
		MaxZoom int               `json:"maxZoom"`
		Tiles   map[string]string `json:"tiles"`
		IDs     map[string]uint64 `json:"ids"`
	}{Version: p.version, MaxZoom: 12, Tiles: map[string]string{}, IDs: map[string]uint64{}}
	held := 0
	for z := maptile.Zoom(0); z <= 12; z++ {
		c := maptile.At(orb.Point{46.75, 39.8}, z)
		for dx := -2; dx <= 2; dx++ {
			for dy := -2; dy <= 2; dy++ {
				tile := maptile.New(c.X+uint32(dx), c.Y+uint32(dy), z)
				if tile.X >= 1<<z || tile.Y >= 1<<z {
					continue
				}
				key := fmt.Sprintf("%d/%d/%d", tile.Z, tile.X, tile.Y)
				raw, _ := EncodeSettlements(ix, tile, nil)
				want.Tiles[key] = ""
				if raw != nil {
					sum := sha256.Sum256(raw)
					want.Tiles[key] = hex.EncodeToString(sum[:])
					held++
				}
				want.IDs[key] = TileID(tile)
			}
		}
	}
	if held < 20 {
		t.Fatalf("only %d tiles with settlements to check", held)
	}
	b, _ := json.Marshal(want)
	expected := filepath.Join(tmp, "expected.json")
	if err := os.WriteFile(expected, b, 0o644); err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(archive)
	cmd := exec.Command(node, "pmtiles-check.mjs", abs, expected)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatalf("pmtiles check failed: %v", err)
	}
}

// TestDirectoriesSplitIntoLeaves: entries too many for the first 16 KiB go to leaf
// directories, and the root then points at them (run length 0), in tile id order.
func TestDirectoriesSplitIntoLeaves(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var es []pmEntry
	var id uint64
	for range 60_000 {
		id += 1 + r.Uint64N(50)
		es = append(es, pmEntry{id: id, offset: r.Uint64N(1 << 30), length: 100 + r.Uint64N(100_000), run: 1})
	}
	root, leaves, err := directories(es)
	if err != nil {
		t.Fatal(err)
	}
	if len(root) > pmtilesRootMax-pmtilesHeaderLen || len(leaves) == 0 {
		t.Fatalf("root %d bytes, leaves %d bytes", len(root), len(leaves))
	}
	got := decodeDirectory(t, root)
	if len(got) < 2 || got[0].id != es[0].id || got[0].run != 0 || got[0].offset != 0 {
		t.Fatalf("root %+v", got[:min(len(got), 3)])
	}
	total := 0
	for _, r := range got {
		leaf := decodeDirectory(t, leaves[r.offset:r.offset+r.length])
		if leaf[0].id != r.id {
			t.Errorf("leaf at %d starts with tile %d, root says %d", r.offset, leaf[0].id, r.id)
		}
		total += len(leaf)
	}
	if total != len(es) {
		t.Errorf("leaves hold %d entries, want %d", total, len(es))
	}
}

// decodeDirectory reads a gzipped directory as the spec has it.
func decodeDirectory(t *testing.T, gz []byte) []pmEntry {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	r := bytes.NewReader(b)
	next := func() uint64 {
		v, err := binary.ReadUvarint(r)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	es := make([]pmEntry, next())
	var id uint64
	for i := range es {
		id += next()
		es[i].id = id
	}
	for i := range es {
		es[i].run = next()
	}
	for i := range es {
		es[i].length = next()
	}
	for i := range es {
		if v := next(); v == 0 && i > 0 {
			es[i].offset = es[i-1].offset + es[i-1].length
		} else {
			es[i].offset = v - 1
		}
	}
	return es
}
