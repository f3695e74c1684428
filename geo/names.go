package geo

import "slices"

// Languages lists the languages of Names, in the order a default name is picked.
var Languages = []string{"en", "az", "ru", "hy"}

// CheckLang checks that lang is one of Languages; the error names field.
func CheckLang(field, lang string) error {
	if !slices.Contains(Languages, lang) {
		return Invalidf(field, "%q is not one of en, az, hy, ru", lang)
	}
	return nil
}

// Names are the names of a place or an actor in English, Azerbaijani, Armenian and Russian.
// Any may be empty. Names are never keys: ids are.
type Names struct {
	En string `json:"en,omitempty"`
	Az string `json:"az,omitempty"`
	Hy string `json:"hy,omitempty"`
	Ru string `json:"ru,omitempty"`
}

// In returns the name in lang ("en", "az", "hy" or "ru"), or "".
func (n Names) In(lang string) string {
	switch lang {
	case "en":
		return n.En
	case "az":
		return n.Az
	case "hy":
		return n.Hy
	case "ru":
		return n.Ru
	}
	return ""
}

// Default returns the first name present in the order of Languages.
func (n Names) Default() string {
	for _, l := range Languages {
		if s := n.In(l); s != "" {
			return s
		}
	}
	return ""
}

// Pick returns the name in lang, or the default name when there is none in lang.
func (n Names) Pick(lang string) string {
	if s := n.In(lang); s != "" {
		return s
	}
	return n.Default()
}
