package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
)

// cursor reads the rows of one query straight from the driver: a load's million rows skip
// database/sql's conversions (each value is boxed once by the driver and read as it is).
type cursor struct {
	rows driver.Rows
	row  []driver.Value // the current row, valid until the next call of next
	done bool
}

// openCursor runs query on a driver connection (from sql.Conn.Raw).
func openCursor(ctx context.Context, dc any, query string, args ...any) (*cursor, error) {
	q, ok := dc.(driver.QueryerContext)
	if !ok {
		return nil, errors.New("data: the database driver cannot run queries directly")
	}
	named := make([]driver.NamedValue, len(args))
	for i, a := range args {
		named[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
	}
	rows, err := q.QueryContext(ctx, query, named)
	if err != nil {
		return nil, err
	}
	return &cursor{rows: rows, row: make([]driver.Value, len(rows.Columns()))}, nil
}

// next moves to the next row; it returns false at the end.
func (c *cursor) next() (bool, error) {
	if c.done {
		return false, nil
	}
	switch err := c.rows.Next(c.row); {
	case errors.Is(err, io.EOF):
		c.done = true
		return false, nil
	case err != nil:
		return false, err
	}
	return true, nil
}

func (c *cursor) close() error { return c.rows.Close() }

// eachRaw calls fn with each row of query, read on conn's driver connection.
func eachRaw(ctx context.Context, conn *sql.Conn, query string, args []any, fn func([]driver.Value) error) error {
	return conn.Raw(func(dc any) error {
		c, err := openCursor(ctx, dc, query, args...)
		if err != nil {
			return err
		}
		defer c.close()
		for {
			ok, err := c.next()
			if !ok || err != nil {
				return err
			}
			if err := fn(c.row); err != nil {
				return err
			}
		}
	})
}

// The values a driver row holds, by their SQLite type: NULL reads as its zero value.

func rawInt(v driver.Value) int64 {
	i, _ := v.(int64)
	return i
}

func rawFloat(v driver.Value) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int64:
		return float64(x)
	}
	return 0
}

func rawText(v driver.Value) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	}
	return ""
}
