package tiles

import (
	"bytes"
	"encoding/json"
	"os"

	"github.com/controlmap/controlmap/geo"
)

// Sources of the style, for the web map to refer to.
const (
	BasemapSource     = "basemap"
	SettlementsSource = "settlements"
)

// Style returns the MapLibre style of the whole map on day: the basemap, and the settlements
// coloured by their controller on day (a filter on the period features' from and to), with
// URLs under origin (scheme and host, no trailing slash) and labels in lang ("en", "az", "hy" or
// "ru"; "" is "en"). Loaded alone by any MapLibre client, it draws what the web map draws.
// When Config.StylePath is set, that file is returned instead, with "{origin}" replaced.
func (s *Server) Style(origin, lang string, day geo.Day) ([]byte, error) {
	if s.cfg.StylePath != "" {
		b, err := os.ReadFile(s.cfg.StylePath)
		return bytes.ReplaceAll(b, []byte("{origin}"), []byte(origin)), err
	}
	if lang == "" {
		lang = "en"
	}
	if err := geo.CheckLang("lang", lang); err != nil {
		return nil, err
	}
	return marshalStyle(style(origin, lang, s.ix.Actors(), day))
}

// marshalStyle writes st indented, with "<" and ">" as they are: the operators of its
// expressions are for people to read.
func marshalStyle(st obj) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(st)
	return b.Bytes(), err
}

// StyleURL is the external style that /style.json redirects to, or "".
func (s *Server) StyleURL() string { return s.cfg.StyleURL }

type obj = map[string]any

// style is the basemap with the settlements on day above it.
func style(origin, lang string, actors []*geo.Actor, day geo.Day) obj {
	return obj{
		"version": 8,
		"name":    "controlmap",
		"center":  []float64{46.75, 39.8},
		"zoom":    7,
		"sources": obj{
			BasemapSource: obj{
				"type":        "vector",
				"tiles":       []string{origin + "/tiles/basemap/{z}/{x}/{y}.mvt"},
				"minzoom":     0,
				"maxzoom":     BasemapMaxZoom,
				"attribution": BasemapAttribution,
			},
			SettlementsSource: obj{
				"type": "vector",
				"url":  origin + "/tiles/settlements.json",
			},
		},
		"glyphs": origin + "/fonts/{fontstack}/{range}.pbf",
		"layers": append(styleLayers(lang), settlementLayers(actors, lang, day)...),
	}
}

// Colours of the basemap.
const (
	waterColor     = "#b7d3e6"
	noDataColor    = "#e4e2de"
	landColor      = "#f6f4ee"
	borderColor    = "#8a8580"
	oblastColor    = "#6f4b8b"
	ceasefireLine  = "#b03a2e"
	labelColor     = "#4a4a4a"
	areaLabelColor = "#7d7488"
	haloColor      = "#ffffff"
)

func styleLayers(lang string) []obj {
	return []obj{
		{"id": "background", "type": "background", "paint": obj{"background-color": waterColor}},
		fill("no-data", "extent", noDataColor, 1),
		fill("land", "countries", landColor, 1),
		line("country-boundaries", "boundaries", nil, obj{"line-color": borderColor, "line-width": 1.2}),
		fill("breakaway-area", "breakaway", ceasefireLine, 0.05),
		line("breakaway-outline", "breakaway", nil, obj{"line-color": ceasefireLine, "line-width": 0.8, "line-opacity": 0.5}),
		line("oblast-1991", "karabakh_lines", []any{"==", []any{"get", "kind"}, "oblast-1991"},
			obj{"line-color": oblastColor, "line-width": 1.4, "line-dasharray": []float64{3, 2}}),
		line("ceasefire-1994", "karabakh_lines", []any{"==", []any{"get", "kind"}, "ceasefire-1994"},
			obj{"line-color": ceasefireLine, "line-width": 1.6, "line-dasharray": []float64{5, 2, 1, 2}}),
		label("country-labels", "country_labels", lang, FontBold, 14, 3, 9),
		areaLabel(label("district-labels", "district_labels", lang, FontRegular, 11, 7, 13)),
	}
}

// areaLabel sets the label of an area apart from the settlement labels drawn above
// it: spaced letters in a lighter colour (no capitals: they would be wrong for Azerbaijani's
// dotted i), and placed only where no settlement label is.
func areaLabel(l obj) obj {
	l["layout"].(obj)["text-letter-spacing"] = 0.12
	l["paint"].(obj)["text-color"] = areaLabelColor
	return l
}

func fill(id, layer, color string, opacity float64) obj {
	return obj{"id": id, "type": "fill", "source": BasemapSource, "source-layer": layer,
		"paint": obj{"fill-color": color, "fill-opacity": opacity}}
}

func line(id, layer string, filter []any, paint obj) obj {
	l := obj{"id": id, "type": "line", "source": BasemapSource, "source-layer": layer,
		"layout": obj{"line-join": "round", "line-cap": "round"}, "paint": paint}
	if filter != nil {
		l["filter"] = filter
	}
	return l
}

// label draws the name in lang, or the default name where there is none in lang.
func label(id, layer, lang, font string, size float64, minzoom, maxzoom int) obj {
	return obj{"id": id, "type": "symbol", "source": BasemapSource, "source-layer": layer,
		"minzoom": minzoom, "maxzoom": maxzoom,
		"layout": obj{
			"text-field":     []any{"coalesce", []any{"get", "name_" + lang}, []any{"get", "name"}},
			"text-font":      []string{font},
			"text-size":      size,
			"text-max-width": 8,
		},
		"paint": obj{"text-color": labelColor, "text-halo-color": haloColor, "text-halo-width": 1.5}}
}
