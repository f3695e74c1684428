package data

import (
	"fmt"
	"html"
	"image/color"
	"io"
	"strings"

	"github.com/controlmap/controlmap/geo"
	"github.com/twpayne/go-geom"
	geomkml "github.com/twpayne/go-geom/encoding/kml"
	"github.com/twpayne/go-kml/v3"
)

// unknownColor draws the settlements whose controller is unknown.
const unknownColor = "#9e9e9e"

// WriteSnapshotKML writes the snapshot of day as KML: one placemark per settlement, drawn in
// its controller's colour, its flat columns as ExtendedData and its history (escaped HTML) as
// the description.
func WriteSnapshotKML(w io.Writer, ix *geo.Index, day geo.Day) error {
	doc := kml.Document(
		kml.Name("controlmap "+day.String()),
		kml.Description("Who controlled each settlement on "+day.String()+". "+Attribution()+" Licence: "+Licence+"."),
	)
	for _, s := range kmlStyles(ix) {
		doc.Append(s)
	}
	states, err := Snapshot(ix, day, nil)
	if err != nil {
		return err
	}
	rows := settlementRows(ix, states)
	for i, st := range states {
		history, err := Changes(ix, st.Entry)
		if err != nil {
			return err
		}
		doc.Append(kmlPlacemark(ix, st, &rows[i], history))
	}
	return kml.KML(doc).WriteIndent(w, "", "  ")
}

// kmlStyles are a shared style per actor and one for the unknown.
func kmlStyles(ix *geo.Index) []kml.Element {
	out := []kml.Element{kmlStyle("unknown", unknownColor)}
	for _, a := range ix.Actors() {
		out = append(out, kmlStyle(a.ID, a.Color))
	}
	return out
}

func kmlStyle(id, hex string) kml.Element {
	c := parseColor(hex)
	return kml.SharedStyle("controller-"+id,
		kml.IconStyle(kml.Color(c), kml.Scale(0.8),
			kml.Icon(kml.Href("https://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"))),
		kml.LabelStyle(kml.Color(c), kml.Scale(0.8)),
	)
}

// parseColor reads #rrggbb (actors are validated to it); anything else is grey.
func parseColor(hex string) color.RGBA {
	var r, g, b uint8
	if _, err := fmt.Sscanf(hex, "#%02x%02x%02x", &r, &g, &b); err != nil {
		return color.RGBA{0x9e, 0x9e, 0x9e, 0xff}
	}
	return color.RGBA{r, g, b, 0xff}
}

// kmlPlacemark is one settlement on a day, p its props.
func kmlPlacemark(ix *geo.Index, st geo.State, p *SettlementProps, history []*geo.Change) kml.Element {
	style := "unknown"
	if p.ControllerID != nil {
		style = *p.ControllerID
	}
	pt := geom.NewPointFlat(geom.XY, []float64{p.Lon, p.Lat})
	return kml.Placemark(
		kml.Name(p.Name),
		kml.Description(kmlDescription(ix, st.Entry, history, p)),
		kml.StyleURL("#controller-"+style),
		kmlExtendedData(p),
		geomkml.EncodePoint(pt),
	)
}

// kmlExtendedData holds every flat column that has a value.
func kmlExtendedData(p *SettlementProps) kml.Element {
	ed := kml.ExtendedData()
	for _, c := range Columns {
		if v := c.Value(p); v != nil {
			ed.Append(kml.Data(c.Name, kml.Value(formatValue(v))))
		}
	}
	return ed
}

// kmlDescription is an HTML summary of the settlement: its control on the day and its history,
// every value escaped.
func kmlDescription(ix *geo.Index, e *geo.Entry, history []*geo.Change, p *SettlementProps) string {
	var b strings.Builder
	if p.Controller == nil {
		b.WriteString("<p>Controller unknown.</p>")
	} else {
		fmt.Fprintf(&b, "<p>Controlled by %s since %s (%s).</p>", esc(p.Controller.Name), esc(deref(p.ControlledSince)), esc(deref(p.Status)))
	}
	b.WriteString("<ul>")
	for _, c := range history {
		b.WriteString(kmlHistoryItem(ix, e, c))
	}
	b.WriteString("</ul>")
	return b.String()
}

// kmlHistoryItem is one change as a list item with its sources.
func kmlHistoryItem(ix *geo.Index, e *geo.Entry, c *geo.Change) string {
	j := NewChangeJSON(ix, e, c)
	var b strings.Builder
	name := c.Controller
	if j.Controller != nil {
		name = j.Controller.Name
	}
	fmt.Fprintf(&b, "<li>%s: %s, %s (%s)", esc(j.Date), esc(string(j.Kind)), esc(name), esc(string(j.Status)))
	if j.Retracted != nil {
		b.WriteString(" — retracted")
	}
	for _, s := range j.Sources {
		b.WriteString("; " + sourceHTML(s))
	}
	b.WriteString("</li>")
	return b.String()
}

// sourceHTML is a source's title, linked when it has a URL, and its publisher.
func sourceHTML(s SourceJSON) string {
	out := esc(s.Title)
	if s.URL != "" {
		out = `<a href="` + esc(s.URL) + `">` + out + "</a>"
	}
	if s.Publisher != "" {
		out += ", " + esc(s.Publisher)
	}
	return out
}

func esc(s string) string { return html.EscapeString(s) }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
