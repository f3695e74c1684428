package web

import (
	"maps"
	"net/url"
	"slices"
	"strings"

	"github.com/controlmap/controlmap/geo"
	"github.com/labstack/echo/v4"
)

// strictParams answers 400, naming the parameter, when a request to the API has a query
// parameter its route does not take: a misspelt or misplaced parameter (date= instead of
// datetime=) must not quietly answer with something else. Pages and tiles are not checked:
// shared links carry tracking parameters.
func strictParams(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if op, ok := operationOf(c.Path()); ok {
			if err := op.check(c.QueryParams()); err != nil {
				return err
			}
		}
		return next(c)
	}
}

// check reports the first parameter of q (in name order) that op does not take, and an f other
// than json.
func (op operation) check(q url.Values) error {
	for _, name := range slices.Sorted(maps.Keys(q)) {
		if !op.takes(name) {
			return geo.Invalidf(name, "is not a parameter of %s; it takes: %s", op.route, op.names())
		}
	}
	if f := q.Get("f"); f != "" && f != "json" && (f != "html" || htmlViews[op.route] == "") {
		return geo.Invalidf("f", "%q is not a format of %s", f, op.route)
	}
	return nil
}

func (op operation) takes(name string) bool {
	return slices.ContainsFunc(op.params, func(p param) bool { return p.name == name })
}

func (op operation) names() string {
	if len(op.params) == 0 {
		return "none"
	}
	names := make([]string, len(op.params))
	for i, p := range op.params {
		names[i] = p.name
	}
	return strings.Join(names, ", ")
}
