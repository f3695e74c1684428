package data

import (
	"strconv"
	"strings"

	"github.com/controlmap/controlmap/geo"
)

// assignGeoNamesIDs gives each place its settlement id:
//
//   - a place already stored (same geonames id) keeps the id it has, whatever its name now;
//   - a new place gets the slug of its English name ("abdal"); when several places of the
//     import share that slug, each new one gets its district's slug as suffix
//     ("muganli-aghdam"), and the geonames id too when they also share the district
//     ("muganli-gubadli-147464");
//   - a new place never takes an id that is stored or already given: it falls back to the next,
//     longer form.
//
// So the ids of an import do not depend on the order of the dump, and never change on
// re-import.
func assignGeoNamesIDs(file string, places []GeoNamesPlace, admin1 map[string]string, stored map[int64]*geo.Settlement, ix *geo.Index) ([]string, error) {
	bases := make([]string, len(places))
	withBase, withDistrict := map[string]int{}, map[string]int{}
	for i, p := range places {
		bases[i] = baseID(p)
		withBase[bases[i]]++
		withDistrict[bases[i]+"|"+districtOf(p, admin1)]++
	}
	given := map[string]bool{}
	for _, p := range places {
		if old, ok := stored[p.ID]; ok {
			given[old.ID] = true
		}
	}
	ids := make([]string, len(places))
	for i, p := range places {
		if old, ok := stored[p.ID]; ok {
			ids[i] = old.ID
			continue
		}
		district := districtOf(p, admin1)
		id, ok := firstFree(idForms(bases[i], district, p.ID, withBase[bases[i]], withDistrict[bases[i]+"|"+district]), given, ix)
		if !ok {
			return nil, atLine(file, p.Line, "geonameid", geo.Invalidf("geonameid", "no free id for %d: %q is taken", p.ID, id))
		}
		ids[i], given[id] = id, true
	}
	return ids, nil
}

// idForms lists the ids a new place may take, the preferred first.
func idForms(base, district string, geonamesID int64, sameBase, sameDistrict int) []string {
	var forms []string
	if sameBase == 1 {
		forms = append(forms, base)
	}
	withDistrict := base
	if d, err := geo.Slug(district); err == nil {
		d = cutSlug(d, maxBaseID/2)
		withDistrict = base + "-" + d
		if sameDistrict == 1 {
			forms = append(forms, withDistrict)
		}
	}
	return append(forms, withDistrict+"-"+strconv.FormatInt(geonamesID, 10))
}

// firstFree returns the first of forms that is neither stored nor given, or the last form.
func firstFree(forms []string, given map[string]bool, ix *geo.Index) (string, bool) {
	for _, id := range forms {
		if _, stored := ix.Entry(id); !stored && !given[id] && geo.ValidID(id) {
			return id, true
		}
	}
	return forms[len(forms)-1], false
}

// maxBaseID bounds the slug part of an id, leaving room for the suffixes.
const maxBaseID = 100

// baseID is the slug of p's English name, or of its name, or "geonames" when neither has
// Latin letters; cut to maxBaseID bytes.
func baseID(p GeoNamesPlace) string {
	for _, name := range []string{p.Names().En, p.Name} {
		if s, err := geo.Slug(name); err == nil {
			return cutSlug(s, maxBaseID)
		}
	}
	return "geonames"
}

// cutSlug cuts s to at most n bytes, without a trailing hyphen.
func cutSlug(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.TrimRight(s[:n], "-")
}
