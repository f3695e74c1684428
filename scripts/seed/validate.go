package main

import (
	"errors"
	"fmt"
	"regexp"
	"time"
)

// Region bbox of SOURCES.md: every seed point must fall inside it.
const minLon, maxLon, minLat, maxLat = 44.5, 47.5, 38.5, 41.0

var (
	colorRe  = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)
	kinds    = map[string]bool{"capture": true, "handover": true, "withdrawal": true, "claim": true, "other": true}
	statuses = map[string]bool{"confirmed": true, "claimed": true, "disputed": true}
	places   = map[string]bool{"city": true, "town": true, "village": true}
)

// validate checks the seed against docs/CONTRACT.md before anything is written.
func validate(s *seed) error {
	var errs []error
	actorSet := map[string]bool{}
	for _, a := range s.Actors {
		actorSet[a.ID] = true
		errs = append(errs, checkActor(a)...)
	}
	settlementIDs := map[string]bool{}
	for _, st := range s.Settlements {
		if settlementIDs[st.ID] {
			errs = append(errs, fmt.Errorf("settlement %s: duplicate id", st.ID))
		}
		settlementIDs[st.ID] = true
		errs = append(errs, checkSettlement(st)...)
	}
	for _, c := range s.Changes {
		errs = append(errs, checkChange(c, actorSet, settlementIDs)...)
	}
	return errors.Join(errs...)
}

// checkActor checks one actor.
func checkActor(a actor) []error {
	var errs []error
	if !isSlug(a.ID) || a.NameEN == "" {
		errs = append(errs, fmt.Errorf("actor %q: bad id or name", a.ID))
	}
	if !colorRe.MatchString(a.Color) {
		errs = append(errs, fmt.Errorf("actor %s: bad colour %q", a.ID, a.Color))
	}
	return errs
}

// checkSettlement checks one settlement.
func checkSettlement(st *settlement) []error {
	var errs []error
	if !isSlug(st.ID) || st.NameEN == "" || st.District == "" || st.Country != "AZ" {
		errs = append(errs, fmt.Errorf("settlement %q: bad id, name, district or country", st.ID))
	}
	if st.Lon < minLon || st.Lon > maxLon || st.Lat < minLat || st.Lat > maxLat {
		errs = append(errs, fmt.Errorf("settlement %s: point %v,%v outside the region", st.ID, st.Lon, st.Lat))
	}
	if !places[st.Place] {
		errs = append(errs, fmt.Errorf("settlement %s: bad place %q", st.ID, st.Place))
	}
	return errs
}

// checkChange checks one change and its sources.
func checkChange(c *change, actorSet, settlementIDs map[string]bool) []error {
	var errs []error
	if !isSlug(c.ID) || !settlementIDs[c.SettlementID] || !actorSet[c.Controller] {
		errs = append(errs, fmt.Errorf("change %q: bad id, settlement %q or controller %q", c.ID, c.SettlementID, c.Controller))
	}
	if !kinds[c.Kind] || !statuses[c.Status] {
		errs = append(errs, fmt.Errorf("change %s: bad kind %q or status %q", c.ID, c.Kind, c.Status))
	}
	if err := checkDate(c.Date); err != nil {
		errs = append(errs, fmt.Errorf("change %s: %w", c.ID, err))
	}
	if len(c.Sources) == 0 {
		errs = append(errs, fmt.Errorf("change %s: no source", c.ID))
	}
	for _, src := range c.Sources {
		errs = append(errs, checkSource(c.ID, src)...)
	}
	return errs
}

// checkSource checks one source row.
func checkSource(id string, src source) []error {
	var errs []error
	if src.Title == "" || src.Publisher == "" {
		errs = append(errs, fmt.Errorf("change %s: source without title or publisher", id))
	}
	if src.Date != "" {
		if err := checkDate(src.Date); err != nil {
			errs = append(errs, fmt.Errorf("change %s: source date: %w", id, err))
		}
	}
	return errs
}

// checkDate accepts a written date that is not in the future.
func checkDate(s string) error {
	t, err := parseDate(s)
	if err != nil {
		return err
	}
	if t.After(time.Now()) {
		return fmt.Errorf("date %s is in the future", s)
	}
	return nil
}
