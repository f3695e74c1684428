package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/controlmap/controlmap/data"
)

const geoNamesExtract = "../../data/testdata/geonames/extract.txt"

func TestImportGeoNamesCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cm.db")
	err := run(context.Background(), []string{"import", "--db", db, "--seed=false", "geonames", geoNamesExtract,
		"--admin1", "AZ.03,65", "--feature-codes", "PPL,PPLA", "--bbox", "46,39,48,41"})
	if err != nil {
		t.Fatal(err)
	}
	st, err := data.Open(context.Background(), db, data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var ids []string
	for _, e := range st.Index().Entries(nil) {
		ids = append(ids, e.Settlement.ID)
	}
	want := "abdal agdam gulabli muganli-aghdam muganli-khojavend salaketin yeni-qaralar yusifcanli"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("imported %s\nwant     %s", got, want)
	}
}

func TestImportGeoNamesReport(t *testing.T) {
	dir := t.TempDir()
	st, err := data.Open(context.Background(), filepath.Join(dir, "cm.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	g := geoNamesFlags{}
	g.register(newFlags("import", new(config)))
	var stdout, stderr bytes.Buffer
	if err := importGeoNames(context.Background(), st, []string{geoNamesExtract}, &g, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if err := importGeoNames(context.Background(), st, []string{"../../data/testdata/geonames/extract_newer.txt"}, &g, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"extract.txt: 29 rows, 28 settlements selected: 28 added, 0 updated, 0 unchanged\n",
		"extract_newer.txt: 29 rows, 28 settlements selected: 1 added, 2 updated, 25 unchanged\n  moved abdal (geonames 148646) by 1113 m\n",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout.String())
		}
	}
	if stderr.Len() != 0 {
		t.Errorf("progress shown for a small file:\n%s", stderr.String())
	}
}

func TestProgressLines(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, "reading x", 4<<20, true)
	for range 8 {
		p.Write(make([]byte, 512<<10))
	}
	p.Close()
	want := "reading x: 10% (524288 of 4194304)\nreading x: 20% (1048576 of 4194304)\n"
	if lines := strings.Count(buf.String(), "\n"); lines != 8 || !strings.HasPrefix(buf.String(), want) ||
		!strings.HasSuffix(buf.String(), "reading x: 100% (4194304 of 4194304)\n") {
		t.Errorf("progress lines:\n%s", buf.String())
	}
}

// TestImportErrors: each bad flag or file names the flag, or FILE:LINE: field.
func TestImportErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cm.db")
	badInterval := writeFile(t, dir, "changes.csv", "id,settlement_id,date,controller,kind,status,source_title,source_publisher,source_url,source_date,note\n"+
		"c1,abdal-gulabli,2020-10-05/2020-10-01,arm,capture,confirmed,T,P,https://example.org,2020-10-01,\n")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"geonames", geoNamesExtract, "--bbox", "46,39,48"}, "-bbox: want minLon,minLat,maxLon,maxLat"},
		{[]string{"geonames", geoNamesExtract, "--bbox", "48,39,46,41"}, "-bbox: min is greater than max"},
		{[]string{"geonames", geoNamesExtract, "--bbox", "46,39,east,41"}, "-bbox: \"east\" is not a number"},
		{[]string{"geonames", geoNamesExtract, "--admin1", "AZ.03,az 14"}, "-admin1: \"az 14\" is not a code"},
		{[]string{"geonames", geoNamesExtract, "--feature-codes", "PPL,"}, "-feature-codes: \"\" is not a code"},
		{[]string{"geonames", geoNamesExtract, "--admin1-names", "/nonexistent.csv"}, "--admin1-names:"},
		{[]string{"settlements", geoNamesExtract, "--admin1", "03"}, "apply only to geonames"},
		{[]string{"geonames", "../../data/testdata/geonames/bad_latitude.txt"}, "bad_latitude.txt:4: latitude: 91.5 is outside -90..90"},
		{[]string{"geonames", "/nonexistent.txt"}, "open /nonexistent.txt: no such file"},
		{[]string{"changes", "/nonexistent.csv"}, "open /nonexistent.csv: no such file"},
		{[]string{"changes", badInterval}, "changes.csv:2: date: \"2020-10-05/2020-10-01\" starts after it ends"},
	}
	for _, tt := range tests {
		err := run(context.Background(), append([]string{"import", "--db", db, "--seed=false"}, tt.args...))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("import %q: err = %v, want …%s…", tt.args, err, tt.want)
		}
	}
}
