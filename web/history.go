package web

import (
	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/geo"
)

// history shows every change of e, retracted ones included, oldest first.
func history(ix *geo.Index, e *geo.Entry) ([]data.ChangeJSON, error) {
	changes, err := data.Changes(ix, e)
	if err != nil {
		return nil, err
	}
	out := make([]data.ChangeJSON, len(changes))
	for i, c := range changes {
		out[i] = data.NewChangeJSON(ix, e, c)
	}
	return out, nil
}

// fillDetails reads the notes and sources of the changes in force of states.
func fillDetails(ix *geo.Index, states []geo.State) error {
	changes := make([]*geo.Change, len(states))
	for i, st := range states {
		changes[i] = st.Period.Change
	}
	return ix.FillSources(changes)
}
