package geo_test

import (
	"testing"

	"github.com/controlmap/controlmap/geo"
)

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Abdal-Gülablı":          "abdal-gulabli",
		"Qızıl Kəngərli":         "qizil-kengerli",
		"Mollalar (Boyahmadli)":  "mollalar-boyahmadli",
		"  Şükürbəyli  İkinci  ": "sukurbeyli-ikinci",
		"K'yatuk":                "k-yatuk",
		"K’yatuk":                "kyatuk",
		"Muğanlı":                "muganli",
		"Qozlukörpŭ":             "qozlukorpu",
		"Ağdərə":                 "agdere",
		"Çaylı Ñandú":            "cayli-nandu",
		"Žďár":                   "zdar",
		"Səfiyan Bəy-2":          "sefiyan-bey-2",
		"Āçārī":                  "acari",
	} {
		if got, err := geo.Slug(in); err != nil || got != want || !geo.ValidID(got) {
			t.Errorf("Slug(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"Շուշի", "Шуша", "Й", "Łódź", "Ærø", "", " - "} {
		if got, err := geo.Slug(bad); err == nil || geo.KindOf(err) != geo.Invalid {
			t.Errorf("Slug(%q) = %q, %v; want an Invalid error, not a guess", bad, got, err)
		}
	}
}

func TestFoldASCII(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Qozlukörpŭ", "Qozlukorpu"},
		{"Əhmədbəyli", "Ehmedbeyli"},
		{"İkinci Şıxlı", "Ikinci Sixli"},
		{"ÇÖÜĞŞ çöüğş", "COUGS cougs"},
		{"Ŭ Ğ Ñ Ê", "U G N E"},
		{"K’yatuk", "Kyatuk"},
	} {
		if got, err := geo.FoldASCII(c.in); err != nil || got != c.want {
			t.Errorf("FoldASCII(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}
