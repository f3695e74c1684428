package geo

import (
	"fmt"
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

// Date is a calendar date known to a precision: a year, a month or a day.
// The zero Date is "no date".
type Date struct {
	Start     Day // first day of the date
	Precision Precision
}

// ParseDate reads "YYYY", "YYYY-MM" or "YYYY-MM-DD"; the form gives the precision.
func ParseDate(s string) (Date, error) {
	layouts := map[int]struct {
		layout string
		p      Precision
	}{4: {"2006", Year}, 7: {"2006-01", Month}, 10: {time.DateOnly, DayPrecision}}
	l, ok := layouts[len(s)]
	if !ok {
		return Date{}, fmt.Errorf("%q is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	t, err := time.Parse(l.layout, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD", s)
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

// End returns the day after the last day of d.
func (d Date) End() Day {
	t := d.Start.Time()
	switch d.Precision {
	case Year:
		return DayOf(t.AddDate(1, 0, 0))
	case Month:
		return DayOf(t.AddDate(0, 1, 0))
	}
	return d.Start + 1
}

// String writes d in the form that carries its precision.
func (d Date) String() string {
	s := d.Start.String()
	switch d.Precision {
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
