package main

import (
	"os"
	"testing"

	"github.com/canhcua/canhcua/internal/pgtest"
)

// TestMain stops the PostgreSQL cluster the tests that need one share
// (pgtest.DB) after the package's tests.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
