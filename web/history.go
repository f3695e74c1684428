package web

import (
	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/geo"
)

// history shows every change of e, retracted ones included, oldest first.
func history(ix *geo.Index, e *geo.Entry) []data.ChangeJSON {
	out := make([]data.ChangeJSON, len(e.Changes))
	for i, c := range e.Changes {
		out[i] = data.NewChangeJSON(ix, e, c)
	}
	return out
}
