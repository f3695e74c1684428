package data_test

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/data/datatest"
	"github.com/controlmap/controlmap/geo"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// openFixture opens a store holding the test data of testdata/.
func openFixture(t *testing.T) *data.Store {
	t.Helper()
	st := datatest.MustOpen(t)
	for _, kind := range []string{data.ImportActors, data.ImportSettlements, data.ImportChanges} {
		if _, err := st.ImportFile(context.Background(), kind, filepath.Join("testdata", kind+".csv")); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func write(t *testing.T, st *data.Store, format, date string) []byte {
	t.Helper()
	f, ok := data.FormatNamed(format)
	if !ok {
		t.Fatalf("no format %q", format)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf, st.Index(), mustDay(t, date)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func mustDay(t *testing.T, s string) geo.Day {
	t.Helper()
	d, err := geo.ParseDay(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update and review the diff):\n%s", name, got)
	}
}

func TestSnapshotGolden(t *testing.T) {
	st := openFixture(t)
	for _, format := range []string{"csv", "kml"} {
		t.Run(format, func(t *testing.T) {
			golden(t, "snapshot-2020-11-20."+format, write(t, st, format, "2020-11-20"))
		})
	}
	t.Run("atom", func(t *testing.T) {
		var buf bytes.Buffer
		if err := data.WriteChangesAtom(&buf, st.Index(), "https://map.example"); err != nil {
			t.Fatal(err)
		}
		golden(t, "changes.atom", buf.Bytes())
	})
}

// TestSameDataSameBytes: every format, the archive included, is a function of the data alone,
// so the API and the CLI agree and ETags hold.
func TestSameDataSameBytes(t *testing.T) {
	a, b := openFixture(t), openFixture(t)
	for _, f := range data.Formats {
		if !bytes.Equal(write(t, a, f.Name, "2020-11-20"), write(t, b, f.Name, "2020-11-20")) {
			t.Errorf("%s: two writes of the same data differ", f.Name)
		}
	}
	var za, zb bytes.Buffer
	if err := data.WriteDataset(&za, a.Index()); err != nil {
		t.Fatal(err)
	}
	data.WriteDataset(&zb, b.Index())
	if !bytes.Equal(za.Bytes(), zb.Bytes()) {
		t.Error("dataset.zip: two writes of the same data differ")
	}
}

// TestColumnsAreTheGeoJSONProperties: the flat columns of CSV, KML and GeoPackage are the
// scalar properties of the GeoJSON snapshot, with the same values.
func TestColumnsAreTheGeoJSONProperties(t *testing.T) {
	st := openFixture(t)
	var fc struct {
		Features []struct {
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(write(t, st, "geojson", "2020-11-20"), &fc); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, write(t, st, "csv", "2020-11-20"))
	if len(rows)-1 != len(fc.Features) {
		t.Fatalf("%d CSV rows, %d features", len(rows)-1, len(fc.Features))
	}
	for i, f := range fc.Features {
		for j, c := range data.Columns {
			if got, want := rows[i+1][j], jsonText(f.Properties[c.Name]); got != want {
				t.Errorf("feature %d column %s: CSV %q, GeoJSON %q", i, c.Name, got, want)
			}
		}
	}
	for _, nested := range []string{"names", "controller", "sources"} {
		if _, ok := fc.Features[0].Properties[nested]; !ok {
			t.Errorf("the GeoJSON lost its nested %q", nested)
		}
	}
}

func jsonText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case string:
		return v
	case bool:
		return strconv.FormatBool(v)
	}
	return "?"
}

// readCSV checks the BOM and reads the rows after it.
func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	rest, ok := bytes.CutPrefix(b, []byte("\uFEFF"))
	if !ok {
		t.Fatal("the CSV does not start with a UTF-8 BOM")
	}
	rows, err := csv.NewReader(bytes.NewReader(rest)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestSnapshotCSV(t *testing.T) {
	rows := readCSV(t, write(t, openFixture(t), "csv", "2020-11-20"))
	header := rows[0]
	for _, want := range []string{"id", "lon", "lat", "controller_id", "controller_name", "status", "controlled_since", "source_titles", "source_urls", "name_hy"} {
		if !slices.Contains(header, want) {
			t.Errorf("header %v lacks %q", header, want)
		}
	}
	col := func(row []string, name string) string { return row[slices.Index(header, name)] }
	byID := map[string][]string{}
	for _, r := range rows[1:] {
		byID[col(r, "id")] = r
	}
	abdal := byID["abdal-gulabli"]
	if col(abdal, "controller_id") != "azerbaijan" || col(abdal, "controlled_since") != "2020-11-20" || col(abdal, "source_titles") != "Gülablı - Wikipedia | Azerbaijani soldiers help Armenian civilians evacuate" || col(abdal, "name_hy") != "Վազգենաշեն" {
		t.Errorf("abdal-gulabli = %v", abdal)
	}
	if lon, err := strconv.ParseFloat(col(abdal, "lon"), 64); err != nil || lon != 46.947222 {
		t.Errorf("lon = %q", col(abdal, "lon"))
	}
	if col(byID["aghdam"], "population") != "28031" {
		t.Errorf("aghdam population = %q", col(byID["aghdam"], "population"))
	}
}

// TestKMLEscapesTheHistory: text from sources is escaped, never markup.
func TestKMLEscapesTheHistory(t *testing.T) {
	st := openFixture(t)
	datatest.MustImport(t, st, data.ImportChanges, "c.csv", "id,settlement_id,date,controller,kind,status,source_title,source_publisher,source_url,source_date,note\n"+
		`x1,aghdam,2020-11-21,azerbaijan,handover,confirmed,<script>alert(1)</script> & co,,,,`+"\n")
	var doc struct {
		Placemarks []struct {
			Name        string `xml:"name"`
			Description string `xml:"description"`
			StyleURL    string `xml:"styleUrl"`
		} `xml:"Document>Placemark"`
	}
	if err := xml.Unmarshal(write(t, st, "kml", "2020-11-22"), &doc); err != nil {
		t.Fatal(err)
	}
	for _, p := range doc.Placemarks {
		if p.Name != "Aghdam" {
			continue
		}
		if !strings.Contains(p.Description, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co") || strings.Contains(p.Description, "<script>") {
			t.Errorf("description not escaped: %s", p.Description)
		}
		if p.StyleURL != "#controller-azerbaijan" {
			t.Errorf("styleUrl = %q", p.StyleURL)
		}
		return
	}
	t.Fatal("no Aghdam placemark")
}

func TestSnapshotGeoPackage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.gpkg")
	if err := os.WriteFile(path, write(t, openFixture(t), "gpkg", "2020-11-20"), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, tc := range []struct{ query, want string }{
		{"PRAGMA integrity_check", "ok"},
		{"PRAGMA application_id", "1196444487"},
		{"PRAGMA user_version", "10300"},
		{"SELECT group_concat(table_name || ':' || data_type, ',') FROM (SELECT * FROM gpkg_contents ORDER BY table_name)", "changes:attributes,settlements:features,sources:attributes"},
		{"SELECT geometry_type_name || ' ' || srs_id FROM gpkg_geometry_columns WHERE table_name = 'settlements'", "POINT 4326"},
		{"SELECT count(*) FROM settlements", "2"},
		{"SELECT count(*) FROM changes", "3"},
		{"SELECT count(*) FROM sources", "4"},
		{"SELECT controller_name FROM settlements WHERE id = 'abdal-gulabli'", "Azerbaijan"},
		{"SELECT hex(substr(geom, 1, 8)) FROM settlements WHERE id = 'abdal-gulabli'", "47500001E6100000"},
	} {
		var got string
		if err := db.QueryRow(tc.query).Scan(&got); err != nil || got != tc.want {
			t.Errorf("%s = %q (%v), want %q", tc.query, got, err, tc.want)
		}
	}
	validateGeoPackage(t, path)
}

// validateGeoPackage runs GDAL's GeoPackage validator (python3-gdal) on path when it is
// installed; scripts/test installs only ogrinfo, which the web and cmd tests run.
func validateGeoPackage(t *testing.T, path string) {
	const script = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"
	if _, err := os.Stat(script); err != nil {
		t.Log("GDAL's validate_gpkg.py is not installed; skipping the spec validation")
		return
	}
	if out, err := exec.Command("python3", script, path).CombinedOutput(); err != nil || len(out) > 0 {
		t.Errorf("validate_gpkg.py: %v\n%s", err, out)
	}
}

func TestDatasetArchive(t *testing.T) {
	var buf bytes.Buffer
	if err := data.WriteDataset(&buf, openFixture(t).Index()); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	files := map[string]string{}
	for _, f := range zr.File {
		names = append(names, f.Name)
		if f.Modified.Year() != datatest.Today.Year() {
			t.Errorf("%s is stamped %v, want the time the data last changed", f.Name, f.Modified)
		}
		rc, _ := f.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		files[strings.TrimPrefix(f.Name, "controlmap/")] = b.String()
	}
	for _, want := range []string{"README.md", "ATTRIBUTION.txt", "settlements.geojson", "settlements.csv", "changes.geojson", "changes.csv", "sources.csv", "actors.csv", "actors.json"} {
		if _, ok := files[want]; !ok {
			t.Errorf("the archive lacks %s (has %v)", want, names)
		}
	}
	for _, c := range slices.Concat(data.Columns, data.ChangeColumns, data.SourceColumns) {
		if !strings.Contains(files["README.md"], "`"+c.Name+"`") {
			t.Errorf("README.md does not document %s", c.Name)
		}
	}
	if n := len(readCSV(t, []byte(files["changes.csv"]))); n != 4 {
		t.Errorf("changes.csv has %d lines, want a header and 3 changes", n)
	}
	if !strings.Contains(files["ATTRIBUTION.txt"], data.Licence) {
		t.Error("ATTRIBUTION.txt names no licence")
	}
}

func TestChangesAtom(t *testing.T) {
	st := openFixture(t)
	var buf bytes.Buffer
	if err := data.WriteChangesAtom(&buf, st.Index(), "https://map.example"); err != nil {
		t.Fatal(err)
	}
	var feed struct {
		Entries []struct {
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
			Links   []struct {
				Rel  string `xml:"rel,attr"`
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &feed); err != nil {
		t.Fatal(err)
	}
	if len(feed.Entries) != 3 {
		t.Fatalf("%d entries, want 3", len(feed.Entries))
	}
	for i := 1; i < len(feed.Entries); i++ {
		if feed.Entries[i-1].Updated < feed.Entries[i].Updated {
			t.Errorf("entries not newest first: %s before %s", feed.Entries[i-1].Updated, feed.Entries[i].Updated)
		}
	}
	e := feed.Entries[0]
	if !strings.Contains(e.Title, "controlled by") || len(e.Links) == 0 || !strings.HasPrefix(e.Links[0].Href, "https://map.example/?") {
		t.Errorf("entry = %+v", e)
	}
}

func ExampleColumns() {
	for _, c := range data.Columns[15:21] {
		fmt.Println(c.Name, c.Type)
	}
	// Output:
	// controller_id TEXT
	// controller_name TEXT
	// controller_color TEXT
	// status TEXT
	// controlled_since TEXT
	// change_id TEXT
}
