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
		"Muğanlı":                "muganli",
	} {
		if got, err := geo.Slug(in); err != nil || got != want || !geo.ValidID(got) {
			t.Errorf("Slug(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"Շուշի", "Шуша", "", " - "} {
		if got, err := geo.Slug(bad); err == nil || geo.KindOf(err) != geo.Invalid {
			t.Errorf("Slug(%q) = %q, %v; want an Invalid error, not a guess", bad, got, err)
		}
	}
}
