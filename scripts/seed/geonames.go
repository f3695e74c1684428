package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"unicode"
)

// place is one GeoNames populated place of the twelve Karabakh-area rayons.
type place struct {
	ID                    int
	Name, ASCIIName       string
	Alternates            []string
	Lat, Lon              float64
	FeatureCode, District string
	Population            int
}

// karabakhDistricts maps the GeoNames admin1 codes of Azerbaijan's twelve
// Karabakh-area rayons to the district names the facts files use.
var karabakhDistricts = map[string]string{
	"03": "Aghdam", "14": "Jabrayil", "18": "Fuzuli", "26": "Kalbajar",
	"28": "Lachin", "43": "Gubadli", "55": "Shusha", "57": "Tartar",
	"61": "Khankendi", "64": "Khojaly", "65": "Khojavend", "69": "Zangilan",
}

// readPlaces reads the populated places (feature class P) of the twelve
// rayons from the GeoNames country dump.
func readPlaces(path string) ([]place, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	var out []place
	for line := 1; sc.Scan(); line++ {
		p, ok, err := parsePlace(sc.Text())
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", geonamesAZFile, line, err)
		}
		if ok {
			out = append(out, p)
		}
	}
	return out, sc.Err()
}

// parsePlace reads one dump row; ok is false for rows outside the rayons.
func parsePlace(text string) (place, bool, error) {
	f := strings.Split(text, "\t")
	if len(f) != 19 {
		return place{}, false, fmt.Errorf("%d columns, want 19", len(f))
	}
	district := karabakhDistricts[f[10]]
	if f[6] != "P" || f[8] != "AZ" || district == "" {
		return place{}, false, nil
	}
	id, err1 := strconv.Atoi(f[0])
	lat, err2 := strconv.ParseFloat(f[4], 64)
	lon, err3 := strconv.ParseFloat(f[5], 64)
	pop, err4 := strconv.Atoi(f[14])
	for _, err := range []error{err1, err2, err3, err4} {
		if err != nil {
			return place{}, false, err
		}
	}
	p := place{ID: id, Name: f[1], ASCIIName: f[2], Lat: lat, Lon: lon, FeatureCode: f[7], District: district, Population: pop}
	if f[3] != "" {
		p.Alternates = strings.Split(f[3], ",")
	}
	return p, true, nil
}

// allNames lists the name, ASCII name and alternate names.
func (p place) allNames() []string {
	return append([]string{p.Name, p.ASCIIName}, p.Alternates...)
}

// azName is the place's Azerbaijani name: the name when it has an
// Azerbaijani letter, else the first Latin alternate with ə, else with
// another Azerbaijani letter, else the name.
func (p place) azName() string {
	if strings.ContainsAny(p.Name, "əƏğĞıİşŞçÇöÖüÜ") {
		return p.Name
	}
	for _, letters := range []string{"əƏ", "ğĞıİşŞçÇöÖüÜ"} {
		for _, a := range p.Alternates {
			if strings.ContainsAny(a, letters) && isLatin(a) {
				return a
			}
		}
	}
	return p.Name
}

// firstIn returns the first of name and alternates written only in script.
func (p place) firstIn(script *unicode.RangeTable) string {
	for _, n := range append([]string{p.Name}, p.Alternates...) {
		if writtenIn(n, script) {
			return n
		}
	}
	return ""
}

// writtenIn reports whether every letter of s is of the script.
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

// isLatin reports whether every letter of s is Latin.
func isLatin(s string) bool { return writtenIn(s, unicode.Latin) }
