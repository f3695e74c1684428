package main

import (
	"fmt"
	"strings"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/geo"
)

// names are the four names of a settlement.
type names struct{ en, az, hy, ru string }

// bothForms are the places English- and Russian-language media commonly call
// by both their Armenian and Azerbaijani names: both are shown, the form most
// used in English-language reporting first (naming policy in REPORT.md).
var bothForms = map[int]names{
	146970:   {en: "Stepanakert / Khankendi", ru: "Степанакерт / Ханкенди"},
	587379:   {en: "Martakert / Aghdara", ru: "Мартакерт / Агдере"},
	146969:   {en: "Martuni / Khojavend", ru: "Мартуни / Ходжавенд"},
	147105:   {en: "Shusha / Shushi", ru: "Шуша / Шуши"},
	147625:   {en: "Lachin / Berdzor", ru: "Лачин / Бердзор"},
	586268:   {en: "Kalbajar / Karvachar", ru: "Кельбаджар / Карвачар"},
	11916723: {en: "Sugovushan / Madagiz", ru: "Суговушан / Мадагиз"},
	148018:   {en: "Gulabli (Abdal-Gulabli)", az: "Gülablı (Abdal-Gülablı)"},
}

// nameSettlement fills the four names: English from the policy table, the
// old seed or the Azerbaijani name without diacritics; Azerbaijani from
// GeoNames; Armenian and Russian from GeoNames' alternate names in their own
// script, else the old seed's (also checked for script), else empty.
func nameSettlement(s *settlement) {
	if s.place == nil {
		s.names = checkedScripts(s.names)
		return
	}
	gn := s.place.Names()
	n := names{az: s.place.azName(), hy: gn.Hy, ru: gn.Ru}
	n.en = asciiName(n.az, s.place.ASCIIName)
	if s.legacy != nil {
		n = withLegacy(n, s.legacy.names)
	}
	s.names = withPolicy(n, bothForms[s.GeoNamesID])
}

// withLegacy keeps the old seed's English name and its Azerbaijani, Armenian and Russian
// names where it has them in the right script (read from the places'
// Wikipedia articles; GeoNames lists alternates without telling which is
// current).
func withLegacy(n, old names) names {
	old = checkedScripts(old)
	n.en = old.en
	n.az = firstNonEmpty(old.az, n.az)
	n.hy = firstNonEmpty(old.hy, n.hy)
	n.ru = firstNonEmpty(old.ru, n.ru)
	return n
}

// withPolicy overrides names with the both-forms table.
func withPolicy(n, p names) names {
	for _, f := range []struct {
		to *string
		v  string
	}{{&n.en, p.en}, {&n.az, p.az}, {&n.hy, p.hy}, {&n.ru, p.ru}} {
		if f.v != "" {
			*f.to = f.v
		}
	}
	return n
}

// checkedScripts empties an Armenian or Russian name in the wrong script, by
// the script rules of data.GeoNamesPlace.Names.
func checkedScripts(n names) names {
	n.hy = data.GeoNamesPlace{Name: n.hy}.Names().Hy
	n.ru = data.GeoNamesPlace{Name: n.ru}.Names().Ru
	return n
}

// asciiName is the Azerbaijani name without diacritics (keeping the case of
// each letter), else GeoNames' ASCII name.
func asciiName(az, ascii string) string {
	v, err := geo.FoldASCII(az)
	if err != nil {
		return ascii
	}
	return firstNonEmpty(v, ascii)
}

// splitAbdal: "Abdal-Gülablı" is the joint municipality of two GeoNames
// villages. The old id stays with Gülablı (Vazgenashen), which the old point
// matches; Abdal (Varder) is a settlement of its own.
func splitAbdal(g *gazetteer, rep *report) {
	gulabli, abdal := g.byGN[148018], g.byGN[148646]
	if gulabli == nil || abdal == nil {
		rep.notes = append(rep.notes, "Gülablı (148018) or Abdal (148646) is missing from GeoNames: Abdal-Gülablı not split")
		return
	}
	rep.notes = append(rep.notes, fmt.Sprintf("Abdal-Gülablı is the joint municipality of two GeoNames villages: Gülablı (148018, Armenian Vazgenashen, %.5f N %.5f E) keeps the id `%s` and both names; Abdal (148646, Armenian Varder, %.5f N %.5f E) is a settlement of its own (`abdal`), with no control facts of its own.",
		gulabli.Lat, gulabli.Lon, gulabli.ID, abdal.Lat, abdal.Lon))
}

// splitNames splits a cell holding several names.
func splitNames(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '/' || r == ',' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// stripParens removes parenthesised text, nested or not.
func stripParens(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
