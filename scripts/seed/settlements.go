package main

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// karabakhDistricts maps the GeoNames admin1 codes of Azerbaijan's twelve
// Karabakh-area rayons to the district names the facts file uses.
var karabakhDistricts = map[string]string{
	"AZ.03": "Aghdam", "AZ.14": "Jabrayil", "AZ.18": "Fuzuli", "AZ.26": "Kalbajar",
	"AZ.28": "Lachin", "AZ.43": "Gubadli", "AZ.55": "Shusha", "AZ.56": "Shusha",
	"AZ.57": "Tartar", "AZ.61": "Khankendi", "AZ.64": "Khojaly", "AZ.65": "Khojavend",
	"AZ.69": "Zangilan",
}

// names are the four names of a settlement.
type names struct{ en, az, hy, ru string }

// townNames names the GeoNames towns that have no row in the coordinates
// file. az/hy/ru are taken from the GeoNames alternate names (checked by
// checkTownNames); en follows the Azerbaijani-based English spelling the
// coordinates file uses (Tartar, Khojavend), since the country is AZ de jure.
var townNames = map[int]names{
	148003: {"Horadiz", "Horadiz", "", "Горадиз"},
	584747: {"Vangli", "Vəngli", "Վանք", "Ванклу"},
	147969: {"Istisu", "İstisu", "Ջերմաջուր", "Истису"},
	584871: {"Tartar", "Tərtər", "Թարթառ", "Тертер"},
	147695: {"Qirmizi Bazar", "Qırmızı Bazar", "Կարմիր Շուկա", "Красный Базар"},
	146969: {"Khojavend", "Xocavənd", "Մարտունի", ""},
	147504: {"Minjivan", "Mincivan", "Միջնավան", "Миндживан"},
}

// wikiCoordsSkipped are rows of wikipedia_settlement_coords.csv that are not
// added as settlements, with the reason.
var wikiCoordsSkipped = map[string]string{
	"Abdal|Aghdam": "az.wikipedia redirects \"Abdal Gülablı\" to this article, so it may be the same settlement as abdal-gulabli (SOURCES.md calls it the neighbouring village); no facts row names it; not added to avoid a duplicate",
}

// buildSettlements makes the seed settlements and maps each facts/coords row
// key to its settlement id.
func buildSettlements(in *inputs, rep *report) ([]*settlement, map[string]string, error) {
	towns, err := karabakhTowns(in, rep)
	if err != nil {
		return nil, nil, err
	}
	villages, unseeded, err := coordsSettlements(in, towns, rep)
	if err != nil {
		return nil, nil, err
	}
	extra, err := wikiCoordsSettlements(in, villages, towns, rep)
	if err != nil {
		return nil, nil, err
	}
	all := append(sortedTowns(towns), append(villages, extra...)...)
	if err := nameTowns(in, towns); err != nil {
		return nil, nil, err
	}
	if err := assignIDs(all, unseeded); err != nil {
		return nil, nil, err
	}
	sort.Slice(all, func(i, j int) bool { return all[i].ID < all[j].ID })
	keys := map[string]string{}
	for _, s := range all {
		for _, k := range s.keys {
			keys[k] = s.ID
		}
	}
	return all, keys, nil
}

// karabakhTowns takes the GeoNames populated places of the twelve rayons.
func karabakhTowns(in *inputs, rep *report) (map[int]*settlement, error) {
	for code := range karabakhDistricts {
		if in.admin1[code] == "" {
			return nil, fmt.Errorf("%s: admin1 code %s missing", admin1File, code)
		}
	}
	towns := map[int]*settlement{}
	for _, r := range in.geonames {
		district := karabakhDistricts["AZ."+r["admin1_code"]]
		if r["country_code"] != "AZ" || district == "" || r["feature_class"] != "P" {
			continue
		}
		t, err := townFromGeoNames(r, district)
		if err != nil {
			return nil, err
		}
		towns[t.GeoNamesID] = t
		rep.townCodes = append(rep.townCodes, fmt.Sprintf("GeoNames %d %s: %s %s (%s), %s, population %d → %s",
			t.GeoNamesID, r["name"], r["feature_code"], "AZ."+r["admin1_code"], in.admin1["AZ."+r["admin1_code"]], district, t.Population, t.Place))
	}
	return towns, nil
}

// townFromGeoNames reads one GeoNames row.
func townFromGeoNames(r record, district string) (*settlement, error) {
	id, err1 := strconv.Atoi(r["geonameid"])
	pop, err2 := strconv.Atoi(r["population"])
	lat, err3 := strconv.ParseFloat(r["latitude"], 64)
	lon, err4 := strconv.ParseFloat(r["longitude"], 64)
	for _, err := range []error{err1, err2, err3, err4} {
		if err != nil {
			return nil, fmt.Errorf("%s: row %s: %w", geonamesFile, r["geonameid"], err)
		}
	}
	return &settlement{
		District: district, Country: "AZ", Lon: lon, Lat: lat, Population: pop, GeoNamesID: id,
		Place: townPlace(r["feature_code"], pop), Origin: originGeoNames, town: true,
		alternates: r["name"] + "," + r["alternatenames"],
	}, nil
}

// townPlace ranks a GeoNames place: city from 10 000 inhabitants; town when it
// is an administrative seat (PPLA, PPLA2) or has 1 500 or more; otherwise
// village (this also covers PPLQ, abandoned places).
func townPlace(code string, pop int) string {
	switch {
	case pop >= 10000:
		return "city"
	case code == "PPLA" || code == "PPLA2" || pop >= 1500:
		return "town"
	}
	return "village"
}

// coordsSettlements reads karabakh_settlement_coords.csv: town rows join
// their GeoNames town, villages with a point become settlements, the rest is
// reported. It also returns the rows left out, for slug collisions.
func coordsSettlements(in *inputs, towns map[int]*settlement, rep *report) ([]*settlement, []record, error) {
	var villages []*settlement
	var unseeded []record
	for _, r := range in.coords {
		switch scope, isDistrict := districtRows[r["settlement"]]; {
		case r["district"] == "(multiple)" || isDistrict && scope.City == 0:
			rep.districtLevel = append(rep.districtLevel, fmt.Sprintf("%s (%s)", r["settlement"], r["district"]))
		case r["geonames_id"] != "":
			if err := joinTown(r, towns); err != nil {
				return nil, nil, err
			}
		case r["lat"] == "" || r["lon"] == "":
			unseeded = append(unseeded, r)
			rep.leftOut = append(rep.leftOut, fmt.Sprintf("%s (%s)", r["settlement"], r["district"]))
		default:
			v, err := villageFromCoords(r)
			if err != nil {
				return nil, nil, err
			}
			villages = append(villages, v)
		}
	}
	return villages, unseeded, nil
}

// joinTown attaches a coordinates row to its GeoNames town. The first plain
// town row (note "town; …" or "city; …") names the town.
func joinTown(r record, towns map[int]*settlement) error {
	id, err := strconv.Atoi(r["geonames_id"])
	if err != nil {
		return fmt.Errorf("%s: %s: %w", coordsFile, r["settlement"], err)
	}
	t := towns[id]
	if t == nil {
		return fmt.Errorf("%s: %s: GeoNames %d is not a town of the twelve districts", coordsFile, r["settlement"], id)
	}
	if t.District != r["district"] {
		return fmt.Errorf("%s: %s: district %s, GeoNames says %s", coordsFile, r["settlement"], r["district"], t.District)
	}
	t.keys = append(t.keys, rowKey(r))
	plain := strings.HasPrefix(r["note"], "town;") || strings.HasPrefix(r["note"], "city;")
	if t.NameEN == "" || plain && !t.namedByPlainRow {
		setNames(t, rowNames(r))
		t.namedByPlainRow = plain
	}
	return nil
}

// villageFromCoords makes a village from a coordinates row with a point.
func villageFromCoords(r record) (*settlement, error) {
	lat, err1 := strconv.ParseFloat(r["lat"], 64)
	lon, err2 := strconv.ParseFloat(r["lon"], 64)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("%s: %s: bad point %s,%s", coordsFile, r["settlement"], r["lat"], r["lon"])
	}
	v := &settlement{
		District: r["district"], Country: "AZ", Lon: lon, Lat: lat, Place: "village",
		WikipediaURL: wikipediaURL(r["source_title"], r["source_url"]), Origin: originCoords,
		keys: []string{rowKey(r)}, azAlias: cleanAZ(r["name_az"]),
	}
	setNames(v, rowNames(r))
	return v, nil
}

// rowNames cleans the four names of a coordinates row.
func rowNames(r record) names {
	n := names{
		en: cleanEN(r["name_en"]),
		az: cleanAZ(r["name_az"]),
		hy: cleanScript(r["name_hy"], unicode.Armenian),
		ru: cleanScript(r["name_ru"], unicode.Cyrillic),
	}
	if v, ok := enNameOverrides[r["settlement"]]; ok {
		n.en = v
	}
	if v, ok := azNameOverrides[r["settlement"]]; ok {
		n.az = v
	}
	return n
}

// setNames copies names into a settlement.
func setNames(s *settlement, n names) {
	s.NameEN, s.NameAZ, s.NameHY, s.NameRU = n.en, n.az, n.hy, n.ru
}

// wikiCoordsSettlements adds the rows of wikipedia_settlement_coords.csv that
// name a settlement not already in the seed (matched on Azerbaijani name and
// district).
func wikiCoordsSettlements(in *inputs, villages []*settlement, towns map[int]*settlement, rep *report) ([]*settlement, error) {
	known := map[string]bool{}
	for _, s := range villages {
		known[s.NameAZ+"|"+s.District] = true
		known[s.azAlias+"|"+s.District] = true
	}
	for _, t := range towns {
		known[t.NameAZ+"|"+t.District] = true
	}
	var out []*settlement
	for _, r := range in.wikiCoords {
		key := cleanAZ(r["name_az"]) + "|" + r["district"]
		if reason, ok := wikiCoordsSkipped[key]; ok {
			rep.notAdded = append(rep.notAdded, fmt.Sprintf("%s (%s), %s: %s", r["name_az"], r["district"], wikiCoordsFile, reason))
			continue
		}
		if known[key] {
			continue
		}
		s, err := villageFromWikiCoords(r)
		if err != nil {
			return nil, err
		}
		known[key] = true
		out = append(out, s)
	}
	return out, nil
}

// villageFromWikiCoords makes a village from a hand-collected Wikipedia row.
func villageFromWikiCoords(r record) (*settlement, error) {
	lat, err1 := strconv.ParseFloat(r["lat"], 64)
	lon, err2 := strconv.ParseFloat(r["lon"], 64)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("%s: %s: bad point", wikiCoordsFile, r["name_az"])
	}
	en := ""
	for _, n := range splitNames(r["names_other"]) {
		if isASCII(n) {
			en = n
			break
		}
	}
	v := &settlement{
		District: r["district"], Country: "AZ", Lon: lon, Lat: lat, Place: "village",
		WikipediaURL: wikipediaURL(r["source_title"], r["source_url"]), Origin: originWikiCoords,
		keys: []string{r["name_az"] + "|" + r["district"]},
	}
	setNames(v, names{en: en, az: cleanAZ(r["name_az"]), hy: cleanScript(r["name_hy"], unicode.Armenian)})
	return v, nil
}

// nameTowns names the GeoNames towns without a coordinates row from townNames,
// checking those names against the GeoNames alternate names.
func nameTowns(in *inputs, towns map[int]*settlement) error {
	for id, t := range towns {
		if t.NameEN != "" {
			continue
		}
		n, ok := townNames[id]
		if !ok {
			return fmt.Errorf("GeoNames town %d (%s) has no coordinates row and no entry in townNames", id, t.District)
		}
		if err := checkTownNames(t, n); err != nil {
			return err
		}
		setNames(t, n)
	}
	return nil
}

// checkTownNames makes sure the az/hy/ru names come from GeoNames.
func checkTownNames(t *settlement, n names) error {
	alts := map[string]bool{}
	for _, a := range strings.Split(t.alternates, ",") {
		alts[a] = true
	}
	for _, name := range []string{n.az, n.hy, n.ru} {
		if name != "" && !alts[name] {
			return fmt.Errorf("townNames[%d]: %q is not a GeoNames name of the place", t.GeoNamesID, name)
		}
	}
	return nil
}

// sortedTowns lists the towns by GeoNames id.
func sortedTowns(towns map[int]*settlement) []*settlement {
	var out []*settlement
	for _, t := range towns {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].GeoNamesID < out[j].GeoNamesID })
	return out
}

// wikipediaURL is the article URL of a Wikipedia-sourced row: the row's own
// wikipedia.org URL (mobile host made plain), or one a proxy URL carries in
// its query, or else the mirror URL the value was read from. "" when the
// source is not Wikipedia.
func wikipediaURL(title, raw string) string {
	u, err := url.Parse(raw)
	if err != nil || !isWikiTitle(title) && !isWikipediaHost(u.Host) {
		return ""
	}
	if isWikipediaHost(u.Host) {
		u.Host = strings.Replace(u.Host, ".m.wikipedia.org", ".wikipedia.org", 1)
		return u.String()
	}
	for _, vs := range u.Query() {
		for _, v := range vs {
			if inner, err := url.Parse(v); err == nil && isWikipediaHost(inner.Host) {
				inner.Host = strings.Replace(inner.Host, ".m.wikipedia.org", ".wikipedia.org", 1)
				return inner.String()
			}
		}
	}
	return raw
}

// isWikiTitle reports whether a source title names Wikipedia or a copy of it
// (English "Wikipedia", Azerbaijani "Vikipediya", French "Wikipédia").
func isWikiTitle(title string) bool {
	t := strings.ToLower(title)
	return strings.Contains(t, "wiki") || strings.Contains(t, "vikipedi")
}

// isWikipediaHost reports whether host is a wikipedia.org site.
func isWikipediaHost(host string) bool {
	return strings.HasSuffix(host, ".wikipedia.org")
}

// assignIDs gives every settlement a slug of its English name. A village whose
// name also names a place in another district (seeded or not) gets the
// district as suffix (kurdlar-fuzuli), so that its id stays stable when the
// other place is added; GeoNames towns keep the bare name.
func assignIDs(all []*settlement, unseeded []record) error {
	districts := map[string]map[string]bool{}
	note := func(base, district string) {
		if districts[base] == nil {
			districts[base] = map[string]bool{}
		}
		districts[base][district] = true
	}
	for _, s := range all {
		base, err := slug(s.NameEN)
		if err != nil {
			return err
		}
		note(base, s.District)
	}
	for _, r := range unseeded {
		if base, err := slug(cleanEN(r["name_en"])); err == nil {
			note(base, r["district"])
		}
	}
	return setIDs(all, districts)
}

// setIDs writes the ids and fails on a duplicate.
func setIDs(all []*settlement, districts map[string]map[string]bool) error {
	seen := map[string]*settlement{}
	for _, s := range all {
		base, _ := slug(s.NameEN)
		s.ID = base
		if !s.town && len(districts[base]) > 1 {
			s.ID = base + "-" + mustSlug(s.District)
		}
		if other := seen[s.ID]; other != nil {
			return fmt.Errorf("duplicate settlement id %q: %s (%s) and %s (%s)", s.ID, other.NameEN, other.District, s.NameEN, s.District)
		}
		seen[s.ID] = s
	}
	return nil
}

// mustSlug is slug for ASCII names known to be valid.
func mustSlug(s string) string {
	v, err := slug(s)
	if err != nil {
		panic(err)
	}
	return v
}
