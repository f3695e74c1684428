package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/controlmap/controlmap/data"
)

// TestImportProgressLines: importing a file of over a megabyte into a pipe shows the bytes read,
// then the records written, as plain lines; a small file shows nothing.
func TestImportProgressLines(t *testing.T) {
	dir := t.TempDir()
	st, err := data.Open(context.Background(), filepath.Join(dir, "cm.db"), data.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var b strings.Builder
	b.WriteString("id,name_en,name_az,name_hy,name_ru,district,country,lon,lat,population,geonames_id,wikipedia_url\n")
	for i := 0; b.Len() < 1<<20+1000; i++ {
		fmt.Fprintf(&b, "place-%d,Place %d,Yer %d,,,District,AZ,46.%05d,39.%05d,%d,,\n", i, i, i, i, i, i)
	}
	big := writeFile(t, dir, "big.csv", b.String())
	var stderr bytes.Buffer
	n, err := importFile(context.Background(), st, data.ImportSettlements, big, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	out := stderr.String()
	for _, want := range []string{"reading " + big + ": 10% (", "reading " + big + ": 100% (",
		"writing settlements: 10% (", fmt.Sprintf("writing settlements: 100%% (%d of %d)\n", n, n)} {
		if !strings.Contains(out, want) {
			t.Errorf("progress lacks %q:\n%s", want, out)
		}
	}
	if lines := strings.Count(out, "\n"); lines != 20 {
		t.Errorf("%d lines of progress, want 10 for reading and 10 for writing:\n%s", lines, out)
	}

	stderr.Reset()
	small := writeFile(t, dir, "small.csv", "id,name_en,name_az,name_hy,name_ru,district,country,lon,lat,population,geonames_id,wikipedia_url\nx,X,,,,D,AZ,46,39,,,\n")
	if _, err := importFile(context.Background(), st, data.ImportSettlements, small, &stderr); err != nil || stderr.Len() != 0 {
		t.Errorf("a small file: err %v, progress %q", err, stderr.String())
	}
}
