package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCSVSeparator: --sep ';' for export and report; csv_separator in the
// config file for both (and --sep wins over it); a separator canhcua does
// not know is refused, on the command line and in the config file.
func TestCSVSeparator(t *testing.T) {
	fixReportClock(t)
	db := seedReportDB(t)
	cfgDir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfgDir)
	run := func(cmd func(context.Context, []string, *bytes.Buffer, *bytes.Buffer) int, args ...string) (string, string, int) {
		t.Helper()
		var out, errb bytes.Buffer
		code := cmd(context.Background(), args, &out, &errb)
		return out.String(), errb.String(), code
	}
	export := func(args ...string) (string, string, int) {
		return run(func(ctx context.Context, a []string, o, e *bytes.Buffer) int { return cmdExport(ctx, a, o, e) }, args...)
	}
	rep := func(args ...string) (string, string, int) {
		return run(func(ctx context.Context, a []string, o, e *bytes.Buffer) int { return cmdReport(ctx, a, o, e) }, args...)
	}
	base := []string{"--db", db, "--date", "27/11/2026", "--to", "-", "--format", "csv"}

	out, errs, code := export(append(base, "--sep", ";")...)
	if code != exitOK || !strings.HasPrefix(out, "\uFEFFThời gian;Cửa;Chiều;Họ và tên;") {
		t.Fatalf("export --sep ';': %d %q %s", code, out[:min(len(out), 80)], errs)
	}
	out, errs, code = rep(append(base, "--sep", ";")...)
	if code != exitOK || !strings.Contains(out, "Cán bộ;2;4;50%") {
		t.Fatalf("report --sep ';': %d %s", code, errs)
	}
	// The default: commas.
	if out, _, _ = export(base...); !strings.HasPrefix(out, "\uFEFFThời gian,Cửa,Chiều,") {
		t.Errorf("export by default: %q", out[:min(len(out), 60)])
	}

	// The config file's csv_separator, for both; --sep wins.
	if err := os.MkdirAll(filepath.Join(cfgDir, "canhcua"), 0o700); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(cfgDir, "canhcua", "config.toml")
	if err := os.WriteFile(cfg, []byte("csv_separator = \"tab\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, errs, _ = export(base...); !strings.HasPrefix(out, "\uFEFFThời gian\tCửa\tChiều\t") {
		t.Errorf("export with csv_separator = tab: %q %s", out[:min(len(out), 60)], errs)
	}
	if out, _, _ = rep(base...); !strings.Contains(out, "Cán bộ\t2\t4\t50%") {
		t.Errorf("report with csv_separator = tab:\n%s", out)
	}
	if out, _, _ = export(append(base, "--sep", ",")...); !strings.HasPrefix(out, "\uFEFFThời gian,Cửa,") {
		t.Errorf("--sep over the config: %q", out[:min(len(out), 60)])
	}

	if _, errs, code = export(append(base, "--sep", "x")...); code != exitUsage || !strings.Contains(errs, `CSV separator "x"`) {
		t.Errorf("--sep x: %d %q", code, errs)
	}
	if err := os.WriteFile(cfg, []byte("csv_separator = \"::\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var c config = defaultConfig()
	if err := loadConfig(&c, cfg, true); err != nil {
		t.Fatal(err)
	}
	if err := c.validate(); err == nil || !strings.Contains(err.Error(), `"::"`) {
		t.Errorf("csv_separator = \"::\" in the config: %v", err)
	}
}
