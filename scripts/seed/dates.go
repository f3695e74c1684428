package main

import (
	"fmt"
	"strings"

	"github.com/controlmap/controlmap/geo"
)

// A change's date is a day, month or year, or an EDTF interval "A/B" or
// "../B" (the change happened on an unknown day within it). The timeline
// counts an interval from its latest day.

// countsDay is the day from which a written date counts in the timeline.
func countsDay(s string) (geo.Day, error) {
	_, upper, interval := strings.Cut(s, "/")
	if !interval {
		d, err := geo.ParseDate(s)
		return d.Start, err
	}
	d, err := geo.ParseDate(upper)
	if err != nil {
		return 0, fmt.Errorf("date %q: %w", s, err)
	}
	return d.End() - 1, nil
}

// mustCounts is countsDay for dates validated on input.
func mustCounts(s string) geo.Day {
	d, err := countsDay(s)
	if err != nil {
		panic(err)
	}
	return d
}

// earliest is the first day a written date may refer to (geo.MinDay for "../B").
func earliest(s string) geo.Day {
	lower, _, interval := strings.Cut(s, "/")
	if lower == ".." {
		return geo.MinDay
	}
	if !interval {
		lower = s
	}
	d, err := geo.ParseDate(lower)
	if err != nil {
		panic(err)
	}
	return d.Start
}

// isInterval reports whether a written date is an interval.
func isInterval(s string) bool { return strings.Contains(s, "/") }

// isDay reports whether a written date is one day.
func isDay(s string) bool { return len(s) == len("2006-01-02") && !isInterval(s) }

// heldSpan is the length from which an interval on a confirmation means
// "held throughout" rather than "confirmed on a day within".
const heldSpan = 365

// heldFrom returns the start A of a long interval "A/B" on a confirmation
// ("held from 1991 to 2023"), or "" when the date is not one.
func heldFrom(s string) string {
	lower, _, interval := strings.Cut(s, "/")
	if !interval || lower == ".." || mustCounts(s)-earliest(s) < heldSpan {
		return ""
	}
	return lower
}

// day parses a literal day.
func day(s string) geo.Day { return mustCounts(s) }

// dateSlug writes a date for a change id: "2020-09-27-to-2020-11-10", "by-1994-05-12".
func dateSlug(s string) string {
	s = strings.Replace(s, "../", "by-", 1)
	return strings.Replace(s, "/", "-to-", 1)
}
