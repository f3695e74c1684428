package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// dataset is one generated dataset.
type dataset struct {
	settlements, changesPer int
	seed                    uint64
}

func (d dataset) String() string {
	return fmt.Sprintf("%dk settlements / %s changes", d.settlements/1000, human(d.settlements*d.changesPer))
}

func human(n int) string {
	if n >= 1000000 && n%100000 == 0 {
		return fmt.Sprintf("%gM", float64(n)/1e6)
	}
	return fmt.Sprintf("%dk", n/1000)
}

// snapshotDates are the as-of dates measured, each answered uncached once.
var snapshotDates = []string{"1992-06-01", "1995-01-01", "2005-06-15", "2020-11-25", "2024-06-01"}

// cachedDate is the snapshot served from cache (controlmap) and from a file (nginx).
const cachedDate = "2020-11-20"

// measureAll generates d and measures it: controlmap alone, and with full, against nginx and
// PostGIS and through the import path too.
func measureAll(ctx context.Context, o options, d dataset, full bool) (*result, error) {
	r := &result{data: d}
	dir := filepath.Join(o.work, fmt.Sprintf("%d-%d", d.settlements, d.changesPer))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	db := filepath.Join(dir, "bench.db")
	logf("generating %s", d)
	start := time.Now()
	if err := runCmd(ctx, 30*time.Minute, o.bin, "gen", "--settlements", fmt.Sprint(d.settlements),
		"--changes-per", fmt.Sprint(d.changesPer), "--seed", fmt.Sprint(d.seed), "-o", db); err != nil {
		return nil, err
	}
	r.gen = time.Since(start)
	if fi, err := os.Stat(db); err == nil {
		r.dbSize = fi.Size()
	}
	if err := measureInProcess(ctx, o, r, db, dir, full); err != nil {
		return nil, err
	}
	tiles := tileList(o.tilesPerZoom)
	if err := measureControlmap(ctx, o, r, db, dir, tiles, full); err != nil {
		return nil, err
	}
	if !full {
		return r, nil
	}
	if err := measurePostGIS(ctx, o, r, dir, r.tiles); err != nil {
		r.pgErr = err.Error()
		logf("PostGIS: %v", err)
	}
	if !o.skipImport {
		if err := measureImport(ctx, o, r, db, dir); err != nil {
			r.importErr = err.Error()
			logf("import: %v", err)
		}
	}
	return r, nil
}
