package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedData is shared/data seen from this package's folder.
const sharedData = "../../../shared/data"

// generate runs the generator into a temporary folder and reads the result back.
func generate(t *testing.T) (*seed, string) {
	t.Helper()
	if _, err := os.Stat(sharedData); os.IsNotExist(err) {
		t.Skipf("shared data not found at %s", sharedData)
	}
	out := t.TempDir()
	if err := run(config{shared: sharedData, out: out}); err != nil {
		t.Fatal(err)
	}
	in, err := readInputs(sharedData)
	if err != nil {
		t.Fatal(err)
	}
	s, err := build(in)
	if err != nil {
		t.Fatal(err)
	}
	return s, out
}

func TestSeedVillage(t *testing.T) {
	s, _ := generate(t)
	var village *settlement
	for _, st := range s.Settlements {
		if st.ID == "abdal-gulabli" {
			village = st
		}
	}
	if village == nil {
		t.Fatal("abdal-gulabli missing")
	}
	if village.NameEN != "Abdal-Gulabli" || village.Lat != 39.880833 || village.Lon != 46.947222 {
		t.Errorf("abdal-gulabli = %q at %v,%v; want Abdal-Gulabli at 39.880833,46.947222", village.NameEN, village.Lat, village.Lon)
	}
	capture := findChange(s, "abdal-gulabli", "1992-09-04", armenian, "capture")
	if capture == nil {
		t.Error("no 1992-09-04 capture by armenian-forces")
	}
	handover := findChange(s, "abdal-gulabli", "2020-11-20", azerbaijan, "handover")
	if handover == nil {
		t.Fatal("no 2020-11-20 handover to azerbaijan")
	}
	if !hasSource(handover, "Anadolu Agency", "Azerbaijani soldiers help Armenian civilians evacuate", "2020-11-24") {
		t.Errorf("handover sources %+v lack the Anadolu Agency report", handover.Sources)
	}
}

func TestEveryChangeHasSource(t *testing.T) {
	s, _ := generate(t)
	for _, c := range s.Changes {
		if len(c.Sources) == 0 {
			t.Errorf("%s: no source", c.ID)
		}
		for _, src := range c.Sources {
			if src.Title == "" {
				t.Errorf("%s: source without title", c.ID)
			}
		}
	}
}

func TestCommittedSeedIsCurrent(t *testing.T) {
	_, out := generate(t)
	for _, name := range []string{"actors.csv", "settlements.csv", "changes.csv", "REPORT.md", "ATTRIBUTION.txt"} {
		got, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join("../../data/seed", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("data/seed/%s is stale: run go run ./scripts/seed from the repository root", name)
		}
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Abdal-Gülablı":          "abdal-gulabli",
		"Qızıl Kəngərli":         "qizil-kengerli",
		"Mollalar (Boyahmadli)":  "mollalar-boyahmadli",
		"  Şükürbəyli  İkinci  ": "sukurbeyli-ikinci",
	} {
		if got, err := slug(in); err != nil || got != want {
			t.Errorf("slug(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := slug("Շուշի"); err == nil {
		t.Error("slug of Armenian script should fail, not guess")
	}
}

func TestNeutral(t *testing.T) {
	in := `Listed as liberated; "again occupied" in 1994; date of occupation`
	want := `Listed as taken; "again occupied" in 1994; date of capture`
	if got := neutral(in); got != want {
		t.Errorf("neutral = %q; want %q", got, want)
	}
}

// findChange returns the change with these fields, or nil.
func findChange(s *seed, sid, date, controller, kind string) *change {
	for _, c := range s.Changes {
		if c.SettlementID == sid && c.Date == date && c.Controller == controller && c.Kind == kind {
			return c
		}
	}
	return nil
}

// hasSource reports whether c cites a source with this publisher, title and date.
func hasSource(c *change, publisher, title, date string) bool {
	for _, src := range c.Sources {
		if src.Publisher == publisher && src.Title == title && src.Date == date {
			return true
		}
	}
	return false
}

// TestValidateUsesTheImporters: a row the server would refuse fails the generator, with its
// file, line and field.
func TestValidateUsesTheImporters(t *testing.T) {
	files := map[string][]byte{
		"actors.csv":      []byte("id,name_en,name_az,name_hy,name_ru,color\nazerbaijan,Azerbaijan,,,,#0072B2\n"),
		"settlements.csv": []byte("id,name_en,name_az,name_hy,name_ru,district,country,lon,lat,population,geonames_id,wikipedia_url,place\nv,V,,,,Aghdam,AZ,46.9,39.9,,,,village\n"),
		"changes.csv": []byte("id,settlement_id,date,controller,kind,status,source_title,source_publisher,source_url,source_date,note\n" +
			"v-1992,v,1992-09-04,armenian-forces,capture,confirmed,T,P,,,\n"),
	}
	err := validate(&seed{}, files)
	if err == nil || !strings.Contains(err.Error(), "changes.csv:2: controller: unknown actor") {
		t.Errorf("err = %v, want the importer's changes.csv:2: controller error", err)
	}
}
