package data

import (
	"bufio"
	_ "embed"
	"io"
	"strings"

	"github.com/controlmap/controlmap/geo"
)

// admin1AZAM names the first-level divisions of Azerbaijan and Armenia: GeoNames' admin1CodesASCII
// for AZ and AM, with " District" and " Rayon" dropped and the twelve Karabakh districts spelt
// as the seed spells them (Aghdam, Fuzuli, Gubadli, Khankendi…), so that both agree.
//
//go:embed geonames/admin1_AZ_AM.csv
var admin1AZAM string

// Admin1NamesAZAM returns the embedded names of Azerbaijan's and Armenia's first-level
// divisions, keyed by code ("AZ.03" → "Aghdam").
func Admin1NamesAZAM() map[string]string {
	names, err := ReadAdmin1Names(strings.NewReader(admin1AZAM), "admin1_AZ_AM.csv")
	if err != nil {
		panic(err) // the embedded table is checked by the tests
	}
	return names
}

// ReadAdmin1Names reads the names of first-level divisions, keyed by code such as "AZ.03": a CSV
// file with the header code,name, or GeoNames' admin1CodesASCII.txt (tab-separated, no header:
// code, name, asciiname, geonameid).
func ReadAdmin1Names(r io.Reader, file string) (map[string]string, error) {
	br := bufio.NewReader(r)
	first, _ := br.Peek(512)
	if strings.Contains(strings.SplitN(string(first), "\n", 2)[0], "\t") {
		return readAdmin1TSV(br, file)
	}
	names := map[string]string{}
	err := readCSV(file, br, []string{"code", "name"}, nil, func(rw row) error {
		return addAdmin1(names, file, rw.line, rw.get("code"), rw.get("name"))
	})
	return names, err
}

func readAdmin1TSV(r io.Reader, file string) (map[string]string, error) {
	names := map[string]string{}
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		f := strings.Split(strings.TrimSuffix(sc.Text(), "\r"), "\t")
		if len(f) < 2 {
			return nil, atLine(file, line, "columns", errAdmin1Columns)
		}
		if err := addAdmin1(names, file, line, f[0], f[1]); err != nil {
			return nil, err
		}
	}
	return names, sc.Err()
}

var errAdmin1Columns = geo.Invalidf("columns", "expected code<TAB>name")

func addAdmin1(names map[string]string, file string, line int, code, name string) error {
	switch {
	case !strings.Contains(code, "."):
		return atLine(file, line, "code", geo.Invalidf("code", "%q is not of the form CC.NN", code))
	case name == "":
		return atLine(file, line, "name", geo.Invalidf("name", "is empty"))
	case names[code] != "":
		return atLine(file, line, "code", geo.Invalidf("code", "%q appears twice", code))
	}
	names[code] = name
	return nil
}
