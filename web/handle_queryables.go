package web

import (
	"slices"

	"github.com/controlmap/controlmap/geo"
	"github.com/labstack/echo/v4"
)

// handleQueryables answers the properties a collection's items can be filtered on (OGC API –
// Features Part 3), as a JSON Schema; each is a query parameter of the items, named after the
// feature property it tests.
func (s *server) handleQueryables(c echo.Context) error {
	id := c.Param("collection")
	if _, ok := collectionText[id]; !ok {
		return geo.NotFoundf("no collection %q", id)
	}
	var props map[string]any
	if id == "settlements" {
		props = s.settlementQueryables()
	} else {
		props = s.changeQueryables()
	}
	return sendJSON(c, mimeSchema, map[string]any{
		"$schema":              "https://json-schema.org/draft/2020-12/schema",
		"$id":                  s.baseURL(c) + "/api/collections/" + id + "/queryables",
		"type":                 "object",
		"title":                collectionText[id][0],
		"properties":           props,
		"additionalProperties": false,
	})
}

func (s *server) settlementQueryables() map[string]any {
	return map[string]any{
		"controller_id": queryable("Controller", "The id of the actor controlling the settlement on the day.", s.actorIDs()),
		"status":        queryable("Status", "The status of the change that gave the settlement its controller.", enumOf(geo.Statuses)["enum"].([]any)),
		"district":      queryable("District", "The settlement's district.", s.districts()),
	}
}

func (s *server) changeQueryables() map[string]any {
	return map[string]any{
		"settlement_id": queryable("Settlement", "The id of the settlement that changed hands.", nil),
		"status":        queryable("Status", "How well the change is established.", enumOf(geo.Statuses)["enum"].([]any)),
		"kind":          queryable("Kind", "The kind of change.", enumOf(geo.Kinds)["enum"].([]any)),
		"district":      queryable("District", "The settlement's district.", s.districts()),
	}
}

func queryable(title, description string, enum []any) map[string]any {
	q := map[string]any{"title": title, "description": description, "type": "string"}
	if len(enum) > 0 {
		q["enum"] = enum
	}
	return q
}

func (s *server) actorIDs() []any {
	var ids []any
	for _, a := range s.store.Index().Actors() {
		ids = append(ids, a.ID)
	}
	return ids
}

// districts are the districts of the settlements, sorted.
func (s *server) districts() []any {
	var names []string
	for _, e := range s.store.Index().Entries(nil) {
		if d := e.Settlement.District; d != "" {
			names = append(names, d)
		}
	}
	slices.Sort(names)
	names = slices.Compact(names)
	out := make([]any, len(names))
	for i, n := range names {
		out[i] = n
	}
	return out
}
