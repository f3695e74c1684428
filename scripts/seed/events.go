package main

// The sources of the events the history rules derive changes from.

// eventDate picks an event's date: the day with most rows of the kind, the
// later on a tie; its sources are the rows of that day and the event's
// confirmations.
func (h *historian) eventDate(ev, kind string) (string, []source) {
	count := map[string]int{}
	for _, f := range h.events[ev] {
		if f.kind == kind && isDay(f.date) {
			count[f.date]++
		}
	}
	best := ""
	for d, n := range count {
		if best == "" || n > count[best] || n == count[best] && d > best {
			best = d
		}
	}
	var srcs []source
	for _, f := range h.events[ev] {
		if f.date == best || f.kind == "confirmation" {
			srcs = append(srcs, f.src)
		}
	}
	return best, srcs
}

// eventSources are the sources of every row of an event.
func (h *historian) eventSources(ev string) []source {
	var out []source
	for _, f := range h.events[ev] {
		out = append(out, f.src)
	}
	return out
}

// corridorSources are the Lachin handover's rows and the 2022 rows of the
// corridor towns.
func (h *historian) corridorSources() []source {
	_, srcs := h.eventDate(handoverEvent("Lachin"), "handover")
	return append(srcs, h.eventSources(corridor2022)...)
}

// statementSources are the rows of the statement dated 10 Nov 2020 itself.
func (h *historian) statementSources() []source {
	var out []source
	for _, f := range h.events[statement2020] {
		if f.date == "2020-11-10" {
			out = append(out, f.src)
		}
	}
	return out
}

// ceasefireSources are the ceasefire rows and the Natural Earth area.
func (h *historian) ceasefireSources() []source {
	return append(h.eventSources(ceasefire1994), naturalEarthSource)
}
