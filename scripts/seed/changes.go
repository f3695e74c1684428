package main

import (
	"fmt"
	"strings"
	"time"
)

// changeSet holds the changes built so far, by settlement, so that district
// events can ask who controlled a settlement before a date.
type changeSet struct {
	bySettlement map[string][]*change
	ids          map[string]*change
}

func newChangeSet() *changeSet {
	return &changeSet{bySettlement: map[string][]*change{}, ids: map[string]*change{}}
}

// add stores a change, or adds its sources to the change of the same event
// (same settlement, date and controller) from another row.
func (cs *changeSet) add(c *change) error {
	if same := cs.sameEvent(c); same != nil {
		return merge(same, c)
	}
	c.ID = fmt.Sprintf("%s-%s-%s", c.SettlementID, c.Date, c.Kind)
	if cs.ids[c.ID] != nil {
		c.ID += "-" + c.Controller
	}
	if cs.ids[c.ID] != nil {
		return fmt.Errorf("duplicate change id %s", c.ID)
	}
	cs.ids[c.ID] = c
	cs.bySettlement[c.SettlementID] = append(cs.bySettlement[c.SettlementID], c)
	sortChanges(cs.bySettlement[c.SettlementID])
	return nil
}

// sameEvent finds a stored change for the same settlement, date and controller.
func (cs *changeSet) sameEvent(c *change) *change {
	for _, o := range cs.bySettlement[c.SettlementID] {
		if o.Date == c.Date && o.Controller == c.Controller {
			return o
		}
	}
	return nil
}

// merge adds the sources and note of b to a, which must be the same kind.
func merge(a, b *change) error {
	if a.Kind != b.Kind || a.Status != b.Status {
		return fmt.Errorf("%s %s: rows of one event disagree on kind/status (%s/%s, %s/%s)",
			a.SettlementID, a.Date, a.Kind, a.Status, b.Kind, b.Status)
	}
	a.Sources = append(a.Sources, b.Sources...)
	if b.Note != "" && !strings.Contains(a.Note, b.Note) {
		a.Note = joinNotes(a.Note, b.Note)
	}
	return nil
}

// remove drops a change.
func (cs *changeSet) remove(c *change) {
	delete(cs.ids, c.ID)
	list := cs.bySettlement[c.SettlementID]
	for i, o := range list {
		if o == c {
			cs.bySettlement[c.SettlementID] = append(list[:i:i], list[i+1:]...)
			return
		}
	}
}

// before returns the last change of a settlement dated before day, or nil.
func (cs *changeSet) before(sid string, day time.Time) *change {
	var last *change
	for _, c := range cs.bySettlement[sid] {
		if mustDay(c.Date).Before(day) {
			last = c
		}
	}
	return last
}

// ownRow returns a settlement-level change to controller dated from day to
// until (inclusive), or nil.
func (cs *changeSet) ownRow(sid, controller string, day, until time.Time) *change {
	for _, c := range cs.bySettlement[sid] {
		d := mustDay(c.Date)
		if c.Derived == "" && c.Controller == controller && !d.Before(day) && !d.After(until) {
			return c
		}
	}
	return nil
}

// laterFrom returns the first settlement-level change after day whose row says
// the settlement was held by from, or nil.
func (cs *changeSet) laterFrom(sid, from string, day time.Time) *change {
	for _, c := range cs.bySettlement[sid] {
		if c.Derived == "" && c.From == from && mustDay(c.Date).After(day) {
			return c
		}
	}
	return nil
}

// list returns all changes in output order.
func (cs *changeSet) list() []*change {
	var out []*change
	for _, l := range cs.bySettlement {
		out = append(out, l...)
	}
	sortChanges(out)
	return out
}

// joinNotes joins two note texts.
func joinNotes(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return strings.TrimRight(a, ". ") + ". " + b
}
