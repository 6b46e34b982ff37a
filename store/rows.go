package store

import (
	"context"
	"database/sql"
	"fmt"
)

// rowScanner is a row to read: *sql.Row or *sql.Rows.
type rowScanner interface{ Scan(...any) error }

// eachRow runs a query in tx and calls each with every row, in order,
// stopping at the first error.
func eachRow(ctx context.Context, tx *sql.Tx, each func(rowScanner) error, q string, args ...any) error {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// queryAll runs a query in tx and reads every row with read.
func queryAll[T any](ctx context.Context, tx *sql.Tx, read func(rowScanner) (T, error), q string, args ...any) ([]T, error) {
	var out []T
	err := eachRow(ctx, tx, func(r rowScanner) error {
		v, err := read(r)
		if err != nil {
			return err
		}
		out = append(out, v)
		return nil
	}, q, args...)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// viewAll is queryAll in a read transaction of db; its error says it was
// reading what.
func viewAll[T any](ctx context.Context, db *DB, what string, read func(rowScanner) (T, error), q string, args ...any) ([]T, error) {
	var out []T
	err := db.view(ctx, func(tx *sql.Tx) (err error) {
		out, err = queryAll(ctx, tx, read, q, args...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	return out, nil
}
