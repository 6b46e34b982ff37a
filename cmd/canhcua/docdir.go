package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// exportDir is where the desk's `e` writes by default: a canhcua folder in
// the user's documents folder, where a receptionist finds files (not in
// ~/.local/share, hidden).
func exportDir() string { return filepath.Join(documentsDir(), "canhcua") }

// documentsDir is the user's documents folder as the desktop names it (the
// XDG user directories): $XDG_DOCUMENTS_DIR, else XDG_DOCUMENTS_DIR in
// $XDG_CONFIG_HOME/user-dirs.dirs (on a Vietnamese desktop "$HOME/Tài liệu"),
// else ~/Documents. A documents folder set to the home folder itself means
// "none" (the XDG convention): ~/Documents then.
func documentsDir() string {
	home, _ := os.UserHomeDir()
	if d := os.Getenv("XDG_DOCUMENTS_DIR"); filepath.IsAbs(d) && filepath.Clean(d) != filepath.Clean(home) {
		return d
	}
	if d := userDirsDocuments(home); d != "" {
		return d
	}
	if home == "" {
		return "canhcua-documents"
	}
	return filepath.Join(home, "Documents")
}

// userDirsDocuments reads XDG_DOCUMENTS_DIR from user-dirs.dirs: a line
// XDG_DOCUMENTS_DIR="$HOME/Tài liệu" (a path that is $HOME/… or absolute);
// "" when there is none.
func userDirsDocuments(home string) string {
	cfg := os.Getenv("XDG_CONFIG_HOME")
	if cfg == "" {
		if home == "" {
			return ""
		}
		cfg = filepath.Join(home, ".config")
	}
	f, err := os.Open(filepath.Join(cfg, "user-dirs.dirs"))
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		v, ok := strings.CutPrefix(line, "XDG_DOCUMENTS_DIR=")
		if !ok {
			continue
		}
		if u, err := strconv.Unquote(v); err == nil {
			v = u
		}
		switch {
		case strings.HasPrefix(v, "$HOME/") && home != "":
			v = filepath.Join(home, v[len("$HOME/"):])
		case !filepath.IsAbs(v):
			return ""
		}
		if filepath.Clean(v) == filepath.Clean(home) {
			return ""
		}
		return v
	}
	return ""
}
