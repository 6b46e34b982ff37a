package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDocumentsDir: the export folder is a canhcua folder in the documents
// folder the desktop names (its Vietnamese name too), else ~/Documents; the
// config's export_dir still wins.
func TestDocumentsDir(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("XDG_DOCUMENTS_DIR", "")
	if got, want := exportDir(), filepath.Join(home, "Documents", "canhcua"); got != want {
		t.Errorf("no user-dirs.dirs: %s, want %s", got, want)
	}
	if err := os.MkdirAll(filepath.Join(home, ".config"), 0o700); err != nil {
		t.Fatal(err)
	}
	dirs := filepath.Join(home, ".config", "user-dirs.dirs")
	write := func(s string) {
		t.Helper()
		if err := os.WriteFile(dirs, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR=\"$HOME/Màn hình nền\"\nXDG_DOCUMENTS_DIR=\"$HOME/Tài liệu\"\n")
	if got, want := exportDir(), filepath.Join(home, "Tài liệu", "canhcua"); got != want {
		t.Errorf("Vietnamese desktop: %s, want %s", got, want)
	}
	write("XDG_DOCUMENTS_DIR=\"/srv/van-thu\"\n")
	if got := exportDir(); got != "/srv/van-thu/canhcua" {
		t.Errorf("absolute: %s", got)
	}
	write("XDG_DOCUMENTS_DIR=\"$HOME/\"\n") // disabled: the home folder itself
	if got, want := exportDir(), filepath.Join(home, "Documents", "canhcua"); got != want {
		t.Errorf("disabled: %s, want %s", got, want)
	}
	t.Setenv("XDG_DOCUMENTS_DIR", "/mnt/tai-lieu")
	if got := exportDir(); got != "/mnt/tai-lieu/canhcua" {
		t.Errorf("$XDG_DOCUMENTS_DIR: %s", got)
	}
	if c := defaultConfig(); c.ExportDir != "/mnt/tai-lieu/canhcua" {
		t.Errorf("default export_dir %s", c.ExportDir)
	}
	cfg := filepath.Join(home, "c.toml")
	if err := os.WriteFile(cfg, []byte("export_dir = \"/home/me/xuat\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c := defaultConfig()
	if err := loadConfig(&c, cfg, true); err != nil || c.ExportDir != "/home/me/xuat" {
		t.Errorf("export_dir in the config: %s %v", c.ExportDir, err)
	}
}
