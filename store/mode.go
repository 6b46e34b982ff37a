package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/canhcua/canhcua"
)

// The direction mode the operator chose with `d`, remembered across
// restarts in the settings table.

// RememberMode keeps m as the desk's direction mode.
func (db *DB) RememberMode(ctx context.Context, m canhcua.Mode) error {
	if _, err := canhcua.ParseMode(string(m)); err != nil {
		return err
	}
	err := db.update(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ('direction', ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, string(m))
		return err
	})
	if err != nil {
		return fmt.Errorf("store: remember direction: %w", err)
	}
	return nil
}

// RememberedMode is the direction mode RememberMode kept; ok is false when
// none was (or what is kept is no mode this canhcua knows).
func (db *DB) RememberedMode(ctx context.Context) (m canhcua.Mode, ok bool, err error) {
	var v string
	err = db.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'direction'`).Scan(&v)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", false, nil
	case err != nil:
		return "", false, fmt.Errorf("store: remembered direction: %w", err)
	}
	m, perr := canhcua.ParseMode(v)
	return m, perr == nil, nil
}
