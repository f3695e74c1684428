package data

import (
	"cmp"
	"encoding/xml"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/controlmap/controlmap/geo"
)

// AtomEntries is how many changes the Atom feed holds: the latest recorded or retracted.
const AtomEntries = 200

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Rights  string      `xml:"rights"`
	Author  atomAuthor  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	Title     string     `xml:"title"`
	ID        string     `xml:"id"`
	Published string     `xml:"published"`
	Updated   string     `xml:"updated"`
	Links     []atomLink `xml:"link"`
	Summary   string     `xml:"summary"`
}

// WriteChangesAtom writes the latest recorded changes as an Atom feed (RFC 4287), newest first:
// a change counts from when it was recorded, or retracted. site is the absolute URL of the
// site, without a trailing slash; each entry links to the settlement on the map and to the
// change in the API.
func WriteChangesAtom(w io.Writer, ix *geo.Index, site string) error {
	all, err := AllChanges(ix)
	if err != nil {
		return err
	}
	slices.SortFunc(all, func(a, b EntryChange) int {
		return cmp.Or(changeUpdated(b.Change).Compare(changeUpdated(a.Change)), cmp.Compare(a.Change.ID, b.Change.ID))
	})
	feed := atomFeed{
		Title: "controlmap: recorded changes of control", ID: site + "/api/changes.atom",
		Updated: atomTime(ix.UpdatedAt()), Rights: Attribution() + " Licence: " + Licence + ".",
		Author: atomAuthor{Name: "controlmap"},
		Links:  []atomLink{{Rel: "self", Type: "application/atom+xml", Href: site + "/api/changes.atom"}, {Rel: "alternate", Type: "text/html", Href: site + "/"}},
	}
	for _, ec := range all[:min(len(all), AtomEntries)] {
		feed.Entries = append(feed.Entries, newAtomEntry(ix, ec, site))
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	return enc.Encode(feed)
}

// newAtomEntry is one change, worded neutrally.
func newAtomEntry(ix *geo.Index, ec EntryChange, site string) atomEntry {
	r := NewChangeRow(ix, ec.Entry, ec.Change)
	title := r.SettlementName + ": controlled by " + deref(r.ControllerName) + " from " + r.Date + " (" + r.Kind + ", " + r.Status + ")"
	if r.RetractedAt != nil {
		title = "Retracted: " + title
	}
	page := site + "/?" + url.Values{"settlement": {r.SettlementID}, "date": {r.CountsFrom}}.Encode()
	return atomEntry{
		Title: title, ID: site + "/api/collections/changes/items/" + r.ID,
		Published: atomTime(ec.Change.RecordedAt), Updated: atomTime(changeUpdated(ec.Change)),
		Links: []atomLink{
			{Rel: "alternate", Type: "text/html", Href: page},
			{Rel: "related", Type: "application/geo+json", Href: site + "/api/collections/settlements/items/" + r.SettlementID},
		},
		Summary: atomSummary(ec.Change, r),
	}
}

// atomSummary lists the change's sources and note as plain text.
func atomSummary(c *geo.Change, r ChangeRow) string {
	var parts []string
	for _, s := range NewSourcesJSON(c.Sources) {
		fields := slices.DeleteFunc([]string{s.Title, s.Publisher, s.URL}, func(f string) bool { return f == "" })
		parts = append(parts, "Source: "+strings.Join(fields, " — "))
	}
	if r.Note != nil {
		parts = append(parts, "Note: "+*r.Note)
	}
	if r.RetractionReason != nil {
		parts = append(parts, "Retracted: "+*r.RetractionReason)
	}
	return strings.Join(parts, "\n")
}

// changeUpdated is when c was last touched: its retraction, else its recording.
func changeUpdated(c *geo.Change) time.Time {
	if c.Retracted != nil {
		return c.Retracted.At
	}
	return c.RecordedAt
}

func atomTime(t time.Time) string {
	if t.IsZero() {
		t = datasetEpoch
	}
	return t.UTC().Format(time.RFC3339)
}
