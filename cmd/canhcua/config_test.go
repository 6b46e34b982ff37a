package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestDeskFlagsOverConfig: the config file's settings hold unless a flag is
// given, and a flag given wins, even when it sets what the file set.
func TestDeskFlagsOverConfig(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "config.toml")
	err := os.WriteFile(file, []byte("site = \"UBND xã Tân Phú\"\ndoor = \"Cổng sau\"\nlang = \"en\"\ndb = \""+
		filepath.Join(dir, "a.db")+"\"\n"), 0o600)
	if err != nil {
		t.Fatal(err)
	}
	c := defaultConfig()
	cl := newCLI("", "", io.Discard, io.Discard)
	apply, cfgPath := deskFlags(cl.fs, &c)
	if _, _, ok := cl.parse([]string{"--door", "Phòng họp", "--no-bell", "--config", file}); !ok {
		t.Fatal("flags not parsed")
	}
	if *cfgPath != file {
		t.Fatalf("config path %q", *cfgPath)
	}
	if err := loadConfig(&c, *cfgPath, true); err != nil {
		t.Fatal(err)
	}
	if err := apply(); err != nil {
		t.Fatal(err)
	}
	if c.Door != "Phòng họp" || c.Site != "UBND xã Tân Phú" || c.Lang != "en" || c.Bell ||
		c.DB != filepath.Join(dir, "a.db") || c.Direction != "in" {
		t.Errorf("config after flags: %+v", c)
	}
}
