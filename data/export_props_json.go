package data

import (
	"math"
	"strconv"

	"github.com/controlmap/controlmap/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// AppendJSON appends f as orb's geojson.FeatureOf.MarshalJSON writes it, byte for byte, in one
// pass and without reflection: a snapshot of 100,000 settlements is mostly this function.
func (f *SettlementFeature) AppendJSON(b []byte) ([]byte, error) {
	pt, ok := f.Geometry.(orb.Point)
	id, isString := f.ID.(string)
	if !ok || !isString {
		return f.appendGeneric(b)
	}
	b = appendString(append(b, `{"id":`...), id)
	b = append(b, `,"type":"Feature","geometry":{"type":"Point","coordinates":[`...)
	lon := written{value: pt.Lon(), from: len(b)}
	b, err := appendFloat(b, lon.value)
	if err != nil {
		return b, err
	}
	lon.to = len(b)
	lat := written{value: pt.Lat(), from: len(b) + 1}
	if b, err = appendFloat(append(b, ','), lat.value); err != nil {
		return b, err
	}
	lat.to = len(b)
	if b, err = f.Properties.appendJSON(append(b, `]},"properties":`...), lon, lat); err != nil {
		return b, err
	}
	return append(b, '}'), nil
}

// written is a number already written at b[from:to]: a settlement's lon and lat are written
// twice (in the geometry and as columns), and formatted once.
type written struct {
	value    float64
	from, to int
}

// appendNumber appends f, copying its text from b when it is the number already written.
func appendNumber(b []byte, f float64, w written) ([]byte, error) {
	if w.to > w.from && math.Float64bits(f) == math.Float64bits(w.value) {
		return append(b, b[w.from:w.to]...), nil
	}
	return appendFloat(b, f)
}

// appendGeneric appends f through orb's encoder, for what AppendJSON does not write itself
// (a feature that is not a point or whose id is not a string).
func (f *SettlementFeature) appendGeneric(b []byte) ([]byte, error) {
	out, err := geojson.FeatureOf[SettlementProps](*f).MarshalJSON()
	return append(b, out...), err
}

// MarshalJSON is AppendJSON on its own.
func (f *SettlementFeature) MarshalJSON() ([]byte, error) { return f.AppendJSON(nil) }

// AppendJSON appends p as encoding/json writes it, byte for byte: one member per field, in the
// order of the struct. Adding a field to SettlementProps is adding it here too (the test that
// compares both encoders fails until then).
func (p *SettlementProps) AppendJSON(b []byte) ([]byte, error) {
	return p.appendJSON(b, written{}, written{})
}

// appendJSON is AppendJSON, with the lon and lat already written in the feature's geometry.
func (p *SettlementProps) appendJSON(b []byte, lon, lat written) ([]byte, error) {
	b = appendString(append(b, `{"id":`...), p.ID)
	b = appendString(append(b, `,"name":`...), p.Name)
	b = appendStringPtr(append(b, `,"name_en":`...), p.NameEn)
	b = appendStringPtr(append(b, `,"name_az":`...), p.NameAz)
	b = appendStringPtr(append(b, `,"name_hy":`...), p.NameHy)
	b = appendStringPtr(append(b, `,"name_ru":`...), p.NameRu)
	b = appendString(append(b, `,"district":`...), p.District)
	b = appendString(append(b, `,"country":`...), p.Country)
	b = appendString(append(b, `,"place":`...), string(p.Place))
	b = appendIntPtr(append(b, `,"population":`...), p.Population)
	b = appendIntPtr(append(b, `,"geonames_id":`...), p.GeoNamesID)
	b = appendStringPtr(append(b, `,"wikipedia_url":`...), p.WikipediaURL)
	b = strconv.AppendBool(append(b, `,"abandoned":`...), p.Abandoned)
	b, err := appendNumber(append(b, `,"lon":`...), p.Lon, lon)
	if err != nil {
		return b, err
	}
	if b, err = appendNumber(append(b, `,"lat":`...), p.Lat, lat); err != nil {
		return b, err
	}
	b = p.appendControl(b)
	b = appendNames(append(b, `,"names":`...), p.Names)
	b = appendActor(append(b, `,"controller":`...), p.Controller)
	b = p.Sources.appendJSON(append(b, `,"sources":`...))
	b = appendActor(append(b, `,"disputed_by":`...), p.DisputedBy)
	b = p.Changing.appendJSON(append(b, `,"changing":`...))
	return append(b, '}'), nil
}

// appendControl appends the flat columns about the controller and the change in force.
func (p *SettlementProps) appendControl(b []byte) []byte {
	b = appendStringPtr(append(b, `,"controller_id":`...), p.ControllerID)
	b = appendStringPtr(append(b, `,"controller_name":`...), p.ControllerName)
	b = appendStringPtr(append(b, `,"controller_color":`...), p.ControllerColor)
	b = appendStringPtr(append(b, `,"status":`...), p.Status)
	b = appendStringPtr(append(b, `,"controlled_since":`...), p.ControlledSince)
	b = appendStringPtr(append(b, `,"change_id":`...), p.ChangeID)
	b = appendStringPtr(append(b, `,"change_kind":`...), p.ChangeKind)
	b = appendStringPtr(append(b, `,"source_titles":`...), p.SourceTitles)
	b = appendStringPtr(append(b, `,"source_publishers":`...), p.SourcePublishers)
	b = appendStringPtr(append(b, `,"source_urls":`...), p.SourceURLs)
	b = appendStringPtr(append(b, `,"disputed_by_id":`...), p.DisputedByID)
	b = appendStringPtr(append(b, `,"changing_to_id":`...), p.ChangingToID)
	return appendStringPtr(append(b, `,"changing_between":`...), p.ChangingBetween)
}

// appendNames appends n, each name omitted when empty.
func appendNames(b []byte, n geo.Names) []byte {
	b = append(b, '{')
	b = appendOmitEmpty(b, "en", n.En)
	b = appendOmitEmpty(b, "az", n.Az)
	b = appendOmitEmpty(b, "hy", n.Hy)
	b = appendOmitEmpty(b, "ru", n.Ru)
	return append(b, '}')
}

// appendActor appends a, or null.
func appendActor(b []byte, a *ActorJSON) []byte {
	if a == nil {
		return append(b, "null"...)
	}
	b = appendString(append(b, `{"id":`...), a.ID)
	b = appendString(append(b, `,"name":`...), a.Name)
	if a.Names != nil {
		b = appendNames(append(b, `,"names":`...), *a.Names)
	}
	b = appendString(append(b, `,"color":`...), a.Color)
	return append(b, '}')
}

// appendJSON appends the sources as an array, or null when ss is nil.
func (ss SourcesJSON) appendJSON(b []byte) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(append(b, `{"title":`...), s.Title)
		b = appendOmitEmpty(b, "publisher", s.Publisher)
		b = appendOmitEmpty(b, "url", s.URL)
		b = appendOmitEmpty(b, "published", s.Published)
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendJSON appends c, or null.
func (c *Changing) appendJSON(b []byte) []byte {
	if c == nil {
		return append(b, "null"...)
	}
	b = appendActor(append(b, `{"previous":`...), c.Previous)
	b = appendActor(append(b, `,"next":`...), c.Next)
	b = appendString(append(b, `,"date":`...), c.Date)
	b = appendString(append(b, `,"until":`...), c.Until)
	b = appendString(append(b, `,"change_id":`...), c.ChangeID)
	b = appendString(append(b, `,"kind":`...), string(c.Kind))
	b = appendString(append(b, `,"status":`...), string(c.Status))
	return append(b, '}')
}
