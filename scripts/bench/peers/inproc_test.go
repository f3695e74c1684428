package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/controlmap/controlmap/data"
)

func TestMeasureInProcessExportsEveryPeriod(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "bench.db")
	if err := data.Generate(context.Background(), db, data.GenOptions{Settlements: 200, ChangesPer: 3, Bound: data.GenBound}); err != nil {
		t.Fatal(err)
	}
	o := options{profile: filepath.Join(dir, "out", "snapshot.pprof")}
	r := &result{data: dataset{settlements: 200, changesPer: 3}}
	if err := measureInProcess(context.Background(), o, r, db, dir, true); err != nil {
		t.Fatal(err)
	}
	if len(r.asOf) != len(snapshotDates) || len(r.encode) != len(snapshotDates) || r.snapshotCount != 200 {
		t.Errorf("as-of %d, encode %d timings, %d settlements; want %d, %d, 200", len(r.asOf), len(r.encode), r.snapshotCount, len(snapshotDates), len(snapshotDates))
	}
	b, err := os.ReadFile(filepath.Join(dir, "periods.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// Each settlement has an unknown period and one per counting change (a retracted or
	// overtaken change leaves none): between 200 and 200×4 periods.
	lines := strings.Count(string(b), "\n")
	if lines <= 200 || lines > 800 {
		t.Errorf("%d periods exported, want 201..800", lines)
	}
	for _, p := range []string{"snapshot.pprof", "open.pprof"} {
		if _, err := os.Stat(filepath.Join(dir, "out", p)); err != nil {
			t.Error(err)
		}
	}
}
