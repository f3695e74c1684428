package web

import (
	"cmp"
	"slices"
	"strings"

	"github.com/controlmap/controlmap/geo"
	"github.com/labstack/echo/v4"
)

// Property filters and name search on items: each filter is a query parameter named after the
// feature property it tests (the queryables), all of them must hold, and a value that can never
// match (an unknown actor, settlement or status) is an error naming the parameter rather than an empty page.

// settlementFilter selects settlements by their control on the day and by name.
type settlementFilter struct {
	controller string
	status     geo.Status
	district   string
	q          string
}

func settlementFilterParams(c echo.Context, ix *geo.Index) (settlementFilter, error) {
	f := settlementFilter{district: c.QueryParam("district"), q: c.QueryParam("q")}
	if f.q != "" && geo.NewNameQuery(f.q).Empty() {
		return f, geo.Invalidf("q", "%q has no letter or digit to search for", f.q)
	}
	var err error
	if f.controller, err = controllerParam(c, ix); err != nil {
		return f, err
	}
	f.status, err = statusParam(c)
	return f, err
}

// controllerParam reads controller_id, or its short form controller.
func controllerParam(c echo.Context, ix *geo.Index) (string, error) {
	name, id := "controller_id", c.QueryParam("controller_id")
	if short := c.QueryParam("controller"); short != "" {
		if id != "" && id != short {
			return "", geo.Invalidf("controller", "%q contradicts controller_id %q", short, id)
		}
		name, id = "controller", short
	}
	if _, ok := ix.Actor(id); id != "" && !ok {
		return "", geo.Invalidf(name, "%q is not an actor id (see /api/collections/settlements/queryables)", id)
	}
	return id, nil
}

func statusParam(c echo.Context) (geo.Status, error) {
	v := geo.Status(c.QueryParam("status"))
	if v != "" && !slices.Contains(geo.Statuses, v) {
		return "", geo.Invalidf("status", "%q is not one of confirmed, claimed, disputed", v)
	}
	return v, nil
}

// key identifies the filter in a cache key.
func (f settlementFilter) key() string {
	return strings.Join([]string{f.controller, string(f.status), strings.ToLower(f.district), f.q}, "\x1f")
}

// apply keeps the states that pass; with a name query, best matches come first.
func (f settlementFilter) apply(states []geo.State) []geo.State {
	nq := geo.NewNameQuery(f.q)
	type scored struct {
		geo.State
		score int
	}
	var kept []scored
	for _, st := range states {
		score := 1
		if f.q != "" {
			score = nq.Score(st.Settlement.Names)
		}
		if score > 0 && f.keeps(st) {
			kept = append(kept, scored{st, score})
		}
	}
	slices.SortStableFunc(kept, func(a, b scored) int { return cmp.Compare(b.score, a.score) })
	out := make([]geo.State, len(kept))
	for i, k := range kept {
		out[i] = k.State
	}
	return out
}

func (f settlementFilter) keeps(st geo.State) bool {
	return (f.controller == "" || st.Period.Controller == f.controller) &&
		(f.status == "" || st.Period.Status == f.status) &&
		(f.district == "" || strings.EqualFold(st.Settlement.District, f.district))
}

// changeFilter selects changes by their settlement, status, kind and district.
type changeFilter struct {
	settlement string
	status     geo.Status
	kind       geo.Kind
	district   string
}

func changeFilterParams(c echo.Context, ix *geo.Index) (changeFilter, error) {
	f := changeFilter{settlement: c.QueryParam("settlement_id"), kind: geo.Kind(c.QueryParam("kind")), district: c.QueryParam("district")}
	if _, ok := ix.Entry(f.settlement); f.settlement != "" && !ok {
		return f, geo.Invalidf("settlement_id", "%q is not a settlement id", f.settlement)
	}
	if f.kind != "" && !slices.Contains(geo.Kinds, f.kind) {
		return f, geo.Invalidf("kind", "%q is not a kind of change (see /api/collections/changes/queryables)", f.kind)
	}
	var err error
	f.status, err = statusParam(c)
	return f, err
}

func (f changeFilter) keeps(ch *geo.Change, st *geo.Settlement) bool {
	return (f.settlement == "" || ch.SettlementID == f.settlement) &&
		(f.status == "" || ch.Status == f.status) &&
		(f.kind == "" || ch.Kind == f.kind) &&
		(f.district == "" || strings.EqualFold(st.District, f.district))
}
