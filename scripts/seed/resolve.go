package main

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// Events: facts rows about a district or the whole area rather than one
// settlement. facts-extra.csv names them "event:<id>".
const (
	ceasefire1994 = "ceasefire-1994"
	statement2020 = "statement-2020-11-10"
	offensive2023 = "offensive-2023"
	corridor2022  = "handover-2022:Lachin corridor"
	modMap2020    = "armenian-mod-map-2020-10-25" // Armenian MoD map of the south-east
	kashatagh2020 = "kashatagh-2020"              // Artsakh's Kashatagh region: Lachin, Gubadli, Zangilan
)

// corridorTowns are the Lachin corridor settlements the sources name:
// Lachin town, Zabux and Sus (GeoNames ids).
var corridorTowns = []int{147625, 146908, 147106}

// captureEvent and handoverEvent name a district's events.
func captureEvent(district string) string  { return "district-capture:" + district }
func handoverEvent(district string) string { return "handover:" + district }

// eventRows maps a row's settlement value (with "|date" where one value
// names several events) to its event.
var eventRows = map[string]string{
	"Lachin (Laçın) city and district":                                 captureEvent("Lachin"),
	"Fuzuli (Füzuli) city and 58 villages":                             captureEvent("Fuzuli"),
	"Gubadli (Qubadlı) city and district":                              captureEvent("Gubadli"),
	"Aghdam (Ağdam) city":                                              captureEvent("Aghdam"),
	"Kalbajar District (whole)":                                        captureEvent("Kalbajar"),
	"Jabrayil (Cəbrayıl) district":                                     captureEvent("Jabrayil"),
	"Zangilan (Zəngilan) district":                                     captureEvent("Zangilan"),
	"Line of contact (whole conflict zone)":                            ceasefire1994,
	"Front line of 10 Nov 2020 (areas taken by Azerbaijan in the war)": statement2020,
	"Aghdam District (Armenian-held part)":                             statement2020,
	"Kalbajar District|2020-11-10":                                     statement2020,
	"Lachin District|2020-11-10":                                       statement2020,
	"Aghdam District (Armenian-held part, incl. Aghdam city)":          handoverEvent("Aghdam"),
	"Kalbajar District|2020-11-25":                                     handoverEvent("Kalbajar"),
	"Lachin District (except Lachin corridor area)":                    handoverEvent("Lachin"),
	"Remaining Artsakh-held area (Nagorno-Karabakh)":                   offensive2023,
}

// eventTowns are event rows that also name a town, which takes the row as
// its own fact.
var eventTowns = map[string]int{
	"Lachin (Laçın) city and district":                        147625,
	"Fuzuli (Füzuli) city and 58 villages":                    148106,
	"Gubadli (Qubadlı) city and district":                     147305,
	"Aghdam (Ağdam) city":                                     148619,
	"Aghdam District (Armenian-held part, incl. Aghdam city)": 148619,
}

// placeRows map settlement values of the second facts file, which has no
// coordinates file, to GeoNames ids (checked by name in the tests).
var placeRows = map[string][]int{
	"Aghdara (Ağdərə/Martakert)":                                     {587379},
	"Talış (Talish)":                                                 {584885},
	"Horadiz (Horadiz)":                                              {148003},
	"Horadiz (Goradiz)":                                              {148003},
	"Horadiz village":                                                {388737},
	"Şükürbəyli (Shukyurbeyli)":                                      {147167},
	"Kərimbəyli (Kerimbeyli)":                                        {147843},
	"Aşağı Yağlıvənd (Ashagi Yaglivend)":                             {148458}, // GeoNames alternates Aşağı Yağləvənd, Ashagy Yaglevend
	"Askeran (Əsgəran)":                                              {148450},
	"Khojavend (Xocavənd/Martuni) town":                              {146969},
	"Khankendi (Xankəndi/Stepanakert)":                               {146970},
	"Tartar (Tərtər) city":                                           {584871},
	"Malıbəyli and Quşçular (Malibeyli, Gushchular)":                 {147573},
	"Shusha (Şuşa/Shushi)":                                           {147105},
	"Qaraxanbəyli (Garakhanbeyli)":                                   {147904},
	"Qərvənd (Garvend)":                                              {147873},
	"Yuxarı Əbdürrəhmanlı (Yukhari Abdurrahmanli)":                   {146944},
	"Böyük Mərcanlı (Boyuk Marjanli)":                                {148345},
	"Nüzgar (Nuzgar)":                                                {147388},
	"Sugovushan (Madagiz/Mataghis)":                                  {11916723},
	"Jabrayil (Cəbrayıl/Jrakan) city":                                {148141},
	"Hadrut":                                                         {148105},
	"Zangilan (Zəngilan/Kovsakan) city":                              {146901},
	"Gubadli (Qubadlı/Kashunik) city":                                {147305},
	"Fuzuli (Füzuli/Varanda) city":                                   {148106},
	"Köhnə Tağlar (Hin Tagher)":                                      {147782},
	"Çaylaqqala (Khtsaberd)":                                         {147757},
	"Fərrux (Parukh/Farukh)":                                         {824370},
	"Lachin (Laçın/Berdzor) town":                                    {147625},
	"Lachin (Laçın/Berdzor) town, Zabux (Aghavno), Sus":              {147625, 146908, 147106},
	"Lachin (Laçın/Berdzor) town, Zabux (Aghavno), Sus (Nerkin Sus)": {147625, 146908, 147106},
	"Lachin corridor (Zabukh road section)":                          {146908},
	"Qırmızı Bazar (Karmir Shuka)":                                   {147695},
	"Vəng (Vank, by Dadivank monastery)":                             {585933}, // GeoNames Khotovang: alternates Vəng, Vank, Dadivank
	"Six villages in Fuzuli and Jabrayil claimed on 27 Sep":          {147904, 147873, 388737, 146944, 148345, 147388},
}

// groupRows are rows naming several villages near a reference point; each
// name is matched to the nearest GeoNames place of that name within groupKm.
var groupRows = map[string]struct {
	near  orb.Point
	names []string
}{
	"Çaylı, Yuxarı Güzlək, Gorazıllı, Qışlaq, Qaracallı, Əfəndilər, Süleymanlı, Sur (Hadrut area villages)": {
		orb.Point{47.0319, 39.5200}, []string{"Çaylı", "Yuxarı Güzlək", "Gorazıllı", "Qışlaq", "Qaracallı", "Əfəndilər", "Süleymanlı", "Sur"}},
	"Şəhər, Civanlı, Azıx (Sheher, Jivanik, Azokh) north of Hadrut": {
		orb.Point{47.0319, 39.5200}, []string{"Şəhər", "Civanlı", "Azıx"}},
}

// groupKm bounds the group-row name matches.
const groupKm = 15.0

// resolver maps facts rows to settlements.
type resolver struct {
	g       *gazetteer
	byKey   map[string][]*settlement // coordinates and missing-village rows, by settlement|district
	how     []string                 // decisions, for the report
	unknown []string                 // rows that name no seed settlement
}

// newResolver indexes the coordinates and missing-village rows.
func newResolver(g *gazetteer, in *inputs) *resolver {
	r := &resolver{g: g, byKey: map[string][]*settlement{}}
	for _, row := range in.coords {
		if s := r.coordsRow(row); s != nil {
			r.byKey[row["settlement"]+"|"+row["district"]] = []*settlement{s}
		}
	}
	for _, row := range in.missing {
		if s := r.missingRow(row); s != nil {
			r.byKey[row["name"]+"|"+row["district"]] = []*settlement{s}
		}
	}
	return r
}

// coordsRow finds the settlement of a coordinates row: by its GeoNames id,
// else by name near its point, else the old village kept at that point.
func (r *resolver) coordsRow(row record) *settlement {
	if id, err := strconv.Atoi(row["geonames_id"]); err == nil {
		return r.g.byGN[id]
	}
	pt, ok := rowPoint(row)
	if !ok {
		return nil
	}
	names := splitNames(stripParens(strings.Join([]string{row["name_az"], row["name_en"], row["name_ru"], row["name_hy"], row["settlement"]}, ";")))
	if p, km := nearestNamed(r.g.places, pt, names); p != nil {
		r.how = append(r.how, fmt.Sprintf("%s:%s %q → GeoNames %d %s (%s), %.2f km: shared name, nearest", coordsFile, row["#line"], row["settlement"], p.ID, p.azName(), p.District, km))
		return r.g.byGN[p.ID]
	}
	for _, s := range r.g.list {
		if s.legacy != nil && s.legacy.point() == pt || s.place == nil && s.point() == pt {
			r.how = append(r.how, fmt.Sprintf("%s:%s %q → `%s`: the old seed settlement at this point", coordsFile, row["#line"], row["settlement"], s.ID))
			return s
		}
	}
	r.how = append(r.how, fmt.Sprintf("%s:%s %q: no settlement matches", coordsFile, row["#line"], row["settlement"]))
	return nil
}

// missingRow finds the settlement of a missing-village row.
func (r *resolver) missingRow(row record) *settlement {
	if s := r.g.byGN[rowGeoNamesID(row["source_url"])]; s != nil {
		return s
	}
	pt, ok := rowPoint(row)
	if !ok {
		return nil
	}
	if p, _ := nearestNamed(r.g.places, pt, splitNames(stripParens(row["name"]))); p != nil {
		return r.g.byGN[p.ID]
	}
	return nil
}

// eventOf returns the event a fact speaks for, or "".
func eventOf(f fact) string {
	if id, ok := strings.CutPrefix(f.settlement, "event:"); ok {
		return id
	}
	if ev, ok := eventRows[f.settlement+"|"+f.date]; ok {
		return ev
	}
	return eventRows[f.settlement]
}

// targets returns the settlements a fact is about (its own facts).
func (r *resolver) targets(f fact) []*settlement {
	switch {
	case eventTowns[f.settlement] != 0:
		return r.ids(eventTowns[f.settlement])
	case eventOf(f) != "":
		return nil
	case f.gn != 0:
		return r.ids(f.gn)
	case placeRows[f.settlement] != nil:
		return r.ids(placeRows[f.settlement]...)
	}
	if grp, ok := groupRows[f.settlement]; ok {
		return r.group(f, grp.near, grp.names)
	}
	return r.byKey[f.settlement+"|"+f.district]
}

// ids returns the settlements of GeoNames ids.
func (r *resolver) ids(ids ...int) []*settlement {
	var out []*settlement
	for _, id := range ids {
		if s := r.g.byGN[id]; s != nil {
			out = append(out, s)
		}
	}
	return out
}

// group matches each name of a group row near its reference point.
func (r *resolver) group(f fact, near orb.Point, names []string) []*settlement {
	var out []*settlement
	for _, n := range names {
		p, km := nearestNamedWithin(r.g.places, near, []string{n}, groupKm)
		if p == nil || km > groupKm {
			r.how = append(r.how, fmt.Sprintf("%s: %q has no GeoNames place of that name within %.0f km: left out", f.where(), n, groupKm))
			continue
		}
		r.how = append(r.how, fmt.Sprintf("%s: %q → GeoNames %d (%s), %.1f km from the reference point", f.where(), n, p.ID, p.District, km))
		out = append(out, r.g.byGN[p.ID])
	}
	return out
}

// split sorts the facts into each settlement's own facts and each event's rows.
func (r *resolver) split(facts []fact) (map[string][]fact, map[string][]fact) {
	own, events := map[string][]fact{}, map[string][]fact{}
	for _, f := range facts {
		if ev := eventOf(f); ev != "" {
			events[ev] = append(events[ev], f)
		}
		ts := r.targets(f)
		for _, s := range ts {
			own[s.ID] = append(own[s.ID], f)
		}
		if isCorridor2022(f, ts) {
			events[corridor2022] = append(events[corridor2022], f)
		}
		if len(ts) == 0 && eventOf(f) == "" {
			r.unknown = append(r.unknown, fmt.Sprintf("%s %s (%s) %s %s", f.where(), f.settlement, f.district, f.date, f.kind))
		}
	}
	sort.Strings(r.unknown)
	return own, events
}

// isCorridor2022 reports a 2022 handover row of a corridor town.
func isCorridor2022(f fact, ts []*settlement) bool {
	if f.kind != "handover" || !strings.HasPrefix(f.date, "2022-08") {
		return false
	}
	for _, s := range ts {
		if slices.Contains(corridorTowns, s.GeoNamesID) {
			return true
		}
	}
	return false
}
