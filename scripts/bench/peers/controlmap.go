package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/controlmap/controlmap/data"
	"github.com/paulmach/orb/maptile"
)

// client leaves compression to the caller, so that bodies are the bytes on the wire.
var client = &http.Client{Timeout: 5 * time.Minute, Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 4}}

// fetch GETs url, gzip-encoded when gz, and returns the status and the body as sent.
func fetch(ctx context.Context, url string, gz bool) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, nil, err
	}
	if gz {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusNoContent {
		err = fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return resp.StatusCode, b, err
}

// tileList is every tile over the generated area at z6–z9 and perZoom tiles of each of z10–z12,
// the same on every run.
func tileList(perZoom int) []maptile.Tile {
	r := rand.New(rand.NewPCG(6, 12))
	var out []maptile.Tile
	for z := maptile.Zoom(6); z <= 12; z++ {
		lo, hi := maptile.At(data.GenBound.LeftTop(), z), maptile.At(data.GenBound.RightBottom(), z)
		var all []maptile.Tile
		for x := lo.X; x <= hi.X; x++ {
			for y := lo.Y; y <= hi.Y; y++ {
				all = append(all, maptile.New(x, y, z))
			}
		}
		if z >= 10 && len(all) > perZoom {
			r.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
			all = all[:perZoom]
		}
		out = append(out, all...)
	}
	return out
}

func tilePath(t maptile.Tile) string {
	return fmt.Sprintf("/tiles/settlements/%d/%d/%d.mvt", t.Z, t.X, t.Y)
}

// measureControlmap starts controlmap on the dataset and measures start-up, memory, the periods,
// uncached snapshots and tiles; with full, cached answers against nginx too.
func measureControlmap(ctx context.Context, o options, r *result, db, dir string, tiles []maptile.Tile, full bool) error {
	port, err := freePort()
	if err != nil {
		return err
	}
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	logf("starting controlmap on %s", base)
	t0 := time.Now()
	p, err := start("controlmap", filepath.Join(dir, "controlmap.log"), o.bin, "serve",
		"--addr", fmt.Sprintf("127.0.0.1:%d", port), "--db", db, "--seed=false", "--log-level", "warn")
	if err != nil {
		return err
	}
	defer p.stop()
	if err := waitOK(ctx, p, base+"/healthz", 2*time.Minute); err != nil {
		return err
	}
	r.startup = time.Since(t0)
	if r.memStart, err = readMemory(p.pid()); err != nil {
		return err
	}
	if err := measurePeriods(ctx, r, base); err != nil {
		return err
	}
	if err := measureUncached(ctx, r, base, tiles); err != nil {
		return err
	}
	if r.memLoad, err = readMemory(p.pid()); err != nil {
		return err
	}
	if full {
		if err := measureCached(ctx, o, r, base, dir); err != nil {
			r.wrkErr = err.Error()
			logf("cached: %v", err)
		}
	}
	m, err := readMemory(p.pid())
	r.memPeak = m.hwm
	return err
}

func measurePeriods(ctx context.Context, r *result, base string) error {
	logf("fetching /api/periods")
	_, raw, err := fetch(ctx, base+"/api/periods", false)
	if err != nil {
		return err
	}
	_, gz, err := fetch(ctx, base+"/api/periods", true)
	r.periodsRaw, r.periodsGzip = len(raw), len(gz)
	return err
}

// measureUncached times each snapshot date and each tile on its first request (gzip, body read
// to the end), then reads each non-empty tile again uncompressed for its size.
func measureUncached(ctx context.Context, r *result, base string, tiles []maptile.Tile) error {
	logf("uncached snapshots")
	for _, date := range snapshotDates {
		start := time.Now()
		if _, _, err := fetch(ctx, base+"/api/snapshots/"+date+".geojson", true); err != nil {
			return err
		}
		r.snapshot = append(r.snapshot, time.Since(start))
	}
	logf("uncached tiles: %d", len(tiles))
	r.tiles = nil
	for _, t := range tiles {
		start := time.Now()
		status, _, err := fetch(ctx, base+tilePath(t), true)
		if err != nil {
			return err
		}
		if status == http.StatusOK {
			r.tileTimes = append(r.tileTimes, time.Since(start))
			r.tiles = append(r.tiles, t)
		}
	}
	for _, t := range r.tiles {
		_, raw, err := fetch(ctx, base+tilePath(t), false)
		if err != nil {
			return err
		}
		r.tileMax = max(r.tileMax, len(raw))
		r.tileTotal += len(raw)
	}
	return nil
}

// capture saves the gzip bytes controlmap sends for path under www, for nginx to serve.
func capture(ctx context.Context, base, www, path string) error {
	_, gz, err := fetch(ctx, base+path, true)
	if err != nil {
		return err
	}
	file := filepath.Join(www, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	return os.WriteFile(file, gz, 0o644)
}

// sameBytes checks that nginx sends what controlmap sends for path.
func sameBytes(ctx context.Context, a, b, path string) error {
	_, x, err := fetch(ctx, a+path, true)
	if err != nil {
		return err
	}
	_, y, err := fetch(ctx, b+path, true)
	if err != nil {
		return err
	}
	if !bytes.Equal(x, y) {
		return fmt.Errorf("%s: nginx sends %d bytes, controlmap %d", path, len(y), len(x))
	}
	return nil
}
