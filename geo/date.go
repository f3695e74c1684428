package geo

import (
	"fmt"
	"strings"
	"time"
)

// Day counts days since 1970-01-01 (UTC).
type Day int32

// The open bounds of a period.
const (
	MinDay Day = -1 << 31
	MaxDay Day = 1<<31 - 1
)

// DayOf returns the day of t in UTC.
func DayOf(t time.Time) Day {
	y, m, d := t.UTC().Date()
	return dayFromCivil(y, m, d)
}

func dayFromCivil(y int, m time.Month, d int) Day {
	return Day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// Time returns midnight UTC of d.
func (d Day) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// String writes d as YYYY-MM-DD.
func (d Day) String() string { return d.Time().Format(time.DateOnly) }

// ParseDay reads a full YYYY-MM-DD date.
func ParseDay(s string) (Day, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a date of the form YYYY-MM-DD", s)
	}
	return DayOf(t), nil
}

// Precision is how exactly a Date is known.
type Precision uint8

// The precisions, coarsest first.
const (
	Year Precision = iota + 1
	Month
	DayPrecision
)

func (p Precision) String() string {
	switch p {
	case Year:
		return "year"
	case Month:
		return "month"
	case DayPrecision:
		return "day"
	}
	return ""
}

// Date is a calendar date known to a precision (a year, a month or a day), or an interval
// between two such dates (EDTF level 1): "A/B", or "../B" for "on or before B".
// The zero Date is "no date".
type Date struct {
	Start     Day       // first day of the date; for an interval, first day of its end B
	Precision Precision // of the date; for an interval, of its end B

	// An interval keeps its start A here. LowerPrecision is 0 for "../B".
	Interval       bool
	Lower          Day // first day of A; MinDay for "../B"
	LowerPrecision Precision
}

// dateForms names the accepted forms in errors.
const dateForms = "YYYY, YYYY-MM or YYYY-MM-DD, or an interval A/B or ../B of those"

// ParseDate reads "YYYY", "YYYY-MM" or "YYYY-MM-DD" (the form gives the precision), or an
// interval "A/B" of two of those (A not after B) or "../B". "A/.." is refused: a change must
// have a latest day.
func ParseDate(s string) (Date, error) {
	lower, upper, ok := strings.Cut(s, "/")
	if !ok {
		return parseSingle(s)
	}
	switch {
	case upper == "..":
		return Date{}, fmt.Errorf("%q has no latest day: an interval must end on a date", s)
	case lower == "..":
		return parseOnOrBefore(s, upper)
	}
	return parseInterval(s, lower, upper)
}

func parseOnOrBefore(s, upper string) (Date, error) {
	b, err := parseSingle(upper)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date of the form %s", s, dateForms)
	}
	return Date{Start: b.Start, Precision: b.Precision, Interval: true, Lower: MinDay}, nil
}

func parseInterval(s, lower, upper string) (Date, error) {
	a, errA := parseSingle(lower)
	b, errB := parseSingle(upper)
	if errA != nil || errB != nil {
		return Date{}, fmt.Errorf("%q is not a date of the form %s", s, dateForms)
	}
	if a.Start > b.Start {
		return Date{}, fmt.Errorf("%q starts after it ends", s)
	}
	return Date{Start: b.Start, Precision: b.Precision, Interval: true, Lower: a.Start, LowerPrecision: a.Precision}, nil
}

// parseSingle reads one date of year, month or day precision.
func parseSingle(s string) (Date, error) {
	layouts := map[int]struct {
		layout string
		p      Precision
	}{4: {"2006", Year}, 7: {"2006-01", Month}, 10: {time.DateOnly, DayPrecision}}
	l, ok := layouts[len(s)]
	if !ok {
		return Date{}, fmt.Errorf("%q is not a date of the form %s", s, dateForms)
	}
	t, err := time.Parse(l.layout, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date of the form %s", s, dateForms)
	}
	if t.Year() < 1 {
		return Date{}, fmt.Errorf("%q: the year must be 0001 or later", s)
	}
	return Date{Start: DayOf(t), Precision: l.p}, nil
}

// MustParseDate is ParseDate for literals known to be valid; it panics otherwise.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is "no date".
func (d Date) IsZero() bool { return d.Precision == 0 }

// OnOrBefore reports whether d is an interval "../B" with no earliest day.
func (d Date) OnOrBefore() bool { return d.Interval && d.LowerPrecision == 0 }

// End returns the day after the last day of d (of its end, for an interval).
func (d Date) End() Day { return endOf(d.Start, d.Precision) }

func endOf(start Day, p Precision) Day {
	t := start.Time()
	switch p {
	case Year:
		return DayOf(t.AddDate(1, 0, 0))
	case Month:
		return DayOf(t.AddDate(0, 1, 0))
	}
	return start + 1
}

// Counts returns the day from which d counts in a timeline: the first day of a single date,
// the last day of an interval's end (the latest day by which it had happened).
func (d Date) Counts() Day {
	if d.Interval {
		return d.End() - 1
	}
	return d.Start
}

// Earliest returns the first day d may refer to: its first day, the first day of an interval's
// start, or MinDay for "../B".
func (d Date) Earliest() Day {
	if d.Interval {
		return d.Lower
	}
	return d.Start
}

// String writes d in the EDTF form that carries its precision: "1992", "1992-09",
// "1992-09-04", "2020-09-27/2020-11-10" or "../1994-05-12".
func (d Date) String() string {
	end := format(d.Start, d.Precision)
	switch {
	case !d.Interval || end == "":
		return end
	case d.OnOrBefore():
		return "../" + end
	}
	return format(d.Lower, d.LowerPrecision) + "/" + end
}

func format(start Day, p Precision) string {
	s := start.String()
	switch p {
	case Year:
		return s[:4]
	case Month:
		return s[:7]
	case DayPrecision:
		return s
	}
	return ""
}

// MarshalText writes d as String does.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads d as ParseDate does.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	*d = v
	return err
}
