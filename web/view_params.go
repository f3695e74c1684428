package web

import (
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/controlmap/controlmap/geo"
)

// A view's URL parameters (viewParams) are checked before an oEmbed answer copies them into
// the iframe it gives out: a wrong date or zoom is the asker's error to hear about, not a
// broken embed on a newsroom's page.

var settlementID = regexp.MustCompile(`^[a-z0-9-]{1,100}$`)

// viewChecks validate each view parameter as the map reads it (web/static/js/urlstate.js).
var viewChecks = map[string]func(name, v string) error{
	"date":       func(name, v string) error { _, err := parseDay(name, v); return err },
	"center":     func(name, v string) error { return checkNumbers(name, v, 2, [][2]float64{{-180, 180}, {-90, 90}}) },
	"zoom":       func(name, v string) error { return checkNumbers(name, v, 1, [][2]float64{{0, 22}}) },
	"bbox":       checkViewBBox,
	"lang":       checkLang,
	"settlement": checkSettlement,
	"controls":   checkControls,
	"compare":    checkCompare,
}

// checkedViewParams returns the view parameters of q, each validated.
func checkedViewParams(q url.Values) (url.Values, error) {
	kept := url.Values{}
	for _, name := range viewParams {
		v := q.Get(name)
		if v == "" {
			continue
		}
		if err := viewChecks[name](name, v); err != nil {
			return nil, err
		}
		kept.Set(name, v)
	}
	return kept, nil
}

// checkNumbers checks that v is n comma-separated finite numbers, each within its range.
func checkNumbers(name, v string, n int, ranges [][2]float64) error {
	parts := strings.Split(v, ",")
	if len(parts) != n {
		return geo.Invalidf(name, "%q must be %d comma-separated numbers", v, n)
	}
	for i, p := range parts {
		f, err := strconv.ParseFloat(p, 64)
		if err != nil || math.IsNaN(f) || f < ranges[i][0] || f > ranges[i][1] {
			return geo.Invalidf(name, "%q is not a number within %g..%g", p, ranges[i][0], ranges[i][1])
		}
	}
	return nil
}

func checkViewBBox(name, v string) error {
	world := [][2]float64{{-180, 180}, {-90, 90}, {-180, 180}, {-90, 90}}
	if err := checkNumbers(name, v, 4, world); err != nil {
		return err
	}
	var n [4]float64
	for i, p := range strings.Split(v, ",") {
		n[i], _ = strconv.ParseFloat(p, 64)
	}
	if n[0] > n[2] || n[1] > n[3] {
		return geo.Invalidf(name, "%q must have its minimum before its maximum", v)
	}
	return nil
}

func checkLang(name, v string) error {
	if !nameLangs[v] {
		return geo.Invalidf(name, "%q is not one of en, az, hy, ru", v)
	}
	return nil
}

func checkSettlement(name, v string) error {
	if !settlementID.MatchString(v) {
		return geo.Invalidf(name, "%q is not a settlement id", v)
	}
	return nil
}

func checkControls(name, v string) error {
	if v != "none" && v != "slider" {
		return geo.Invalidf(name, "%q is not one of none, slider", v)
	}
	return nil
}

func checkCompare(name, v string) error {
	a, b, ok := strings.Cut(v, ",")
	if !ok {
		return geo.Invalidf(name, "%q must be two dates FROM,TO", v)
	}
	for _, d := range [...]string{a, b} {
		if _, err := geo.ParseDay(d); err != nil {
			return geo.Invalidf(name, "%q is not a date of the form YYYY-MM-DD", d)
		}
	}
	return nil
}
