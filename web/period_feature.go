package web

import (
	"bytes"
	"encoding/json"

	"github.com/controlmap/controlmap/data"
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

// set makes f the feature of period p of st.
func (f *periodFeature) set(st *geo.Settlement, p geo.Period) {
	f.at, f.props = st.Point, tiles.NewPeriodProps(st, p)
}

func (f *periodFeature) MarshalJSON() ([]byte, error) { return f.AppendJSON(nil) }

// AppendJSON appends the feature to b.
func (f *periodFeature) AppendJSON(b []byte) ([]byte, error) {
	b = append(b, `{"type":"Feature","geometry":{"type":"Point","coordinates":[`...)
	b, err := data.AppendJSONFloat(b, f.at[0])
	if err != nil {
		return b, err
	}
	if b, err = data.AppendJSONFloat(append(b, ','), f.at[1]); err != nil {
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
