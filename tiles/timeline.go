package tiles

import (
	"slices"
	"strconv"

	"github.com/controlmap/controlmap/geo"
)

// TimelineProp packs the periods of a settlement into the compact "t" property of its
// open-ended feature (docs/CONTRACT.md, "Timeline property"): the actor ids it names, comma
// separated, then "|", then one run per period, ";" separated, each run
//
//	from,controller,status,next,previous,disputed_by,event,since
//
// with actors as indexes into the list, from a day number (empty for the open start), status
// one letter (c confirmed, l claimed, d disputed), event "1" when a confirmation or a
// counter-claim began the period (the change in force stays that of the run before), since
// the written date of the change only when it is not the from day itself; trailing empty
// fields are left out. A period ends where the next begins; the last is open-ended.
func TimelineProp(tl geo.Timeline) string {
	var sc propScratch
	return string(sc.append(nil, tl))
}

// propScratch holds what appending a timeline property needs, reused from one settlement of
// a tile to the next.
type propScratch struct {
	actors []string
	runs   []byte
}

// append appends the timeline property of tl to b.
func (sc *propScratch) append(b []byte, tl geo.Timeline) []byte {
	actors := sc.actors[:0]
	idx := func(b []byte, a string) []byte {
		if a == "" {
			return b
		}
		i := slices.Index(actors, a)
		if i < 0 {
			i = len(actors)
			actors = append(actors, a)
		}
		return strconv.AppendInt(b, int64(i), 10)
	}
	runs := sc.runs[:0]
	for i, p := range tl {
		if i > 0 {
			runs = append(runs, ';')
		}
		start := len(runs)
		if p.From != geo.MinDay {
			runs = strconv.AppendInt(runs, int64(p.From), 10)
		}
		runs = append(runs, ',')
		runs = idx(runs, p.Controller)
		runs = append(append(runs, ','), statusLetter(p.Status)...)
		runs = append(runs, ',')
		if p.Changing && p.Change != nil {
			runs = idx(runs, p.Change.Controller)
			runs = idx(append(runs, ','), p.Previous)
		} else {
			runs = append(runs, ',')
		}
		runs = idx(append(runs, ','), p.DisputedBy())
		runs = append(runs, ',')
		event := i > 0 && p.Change != nil && p.Change == tl[i-1].Change && !p.Changing && !tl[i-1].Changing
		if event {
			runs = append(runs, '1')
		}
		runs = append(runs, ',')
		if p.Change != nil && !event {
			runs = appendSince(runs, p)
		}
		for len(runs) > start && runs[len(runs)-1] == ',' {
			runs = runs[:len(runs)-1] // trailing empty fields
		}
	}
	sc.actors, sc.runs = actors, runs
	for i, a := range actors {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, a...)
	}
	return append(append(b, '|'), runs...)
}

// appendSince appends the written date of p's change unless it is p's from day itself.
func appendSince(b []byte, p geo.Period) []byte {
	d := p.Change.Date
	if !d.Interval && d.Precision == geo.DayPrecision && d.Start == p.From {
		return b
	}
	if since := d.String(); since != p.From.String() {
		b = append(b, since...)
	}
	return b
}

func statusLetter(s geo.Status) string {
	switch s {
	case geo.Confirmed:
		return "c"
	case geo.Claimed:
		return "l"
	case geo.Disputed:
		return "d"
	}
	return ""
}
