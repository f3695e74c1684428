package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/controlmap/controlmap/geo"
)

// A load reads a million changes, so each row carries as little as it can: its rowid, id,
// settlement and one integer packing its day, precision, controller, kind and status (see
// packed). The few rows that need more (an interval date, a recording time other than the
// common one, a retraction, a word outside the coded lists) come from a second cursor over the
// same snapshot, in the same rowid order, with their text.

// maxCodedActors is how many actors the packed integer names; a change of any other actor
// comes with its text.
const maxCodedActors = 32

// changeCodes are the words a load reads as numbers: code i+1 is words[i], 0 is none of them.
type changeCodes struct {
	actors, kinds, statuses []string
}

func newChangeCodes(actors []string) changeCodes {
	kinds, statuses := kindNames(), statusNames()
	return changeCodes{actors: actors[:min(len(actors), maxCodedActors)],
		kinds: kinds[:min(len(kinds), 15)], statuses: statuses[:min(len(statuses), 15)]}
}

// packed is the SQL of a change's packed integer:
// ((day*4 + precision) << 16) | controller << 8 | kind << 4 | status.
func (cc changeCodes) packed() (string, []any) {
	var args []any
	code := func(column string, words []string) string {
		if len(words) == 0 {
			return "0"
		}
		var b strings.Builder
		b.WriteString("CASE " + column)
		for i, w := range words {
			fmt.Fprintf(&b, " WHEN ? THEN %d", i+1)
			args = append(args, w)
		}
		b.WriteString(" ELSE 0 END")
		return b.String()
	}
	sql := "(day*4 + precision)*65536 + (" + code("controller", cc.actors) + ")*256 + (" +
		code("kind", cc.kinds) + ")*16 + (" + code("status", cc.statuses) + ")"
	return sql, args
}

// uncoded is the SQL condition of a change whose packed integer is not enough, with its
// arguments after the common recording time.
func (cc changeCodes) uncoded() (string, []any) {
	var args []any
	notIn := func(column string, words []string) string {
		for _, w := range words {
			args = append(args, w)
		}
		if len(words) == 0 {
			return "1"
		}
		return column + " NOT IN (" + strings.Repeat("?, ", len(words)-1) + "?)"
	}
	cond := "instr(date, '/') OR recorded_at <> ? OR retracted_at IS NOT NULL OR " +
		notIn("controller", cc.actors) + " OR " + notIn("kind", cc.kinds) + " OR " + notIn("status", cc.statuses)
	return cond, args
}

// decode fills c's date and words from a packed integer; it reports false when a word is
// not coded (the row is then one of the uncoded ones).
func (cc changeCodes) decode(v int64, c *geo.Change) bool {
	dp := v >> 16
	c.Date = geo.Date{Start: geo.Day(dp >> 2), Precision: geo.Precision(dp & 3)}
	ctrl, kind, status := int(v>>8&0xff), int(v>>4&0xf), int(v&0xf)
	if ctrl == 0 || kind == 0 || status == 0 || ctrl > len(cc.actors) || kind > len(cc.kinds) || status > len(cc.statuses) {
		return false
	}
	c.Controller, c.Kind, c.Status = cc.actors[ctrl-1], geo.Kind(cc.kinds[kind-1]), geo.Status(cc.statuses[status-1])
	return true
}

// changeShare is what reading a share of the changes needs: the coded words and the
// recording time of most changes (an import records its changes at one time).
type changeShare struct {
	codes  changeCodes
	common string
}

// newChangeShare reads, on conn, what reading the changes needs.
func newChangeShare(ctx context.Context, conn *sql.Conn) (changeShare, error) {
	var actors []string
	err := eachRaw(ctx, conn, `SELECT id FROM actors`, nil, func(r []driver.Value) error {
		actors = append(actors, rawText(r[0]))
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

// read reads the changes of rowid from to to (both included), without notes and sources, on conn,
// and calls add with each (the same *Change, refilled).
func (sh changeShare) read(ctx context.Context, conn *sql.Conn, add func(*geo.Change), from, to int64) error {
	return conn.Raw(func(dc any) error {
		main, extra, err := sh.open(ctx, dc, from, to)
		if err != nil {
			return err
		}
		defer main.close()
		defer extra.close()
		return readChanges(main, extra, sh.codes, parseTime(sh.common), add)
	})
}

// open opens the cursor of the changes in the rowid range, and that of the uncoded ones.
func (sh changeShare) open(ctx context.Context, dc any, from, to int64) (main, extra *cursor, err error) {
	packed, args := sh.codes.packed()
	main, err = openCursor(ctx, dc, `SELECT rowid, id, settlement_id, `+packed+` FROM changes
		WHERE rowid BETWEEN ? AND ? ORDER BY rowid`, append(args, from, to)...)
	if err != nil {
		return nil, nil, err
	}
	cond, args := sh.codes.uncoded()
	extra, err = openCursor(ctx, dc, `SELECT rowid, date, controller, kind, status, recorded_at, retracted_at,
		retraction_reason FROM changes WHERE rowid BETWEEN ? AND ? AND (`+cond+`) ORDER BY rowid`,
		append([]any{from, to, sh.common}, args...)...)
	if err != nil {
		main.close()
		return nil, nil, err
	}
	return main, extra, nil
}

// readChanges reads main's rows into add, taking what their packed integer does not say from
// extra's rows of the same rowid.
func readChanges(main, extra *cursor, cc changeCodes, commonTime time.Time, add func(*geo.Change)) error {
	var c geo.Change
	more, err := extra.next()
	for err == nil {
		var ok bool
		if ok, err = main.next(); !ok || err != nil {
			break
		}
		row := main.row
		c.ID, c.SettlementID = rawText(row[1]), rawText(row[2])
		coded := cc.decode(rawInt(row[3]), &c)
		c.RecordedAt, c.Retracted = commonTime, nil
		if more && rawInt(extra.row[0]) == rawInt(row[0]) {
			if err = uncodedChange(extra.row, &c); err != nil {
				return fmt.Errorf("change %s: %w", c.ID, err)
			}
			more, err = extra.next()
		} else if !coded {
			return fmt.Errorf("change %s: the load missed its words", c.ID)
		}
		add(&c)
	}
	return err
}

// uncodedChange fills c from a row of the extra cursor: rowid, date, controller, kind, status,
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

func kindNames() []string {
	out := make([]string, len(geo.Kinds))
	for i, k := range geo.Kinds {
		out[i] = string(k)
	}
	return out
}

func statusNames() []string {
	out := make([]string, len(geo.Statuses))
	for i, s := range geo.Statuses {
		out[i] = string(s)
	}
	return out
}
