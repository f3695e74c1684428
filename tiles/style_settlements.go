package tiles

import "github.com/controlmap/controlmap/geo"

// Layers of the style that draw the settlements, above the basemap.
const (
	SettlementsLayerID      = "settlements"
	SettlementLabelsLayerID = "settlement-labels"
)

// UnknownColor fills a settlement whose controller is unknown (or an actor without a colour).
const UnknownColor = "#9e9e9e"

// Property reads of the period features that the date decides. The web map draws the same
// layers with feature state in their place (web/static/js/map.js), so that a step of its
// slider re-lays no tile out; its browser test checks that both agree.
var (
	getController = []any{"get", "controller"}
	getNext       = []any{"get", "next"}
	getPrevious   = []any{"get", "previous"}
	// getState is "changing" while an interval change has not counted yet, else the status.
	getState = []any{"case", []any{"get", "changing"}, "changing", []any{"get", "status"}}
	getRank  = []any{"get", "rank"}
	// getAbandoned is the place's own: the web map reads it from the features too.
	getAbandoned = []any{"coalesce", []any{"get", "abandoned"}, false}
)

// dayFilter keeps the period features valid on day d: from <= d < to.
func dayFilter(d geo.Day) []any {
	return []any{"all", []any{"<=", []any{"get", "from"}, int(d)}, []any{">", []any{"get", "to"}, int(d)}}
}

// settlementLayers draws the settlements on day: a dot coloured by its controller, and its
// name in lang by rank.
func settlementLayers(actors []*geo.Actor, lang string, day geo.Day) []obj {
	base := obj{"source": SettlementsSource, "source-layer": SettlementsLayer, "filter": dayFilter(day)}
	dots := obj{"id": SettlementsLayerID, "type": "circle", "paint": dotPaint(actors)}
	labels := obj{"id": SettlementLabelsLayerID, "type": "symbol", "minzoom": CityNameZoom,
		"layout": settlementLabelLayout(lang), "paint": settlementLabelPaint()}
	for k, v := range base {
		dots[k], labels[k] = v, v
	}
	return []obj{dots, labels}
}

// AbandonedRing rings the dot of an abandoned place.
const AbandonedRing = "#8a8a8a"

// dotPaint colours a dot by its controller. Claimed: a white fill ringed in the controller's
// colour. Disputed: a dark ring. Changing (an interval change under way): the outgoing side's
// colour, faded, ringed in the incoming side's, so that a place whose day of change is unknown
// is not drawn as already taken. An abandoned place otherwise: a faint fill with a grey ring.
func dotPaint(actors []*geo.Actor) obj {
	color, next, previous := actorColor(actors, getController), actorColor(actors, getNext), actorColor(actors, getPrevious)
	is := func(s string) []any { return []any{"==", getState, s} }
	return obj{
		"circle-radius":       dotRadius(0),
		"circle-color":        []any{"case", is("claimed"), "#ffffff", is("changing"), previous, color},
		"circle-opacity":      []any{"case", is("claimed"), 0.7, is("changing"), 0.6, getAbandoned, 0.25, 1},
		"circle-stroke-color": []any{"case", is("claimed"), color, is("disputed"), "#111111", is("changing"), next, getAbandoned, AbandonedRing, "#ffffff"},
		"circle-stroke-width": []any{"case", is("claimed"), 2.5, is("disputed"), 2.5, is("changing"), 1.5, getAbandoned, 2, 1},
	}
}

// actorColor is the colour of the actor whose id is read by get, UnknownColor for no actor.
func actorColor(actors []*geo.Actor, get []any) any {
	if len(actors) == 0 {
		return UnknownColor
	}
	m := []any{"match", []any{"coalesce", get, ""}}
	for _, a := range actors {
		m = append(m, a.ID, a.Color)
	}
	return append(m, UnknownColor)
}

// dotRadius grows with zoom and rank, villages staying small over the whole region; extra
// pixels make the rings drawn around a settlement.
func dotRadius(extra float64) []any {
	r := func(a, b float64) []any { return []any{"+", a + extra, []any{"*", b, getRank}} }
	return []any{"interpolate", []any{"linear"}, []any{"zoom"}, 6, r(0.5, 1), 10, r(2, 1.5), 14, r(5, 2)}
}

// settlementLabelLayout names the settlements in lang, or by their default name, from the zoom
// their tiles carry names at: cities from CityNameZoom (a phone's view of the region), towns
// from TownNameZoom (a desktop's view), villages from VillageNameZoom. Whole zooms: MapLibre
// lays a tile's labels out at the tile's zoom. Labels never overlap: where two collide, the higher rank is placed
// (symbol-sort-key) and the other left out, its dot still drawn.
func settlementLabelLayout(lang string) obj {
	return obj{
		"text-field": labelByZoom(lang),
		"text-font":  []string{FontRegular},
		"text-size": []any{"interpolate", []any{"linear"}, []any{"zoom"},
			8, []any{"+", 9, getRank}, 12, []any{"+", 10, []any{"*", 1.5, getRank}}},
		"text-variable-anchor": []string{"top", "bottom", "left", "right"},
		"text-radial-offset":   1.2,
		"text-padding":         6,
		"text-max-width":       9,
		"symbol-sort-key":      []any{"-", 0, getRank},
	}
}

// labelByZoom is the name in lang of the settlements labelled at the zoom, "" for the others.
func labelByZoom(lang string) []any {
	name := []any{"coalesce", []any{"get", "name_" + lang}, []any{"get", "name"}}
	from := func(rank int) []any { return []any{"case", []any{">=", getRank, rank}, name, ""} }
	return []any{"step", []any{"zoom"}, from(3), TownNameZoom, from(2), VillageNameZoom, name}
}

func settlementLabelPaint() obj {
	return obj{
		"text-color":      []any{"case", []any{">=", getRank, 2}, "#111", "#333"},
		"text-halo-color": "#fff",
		"text-halo-width": 1.4,
	}
}
