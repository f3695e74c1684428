package main

import (
	"fmt"
	"regexp"
	"strings"
)

// fact is one row of a facts file, with actor ids and a status.
type fact struct {
	file, line                 string
	settlement, district, date string
	from, to, kind, status     string
	gn                         int
	src                        source
	public, curation           string
}

// where names a fact's row for the report.
func (f fact) where() string { return f.file + ":" + f.line }

// actorIDs maps the from/to values of the facts files to actor ids.
var actorIDs = map[string]string{
	"Azerbaijan":              azerbaijan,
	"Armenian/Artsakh forces": armenian,
	"Russian peacekeepers":    russian,
}

// knownErrors are facts rows that the issue or a better source shows wrong,
// keyed by file, settlement value and date; they are left out with the reason.
var knownErrors = map[string]string{
	factsFile + "|Zangilan (Zəngilan) district|1993-10-30": "Zangilan was taken on 29 Oct 1993 (virtualkarabakh.az row of the second facts file and research); 30 Oct is an anniversary-post date",
	factsFile + "|Khojaly (Xocalı)|1992-02-26":             "source is a football club's web page (gabalafc.az); replaced by the neutral sources of facts-extra.csv",
	facts2File + "|Talış (Talish)|2016-04-02":              "a brief capture of the evacuated village in the April 2016 clashes, which the same source says Armenian forces reversed before the clashes ended; the day it was reversed is not in the data, so applying it would show Azerbaijani control from 2016 to 2020",
}

// loadFacts reads the three facts files into facts.
func loadFacts(in *inputs, srcs *sourceBook, rep *report) ([]fact, error) {
	var out []fact
	for _, table := range [][]record{in.facts, in.facts2, in.factsExtra} {
		for _, r := range table {
			f, err := newFact(r, srcs)
			if err != nil {
				return nil, err
			}
			if reason, bad := knownErrors[r["#file"]+"|"+r["settlement"]+"|"+r["date"]]; bad {
				rep.dropped = append(rep.dropped, fmt.Sprintf("%s %s %s: %s", f.where(), f.settlement, f.date, reason))
				continue
			}
			out = append(out, f)
		}
	}
	return out, nil
}

// newFact reads one row.
func newFact(r record, srcs *sourceBook) (fact, error) {
	f := fact{
		file: r["#file"], line: r["#line"], settlement: r["settlement"], district: r["district"],
		date: r["date"], from: actorIDs[r["from"]], to: actorIDs[r["to"]], kind: r["kind"],
		public: r["public_note"], curation: joinNotes(r["note"], r["curation_note"]),
	}
	if f.from == "" || f.to == "" {
		return f, fmt.Errorf("%s: unknown actor %q/%q", f.where(), r["from"], r["to"])
	}
	if _, err := countsDay(f.date); err != nil {
		return f, fmt.Errorf("%s: %w", f.where(), err)
	}
	f.status = factStatus(r)
	f.gn, _ = atoiOrZero(r["geonames_id"])
	f.src = srcs.source(r)
	return f, nil
}

// factStatus is the row's status, or: claimed for claims, disputed for
// counter-claims and rows marked UNCERTAIN, else confirmed.
func factStatus(r record) string {
	switch {
	case r["status"] != "":
		return r["status"]
	case r["kind"] == "claim":
		return "claimed"
	case r["kind"] == "counter-claim", strings.Contains(r["note"], "UNCERTAIN"):
		return "disputed"
	}
	return "confirmed"
}

// joinNotes joins two note texts.
func joinNotes(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return strings.TrimRight(a, ". ") + ". " + b
}

// loaded lists one side's vocabulary and the neutral words used instead.
var loaded = []struct{ re, with string }{
	{`\b([Ll])iberated\b`, "taken"},
	{`\b([Ll])iberation\b`, "capture"},
	{`\b([Ll])iberates\b`, "takes"},
	{`\b([Oo])ccupied\b`, "taken"},
	{`\b([Oo])ccupation\b`, "capture"},
}

// neutral rewrites loaded words outside double quotes, so that notes say
// "capture"/"taken" in our own words while quotations stay as written.
func neutral(s string) string {
	parts := strings.Split(s, `"`)
	for i := 0; i < len(parts); i += 2 {
		for _, l := range loaded {
			parts[i] = regexp.MustCompile(l.re).ReplaceAllString(parts[i], l.with)
		}
	}
	return strings.Join(parts, `"`)
}
