package main

import (
	"os"
	"slices"

	"github.com/controlmap/controlmap/data"
)

// place is one GeoNames populated place of the twelve Karabakh-area rayons.
type place struct {
	data.GeoNamesPlace
	ID       int    // the geonameid, as the seed's other GeoNames ids (shadows GeoNamesPlace.ID)
	District string // the facts files' name of its rayon
}

// karabakhDistricts maps the GeoNames admin1 codes of Azerbaijan's twelve
// Karabakh-area rayons to the district names the facts files use.
var karabakhDistricts = map[string]string{
	"03": "Aghdam", "14": "Jabrayil", "18": "Fuzuli", "26": "Kalbajar",
	"28": "Lachin", "43": "Gubadli", "55": "Shusha", "57": "Tartar",
	"61": "Khankendi", "64": "Khojaly", "65": "Khojavend", "69": "Zangilan",
}

// karabakhFilter selects the populated places of the twelve rayons.
func karabakhFilter() data.GeoNamesFilter {
	var f data.GeoNamesFilter
	for code := range karabakhDistricts {
		f.Admin1 = append(f.Admin1, "AZ."+code)
	}
	slices.Sort(f.Admin1)
	return f
}

// readPlaces reads the populated places (feature class P) of the twelve
// rayons from the GeoNames country dump, with data.ReadGeoNames.
func readPlaces(path string) ([]place, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	all, err := data.ReadGeoNames(f, geonamesAZFile)
	if err != nil {
		return nil, err
	}
	keep := karabakhFilter()
	var out []place
	for _, p := range all {
		if keep.Keep(p) {
			out = append(out, place{GeoNamesPlace: p, ID: int(p.ID), District: karabakhDistricts[p.Admin1]})
		}
	}
	return out, nil
}

// allNames lists the name, ASCII name and alternate names.
func (p place) allNames() []string {
	return append([]string{p.Name, p.ASCIIName}, p.Alternates...)
}

// azName is the place's Azerbaijani name, else its GeoNames name. GeoNames
// often names a place of Azerbaijan by a Russian-style transliteration
// ("Agdzhakend" for Ağcakənd), which GeoNamesPlace.Names takes as the
// Azerbaijani name of an AZ place; the seed wants a name with Azerbaijani
// letters when an alternate has them, so it picks as for a place of no country.
func (p place) azName() string {
	anywhere := p.GeoNamesPlace
	anywhere.Country = ""
	return firstNonEmpty(anywhere.Names().Az, p.Name)
}
