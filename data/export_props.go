package data

import (
	"reflect"
	"strings"

	"github.com/controlmap/controlmap/geo"
)

// Licence is the licence of the dataset as a whole (its Wikipedia-derived facts are CC BY-SA).
const Licence = "CC BY-SA 4.0"

// SourceSeparator joins the titles, publishers and URLs of several sources in one flat column.
const SourceSeparator = " | "

// SettlementProps are the properties of a settlement on one day: the one definition of the
// snapshot's wire shape, used by the API's items, every snapshot format and the CLI.
//
// Every scalar field is a flat, typed column (its json name is the column name, its doc tag the
// column's description): GIS tools and spreadsheets read them as they are. The nested fields
// (names, controller, sources) are kept alongside for the JSON clients that read them. Adding a
// column is adding one field here. Absent values are JSON null, so every feature has the same
// fields (GDAL and QGIS read the schema from them).
type SettlementProps struct {
	ID               string      `json:"id" doc:"settlement id, a stable slug"`
	Name             string      `json:"name" doc:"default name (English, else Azerbaijani, Russian, Armenian)"`
	NameEn           *string     `json:"name_en" doc:"name in English"`
	NameAz           *string     `json:"name_az" doc:"name in Azerbaijani"`
	NameHy           *string     `json:"name_hy" doc:"name in Armenian"`
	NameRu           *string     `json:"name_ru" doc:"name in Russian"`
	District         string      `json:"district" doc:"district (rayon)"`
	Country          string      `json:"country" doc:"de jure country, ISO 3166-1 alpha-2"`
	Place            geo.Place   `json:"place" doc:"city, town or village"`
	Population       *int        `json:"population" doc:"population, empty when unknown"`
	GeoNamesID       *int64      `json:"geonames_id" doc:"GeoNames id, empty when unknown"`
	WikipediaURL     *string     `json:"wikipedia_url" doc:"Wikipedia article"`
	Abandoned        bool        `json:"abandoned" doc:"true for an abandoned or historical place (GeoNames PPLQ, PPLW, PPLH)"`
	Lon              float64     `json:"lon" doc:"longitude, WGS 84"`
	Lat              float64     `json:"lat" doc:"latitude, WGS 84"`
	ControllerID     *string     `json:"controller_id" doc:"id of the side in control on the date, empty when unknown"`
	ControllerName   *string     `json:"controller_name" doc:"name of the side in control"`
	ControllerColor  *string     `json:"controller_color" doc:"map colour of the side in control, #rrggbb"`
	Status           *string     `json:"status" doc:"confirmed, claimed or disputed: how well the change in force is established"`
	ControlledSince  *string     `json:"controlled_since" doc:"date of the change in force, with its precision (1992, 1992-05, 1992-09-04)"`
	ChangeID         *string     `json:"change_id" doc:"id of the change in force"`
	ChangeKind       *string     `json:"change_kind" doc:"capture, handover, withdrawal, claim, counter-claim, confirmation or other"`
	SourceTitles     *string     `json:"source_titles" doc:"titles of the sources of the change in force, joined by ' | '"`
	SourcePublishers *string     `json:"source_publishers" doc:"their publishers, in the same order, joined by ' | '"`
	SourceURLs       *string     `json:"source_urls" doc:"their URLs, in the same order, joined by ' | '"`
	DisputedByID     *string     `json:"disputed_by_id" doc:"id of the side that disputes the change in force (a counter-claim), empty when undisputed"`
	ChangingToID     *string     `json:"changing_to_id" doc:"while control is changing (an interval date not yet counted): id of the incoming side; controller fields are then empty"`
	ChangingBetween  *string     `json:"changing_between" doc:"while control is changing: the EDTF interval of the change (2020-09-27/2020-11-10, ../1994-05-12)"`
	Names            geo.Names   `json:"names"`
	Controller       *ActorJSON  `json:"controller"`
	Sources          SourcesJSON `json:"sources"`
	DisputedBy       *ActorJSON  `json:"disputed_by"`
	Changing         *Changing   `json:"changing"`
}

// NewSettlementProps shows st, a settlement and its period on a day.
func NewSettlementProps(ix *geo.Index, st geo.State) SettlementProps {
	return newPropsBuilder(ix).props(st)
}

// propsBuilder builds the SettlementProps of many states of one index, sharing what repeats
// from one settlement to the next (actors, dates, statuses) and pointing into the index for
// the rest, so that a snapshot allocates little per settlement. The props it builds are read,
// never changed.
type propsBuilder struct {
	ix     *geo.Index
	actors map[string]*ActorJSON
	texts  map[string]*string
	dates  map[geo.Date]*string
	slab   []SourceJSON // where the next settlements' sources are made, a few thousand at a time
}

// settlementRows are the SettlementProps of states, in order, made by one propsBuilder.
func settlementRows(ix *geo.Index, states []geo.State) []SettlementProps {
	b, rows := newPropsBuilder(ix), make([]SettlementProps, len(states))
	for i, st := range states {
		rows[i] = b.props(st)
	}
	return rows
}

func newPropsBuilder(ix *geo.Index) *propsBuilder {
	return &propsBuilder{ix: ix, actors: map[string]*ActorJSON{}, texts: map[string]*string{}, dates: map[geo.Date]*string{}}
}

// props shows st, a settlement and its period on a day.
func (b *propsBuilder) props(st geo.State) SettlementProps {
	s := st.Settlement
	p := SettlementProps{
		ID: s.ID, Name: s.Names.Default(), NameEn: ref(&s.Names.En), NameAz: ref(&s.Names.Az),
		NameHy: ref(&s.Names.Hy), NameRu: ref(&s.Names.Ru), District: s.District, Country: s.Country,
		Place: placeOf(s), Population: ref(&s.Population), GeoNamesID: ref(&s.GeoNamesID),
		WikipediaURL: ref(&s.WikipediaURL), Abandoned: s.Abandoned, Lon: s.Point.Lon(), Lat: s.Point.Lat(),
		Names: s.Names, Sources: SourcesJSON{},
	}
	if per := st.Period; per.Changing {
		p.setChanging(b.ix, per)
	} else {
		b.setControl(&p, per)
	}
	return p
}

// setChanging fills the fields of a period while control is changing: no controller, the
// incoming side and the interval.
func (p *SettlementProps) setChanging(ix *geo.Index, per geo.Period) {
	p.Changing = NewChanging(ix, per)
	p.ChangingToID, p.ChangingBetween = nonZero(per.Change.Controller), nonZero(p.Changing.Date)
}

// setControl fills the fields about the controller in force during period per.
func (b *propsBuilder) setControl(p *SettlementProps, per geo.Period) {
	p.Controller, p.ControllerID = b.actor(per.Controller), b.text(per.Controller)
	p.Status, p.DisputedBy = b.text(string(per.Status)), b.actor(per.DisputedBy())
	if a := p.Controller; a != nil {
		p.ControllerName, p.ControllerColor = &a.Name, &a.Color
	}
	if a := p.DisputedBy; a != nil {
		p.DisputedByID = &a.ID
	}
	if c := per.Change; c != nil {
		b.setChange(p, c)
	}
}

// setChange fills the fields of the change in force.
func (b *propsBuilder) setChange(p *SettlementProps, c *geo.Change) {
	p.ControlledSince, p.ChangeID, p.ChangeKind = b.date(c.Date), &c.ID, b.text(string(c.Kind))
	p.Sources = b.sources(c.Sources)
	p.SourceTitles = p.Sources.column(func(s *SourceJSON) *string { return &s.Title })
	p.SourcePublishers = p.Sources.column(func(s *SourceJSON) *string { return &s.Publisher })
	p.SourceURLs = p.Sources.column(func(s *SourceJSON) *string { return &s.URL })
}

// actor is ActorRef, shared by every settlement of the actor.
func (b *propsBuilder) actor(id string) *ActorJSON {
	a, ok := b.actors[id]
	if !ok {
		a = ActorRef(b.ix, id)
		b.actors[id] = a
	}
	return a
}

// text is nonZero(s), shared by every settlement with the same s (an id, a status, a kind).
func (b *propsBuilder) text(s string) *string {
	if s == "" {
		return nil
	}
	if t, ok := b.texts[s]; ok {
		return t
	}
	t := new(s)
	b.texts[s] = t
	return t
}

// date is nonZero(d.String()), shared by every settlement with the same date.
func (b *propsBuilder) date(d geo.Date) *string {
	t, ok := b.dates[d]
	if !ok {
		t = nonZero(d.String())
		b.dates[d] = t
	}
	return t
}

// sources is NewSourcesJSON(sources), cut from the builder's slab and with the publication
// dates shared by every source of the same date.
func (b *propsBuilder) sources(sources []geo.Source) SourcesJSON {
	n := len(sources)
	if len(b.slab)+n > cap(b.slab) {
		b.slab = make([]SourceJSON, 0, max(4096, n))
	}
	out := b.slab[len(b.slab) : len(b.slab)+n : len(b.slab)+n]
	b.slab = b.slab[:len(b.slab)+n]
	for i, s := range sources {
		out[i] = SourceJSON{Title: s.Title, Publisher: s.Publisher, URL: s.URL}
		if d := b.date(s.Published); d != nil {
			out[i].Published = *d
		}
	}
	return out
}

// SourceJSON is a source as the API shows it.
type SourceJSON struct {
	Title     string `json:"title"`
	Publisher string `json:"publisher,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
}

// SourcesJSON are the sources of a change, in their order.
type SourcesJSON []SourceJSON

// NewSourcesJSON shows sources.
func NewSourcesJSON(sources []geo.Source) SourcesJSON {
	out := make(SourcesJSON, len(sources))
	for i, s := range sources {
		out[i] = SourceJSON{Title: s.Title, Publisher: s.Publisher, URL: s.URL}
		if s.Published != (geo.Date{}) {
			out[i].Published = s.Published.String()
		}
	}
	return out
}

// column is the flat column of one field of the sources: the field itself for one source,
// else their join; nil when the field is empty in every source.
func (ss SourcesJSON) column(field func(*SourceJSON) *string) *string {
	if len(ss) == 1 {
		return ref(field(&ss[0]))
	}
	return nonZero(ss.join(func(s *SourceJSON) string { return *field(s) }))
}

// join joins one field of every source with SourceSeparator, or is "" when that field is empty
// in every source.
func (ss SourcesJSON) join(field func(*SourceJSON) string) string {
	parts, some := make([]string, len(ss)), false
	for i := range ss {
		parts[i] = field(&ss[i])
		some = some || parts[i] != ""
	}
	if !some {
		return ""
	}
	return strings.Join(parts, SourceSeparator)
}

// ActorJSON is an actor as the API shows it: next to a settlement (without names) or in the
// list of actors (with them).
type ActorJSON struct {
	ID    string     `json:"id"`
	Name  string     `json:"name"`
	Names *geo.Names `json:"names,omitempty"`
	Color string     `json:"color"`
}

// ActorRef returns the actor with id as ActorJSON, or nil (JSON null) for "" or an unknown id.
func ActorRef(ix *geo.Index, id string) *ActorJSON {
	a, ok := ix.Actor(id)
	if !ok {
		return nil
	}
	return &ActorJSON{ID: a.ID, Name: a.Names.Default(), Color: a.Color}
}

// NewActorJSON shows a with its names.
func NewActorJSON(a *geo.Actor) ActorJSON {
	names := a.Names
	return ActorJSON{ID: a.ID, Name: a.Names.Default(), Names: &names, Color: a.Color}
}

// Metadata is the "metadata" member of every answer and export: the attribution and licence,
// and for a snapshot its date, its count and when its data last changed.
type Metadata struct {
	Date        string `json:"date,omitempty"`
	Attribution string `json:"attribution"`
	Licence     string `json:"licence"`
	UpdatedAt   string `json:"updated_at,omitempty"`
	Count       *int   `json:"count,omitempty"`
}

// NewMetadata is the metadata of an answer about date ("" when it is about no date).
func NewMetadata(date string) Metadata {
	return Metadata{Date: date, Attribution: Attribution(), Licence: Licence}
}

// Column is a flat column of a row type (SettlementProps, ChangeRow, SourceRow): its name, its
// type and what it holds.
type Column struct {
	Name string
	Type ColumnType
	Doc  string
	idx  int
}

// ColumnType is the type of a column's values.
type ColumnType string

// The column types, named as GeoPackage (SQLite) names them.
const (
	Text    ColumnType = "TEXT"
	Integer ColumnType = "INTEGER"
	Real    ColumnType = "REAL"
	Boolean ColumnType = "BOOLEAN"
)

// Columns are the flat columns of SettlementProps, in order: the columns of CSV, GeoPackage
// and KML snapshots.
var Columns = columnsOf[SettlementProps]()

// columnsOf lists the scalar fields of the struct T, in order.
func columnsOf[T any]() []Column {
	var out []Column
	t := reflect.TypeFor[T]()
	for i := range t.NumField() {
		f := t.Field(i)
		if typ, ok := columnType(f.Type); ok {
			out = append(out, Column{Name: f.Tag.Get("json"), Type: typ, Doc: f.Tag.Get("doc"), idx: i})
		}
	}
	return out
}

// columnType is the column type of a field's type, and false for nested fields.
func columnType(t reflect.Type) (ColumnType, bool) {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return Text, true
	case reflect.Int, reflect.Int64:
		return Integer, true
	case reflect.Float64:
		return Real, true
	case reflect.Bool:
		return Boolean, true
	}
	return "", false
}

// Value is the value of column c in row, a pointer to the struct the column is of: a string,
// int64 or float64, or nil when absent.
func (c Column) Value(row any) any {
	v := reflect.ValueOf(row).Elem().Field(c.idx)
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	switch c.Type {
	case Integer:
		return v.Int()
	case Real:
		return v.Float()
	case Boolean:
		return v.Bool()
	}
	return v.String()
}

func placeOf(s *geo.Settlement) geo.Place {
	if s.Place == "" {
		return geo.Village
	}
	return s.Place
}

// ref returns p, or nil (JSON null) when *p is the zero value.
func ref[T comparable](p *T) *T {
	var zero T
	if *p == zero {
		return nil
	}
	return p
}

// nonZero returns a pointer to v, or nil (JSON null) for the zero value.
func nonZero[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}
