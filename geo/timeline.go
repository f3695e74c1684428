package geo

import (
	"slices"
	"sort"
)

// Period is a span of days [From, To) during which a settlement had one controller and one
// status. Controller is "" and Change nil while the controller is unknown.
//
// While control is changing (an interval change has not counted yet), Controller is "",
// Changing is true, Change is the incoming change and Previous the controller before it ("" when
// unknown). A status event (a confirmation or a counter-claim) splits a period: the new period
// has its own From, Status and Event but keeps Since, the first day of the control.
type Period struct {
	From, To   Day
	Since      Day // first day of the control in force; From unless a status event split it
	Controller string
	Status     Status
	Change     *Change // the change that set the controller, or the incoming one while changing
	Event      *Change // the confirmation or counter-claim that set Status from From, if any
	Changing   bool
	Previous   string // while changing: the controller before, "" when unknown
}

// Known reports whether the controller of p is known.
func (p Period) Known() bool { return p.Change != nil && !p.Changing }

// Contains reports whether d falls in p.
func (p Period) Contains(d Day) bool { return p.From <= d && d < p.To }

// DisputedBy returns the actor whose counter-claim made p disputed, or "".
func (p Period) DisputedBy() string {
	if p.Event != nil && p.Event.Kind == CounterClaim {
		return p.Event.Controller
	}
	return ""
}

// Timeline is the control periods of one settlement, sorted, contiguous and covering every day
// from MinDay to MaxDay. It starts with an unknown period.
type Timeline []Period

// BuildTimeline derives the periods of one settlement from its changes, in any order.
// Retracted changes are left out; a change overtaken on its own first day leaves no period.
func BuildTimeline(changes []*Change) Timeline {
	counting := make([]*Change, 0, len(changes))
	for _, c := range changes {
		if c.Counts() {
			counting = append(counting, c)
		}
	}
	slices.SortFunc(counting, CompareChanges)
	return buildTimeline(counting, nil)
}

// buildTimeline derives the periods of counting, sorted changes that count, into buf.
func buildTimeline(counting []*Change, buf Timeline) Timeline {
	t := append(buf[:0], Period{From: MinDay, To: MaxDay, Since: MinDay})
	for _, c := range counting {
		t = t.apply(c)
	}
	return t
}

// apply adds c to t: as a status event when it is one, else as a change of hands.
func (t Timeline) apply(c *Change) Timeline {
	inForce := t[len(t)-1]
	switch {
	case c.Kind == CounterClaim:
		return t.counterClaim(c, inForce)
	case c.Kind == Confirmation && inForce.Known() && inForce.Controller == c.Controller:
		return t.split(c, Confirmed)
	}
	return t.changeHands(c)
}

// counterClaim marks the period in force disputed when c denies its controller.
func (t Timeline) counterClaim(c *Change, inForce Period) Timeline {
	if !inForce.Known() || inForce.Controller == c.Controller {
		return t // only in the history
	}
	return t.split(c, Disputed)
}

// split starts a period with status from event's day, keeping the controller and Since.
func (t Timeline) split(event *Change, status Status) Timeline {
	next := t[len(t)-1]
	next.From, next.Status, next.Event = event.Date.Counts(), status, event
	t = t.cut(next.From)
	return append(t, next)
}

// changeHands opens c's period from the day it counts, after a changing span for an interval.
func (t Timeline) changeHands(c *Change) Timeline {
	if c.Date.Interval {
		t = t.startChanging(c)
	}
	from := c.Date.Counts()
	t = t.cut(from)
	return append(t, Period{From: from, To: MaxDay, Since: from, Controller: c.Controller, Status: c.Status, Change: c})
}

// startChanging opens the span while c's interval is open: from its earliest day, or from the
// start of the period in force when that is later. "../B" with nothing before opens none, nor
// does an interval naming the controller already in force.
func (t Timeline) startChanging(c *Change) Timeline {
	inForce := t[len(t)-1]
	from := max(c.Date.Earliest(), inForce.From)
	previous := inForce.Controller
	if inForce.Changing {
		previous = inForce.Previous
	}
	if from == MinDay || from >= c.Date.Counts() || previous == c.Controller {
		return t
	}
	t = t.cut(from)
	return append(t, Period{From: from, To: MaxDay, Since: from, Status: c.Status, Change: c, Changing: true, Previous: previous})
}

// cut ends t on the day before day, dropping the periods that would start on or after it.
func (t Timeline) cut(day Day) Timeline {
	for len(t) > 1 && t[len(t)-1].From >= day {
		t = t[:len(t)-1]
	}
	t[len(t)-1].To = day
	return t
}

// At returns the period that contains day d.
func (t Timeline) At(d Day) Period {
	i := sort.Search(len(t), func(i int) bool { return t[i].To > d })
	return t[min(i, len(t)-1)] // MaxDay itself falls in the last period
}

// Before returns the period before the first one set by change id (its changing span, for an
// interval), and false when that change sets no period (it is retracted, overtaken on its first
// day, or a status event). For the controller a change replaced, use PreviousController: after
// "../B" the period before may be older than the controller it replaced.
func (t Timeline) Before(changeID string) (Period, bool) {
	for i := 1; i < len(t); i++ {
		if t[i].Change != nil && t[i].Change.ID == changeID {
			return t[i-1], true
		}
	}
	return Period{}, false
}

// PreviousController returns the controller that change id replaced ("" when unknown), and
// false when it sets no period: it is retracted, overtaken or a status event.
func (t Timeline) PreviousController(changeID string) (string, bool) {
	for i := 1; i < len(t); i++ {
		switch p := t[i]; {
		case p.Change == nil || p.Change.ID != changeID:
		case p.Changing:
			return p.Previous, true
		default:
			return t[i-1].Controller, true
		}
	}
	return "", false
}
