package data

import (
	"cmp"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"

	"github.com/controlmap/controlmap/geo"
)

// A load reads a million changes, so each row carries as little as it can: its id,
// settlement and one integer packing its day, precision, controller, kind and status (see
// packed). The few rows that need more (an interval date, a recording time other than the
// common one, a retraction) come from a second cursor over the same snapshot, in the same
// rowid order, with their text; a word without a code is looked up by id.

// maxCaseActors is how many actors the packed integer's controller is found among with a CASE;
// with more, it is the actor's rowid, found by a search of the actors.
const maxCaseActors = 32

// changeCodes are the words a load reads as numbers: words[code], code 0 being none.
type changeCodes struct {
	actors, kinds, statuses []string
	byRowid                 bool // the controller's code is its actor's rowid
}

// actorRow is an actor's id and rowid.
type actorRow struct {
	rowid int64
	id    string
}

// newChangeCodes codes the actors, the kinds and the statuses.
func newChangeCodes(actorRows []actorRow) changeCodes {
	cc := changeCodes{actors: []string{""}, kinds: codeWords(geo.Kinds), statuses: codeWords(geo.Statuses),
		byRowid: len(actorRows) > maxCaseActors}
	for _, r := range actorRows {
		rowid, id := r.rowid, r.id
		switch {
		case !cc.byRowid:
			cc.actors = append(cc.actors, id)
		case rowid > 0 && rowid < 1<<24:
			for int64(len(cc.actors)) <= rowid {
				cc.actors = append(cc.actors, "")
			}
			cc.actors[rowid] = id
		}
	}
	return cc
}

// packed is the SQL of a change's packed integer, with its arguments:
// (day*4 + precision) << 32 | controller << 8 | kind << 4 | status.
func (cc changeCodes) packed() (string, []any) {
	var args []any
	caseOf := func(column string, words []string, max int) string {
		if len(words) < 2 {
			return "0"
		}
		var b strings.Builder
		b.WriteString("CASE " + column)
		for i, w := range words[1:min(len(words), max+1)] {
			fmt.Fprintf(&b, " WHEN ? THEN %d", i+1)
			args = append(args, w)
		}
		b.WriteString(" ELSE 0 END")
		return b.String()
	}
	ctrl := "coalesce((SELECT rowid FROM actors WHERE id = controller AND rowid < 16777216), 0)"
	if !cc.byRowid {
		ctrl = caseOf("controller", cc.actors, maxCaseActors)
	}
	return "(day*4 + precision)*4294967296 + (" + ctrl + ")*256 + (" + caseOf("kind", cc.kinds, 15) + ")*16 + (" +
		caseOf("status", cc.statuses, 15) + ")", args
}

// decode fills c's date and words from a packed integer; it reports false when a word has no
// code.
func (cc changeCodes) decode(v int64, c *geo.Change) bool {
	dp := v >> 32
	c.Date = geo.Date{Start: geo.Day(dp >> 2), Precision: geo.Precision(dp & 3)}
	ctrl, kind, status := int(v>>8&(1<<24-1)), int(v>>4&0xf), int(v&0xf)
	c.Controller, c.Kind, c.Status = word(cc.actors, ctrl), geo.Kind(word(cc.kinds, kind)), geo.Status(word(cc.statuses, status))
	return c.Controller != "" && c.Kind != "" && c.Status != ""
}

func word(words []string, code int) string {
	if code < len(words) {
		return words[code]
	}
	return ""
}

// changeShare is what reading a share of the changes needs: the coded words and the
// recording time of most changes (an import records its changes at one time).
type changeShare struct {
	codes  changeCodes
	common string
}

// newChangeShare reads, on conn, what reading the changes needs.
func newChangeShare(ctx context.Context, conn *sql.Conn) (changeShare, error) {
	var actors []actorRow
	err := eachRaw(ctx, conn, `SELECT rowid, id FROM actors ORDER BY rowid`, nil, func(r []driver.Value) error {
		actors = append(actors, actorRow{rawInt(r[0]), rawText(r[1])})
		return nil
	})
	if err != nil {
		return changeShare{}, err
	}
	sh := changeShare{codes: newChangeCodes(actors)}
	err = conn.QueryRowContext(ctx, `SELECT recorded_at FROM changes LIMIT 1`).Scan(&sh.common)
	if errors.Is(err, sql.ErrNoRows) {
		err = nil
	}
	return sh, err
}

// read reads the changes of rowid from to to (both included), without notes and sources, on
// conn, and calls add with each (the same *Change, refilled).
func (sh changeShare) read(ctx context.Context, conn *sql.Conn, add func(*geo.Change), from, to int64) error {
	return conn.Raw(func(dc any) error {
		main, extra, err := sh.open(ctx, dc, from, to)
		if err != nil {
			return err
		}
		defer main.close()
		defer extra.close()
		lookup := func(id string) (*cursor, error) {
			return openCursor(ctx, dc, `SELECT id, date, controller, kind, status, recorded_at, retracted_at,
				retraction_reason FROM changes WHERE id = ?`, id)
		}
		return readChanges(main, extra, lookup, sh, add)
	})
}

// open opens the cursor of the changes in the rowid range, and that of those whose packed
// integer is not enough.
func (sh changeShare) open(ctx context.Context, dc any, from, to int64) (main, extra *cursor, err error) {
	packed, args := sh.codes.packed()
	main, err = openCursor(ctx, dc, `SELECT id, settlement_id, `+packed+` FROM changes
		WHERE rowid BETWEEN ? AND ? ORDER BY rowid`, append(args, from, to)...)
	if err != nil {
		return nil, nil, err
	}
	extra, err = openCursor(ctx, dc, `SELECT id, date, controller, kind, status, recorded_at, retracted_at,
		retraction_reason FROM changes WHERE rowid BETWEEN ? AND ?
		AND (instr(date, '/') OR recorded_at <> ? OR retracted_at IS NOT NULL) ORDER BY rowid`, from, to, sh.common)
	if err != nil {
		main.close()
		return nil, nil, err
	}
	return main, extra, nil
}

// readChanges reads main's rows into add, taking what their packed integer does not say from
// extra's row of the same id (both are in rowid order), or else from a lookup of the row.
func readChanges(main, extra *cursor, lookup func(string) (*cursor, error), sh changeShare, add func(*geo.Change)) error {
	var c geo.Change
	commonTime := parseTime(sh.common)
	more, err := extra.next()
	for err == nil {
		var ok bool
		if ok, err = main.next(); !ok || err != nil {
			break
		}
		row := main.row
		c.ID, c.SettlementID = rawText(row[0]), rawText(row[1])
		coded := sh.codes.decode(rawInt(row[2]), &c)
		c.RecordedAt, c.Retracted = commonTime, nil
		switch {
		case more && rawText(extra.row[0]) == c.ID:
			if err = uncodedChange(extra.row, &c); err == nil {
				more, err = extra.next()
			}
		case !coded:
			err = lookupChange(lookup, c.ID, &c)
		}
		if err != nil {
			return fmt.Errorf("change %s: %w", c.ID, err)
		}
		add(&c)
	}
	return err
}

// lookupChange fills c from its row, read by id.
func lookupChange(lookup func(string) (*cursor, error), id string, c *geo.Change) error {
	cur, err := lookup(id)
	if err != nil {
		return err
	}
	defer cur.close()
	if ok, err := cur.next(); !ok || err != nil {
		return cmp.Or(err, errors.New("data: a change went missing during the load"))
	}
	return uncodedChange(cur.row, c)
}

// uncodedChange fills c from a row of the extra cursor: id, date, controller, kind, status,
// recorded_at, retracted_at, retraction_reason.
func uncodedChange(row []driver.Value, c *geo.Change) (err error) {
	if c.Date, err = geo.ParseDate(rawText(row[1])); err != nil {
		return err
	}
	c.Controller, c.Kind, c.Status = rawText(row[2]), geo.Kind(rawText(row[3])), geo.Status(rawText(row[4]))
	c.RecordedAt = parseTime(rawText(row[5]))
	if row[6] != nil {
		c.Retracted = &geo.Retraction{At: parseTime(rawText(row[6])), Reason: rawText(row[7])}
	}
	return nil
}

// codeWords are words as the codes of a packed integer: code 0 none, then each in order.
func codeWords[T ~string](words []T) []string {
	out := make([]string, 1, len(words)+1)
	for _, w := range words {
		out = append(out, string(w))
	}
	return out
}
