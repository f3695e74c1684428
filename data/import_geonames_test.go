package data_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/data/datatest"
	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb"
)

// karabakh are the admin1 codes of the twelve Karabakh districts.
var karabakh = []string{"AZ.03", "AZ.14", "AZ.18", "AZ.26", "AZ.28", "AZ.43", "AZ.55", "AZ.57", "AZ.61", "AZ.64", "AZ.65", "AZ.69"}

func importGeoNames(t *testing.T, st *data.Store, path string, f data.GeoNamesFilter) data.GeoNamesReport {
	t.Helper()
	rep, err := st.ImportGeoNamesFile(context.Background(), path, data.GeoNamesOptions{Filter: f, Admin1Names: data.Admin1NamesAZAM()})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// idsByGeoNames maps the geonames ids of st's settlements to their ids.
func idsByGeoNames(st *data.Store) map[int64]string {
	out := map[int64]string{}
	for _, e := range st.Index().Entries(nil) {
		out[e.Settlement.GeoNamesID] = e.Settlement.ID
	}
	return out
}

func TestImportGeoNamesIDs(t *testing.T) {
	st := datatest.MustOpen(t)
	rep := importGeoNames(t, st, extract, data.GeoNamesFilter{Admin1: karabakh})
	if rep.Read != 29 || rep.Selected != 26 || rep.Added != 26 || rep.Updated+rep.Unchanged != 0 {
		t.Errorf("report = %+v, want 29 read, 26 selected and added", rep)
	}
	want := map[int64]string{
		147461: "muganli-aghdam", 147462: "muganli-khojavend", 147465: "muganli-zangilan",
		147464: "muganli-gubadli-147464", 147466: "muganli-gubadli-147466", // two in one district
		148018: "gulabli", 148646: "abdal", 147105: "susa", 148619: "agdam", 8656306: "k-yatuk",
	}
	got := idsByGeoNames(st)
	for gid, id := range want {
		if got[gid] != id {
			t.Errorf("geonames %d has id %q, want %q", gid, got[gid], id)
		}
	}
	for _, outside := range []int64{587084, 585456, 119257} { // Baku, Muğanlı of Zaqatala, a mountain
		if id, ok := got[outside]; ok {
			t.Errorf("geonames %d (outside the filter) was imported as %q", outside, id)
		}
	}
}

func TestImportGeoNamesSettlement(t *testing.T) {
	st := datatest.MustOpen(t)
	importGeoNames(t, st, extract, data.GeoNamesFilter{Admin1: karabakh})
	tests := []struct {
		id   string
		want geo.Settlement
	}{
		{"muganli-zangilan", geo.Settlement{ID: "muganli-zangilan", Names: geo.Names{En: "Muganli", Az: "Muğanlı", Ru: "Муганлы"},
			Point: orb.Point{46.6542, 39.15946}, District: "Zangilan", Country: "AZ", Place: geo.Village, GeoNamesID: 147465, Abandoned: true}},
		{"susa", geo.Settlement{ID: "susa", Names: geo.Names{En: "Susa", Az: "Şuşa", Hy: "Շուշե", Ru: "Шуша"},
			Point: orb.Point{46.74989, 39.76006}, District: "Shusha", Country: "AZ", Place: geo.Town, Population: 18662, GeoNamesID: 147105}},
		{"k-yatuk", geo.Settlement{ID: "k-yatuk", Names: geo.Names{En: "K'yatuk", Az: "K’yatuk", Hy: "Քյատուկ"},
			Point: orb.Point{46.82588, 39.91592}, District: "Khojaly", Country: "AZ", Place: geo.Village, GeoNamesID: 8656306, Abandoned: true}},
	}
	for _, tt := range tests {
		e, ok := st.Index().Entry(tt.id)
		if !ok {
			t.Errorf("no settlement %q", tt.id)
			continue
		}
		if *e.Settlement != tt.want {
			t.Errorf("%s = %+v\nwant %+v", tt.id, *e.Settlement, tt.want)
		}
	}
}

func TestGeoNamesFilter(t *testing.T) {
	places := readExtract(t, extract)
	tests := []struct {
		name   string
		filter data.GeoNamesFilter
		want   []int64 // nil: only count
		count  int
	}{
		{"zero filter: every populated place", data.GeoNamesFilter{}, nil, 28},
		{"admin1 with country", data.GeoNamesFilter{Admin1: []string{"AZ.03"}}, []int64{146910, 147461, 148018, 148619, 148646, 13433613}, 6},
		{"admin1 without country", data.GeoNamesFilter{Admin1: []string{"03"}}, nil, 6},
		{"admin1 of another country", data.GeoNamesFilter{Admin1: []string{"AM.03"}}, nil, 0},
		{"feature codes", data.GeoNamesFilter{FeatureCodes: []string{"PPLQ", "PPLC"}}, []int64{147465, 148123, 587084}, 3},
		{"bbox", data.GeoNamesFilter{BBox: &orb.Bound{Min: orb.Point{46.9, 39.85}, Max: orb.Point{47, 39.95}}}, []int64{147461, 148018, 148646}, 3},
		{"all three", data.GeoNamesFilter{Admin1: karabakh, FeatureCodes: []string{"PPL"}, BBox: &orb.Bound{Min: orb.Point{46, 39}, Max: orb.Point{48, 40}}}, nil, 15},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []int64
			for _, p := range places {
				if tt.filter.Keep(p) {
					got = append(got, p.ID)
				}
			}
			if len(got) != tt.count || tt.want != nil && !slices.Equal(got, tt.want) {
				t.Errorf("kept %v, want %d places %v", got, tt.count, tt.want)
			}
		})
	}
}

func TestImportGeoNamesReimport(t *testing.T) {
	st := datatest.MustOpen(t)
	f := data.GeoNamesFilter{Admin1: karabakh}
	importGeoNames(t, st, extract, f)
	before := idsByGeoNames(st)

	again := importGeoNames(t, st, extract, f)
	if again.Added+again.Updated != 0 || again.Unchanged != 26 || len(again.Moved) != 0 {
		t.Errorf("re-import of the same dump = %+v, want 26 unchanged", again)
	}
	newer := importGeoNames(t, st, "testdata/geonames/extract_newer.txt", f)
	if newer.Added != 1 || newer.Updated != 2 || newer.Unchanged != 23 {
		t.Errorf("newer dump = %+v, want 1 added, 2 updated, 23 unchanged", newer)
	}
	if len(newer.Moved) != 1 || newer.Moved[0].ID != "abdal" || newer.Moved[0].Meters < 1100 || newer.Moved[0].Meters > 1125 {
		t.Errorf("moved = %+v, want abdal by about 1112 m", newer.Moved)
	}
	after := idsByGeoNames(st)
	for gid, id := range before {
		if after[gid] != id {
			t.Errorf("geonames %d changed id from %q to %q", gid, id, after[gid])
		}
	}
	if after[99999999] != "abdal-khojavend" {
		t.Errorf("the new Abdal got %q, want abdal-khojavend", after[99999999])
	}
	if e, _ := st.Index().Entry("gulabli"); e.Settlement.Names.En != "Gulably" {
		t.Errorf("gulabli's English name = %q, want the newer Gulably", e.Settlement.Names.En)
	}
	if _, ok := st.Index().Entry("yeni-qaralar"); !ok {
		t.Error("a place missing from the newer dump was deleted")
	}
}

// TestImportGeoNamesDistrictCode: without names, the district is the admin1 code, which does
// not replace a name an earlier import gave.
func TestImportGeoNamesDistrictCode(t *testing.T) {
	st := datatest.MustOpen(t)
	f := data.GeoNamesFilter{Admin1: []string{"AZ.03", "AZ.65"}}
	if _, err := st.ImportGeoNamesFile(context.Background(), extract, data.GeoNamesOptions{Filter: f}); err != nil {
		t.Fatal(err)
	}
	if e, _ := st.Index().Entry("muganli-az-65"); e == nil || e.Settlement.District != "AZ.65" {
		t.Fatalf("without names: muganli-az-65 = %+v, want district AZ.65", e)
	}
	st = datatest.MustOpen(t)
	importGeoNames(t, st, extract, f)
	if _, err := st.ImportGeoNamesFile(context.Background(), "testdata/geonames/extract_newer.txt", data.GeoNamesOptions{Filter: f}); err != nil {
		t.Fatal(err)
	}
	if e, _ := st.Index().Entry("abdal"); e.Settlement.District != "Aghdam" {
		t.Errorf("abdal's district = %q after a re-import without names, want Aghdam", e.Settlement.District)
	}
	if e, _ := st.Index().Entry("abdal-az-65"); e == nil || e.Settlement.District != "AZ.65" {
		t.Errorf("the new Abdal = %+v, want id abdal-az-65 in district AZ.65", e)
	}
}

// TestImportGeoNamesNeverTakesAnID imports one district, then two: the Muğanlı already stored
// keeps its bare id, the new one gets a suffix.
func TestImportGeoNamesNeverTakesAnID(t *testing.T) {
	st := datatest.MustOpen(t)
	importGeoNames(t, st, extract, data.GeoNamesFilter{Admin1: []string{"AZ.03"}})
	if got := idsByGeoNames(st)[147461]; got != "muganli" {
		t.Fatalf("the only Muğanlı of the import got %q, want muganli", got)
	}
	importGeoNames(t, st, extract, data.GeoNamesFilter{Admin1: []string{"AZ.03", "AZ.65"}})
	got := idsByGeoNames(st)
	if got[147461] != "muganli" || got[147462] != "muganli-khojavend" {
		t.Errorf("ids = %q and %q, want muganli and muganli-khojavend", got[147461], got[147462])
	}
}

// TestImportGeoNamesKeepsCurated: a settlement written by a CSV import keeps its names, point
// and place; the dump fills in what it lacks and reports how far its point is.
func TestImportGeoNamesKeepsCurated(t *testing.T) {
	st := datatest.MustOpen(t)
	datatest.MustImport(t, st, data.ImportSettlements, "s.csv",
		"id,name_en,name_az,name_hy,name_ru,district,country,lon,lat,population,geonames_id,wikipedia_url,place\n"+
			"aghdam,Aghdam,Ağdam,,,Aghdam,AZ,46.93,39.99,,148619,https://en.wikipedia.org/wiki/Aghdam,city\n")
	rep := importGeoNames(t, st, extract, data.GeoNamesFilter{Admin1: []string{"AZ.03"}})
	e, _ := st.Index().Entry("aghdam")
	want := geo.Settlement{ID: "aghdam", Names: geo.Names{En: "Aghdam", Az: "Ağdam", Hy: "Ակն", Ru: "Агдам"},
		Point: orb.Point{46.93, 39.99}, District: "Aghdam", Country: "AZ", Place: geo.City, Population: 39451,
		GeoNamesID: 148619, WikipediaURL: "https://en.wikipedia.org/wiki/Aghdam"}
	if *e.Settlement != want {
		t.Errorf("aghdam = %+v\nwant %+v", *e.Settlement, want)
	}
	if rep.Updated != 1 || len(rep.Moved) != 0 || len(rep.Differs) != 1 || rep.Differs[0].ID != "aghdam" {
		t.Errorf("report = %+v, want aghdam updated, not moved, its point differing", rep)
	}
	if _, ok := st.Index().Entry("agdam"); ok {
		t.Error("the curated Aghdam was imported a second time as agdam")
	}
}

// TestImportGeoNamesAllOrNothing: a bad row anywhere, even outside the filter, fails the import
// and writes nothing.
func TestImportGeoNamesAllOrNothing(t *testing.T) {
	files, _ := filepath.Glob("testdata/geonames/bad_*.txt")
	if len(files) < 8 {
		t.Fatalf("found %d bad files", len(files))
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			st := datatest.MustOpen(t)
			_, err := st.ImportGeoNamesFile(context.Background(), path, data.GeoNamesOptions{Filter: data.GeoNamesFilter{Admin1: []string{"AZ.99"}}})
			if err == nil || !strings.HasPrefix(err.Error(), path+":") || geo.KindOf(err) != geo.Invalid {
				t.Fatalf("err = %v, want %s:LINE: …", err, path)
			}
			if n := len(st.Index().Entries(nil)); n != 0 {
				t.Errorf("%d settlements written", n)
			}
		})
	}
	// A file whose bad row comes after hundreds of good ones.
	good, _ := os.ReadFile(extract)
	body := strings.Repeat(string(good), 1) + "1\tBad\tBad\t\tnorth\t46\tP\tPPL\tAZ\t\t03\t\t\t\t0\t\t0\tAsia/Baku\t2020-01-01\n"
	st := datatest.MustOpen(t)
	_, err := st.ImportGeoNames(context.Background(), "x.txt", strings.NewReader(body), data.GeoNamesOptions{})
	if err == nil || err.Error() != `x.txt:30: latitude: "north" is not a number` {
		t.Errorf("err = %v", err)
	}
	if n := len(st.Index().Entries(nil)); n != 0 {
		t.Errorf("%d settlements written", n)
	}
}

func TestAdmin1Names(t *testing.T) {
	names := data.Admin1NamesAZAM()
	for code, want := range map[string]string{"AZ.03": "Aghdam", "AZ.61": "Khankendi", "AZ.18": "Fuzuli", "AM.08": "Syunik", "AZ.70": "Zaqatala"} {
		if names[code] != want {
			t.Errorf("%s = %q, want %q", code, names[code], want)
		}
	}
	tsv, err := data.ReadAdmin1Names(strings.NewReader("AZ.03\tAğdam\tAgdam\t587724\nAZ.14\tJabrayil\tJabrayil\t148140\n"), "a.txt")
	if err != nil || tsv["AZ.03"] != "Ağdam" || len(tsv) != 2 {
		t.Errorf("admin1CodesASCII = %v, %v", tsv, err)
	}
	for body, want := range map[string]string{
		"code,name\nAZ03,X\n":         "a.csv:2: code:",
		"code,name\nAZ.03,\n":         "a.csv:2: name: is empty",
		"code,name\nAZ.03,X\nAZ.03,Y": "a.csv:3: code: \"AZ.03\" appears twice",
		"AZ.03\n":                     "a.csv:1: header:",
	} {
		if _, err := data.ReadAdmin1Names(strings.NewReader(body), "a.csv"); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("ReadAdmin1Names(%q) = %v, want %s…", body, err, want)
		}
	}
}

// TestImportGeoNamesKeepsBulkCurated: a settlement that a GeoNames import wrote and a bulk CSV
// import then corrected (one revision for the whole file) counts as curated from then on.
func TestImportGeoNamesKeepsBulkCurated(t *testing.T) {
	st := datatest.MustOpen(t)
	importGeoNames(t, st, extract, data.GeoNamesFilter{Admin1: []string{"AZ.03"}})
	id := idsByGeoNames(st)[148619]
	var b strings.Builder
	b.WriteString("id,name_en,name_az,name_hy,name_ru,district,country,lon,lat,population,geonames_id,wikipedia_url,place\n")
	b.WriteString(id + ",Aghdam,Ağdam,,,Aghdam,AZ,46.93,39.99,,148619,,city\n")
	for i := range 300 {
		fmt.Fprintf(&b, "bulk-%d,B,,,,D,AZ,46.1,39.1,,,,\n", i)
	}
	datatest.MustImport(t, st, data.ImportSettlements, "curated.csv", b.String())
	rep := importGeoNames(t, st, extract, data.GeoNamesFilter{Admin1: []string{"AZ.03"}})
	if e, _ := st.Index().Entry(id); e.Settlement.Point != (orb.Point{46.93, 39.99}) {
		t.Errorf("%s = %+v: the second GeoNames import overwrote the point of the bulk import", id, *e.Settlement)
	}
	if len(rep.Differs) != 1 || rep.Differs[0].ID != id {
		t.Errorf("report = %+v, want %s's point reported as differing", rep, id)
	}
}
