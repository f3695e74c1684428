package tiles

import (
	"slices"
	"strconv"
	"strings"

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
	var actors []string
	idx := func(a string) string {
		if a == "" {
			return ""
		}
		i := slices.Index(actors, a)
		if i < 0 {
			i = len(actors)
			actors = append(actors, a)
		}
		return strconv.Itoa(i)
	}
	var runs strings.Builder
	for i, p := range tl {
		if i > 0 {
			runs.WriteByte(';')
		}
		f := [8]string{}
		if p.From != geo.MinDay {
			f[0] = strconv.Itoa(int(p.From))
		}
		f[1], f[2] = idx(p.Controller), statusLetter(p.Status)
		if p.Changing && p.Change != nil {
			f[3], f[4] = idx(p.Change.Controller), idx(p.Previous)
		}
		f[5] = idx(p.DisputedBy())
		if i > 0 && p.Change != nil && p.Change == tl[i-1].Change && !p.Changing && !tl[i-1].Changing {
			f[6] = "1"
		} else if p.Change != nil {
			if since := p.Change.Date.String(); since != p.From.String() {
				f[7] = since
			}
		}
		n := len(f)
		for n > 1 && f[n-1] == "" {
			n--
		}
		runs.WriteString(strings.Join(f[:n], ","))
	}
	return strings.Join(actors, ",") + "|" + runs.String()
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
