package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestImportReportsFileLineField(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cm.db")
	bad := writeFile(t, dir, "changes.csv", "id,settlement_id,date,controller,kind,status,source_title,source_publisher,source_url,source_date,note\n"+
		"c1,abdal-gulabli,2020-11-21,azerbaijan,handover,confirmed,Some report,,,,\n"+
		"c2,abdal-gulabli,2020-11-31,azerbaijan,handover,confirmed,Some report,,,,\n")
	err := run(context.Background(), []string{"import", "--db", db, "changes", bad})
	if err == nil || !strings.Contains(err.Error(), bad+":3: date:") {
		t.Fatalf("err = %v, want %s:3: date: …", err, bad)
	}
}

func TestSnapshotCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "snap.geojson")
	t.Setenv("CONTROLMAP_DB", filepath.Join(dir, "env.db"))
	if err := run(context.Background(), []string{"snapshot", "--date", "2020-11-19", "-o", out}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "env.db")); err != nil {
		t.Errorf("CONTROLMAP_DB was not used: %v", err)
	}
	var fc struct {
		Features []struct {
			ID         string `json:"id"`
			Properties struct {
				ControllerID *string `json:"controller_id"`
			} `json:"properties"`
		} `json:"features"`
		Metadata struct{ Date string } `json:"metadata"`
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	if fc.Metadata.Date != "2020-11-19" {
		t.Errorf("metadata.date = %q", fc.Metadata.Date)
	}
	found := false
	for _, f := range fc.Features {
		if f.ID == "abdal-gulabli" {
			found = f.Properties.ControllerID != nil && *f.Properties.ControllerID == "armenian-forces"
		}
	}
	if !found {
		t.Error("the seeded snapshot of 2020-11-19 does not show abdal-gulabli controlled by armenian-forces")
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{nil, {"explode"}, {"import", "changes"}, {"snapshot", "--date", "19/11/2020", "--db", filepath.Join(t.TempDir(), "x.db")}, {"serve", "--public-url", "ftp://x"}} {
		if err := run(context.Background(), args); err == nil {
			t.Errorf("run(%q) succeeded", args)
		}
	}
}

func TestGenCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "gen.db")
	args := []string{"gen", "--settlements", "50", "--changes-per", "3", "--seed", "2", "--bbox", "46,39.5,47,40", "-o", db}
	if err := run(context.Background(), args); err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), args); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("second run: %v, want a refusal naming --force", err)
	}
	out := filepath.Join(dir, "snap.geojson")
	if err := run(context.Background(), []string{"snapshot", "--db", db, "--date", "2024-12-31", "-o", out}); err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Geometry struct{ Coordinates []float64 }
		}
	}
	b, _ := os.ReadFile(out)
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	if len(fc.Features) != 50 {
		t.Fatalf("%d features, want the 50 generated settlements", len(fc.Features))
	}
	for _, f := range fc.Features {
		if c := f.Geometry.Coordinates; c[0] < 46 || c[0] > 47 || c[1] < 39.5 || c[1] > 40 {
			t.Errorf("settlement at %v, outside --bbox", c)
		}
	}
}

func TestGenErrors(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "existing.db")
	if err := os.WriteFile(existing, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--bbox", "1,2,3"}, "-bbox: want minLon,minLat,maxLon,maxLat"},
		{[]string{"--bbox", "5,5,1,1"}, "-bbox: min is greater than max"},
		{[]string{"--settlements", "0"}, "settlements: 0: need at least 1"},
		{[]string{"--settlements", "-5"}, "settlements: -5: need at least 1"},
		{[]string{"--settlements", "3", "-o", existing}, "exists (use --force to replace it)"},
	}
	for i, tt := range tests {
		args := append([]string{"gen", "-o", filepath.Join(dir, fmt.Sprint(i, ".db"))}, tt.args...)
		if err := run(context.Background(), args); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("gen %q: err = %v, want …%s…", tt.args, err, tt.want)
		}
	}
}

func TestServeErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cm.db")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--addr", "127.0.0.1:bad"}, "--addr: listen tcp: "},
		{[]string{"--pprof", "0.0.0.0:1"}, `--pprof: "0.0.0.0:1" is not a loopback address`},
		{[]string{"--pprof", "nonsense"}, "--pprof: address nonsense: missing port"},
	}
	for _, tt := range tests {
		err := run(context.Background(), append([]string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, tt.args...))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("serve %q: err = %v, want …%s…", tt.args, err, tt.want)
		}
	}
}

func TestUnknownCommand(t *testing.T) {
	if err := run(context.Background(), []string{"bogus"}); err != errUsage {
		t.Errorf("err = %v, want the usage (exit 1)", err)
	}
}
