package web_test

import (
	"bytes"
	"fmt"
	"net/http"
	"reflect"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"
)

// TestPlainTileSameAsChain: a plain tile request (GET, no query, no Origin), which plainTile
// answers before the middleware chain, gets the same status, headers and body as the same
// request with an empty date, which goes through the whole chain: with and without gzip, with
// a matching If-None-Match (304), for a tile with settlements and an empty one (204).
func TestPlainTileSameAsChain(t *testing.T) {
	h, _ := newFixtureServer(t)
	full := maptile.At(orb.Point{46.9269, 39.9911}, 10) // Aghdam
	for _, tile := range []maptile.Tile{full, maptile.New(0, 0, 10)} {
		path := fmt.Sprintf("/tiles/settlements/%d/%d/%d.mvt", tile.Z, tile.X, tile.Y)
		for _, gz := range []bool{false, true} {
			var header []string
			if gz {
				header = []string{"Accept-Encoding", "gzip"}
			}
			first := get(t, h, path+"?date=", header...)
			etag := first.Header().Get("ETag")
			for _, hdr := range [][]string{header, append(header, "If-None-Match", etag)} {
				plain, chain := get(t, h, path, hdr...), get(t, h, path+"?date=", hdr...)
				if plain.Code != chain.Code || !reflect.DeepEqual(plain.Header(), chain.Header()) || !bytes.Equal(plain.Body.Bytes(), chain.Body.Bytes()) {
					t.Errorf("%s %v: plain %d %v (%d bytes), through the chain %d %v (%d bytes)", path, hdr,
						plain.Code, plain.Header(), plain.Body.Len(), chain.Code, chain.Header(), chain.Body.Len())
				}
			}
		}
	}
	if rec := get(t, h, fmt.Sprintf("/tiles/settlements/%d/%d/%d.mvt", full.Z, full.X, full.Y)); rec.Code != http.StatusOK || rec.Body.Len() == 0 {
		t.Errorf("Aghdam's tile: %d, %d bytes", rec.Code, rec.Body.Len())
	}
}
