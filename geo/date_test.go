package geo_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/controlmap/controlmap/geo"
)

// civil returns the Day of a calendar date, computed with the time package alone.
func civil(y int, m time.Month, d int) geo.Day {
	return geo.Day(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want geo.Date
	}{
		{"1992", geo.Date{Start: civil(1992, time.January, 1), Precision: geo.Year}},
		{"1992-09", geo.Date{Start: civil(1992, time.September, 1), Precision: geo.Month}},
		{"1992-09-04", geo.Date{Start: civil(1992, time.September, 4), Precision: geo.DayPrecision}},
		{"1970-01-01", geo.Date{Start: 0, Precision: geo.DayPrecision}},
		{"1969-12", geo.Date{Start: -31, Precision: geo.Month}},
		{"2020-02-29", geo.Date{Start: civil(2020, time.February, 29), Precision: geo.DayPrecision}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := geo.ParseDate(tt.in)
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseDate(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseDateInvalid(t *testing.T) {
	tests := []string{
		"",
		"92",
		"1992-13",
		"1992-00",
		"1992-5",
		"1992-5-1",
		"1992-05-1",
		"1992-02-30",
		"1993-02-29",
		"1992-09-04T00:00:00Z",
		"1992 ",
		" 1992",
		"1992-09 ",
		"1992-09-4 ",
		"1992-09-04 ",
		"19920904",
		"1992/09/04",
		"abcd",
	}
	for _, in := range tests {
		t.Run(in, func(t *testing.T) {
			if got, err := geo.ParseDate(in); err == nil {
				t.Errorf("ParseDate(%q) = %+v, want an error", in, got)
			}
		})
	}
}

func TestMustParseDatePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustParseDate(\"1992-13\") did not panic")
		}
	}()
	geo.MustParseDate("1992-13")
}

func TestDateEnd(t *testing.T) {
	tests := []struct {
		in   string
		want geo.Day
	}{
		{"1992", civil(1993, time.January, 1)},
		{"2020", civil(2021, time.January, 1)},
		{"1992-09", civil(1992, time.October, 1)},
		{"2020-02", civil(2020, time.March, 1)},
		{"2021-02", civil(2021, time.March, 1)},
		{"1992-12", civil(1993, time.January, 1)},
		{"1969-12", 0},
		{"1992-09-04", civil(1992, time.September, 5)},
		{"2020-02-28", civil(2020, time.February, 29)},
		{"2020-02-29", civil(2020, time.March, 1)},
		{"1992-12-31", civil(1993, time.January, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := geo.MustParseDate(tt.in).End(); got != tt.want {
				t.Errorf("MustParseDate(%q).End() = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestDateStringRoundTrip(t *testing.T) {
	for _, in := range []string{"1992", "1992-09", "1992-09-04", "1969-12-31", "2020-02-29", "1992-12"} {
		t.Run(in, func(t *testing.T) {
			d := geo.MustParseDate(in)
			if got := d.String(); got != in {
				t.Errorf("String() = %q, want %q", got, in)
			}
			back, err := geo.ParseDate(d.String())
			if err != nil || back != d {
				t.Errorf("ParseDate(String()) = %+v, %v; want %+v", back, err, d)
			}
		})
	}
}

func TestDateZero(t *testing.T) {
	var d geo.Date
	if !d.IsZero() {
		t.Error("zero Date: IsZero() = false")
	}
	if got := d.String(); got != "" {
		t.Errorf("zero Date: String() = %q, want \"\"", got)
	}
	if geo.MustParseDate("1970-01-01").IsZero() {
		t.Error("1970-01-01 (Start 0): IsZero() = true")
	}
}

func TestParseDay(t *testing.T) {
	tests := []struct {
		in      string
		want    geo.Day
		wantErr bool
	}{
		{in: "1970-01-01", want: 0},
		{in: "1970-01-02", want: 1},
		{in: "1969-12-31", want: -1},
		{in: "1969-01-01", want: -365},
		{in: "2000-03-01", want: 11017},
		{in: "1992", wantErr: true},
		{in: "1992-09", wantErr: true},
		{in: "1992-02-30", wantErr: true},
		{in: "", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := geo.ParseDay(tt.in)
			if tt.wantErr {
				if err == nil {
					t.Errorf("ParseDay(%q) = %v, want an error", tt.in, got)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("ParseDay(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestDayString(t *testing.T) {
	tests := []struct {
		d    geo.Day
		want string
	}{
		{-366, "1968-12-31"},
		{-365, "1969-01-01"},
		{-1, "1969-12-31"},
		{0, "1970-01-01"},
		{1, "1970-01-02"},
		{59, "1970-03-01"},
		{civil(1992, time.September, 4), "1992-09-04"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.d.String(); got != tt.want {
				t.Errorf("Day(%d).String() = %q, want %q", tt.d, got, tt.want)
			}
			if back, err := geo.ParseDay(tt.want); err != nil || back != tt.d {
				t.Errorf("ParseDay(%q) = %d, %v; want %d", tt.want, back, err, tt.d)
			}
		})
	}
}

func TestDayOf(t *testing.T) {
	baku := time.FixedZone("AZT", 4*3600)
	tests := []struct {
		name string
		t    time.Time
		want geo.Day
	}{
		{"utc midnight", time.Date(1992, time.September, 4, 0, 0, 0, 0, time.UTC), civil(1992, time.September, 4)},
		{"utc last second", time.Date(1992, time.September, 4, 23, 59, 59, 0, time.UTC), civil(1992, time.September, 4)},
		{"before 1970", time.Date(1969, time.December, 31, 12, 0, 0, 0, time.UTC), -1},
		{"east of utc", time.Date(1992, time.September, 4, 2, 0, 0, 0, baku), civil(1992, time.September, 3)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := geo.DayOf(tt.t); got != tt.want {
				t.Errorf("DayOf(%v) = %v, want %v", tt.t, got, tt.want)
			}
			if got := tt.want.Time(); !got.Equal(time.Date(got.Year(), got.Month(), got.Day(), 0, 0, 0, 0, time.UTC)) {
				t.Errorf("Day(%d).Time() = %v, want midnight UTC", tt.want, got)
			}
		})
	}
}

func TestDateText(t *testing.T) {
	tests := []struct {
		text string
		date geo.Date
	}{
		{"1992", geo.MustParseDate("1992")},
		{"1992-09", geo.MustParseDate("1992-09")},
		{"1992-09-04", geo.MustParseDate("1992-09-04")},
		{"", geo.Date{}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			b, err := tt.date.MarshalText()
			if err != nil || string(b) != tt.text {
				t.Errorf("MarshalText() = %q, %v; want %q", b, err, tt.text)
			}
			got := geo.MustParseDate("2000") // not zero, so that UnmarshalText must overwrite it
			if err := got.UnmarshalText([]byte(tt.text)); err != nil || got != tt.date {
				t.Errorf("UnmarshalText(%q) = %+v, %v; want %+v", tt.text, got, err, tt.date)
			}
		})
	}
}

func TestDateUnmarshalTextInvalid(t *testing.T) {
	for _, in := range []string{"1992-13", "92", "1992-09-04 "} {
		t.Run(in, func(t *testing.T) {
			var d geo.Date
			if err := d.UnmarshalText([]byte(in)); err == nil {
				t.Errorf("UnmarshalText(%q) = %+v, want an error", in, d)
			}
		})
	}
}

func TestPrecisionString(t *testing.T) {
	tests := map[geo.Precision]string{geo.Year: "year", geo.Month: "month", geo.DayPrecision: "day", 0: ""}
	for p, want := range tests {
		if got := p.String(); got != want {
			t.Errorf("Precision(%d).String() = %q, want %q", p, got, want)
		}
	}
}

func TestParseDateInterval(t *testing.T) {
	tests := []struct {
		in               string
		want             geo.Date
		counts, earliest geo.Day
	}{
		{
			"2020-09-27/2020-11-10",
			geo.Date{Start: civil(2020, time.November, 10), Precision: geo.DayPrecision, Interval: true, Lower: civil(2020, time.September, 27), LowerPrecision: geo.DayPrecision},
			civil(2020, time.November, 10), civil(2020, time.September, 27),
		},
		{
			"1992-06/1992-07",
			geo.Date{Start: civil(1992, time.July, 1), Precision: geo.Month, Interval: true, Lower: civil(1992, time.June, 1), LowerPrecision: geo.Month},
			civil(1992, time.July, 31), civil(1992, time.June, 1),
		},
		{
			"1992/1994-05-12",
			geo.Date{Start: civil(1994, time.May, 12), Precision: geo.DayPrecision, Interval: true, Lower: civil(1992, time.January, 1), LowerPrecision: geo.Year},
			civil(1994, time.May, 12), civil(1992, time.January, 1),
		},
		{
			"../1994-05-12",
			geo.Date{Start: civil(1994, time.May, 12), Precision: geo.DayPrecision, Interval: true, Lower: geo.MinDay},
			civil(1994, time.May, 12), geo.MinDay,
		},
		{
			"../1993",
			geo.Date{Start: civil(1993, time.January, 1), Precision: geo.Year, Interval: true, Lower: geo.MinDay},
			civil(1993, time.December, 31), geo.MinDay,
		},
		{
			"2020-11-10/2020-11-10",
			geo.Date{Start: civil(2020, time.November, 10), Precision: geo.DayPrecision, Interval: true, Lower: civil(2020, time.November, 10), LowerPrecision: geo.DayPrecision},
			civil(2020, time.November, 10), civil(2020, time.November, 10),
		},
		{
			"1992-09-04",
			geo.Date{Start: civil(1992, time.September, 4), Precision: geo.DayPrecision},
			civil(1992, time.September, 4), civil(1992, time.September, 4),
		},
		{
			"1992-09",
			geo.Date{Start: civil(1992, time.September, 1), Precision: geo.Month},
			civil(1992, time.September, 1), civil(1992, time.September, 1),
		},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := geo.ParseDate(tt.in)
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseDate(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
			if got.Counts() != tt.counts || got.Earliest() != tt.earliest {
				t.Errorf("Counts() = %v, Earliest() = %v; want %v, %v", got.Counts(), got.Earliest(), tt.counts, tt.earliest)
			}
			if s := got.String(); s != tt.in {
				t.Errorf("String() = %q, want %q", s, tt.in)
			}
		})
	}
}

func TestParseDateIntervalInvalid(t *testing.T) {
	tests := []struct {
		in, wantIn string // wantIn: a part of the error message
	}{
		{"2020-09-27/..", "no latest day"},
		{"../..", "no latest day"},
		{"2020-11-10/2020-09-27", "starts after it ends"},
		{"1993/1992-12", "starts after it ends"},
		{"0000", "0001"},
		{"0000-01-01", "0001"},
		{"0000/1992", "not a date"},
		{"../0000-05", "not a date"},
		{"/2020-11-10", "not a date"},
		{"2020-09-27/", "not a date"},
		{"2020-09-27//2020-11-10", "not a date"},
		{"2020-09-27/2020-10/2020-11-10", "not a date"},
		{"../", "not a date"},
		{"..", "not a date"},
		{".../2020", "not a date"},
		{"2020-09-27 /2020-11-10", "not a date"},
		{"2020-13/2021", "not a date"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := geo.ParseDate(tt.in)
			if err == nil {
				t.Fatalf("ParseDate(%q) = %+v, want an error", tt.in, got)
			}
			if msg := err.Error(); !strings.Contains(msg, tt.wantIn) || !strings.Contains(msg, strconv.Quote(tt.in)) {
				t.Errorf("ParseDate(%q) error = %q, want it to quote the value and say %q", tt.in, msg, tt.wantIn)
			}
		})
	}
}

func TestDateIntervalText(t *testing.T) {
	for _, in := range []string{"2020-09-27/2020-11-10", "../1994-05-12", "1992-06/1992-07", "1991/1992-02-29"} {
		t.Run(in, func(t *testing.T) {
			d := geo.MustParseDate(in)
			b, err := d.MarshalText()
			if err != nil || string(b) != in {
				t.Fatalf("MarshalText() = %q, %v; want %q", b, err, in)
			}
			var back geo.Date
			if err := back.UnmarshalText(b); err != nil || back != d {
				t.Errorf("UnmarshalText(%q) = %+v, %v; want %+v", b, back, err, d)
			}
		})
	}
}
