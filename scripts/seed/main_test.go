package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/controlmap/controlmap/geo"
)

// sharedData is shared/data seen from this package's folder.
const sharedData = "../../../shared/data"

// needShared fails in CI (CI=true) and skips elsewhere when shared/data is missing.
func needShared(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(sharedData); err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("shared data not found at %s: CI must provide ../shared", sharedData)
	}
	t.Skipf("shared data not found at %s", sharedData)
}

// generated caches one run of the generator for the whole package.
var generated struct {
	once sync.Once
	seed *seed
	out  string
	err  error
}

// TestMain removes the cached run's folder.
func TestMain(m *testing.M) {
	code := m.Run()
	if generated.out != "" {
		os.RemoveAll(generated.out)
	}
	os.Exit(code)
}

// generate runs the generator into a temporary folder (once per test binary)
// and returns the seed it built with that folder.
func generate(t *testing.T) (*seed, string) {
	t.Helper()
	needShared(t)
	generated.once.Do(func() {
		if generated.out, generated.err = os.MkdirTemp("", "seed-test-"); generated.err != nil {
			return
		}
		if generated.err = run(config{shared: sharedData, inputs: "inputs", out: generated.out}); generated.err != nil {
			return
		}
		in, err := readInputs(sharedData, "inputs")
		if err == nil {
			generated.seed, err = build(in)
		}
		generated.err = err
	})
	if generated.err != nil {
		t.Fatal(generated.err)
	}
	return generated.seed, generated.out
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

func TestEveryGeoNamesPlace(t *testing.T) {
	s, _ := generate(t)
	geonames := 0
	for _, st := range s.Settlements {
		if st.GeoNamesID != 0 {
			geonames++
		}
	}
	if geonames != 1181 {
		t.Errorf("%d settlements with a GeoNames id, want the 1181 populated places of the twelve districts", geonames)
	}
}

func TestOldIDsKept(t *testing.T) {
	s, _ := generate(t)
	ids := map[string]bool{}
	for _, st := range s.Settlements {
		ids[st.ID] = true
	}
	f, err := os.Open("testdata/old-ids.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	for sc := bufio.NewScanner(f); sc.Scan(); n++ {
		if !ids[sc.Text()] {
			t.Errorf("old id %q missing", sc.Text())
		}
	}
	if n != 77 {
		t.Errorf("testdata/old-ids.txt has %d ids, want 77", n)
	}
}

func TestAbdalGulabli(t *testing.T) {
	s, _ := generate(t)
	gulabli, abdal := findSettlement(s, "abdal-gulabli"), findSettlement(s, "abdal")
	if gulabli == nil || abdal == nil {
		t.Fatalf("abdal-gulabli = %v, abdal = %v; want both", gulabli, abdal)
	}
	if gulabli.GeoNamesID != 148018 || gulabli.Lat != 39.87739 || gulabli.Lon != 46.94806 || !strings.Contains(gulabli.names.en, "Abdal-Gulabli") {
		t.Errorf("abdal-gulabli = %+v; want Gülablı (GeoNames 148018) at 39.87739, 46.94806 with both names", gulabli)
	}
	if abdal.GeoNamesID != 148646 || abdal.Lat != 39.86251 || abdal.Lon != 46.92127 {
		t.Errorf("abdal = %+v; want GeoNames 148646 at 39.86251, 46.92127", abdal)
	}
	handover := findChange(s, "abdal-gulabli", "2020-11-20", azerbaijan, "handover")
	if handover == nil {
		t.Fatal("abdal-gulabli: no 2020-11-20 handover to azerbaijan")
	}
	if !hasSource(handover, "Anadolu Agency", "Azerbaijani soldiers help Armenian civilians evacuate", "2020-11-24") {
		t.Errorf("handover sources %+v lack the Anadolu Agency report", handover.Sources)
	}
	if findChange(s, "abdal-gulabli", "1992-09-04", armenian, "capture") == nil {
		t.Error("abdal-gulabli: no 1992-09-04 capture by armenian-forces")
	}
}

func TestEveryChangeHasSource(t *testing.T) {
	s, _ := generate(t)
	for _, c := range s.Changes {
		if err := checkSources(c); err != nil {
			t.Error(err)
		}
	}
}

func TestOneNotePerChange(t *testing.T) {
	s, _ := generate(t)
	for _, c := range s.Changes {
		if c.Note == "" || strings.Contains(c.Note, "NOTE") || strings.Contains(c.Note, "mirror") {
			t.Errorf("%s: note %q is empty or an editor's remark", c.ID, c.Note)
		}
	}
}

func TestPlaceRowsNameGeoNamesPlaces(t *testing.T) {
	needShared(t)
	in, err := readInputs(sharedData, "inputs")
	if err != nil {
		t.Fatal(err)
	}
	known := map[int]bool{}
	for _, p := range in.places {
		known[p.ID] = true
	}
	for value, ids := range placeRows {
		for _, id := range ids {
			if !known[id] {
				t.Errorf("placeRows[%q]: GeoNames %d is not a place of the twelve districts", value, id)
			}
		}
	}
}

// TestEveryPlaceSlugs: every place's Azerbaijani name makes an id with geo.Slug (mustSlug
// never panics), including letters such as ŭ outside the Azerbaijani alphabet.
func TestEveryPlaceSlugs(t *testing.T) {
	needShared(t)
	in, err := readInputs(sharedData, "inputs")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range in.places {
		if id, err := geo.Slug(p.azName()); err != nil || !geo.ValidID(id) {
			t.Errorf("GeoNames %d %q: slug %q, %v", p.ID, p.azName(), id, err)
		}
	}
	if len(in.places) < 1000 {
		t.Errorf("%d places of the twelve districts, want over 1000", len(in.places))
	}
}

func TestNeutral(t *testing.T) {
	in := `Listed as liberated; "again occupied" in 1994; date of occupation`
	want := `Listed as taken; "again occupied" in 1994; date of capture`
	if got := neutral(in); got != want {
		t.Errorf("neutral = %q; want %q", got, want)
	}
}

// findSettlement returns the settlement with this id, or nil.
func findSettlement(s *seed, id string) *settlement {
	for _, st := range s.Settlements {
		if st.ID == id {
			return st
		}
	}
	return nil
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
	db, err := validate(&seed{}, files)
	if err == nil {
		db.close()
	}
	if err == nil || !strings.Contains(err.Error(), "changes.csv:2: controller: unknown actor") {
		t.Errorf("err = %v, want the importer's changes.csv:2: controller error", err)
	}
}

func TestNamesInTheirScript(t *testing.T) {
	s, _ := generate(t)
	for _, st := range s.Settlements {
		if st.names.hy != "" && !writtenIn(st.names.hy, unicode.Armenian) {
			t.Errorf("%s: name_hy %q is not in Armenian script", st.ID, st.names.hy)
		}
		if st.names.ru != "" && !writtenIn(st.names.ru, russianLetters) {
			t.Errorf("%s: name_ru %q is not in the Russian alphabet", st.ID, st.names.ru)
		}
	}
}

// TestReadmeCounts keeps README's "Data and attribution" counts in step with the seed.
func TestReadmeCounts(t *testing.T) {
	s, _ := generate(t)
	rows := 0
	for _, c := range s.Changes {
		rows += len(c.Sources)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("all %s GeoNames populated places of the twelve Karabakh-area\ndistricts, %s changes of control with %s source rows",
		thousands(len(s.Settlements)), thousands(len(s.Changes)), thousands(rows))
	abandoned := 0
	for _, st := range s.Settlements {
		if st.Abandoned {
			abandoned++
		}
	}
	for _, want := range []string{want, fmt.Sprintf("The %s places GeoNames codes as abandoned", thousands(abandoned))} {
		if !strings.Contains(string(readme), want) {
			t.Errorf("README.md does not say %q", want)
		}
	}
}

// thousands writes n with a comma between thousands, as the README does.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if len(s) <= 3 {
		return s
	}
	return s[:len(s)-3] + "," + s[len(s)-3:]
}

// russianLetters is the Russian alphabet, both cases.
var russianLetters = &unicode.RangeTable{R16: []unicode.Range16{{Lo: 'Ё', Hi: 'Ё', Stride: 1}, {Lo: 'А', Hi: 'я', Stride: 1}, {Lo: 'ё', Hi: 'ё', Stride: 1}}}

// writtenIn reports whether s has a letter and every letter of s is of the script.
func writtenIn(s string, script *unicode.RangeTable) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.Is(script, r) {
				return false
			}
			letters++
		}
	}
	return letters > 0
}
