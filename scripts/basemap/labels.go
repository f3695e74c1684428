package main

import (
	"fmt"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// names of a label in the four languages of controlmap.
type names struct{ en, az, hy, ru string }

func (n names) props() geojson.Properties {
	return geojson.Properties{"name": n.en, "name_en": n.en, "name_az": n.az, "name_hy": n.hy, "name_ru": n.ru}
}

// rayons are the Karabakh districts, keyed by their Natural Earth admin-1 code. Natural Earth
// names AZE-1735 "L?nk?ran" (Lənkəran, a broken encoding and the wrong district): the point
// lies in Lachin, so it is named Lachin here. AZE-4838 is the city of Khankendi/Stepanakert.
// Armenian and Russian names are the usual spellings of the Azerbaijani rayon names.
var rayons = map[string]names{
	"AZE-1691": {"Aghdam", "Ağdam", "Աղդամ", "Агдам"},
	"AZE-1699": {"Jabrayil", "Cəbrayıl", "Ջաբրայիլ", "Джебраил"},
	"AZE-1702": {"Fuzuli", "Füzuli", "Ֆիզուլի", "Физули"},
	"AZE-1682": {"Kalbajar", "Kəlbəcər", "Քելբաջար", "Кельбаджар"},
	"AZE-1735": {"Lachin", "Laçın", "Լաչին", "Лачин"},
	"AZE-1736": {"Gubadli", "Qubadlı", "Կուբաթլու", "Губадлы"},
	"AZE-1737": {"Shusha", "Şuşa", "Շուշի", "Шуша"},
	"AZE-1738": {"Tartar", "Tərtər", "Թարթառ", "Тертер"},
	"AZE-4838": {"Khankendi", "Xankəndi", "Ստեփանակերտ", "Ханкенди"},
	"AZE-1739": {"Khojaly", "Xocalı", "Խոջալու", "Ходжалы"},
	"AZE-1734": {"Khojavend", "Xocavənd", "Խոջավենդ", "Ходжавенд"},
	"AZE-1740": {"Zangilan", "Zəngilan", "Զանգելան", "Зангелан"},
}

// districtLabels keeps the Natural Earth label points of the Karabakh rayons, with their names.
func districtLabels(src string) (*geojson.FeatureCollection, error) {
	in, err := read(src, "ne_10m_admin1_label_points_AZE_ARM.geojson")
	if err != nil {
		return nil, err
	}
	out := geojson.NewFeatureCollection()
	for _, f := range in.Features {
		code := f.Properties.MustString("adm1_code", "")
		n, ok := rayons[code]
		if !ok {
			continue
		}
		p := n.props()
		p["code"] = code
		out.Append(feature(f.Geometry, p))
	}
	if len(out.Features) != len(rayons) {
		return nil, fmt.Errorf("found %d of the %d Karabakh rayons", len(out.Features), len(rayons))
	}
	slices.SortFunc(out.Features, byProp("code"))
	return out, nil
}

// countryLabel is a country name placed by hand inside the Caucasus clip, where the country's
// own label point would fall outside it.
type countryLabel struct {
	iso   string
	at    orb.Point
	names names
}

var countryLabelPoints = []countryLabel{
	{"031", orb.Point{48.3, 40.45}, names{"Azerbaijan", "Azərbaycan", "Ադրբեջան", "Азербайджан"}},
	{"051", orb.Point{44.9, 40.3}, names{"Armenia", "Ermənistan", "Հայաստան", "Армения"}},
	{"268", orb.Point{44.0, 42.0}, names{"Georgia", "Gürcüstan", "Վրաստան", "Грузия"}},
	{"364", orb.Point{47.5, 38.0}, names{"Iran", "İran", "Իրան", "Иран"}},
	{"643", orb.Point{46.5, 42.3}, names{"Russia", "Rusiya", "Ռուսաստան", "Россия"}},
	{"792", orb.Point{43.3, 39.3}, names{"Turkey", "Türkiyə", "Թուրքիա", "Турция"}},
}

func countryLabels(string) (*geojson.FeatureCollection, error) {
	out := geojson.NewFeatureCollection()
	for _, c := range countryLabelPoints {
		p := c.names.props()
		p["iso"] = c.iso
		out.Append(feature(c.at, p))
	}
	return out, nil
}
