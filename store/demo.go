package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// MarkDemo marks the database as the demo's: the people in it are made up,
// and exports and reports made from it say so. A mark is never removed.
func (db *DB) MarkDemo(ctx context.Context) error {
	_, err := db.db.ExecContext(ctx,
		`INSERT INTO settings (key, value) VALUES ('demo', '1') ON CONFLICT (key) DO NOTHING`)
	if err != nil {
		return fmt.Errorf("store: mark demo: %w", err)
	}
	return nil
}

// Demo reports whether the database is the demo's (MarkDemo).
func (db *DB) Demo(ctx context.Context) (bool, error) {
	var v string
	err := db.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'demo'`).Scan(&v)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("store: demo mark: %w", err)
	}
	return v == "1", nil
}
