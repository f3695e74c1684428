package main

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestPercentiles(t *testing.T) {
	ds := make([]time.Duration, 100)
	for i := range ds {
		ds[i] = time.Duration(100-i) * time.Millisecond // unsorted on purpose
	}
	for _, tc := range []struct {
		p    float64
		want time.Duration
	}{{0.5, 50 * time.Millisecond}, {0.99, 99 * time.Millisecond}, {1, 100 * time.Millisecond}} {
		if got := pct(ds, tc.p); got != tc.want {
			t.Errorf("pct(%v) = %v, want %v", tc.p, got, tc.want)
		}
	}
	if got := median([]float64{3, 1, 2, 10}); got != 2.5 {
		t.Errorf("median = %v, want 2.5", got)
	}
	if pct(nil, 0.5) != 0 || slowest(nil) != -1 {
		t.Error("empty input must give zero values")
	}
}

func TestTileListIsStableAndCoversZ6ToZ12(t *testing.T) {
	a, b := tileList(7), tileList(7)
	if !slices.Equal(a, b) {
		t.Fatal("two tile lists differ")
	}
	perZoom := map[int]int{}
	for _, tile := range a {
		perZoom[int(tile.Z)]++
	}
	for z := 6; z <= 12; z++ {
		if perZoom[z] == 0 || (z >= 10 && perZoom[z] != 7) {
			t.Errorf("z%d: %d tiles", z, perZoom[z])
		}
	}
}

func TestTableMarksMissedTargets(t *testing.T) {
	r := &result{data: dataset{settlements: 100000, changesPer: 10}, startup: 3 * time.Second,
		snapshot: []time.Duration{100 * time.Millisecond}, periodsGzip: 3 << 20,
		wrk: []wrkResult{{conns: 64, snapshot: [2]float64{100, 100}, tiles: [2]float64{70, 100}}}}
	table := r.table()
	for _, want := range []string{
		"100k settlements / 1M changes",
		"| start-up to first 200 of /healthz | 3.00 s | n/a |  | < 2 s | **no** |",
		"| uncached full snapshot, end to end (median) | 100.0 ms | PostGIS n/a | n/a | < 300 ms | yes |",
		"| cached tiles (0), 64 connections, req/s | 70 | nginx 100 | 0.70× | ≥ 0.8× nginx | **no** |",
	} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
}
