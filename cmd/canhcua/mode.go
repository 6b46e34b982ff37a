package main

import (
	"context"
	"log"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/store"
)

// startMode is the direction mode the desk starts in: --direction when it
// is given (flag), else the mode the operator chose last with `d`
// (remembered in the database), else the config file's direction (def).
func startMode(ctx context.Context, st *store.DB, def canhcua.Mode, flag bool) canhcua.Mode {
	if flag {
		return def
	}
	m, ok, err := st.RememberedMode(ctx)
	if err != nil {
		log.Printf("canhcua: %v; starting in %s", err, def)
	}
	if !ok {
		return def
	}
	return m
}
