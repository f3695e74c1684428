package web

import (
	"encoding/json"

	"github.com/controlmap/controlmap/data"
	"github.com/controlmap/controlmap/geo"
	"github.com/labstack/echo/v4"
)

type dateCountJSON struct {
	Date  string  `json:"date"`
	Day   geo.Day `json:"day"`
	Count int     `json:"count"`
}

// handleTimeline answers what a time slider needs: the date range, the actors with their
// colours, and every date that has changes with their counts.
func (s *server) handleTimeline(c echo.Context) error {
	ix := s.store.Index()
	today := s.store.Today()
	v, err := s.cache.get(ix.Version(), "timeline "+today.String(), func() ([]byte, error) {
		out := map[string]any{"today": today.String(), "start": nil, "end": nil}
		actors := []data.ActorJSON{}
		for _, a := range ix.Actors() {
			actors = append(actors, data.NewActorJSON(a))
		}
		dates := []dateCountJSON{}
		for _, dc := range ix.DateCounts() {
			dates = append(dates, dateCountJSON{Date: dc.Day.String(), Day: dc.Day, Count: dc.Count})
		}
		if len(dates) > 0 {
			out["start"], out["end"] = dates[0].Date, dates[len(dates)-1].Date
		}
		out["actors"], out["dates"], out["metadata"] = actors, dates, s.metadata("")
		return json.Marshal(out)
	})
	if err != nil {
		return err
	}
	return sendCached(c, v, mimeJSON, "public, max-age=60")
}
