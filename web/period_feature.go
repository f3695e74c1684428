package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/controlmap/controlmap/geo"
	"github.com/controlmap/controlmap/tiles"
	"github.com/paulmach/orb"
)

// periodFeature is a control period as a GeoJSON point feature. It writes the bytes of orb's
// geojson.FeatureOf[tiles.PeriodProps] (pinned by TestPeriodFeatureIsOrbsFeature) with one
// encoding/json pass over the properties into a buffer it reuses, where orb's MarshalJSON takes
// three passes and allocates each: /api/periods writes a million of them at 100,000
// settlements, and periodFeatures reuses one feature for them all.
type periodFeature struct {
	at    orb.Point
	props tiles.PeriodProps
	buf   bytes.Buffer
	enc   *json.Encoder // of the properties, into buf
}

func newPeriodFeature(st *geo.Settlement, p geo.Period) *periodFeature {
	f := &periodFeature{}
	f.set(st, p)
	return f
}

// set makes f the feature of period p of st.
func (f *periodFeature) set(st *geo.Settlement, p geo.Period) {
	f.at, f.props = st.Point, tiles.NewPeriodProps(st, p)
}

func (f *periodFeature) MarshalJSON() ([]byte, error) { return f.AppendJSON(nil) }

// AppendJSON appends the feature to b.
func (f *periodFeature) AppendJSON(b []byte) ([]byte, error) {
	b = append(b, `{"type":"Feature","geometry":{"type":"Point","coordinates":[`...)
	b, err := appendFloat(b, f.at[0])
	if err != nil {
		return b, err
	}
	if b, err = appendFloat(append(b, ','), f.at[1]); err != nil {
		return b, err
	}
	if f.enc == nil {
		f.enc = json.NewEncoder(&f.buf)
	}
	f.buf.Reset()
	if err := f.enc.Encode(&f.props); err != nil {
		return b, err
	}
	props := bytes.TrimSuffix(f.buf.Bytes(), []byte("\n")) // Encode ends each value with a newline
	return append(append(append(b, `]},"properties":`...), props...), '}'), nil
}

// appendFloat appends f as encoding/json writes a float64.
func appendFloat(b []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, fmt.Errorf("json: unsupported value: %v", f)
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if n := len(b); format == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1] // e-09 is written e-9
		b = b[:n-1]
	}
	return b, nil
}
