package data

import (
	"bufio"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/controlmap/controlmap/geo"
)

// GeoNamesPlace is one row of a GeoNames dump (a country file such as AZ.txt, allCountries.txt
// or any extract with the same 19 tab-separated columns and no header).
type GeoNamesPlace struct {
	Line                                       int
	ID                                         int64
	Name, ASCIIName                            string
	Alternates                                 []string
	Lat, Lon                                   float64
	FeatureClass, FeatureCode, Country, Admin1 string
	Population                                 int // 0 when unknown
	Modified                                   string
}

// geoNamesColumns are the columns of a GeoNames dump, in order; errors name them.
var geoNamesColumns = []string{"geonameid", "name", "asciiname", "alternatenames", "latitude",
	"longitude", "feature_class", "feature_code", "country_code", "cc2", "admin1_code", "admin2_code",
	"admin3_code", "admin4_code", "population", "elevation", "dem", "timezone", "modification_date"}

// maxGeoNamesLine bounds one row; the longest rows of allCountries.txt are about 10 kB.
const maxGeoNamesLine = 1 << 20

// ReadGeoNames parses a dump. The first bad row (or a geonameid seen twice) fails the whole file with an error
// FILE:LINE: column: reason (a *RowError).
func ReadGeoNames(r io.Reader, file string) ([]GeoNamesPlace, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), maxGeoNamesLine)
	var out []GeoNamesPlace
	seen := map[int64]int{}
	line := 0
	for sc.Scan() {
		line++
		p, err := parseGeoNamesLine(sc.Text(), line)
		if err == nil {
			err = onceGeoNamesID(seen, p)
		}
		if err != nil {
			return nil, atLine(file, line, "", err)
		}
		out = append(out, p)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = geo.Invalidf("line", "longer than %d bytes", maxGeoNamesLine)
		}
		return nil, atLine(file, line+1, "line", err)
	}
	return out, nil
}

// onceGeoNamesID fails when p's geonameid was already seen at an earlier line.
func onceGeoNamesID(seen map[int64]int, p GeoNamesPlace) error {
	if first, ok := seen[p.ID]; ok {
		return geo.Invalidf("geonameid", "%d is already at line %d", p.ID, first)
	}
	seen[p.ID] = p.Line
	return nil
}

// parseGeoNamesLine reads one row.
func parseGeoNamesLine(text string, line int) (GeoNamesPlace, error) {
	text = strings.TrimSuffix(text, "\r")
	if line == 1 {
		text = strings.TrimPrefix(text, "\ufeff")
	}
	if err := checkText(text); err != nil {
		return GeoNamesPlace{}, err
	}
	f := strings.Split(text, "\t")
	if len(f) != len(geoNamesColumns) {
		return GeoNamesPlace{}, geo.Invalidf("columns", "%d tab-separated columns instead of %d", len(f), len(geoNamesColumns))
	}
	return geoNamesPlace(f, line)
}

// checkText rejects invalid UTF-8 and control characters other than the tab.
func checkText(s string) error {
	if !utf8.ValidString(s) {
		return geo.Invalidf("line", "is not valid UTF-8")
	}
	for _, r := range s {
		if r != '\t' && (unicode.IsControl(r) || r == '\u2028' || r == '\u2029') {
			return geo.Invalidf("line", "has the control character %U", r)
		}
	}
	return nil
}

func geoNamesPlace(f []string, line int) (GeoNamesPlace, error) {
	p := GeoNamesPlace{
		Line: line, Name: strings.TrimSpace(f[1]), ASCIIName: strings.TrimSpace(f[2]),
		Alternates:   splitAlternates(f[3]),
		FeatureClass: f[6], FeatureCode: f[7], Country: f[8], Admin1: f[10], Modified: f[18],
	}
	var err error
	if p.ID, err = strconv.ParseInt(f[0], 10, 64); err != nil || p.ID <= 0 {
		return p, geo.Invalidf("geonameid", "%q is not a positive whole number", f[0])
	}
	if p.Name == "" {
		return p, geo.Invalidf("name", "is empty")
	}
	if p.Lat, err = parseCoord("latitude", f[4], 90); err != nil {
		return p, err
	}
	if p.Lon, err = parseCoord("longitude", f[5], 180); err != nil {
		return p, err
	}
	if p.Population, err = parseInt("population", f[14]); err != nil || p.Population < 0 {
		return p, geo.Invalidf("population", "%q is not a whole number of 0 or more", f[14])
	}
	if _, err := time.Parse(time.DateOnly, p.Modified); p.Modified != "" && err != nil {
		return p, geo.Invalidf("modification_date", "%q is not a date YYYY-MM-DD", p.Modified)
	}
	return p, nil
}

// parseCoord reads a latitude or longitude within -limit..limit.
func parseCoord(field, s string, limit float64) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, geo.Invalidf(field, "%q is not a number", s)
	}
	if !(v >= -limit && v <= limit) {
		return 0, geo.Invalidf(field, "%v is outside -%v..%v", v, limit, limit)
	}
	return v, nil
}

// splitAlternates splits the comma-separated alternate names, dropping empty ones.
func splitAlternates(s string) []string {
	var out []string
	for _, a := range strings.Split(s, ",") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}
