package main

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
)

// report collects what the generator decided, for REPORT.md.
type report struct {
	townCodes     []string // GeoNames towns taken, with their admin1 code
	districtLevel []string // coordinates rows that are districts or areas
	leftOut       []string // settlements without a coordinate
	notAdded      []string // rows with a point not made settlements
	unusedFacts   []string // facts rows about settlements left out
	events        map[string]*eventReport
	eventOrder    []string
	dropped       []string // district captures removed by dropOpenCaptures
}

// eventReport is what one district-level row did.
type eventReport struct {
	label      string
	applied    []string
	skipped    []string
	skippedRow string
}

func newReport() *report {
	return &report{events: map[string]*eventReport{}}
}

// event returns the report entry of a district-level row.
func (r *report) event(row record) *eventReport {
	label := eventLabel(row)
	if r.events[label] == nil {
		r.events[label] = &eventReport{label: label}
		r.eventOrder = append(r.eventOrder, label)
	}
	return r.events[label]
}

// decisions are the judgements built into the tables of this program.
var decisions = []string{
	"Ids are slugs of the English name. The English name follows the Azerbaijani-based spelling of the coordinates file (Khankendi, Aghdara, Tartar), as the country column is AZ de jure; Armenian names are in name_hy. \"Nor Maragha\" (the only Armenian name in name_en) is named Qizil Kangarli from its Azerbaijani name.",
	"Gülablı / Abdal-Gülablı (Vazgenashen) is `abdal-gulabli`, en \"Abdal-Gulabli\", at the en.wikipedia point 39.880833, 46.947222 (the value the coordinates file chose; fr.wikipedia is 1.6 km and az.wikipedia \"Abdal (Ağdam)\" 2.9 km away).",
	"A village whose English name also names a place in another district gets the district as suffix (`kurdlar-fuzuli`, `aghbulag-lachin`, `aghdam-khojavend`), even when the other place has no coordinate yet, so the id stays stable; GeoNames towns keep the bare name (`aghdam`).",
	"Towns: every GeoNames populated place (feature class P) of the twelve rayons' admin1 codes is a settlement. Coordinates rows with a geonames_id join that town (Akna = Aghdam; the two Khojaly rows; the city-and-district rows), named from the first plain town row. place: city from 10 000 inhabitants (GeoNames population), town for an administrative seat (PPLA/PPLA2) or 1 500 or more, else village (Qırmızı Bazar, Vəngli, abandoned İstisu PPLQ). Villages from Wikipedia are villages. GeoNames populations are the dump's figures, often pre-1992 (Aghdam, Fuzuli).",
	"Names: name_hy and name_ru keep the first name in Armenian or Cyrillic script; a transliteration only (Lchashen, Vardabats) leaves name_hy empty. Parenthesised comments are dropped (\"Суговушан (Мадагиз)\" → Суговушан).",
	"wikipedia_url: the row's wikipedia.org URL (mobile host made plain), or the wikipedia.org URL a proxy address carries, else the mirror URL the point was read from (most rows are mirrors). Empty for GeoNames towns.",
	"Status: claim rows → claimed; capture/handover rows whose note is marked UNCERTAIN (SOURCES.md: inferred date or conflicting source) → disputed (Hadrut 2020-10-15); others confirmed. The Gülablı handover note mentions a conflicting fr.wikipedia claim about an earlier date, not about the handover, so it stays confirmed.",
	"Kalbajar city: 2 April 1993 (Kalbajar article, Trend) and 3 April 1993 (Battle of Kalbajar article). Both are kept: 2 April disputed, 3 April confirmed, so the timeline shows confirmed Armenian-side control from 3 April, when all sources agree.",
	"Same event from several rows (same settlement, date, controller) is one change with several sources: Aghdam city on 2020-11-20 (row \"Akna (Aghdam)\" and the district row, which names Aghdam city).",
	"Abdal-Gulabli 2020-11-20 handover has, besides the en.wikipedia row, the armenews.com article the row's note names (URL found in the stored page corpus: https://www.armenews.com/spip.php?page=article&id_article=72349; its headline is not in the corpus, so the title is descriptive) and the Anadolu Agency report \"Azerbaijani soldiers help Armenian civilians evacuate\" (2020-11-24). No aa.com.tr address of that report was found; its URL is the copy A News published under the Anadolu Agency byline.",
	"No baseline: no source in shared/data dates Azerbaijani control before the first captures (e.g. at the end of the USSR), so every settlement is unknown until its first change. The facts rows' `from` column is used only as evidence of who held a settlement just before a row.",
	"District events (rows about a district or the whole area) apply to the seed settlements of that district, in date order, except: a settlement with its own row for the event; one already held by the new controller; a handover or the 2023 offensive where the settlement is not shown on the Armenian side just before; partial districts (Aghdam 1993, Fuzuli 1993) where no row about the settlement shows it on the Armenian side afterwards (this leaves Horadiz, which the Fuzuli row says stayed Azerbaijani); listed exclusions. A district capture whose control period no later source ends is dropped (see below): Minjivan (Zangilan) has no 2020 row, so the 1993 Zangilan capture would leave it under Armenian-side control until today.",
	"Lachin 2020-12-01: the row excludes the corridor; its note and the notes of the 2022 rows say Lachin city, Zabux and Sus were under the Russian peacekeeping contingent from 1 Dec 2020 to 26 Aug 2022. They get a 2020-12-01 handover to russian-peacekeepers citing both sources. Other Lachin settlements (Ağbulaq, far from the corridor road) get the handover to Azerbaijan.",
	"2023: the 19 Sep row (start of the offensive) is folded into the 20 Sep row (ceasefire, Artsakh forces to disband) from the same article. The 20 Sep row applies to settlements shown on the Armenian side just before by a settlement row or a change since the 2020 war (a 1993 district row says nothing about what the 2020 war changed); Khojaly, Khankendi, Aghdara and Askeran have their own 15 Oct 2023 rows (flag-raising, from Armenian/Artsakh forces to Azerbaijan), which are taken as their record of the same transition, so the timeline does not show a claim after a capture by the same side. No settlement was shown on the Russian contingent's side in 2023.",
	"Wording: notes are the facts notes with \"liberated/liberation/occupied/occupation\" outside quotation marks replaced by \"taken/capture\"; titles are quoted as published.",
}

// sourceNotes are things in the source data that looked wrong or weak.
var sourceNotes = []string{
	"Hadrut 1992-10-02 is a claim (Azerbaijani MoD, 2020) of an occupation date for a town of the former NKAO; its `from` Azerbaijan is not supported by another row.",
	"Kalbajar city falls on 2 or 3 April 1993 depending on the source (see decisions).",
	"The 9 Nov 2020 village list (yenicag.info) is undated; the date is inferred from \"yesterday\" = Shusha's announcement. Çanakçı's note says Azerbaijan took it around 29 Oct.",
	"Aghdara/Martakert is filed under Tartar (GeoNames AZ.57); the facts note calls the de jure district uncertain. GeoNames files Vank/Vəngli (former NKAO) under Kalbajar (AZ.26) and has İstisu as PPLQ (abandoned).",
	"The Gubadli 2020-10-25 rows say a source lists the Jabrayil villages under Zangilan; their district assignment is uncertain.",
	"\"Lachin District (except Lachin corridor area)\" is placed at Lachin city, which lies inside the excluded corridor; the district rows' points are district centres, not areas.",
	"The 2024-01-01 \"Republic of Artsakh (institutions)\" row cites a 2023-10-15 Sputnik report about a flag-raising for an event dated 2024-01-01.",
	"The \"Akna (Aghdam)\" row's note (\"Armenian (Artsakh) settlement name … Azerbaijani name not given in source\") is copied from the village rows; Akna is Aghdam city. It is kept in the merged note of aghdam-2020-11-20-handover.",
	"Vangli (Vank), Qirmizi Bazar and Khojavend (Martuni), towns of the former NKAO, have no row at all, so they stay unknown throughout; Khankendi, Aghdara and Askeran are unknown until their 2023-10-15 flag-raising rows; Tartar and Horadiz, never captured per the notes, have no sourced state either.",
	"GeoNames populations of ruined towns (Aghdam 39 451, Fuzuli 26 765) are pre-war figures.",
	"Natural Earth populated places (not used) tag Kapan (Armenia) as AZE/Zəngilan; NE admin-1 label AZE-1735 at Lachin is named Lənkəran.",
}

// attribution is ATTRIBUTION.txt and the attribution block of REPORT.md.
const attribution = `Settlement points and names: GeoNames (https://www.geonames.org), CC BY 4.0, and Wikipedia articles (CC BY-SA 4.0; each point's article URL is in settlements.csv). Control changes: facts taken from Wikipedia articles (CC BY-SA 4.0) and news reports, restated in our own words with the source of each change in changes.csv. Boundaries: Made with Natural Earth (public domain). Compiled by the controlmap project.
`

// markdown renders REPORT.md.
func (r *report) markdown(s *seed) []byte {
	var b bytes.Buffer
	b.WriteString("# Seed dataset report\n\nGenerated by `go run ./scripts/seed` from shared/data; do not edit by hand. Regenerate after changing the program or the data.\n\n")
	writeCounts(&b, s)
	writeList(&b, "Settlements left out: no coordinate in shared/data", r.leftOut)
	writeList(&b, "Rows that are not settlements (district, area, institution) or were not added", append(append([]string{}, r.districtLevel...), r.notAdded...))
	writeList(&b, "Facts rows not used (their settlement has no coordinate)", r.unusedFacts)
	r.writeEvents(&b)
	writeList(&b, "District captures dropped", r.dropped)
	writeList(&b, "GeoNames towns taken (admin1 code, place)", r.townCodes)
	writeList(&b, "Identifications and decisions", decisions)
	writeList(&b, "Things in the source data that looked wrong or weak", sourceNotes)
	b.WriteString("## Attribution\n\n")
	b.WriteString("- GeoNames data: CC BY 4.0, \"GeoNames, https://www.geonames.org\" (towns, district centres, their names and populations).\n")
	b.WriteString("- Natural Earth: public domain, \"Made with Natural Earth\".\n")
	b.WriteString("- Wikipedia-derived points and facts: CC BY-SA 4.0; each row carries its article or mirror URL (settlements.csv wikipedia_url, changes.csv source_url).\n")
	b.WriteString("- News-derived facts: facts only, restated in our own words; each change carries its source URL.\n\n")
	b.WriteString("ATTRIBUTION.txt:\n\n> " + strings.TrimSpace(attribution) + "\n")
	return b.Bytes()
}

// writeCounts writes the counts section.
func writeCounts(b *bytes.Buffer, s *seed) {
	b.WriteString("## Counts\n\n")
	fmt.Fprintf(b, "Settlements: %d.\n\n", len(s.Settlements))
	byDistrict, byOrigin, byPlace := map[string]int{}, map[string]int{}, map[string]int{}
	for _, st := range s.Settlements {
		byDistrict[st.District]++
		byOrigin[st.Origin]++
		byPlace[st.Place]++
	}
	writeCountTable(b, "District", byDistrict)
	writeCountTable(b, "Origin of the point", byOrigin)
	writeCountTable(b, "Place", byPlace)
	rows, derived := 0, 0
	byKind, byStatus := map[string]int{}, map[string]int{}
	for _, c := range s.Changes {
		rows += len(c.Sources)
		byKind[c.Kind]++
		byStatus[c.Status]++
		if c.Derived != "" {
			derived++
		}
	}
	fmt.Fprintf(b, "Changes: %d (%d source rows); %d from settlement rows, %d from district-level rows.\n\n", len(s.Changes), rows, len(s.Changes)-derived, derived)
	writeCountTable(b, "Kind", byKind)
	writeCountTable(b, "Status", byStatus)
}

// writeCountTable writes a two-column table, sorted by key.
func writeCountTable(b *bytes.Buffer, title string, counts map[string]int) {
	fmt.Fprintf(b, "| %s | Count |\n|---|---:|\n", title)
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(b, "| %s | %d |\n", k, counts[k])
	}
	b.WriteString("\n")
}

// writeList writes a titled bullet list.
func writeList(b *bytes.Buffer, title string, items []string) {
	fmt.Fprintf(b, "## %s (%d)\n\n", title, len(items))
	for _, it := range items {
		b.WriteString("- " + it + "\n")
	}
	b.WriteString("\n")
}

// writeEvents writes what each district-level row did.
func (r *report) writeEvents(b *bytes.Buffer) {
	b.WriteString("## District-level events\n\n")
	for _, label := range r.eventOrder {
		e := r.events[label]
		fmt.Fprintf(b, "### %s\n\n", e.label)
		if e.skippedRow != "" {
			b.WriteString("Not applied: " + e.skippedRow + ".\n\n")
			continue
		}
		fmt.Fprintf(b, "Applied to %d: %s.\n\n", len(e.applied), orNone(strings.Join(e.applied, ", ")))
		if len(e.skipped) > 0 {
			b.WriteString("Not applied to:\n\n")
			for _, s := range e.skipped {
				b.WriteString("- " + s + "\n")
			}
			b.WriteString("\n")
		}
	}
}

// orNone shows an empty list as "none".
func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
