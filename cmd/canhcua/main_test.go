package main

import (
	"os"
	"testing"

	"github.com/canhcua/canhcua/internal/pgtest"
)

// TestMain stops the PostgreSQL the district tests share after them.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
