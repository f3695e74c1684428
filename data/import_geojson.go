package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"unicode/utf8"

	"github.com/controlmap/controlmap/geo"
)

// ReadSettlementsGeoJSON reads a FeatureCollection of Points whose properties are the columns of
// the settlements CSV (lon and lat come from the geometry). Text properties must be JSON
// strings; population and geonames_id may also be numbers. Errors name the line where the
// feature starts, and the feature's number in the collection.
func ReadSettlementsGeoJSON(file string, r io.Reader) ([]geo.Settlement, error) {
	body, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if bad := invalidUTF8At(body); bad >= 0 { // encoding/json would silently replace the bytes
		return nil, atLine(file, lineAt(body, int64(bad)), "geojson", errors.New("is not valid UTF-8"))
	}
	var out []geo.Settlement
	seen := map[string]int{}
	err = eachFeature(file, body, func(f feature) error {
		s, err := settlementFromFeature(f.feature)
		if err == nil {
			err = s.Validate()
		}
		if err == nil {
			err = once(seen, s.ID, f.line)
		}
		if err != nil {
			return f.error(err)
		}
		out = append(out, s)
		return nil
	})
	return out, err
}

// invalidUTF8At is the offset of body's first byte that is not valid UTF-8, or -1.
func invalidUTF8At(body []byte) int {
	for i := 0; i < len(body); {
		r, size := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// featureJSON is a GeoJSON Feature, its members kept raw so that their types can be checked.
type featureJSON struct {
	Type       string                     `json:"type"`
	ID         json.RawMessage            `json:"id"`
	Geometry   *geometryJSON              `json:"geometry"`
	Properties map[string]json.RawMessage `json:"properties"`
}

type geometryJSON struct {
	Type        string            `json:"type"`
	Coordinates []json.RawMessage `json:"coordinates"`
}

// feature is one feature of a collection with where it is.
type feature struct {
	file    string
	line, n int // the line it starts on, its number in the collection (from 1)
	feature featureJSON
}

func (f feature) error(err error) error {
	re := atLine(f.file, f.line, "", err).(*RowError)
	re.Item = "feature " + strconv.Itoa(f.n)
	return re
}

// eachFeature decodes the FeatureCollection body one feature at a time, calling fn with each.
// Every error it returns is a *RowError.
func eachFeature(file string, body []byte, fn func(feature) error) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	bad := func(err error) error {
		return atLine(file, lineAt(body, dec.InputOffset()), "geojson", fmt.Errorf("not a GeoJSON FeatureCollection: %w", err))
	}
	if err := expectDelim(dec, '{'); err != nil {
		return bad(err)
	}
	collection := false
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return bad(err)
		}
		switch key {
		case "type":
			var t string
			if err := dec.Decode(&t); err != nil || t != "FeatureCollection" {
				return bad(fmt.Errorf("type is not FeatureCollection"))
			}
			collection = true
		case "features":
			if err := decodeFeatures(file, body, dec, fn); err != nil {
				return err
			}
			if _, err := dec.Token(); err != nil { // ]
				return bad(err)
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return bad(err)
			}
		}
	}
	if _, err := dec.Token(); err != nil {
		return bad(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return bad(errors.New("data after the collection"))
	}
	if !collection {
		return bad(errors.New(`no "type": "FeatureCollection"`))
	}
	return nil
}

// decodeFeatures decodes the array of features, up to its closing bracket.
func decodeFeatures(file string, body []byte, dec *json.Decoder, fn func(feature) error) error {
	if err := expectDelim(dec, '['); err != nil {
		return atLine(file, lineAt(body, dec.InputOffset()), "features", errors.New("is not an array"))
	}
	for n := 1; dec.More(); n++ {
		f := feature{file: file, line: lineAt(body, startOfValue(body, dec.InputOffset())), n: n}
		if err := dec.Decode(&f.feature); err != nil {
			return f.error(featureError(err))
		}
		if err := fn(f); err != nil {
			return err
		}
	}
	return nil
}

// featureError explains why a feature did not decode, in JSON's words rather than Go's.
func featureError(err error) error {
	var te *json.UnmarshalTypeError
	if !errors.As(err, &te) {
		return geo.Invalidf("geojson", "not a GeoJSON Feature: %v", err)
	}
	want := map[reflect.Kind]string{reflect.Map: "an object", reflect.Struct: "an object", reflect.Slice: "an array",
		reflect.String: "a string", reflect.Pointer: "an object"}[te.Type.Kind()]
	field := te.Field
	if field == "" {
		field = "feature"
	}
	return geo.Invalidf(field, "is a JSON %s, not %s", te.Value, want)
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	t, err := dec.Token()
	if err != nil {
		return err
	}
	if t != want {
		return fmt.Errorf("found %v where %v was expected", t, want)
	}
	return nil
}

// startOfValue skips the separators after offset: the next value starts there.
func startOfValue(body []byte, offset int64) int64 {
	for offset < int64(len(body)) && bytes.IndexByte([]byte(" \t\r\n,"), body[offset]) >= 0 {
		offset++
	}
	return offset
}

// lineAt is the line (from 1) of body's byte at offset.
func lineAt(body []byte, offset int64) int {
	return 1 + bytes.Count(body[:min(offset, int64(len(body)))], []byte{'\n'})
}

// numericProperties may be JSON numbers as well as strings; booleanProperties JSON booleans.
var (
	numericProperties = map[string]bool{"population": true, "geonames_id": true}
	booleanProperties = map[string]bool{"abandoned": true}
)

func settlementFromFeature(f featureJSON) (geo.Settlement, error) {
	if f.Type != "Feature" {
		return geo.Settlement{}, geo.Invalidf("type", "%q is not Feature", geo.Shorten(f.Type))
	}
	lon, lat, err := pointOf(f.Geometry)
	if err != nil {
		return geo.Settlement{}, err
	}
	props := map[string]string{"lon": lon, "lat": lat}
	for _, col := range append(append([]string{}, settlementColumns...), settlementOptional...) {
		if col == "lon" || col == "lat" {
			continue
		}
		if props[col], err = propertyText(col, f.Properties[col]); err != nil {
			return geo.Settlement{}, err
		}
	}
	if props["id"] == "" && len(f.ID) > 0 { // the feature's own id stands in for a missing "id" property
		if props["id"], err = jsonText("id", f.ID, true); err != nil {
			return geo.Settlement{}, err
		}
	}
	return settlementFrom(func(col string) string { return props[col] })
}

// pointOf returns the coordinates of a Point as decimal text: two numbers, lon and lat (a third,
// the altitude, is allowed and left out).
func pointOf(g *geometryJSON) (lon, lat string, err error) {
	switch {
	case g == nil:
		return "", "", geo.Invalidf("geometry", "is missing")
	case g.Type != "Point":
		return "", "", geo.Invalidf("geometry", "is not a Point")
	case len(g.Coordinates) < 2 || len(g.Coordinates) > 3:
		return "", "", geo.Invalidf("geometry", "a Point has 2 coordinates, lon and lat (or 3, with altitude), not %d", len(g.Coordinates))
	}
	for i, c := range g.Coordinates {
		if !isJSONNumber(c) {
			return "", "", geo.Invalidf("geometry", "coordinate %d is not a number", i+1)
		}
	}
	return string(g.Coordinates[0]), string(g.Coordinates[1]), nil
}

// propertyText is the text of property col: a string, or a number for numeric columns; null
// or absent is empty.
func propertyText(col string, raw json.RawMessage) (string, error) {
	switch {
	case len(raw) == 0 || string(raw) == "null":
		return "", nil
	case booleanProperties[col] && (string(raw) == "true" || string(raw) == "false"):
		return string(raw), nil
	}
	return jsonText(col, raw, numericProperties[col])
}

// jsonText is raw as text when it is a JSON string, or a number and numbers are allowed.
func jsonText(field string, raw json.RawMessage, numbers bool) (string, error) {
	if numbers && isJSONNumber(raw) {
		return string(raw), nil
	}
	var s string
	if raw[0] != '"' || json.Unmarshal(raw, &s) != nil {
		want := "a string"
		if numbers {
			want = "a string or a number"
		}
		return "", geo.Invalidf(field, "is %s, not %s", jsonKind(raw), want)
	}
	return s, nil
}

func isJSONNumber(raw json.RawMessage) bool {
	return len(raw) > 0 && (raw[0] == '-' || raw[0] >= '0' && raw[0] <= '9')
}

// jsonKind names the JSON type of raw, for errors.
func jsonKind(raw json.RawMessage) string {
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case '"':
		return "a string"
	}
	return "a number"
}
