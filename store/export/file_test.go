package export

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/disktest"
)

// An export that cannot be written says why, in the reader's language, and
// leaves neither the file nor its temporary copy behind.
func TestWriteFileSaysWhy(t *testing.T) {
	big := func(w io.Writer) error {
		_, err := w.Write(make([]byte, 1<<20))
		return err
	}
	t.Run("full", func(t *testing.T) {
		dir := disktest.Small(t, 256<<10)
		disktest.Fill(t, dir)
		path := filepath.Join(dir, "canhcua-2026-11-30.csv")
		err := WriteFile(path, big)
		if got := canhcua.ErrorCode(err); got != canhcua.EFULL {
			t.Fatalf("error %v: code %q, want %q", err, got, canhcua.EFULL)
		}
		if msg := canhcua.ErrorMessageIn(err, catalog.VI); !strings.Contains(msg, "ổ đĩa đầy") || !strings.Contains(msg, path) {
			t.Errorf("Vietnamese message %q: want the cause and the file", msg)
		}
		leftovers(t, dir, "filler")
	})
	t.Run("read-only", func(t *testing.T) {
		dir := disktest.ReadOnly(t, t.TempDir())
		path := filepath.Join(dir, "canhcua-2026-11-30.csv")
		err := WriteFile(path, big)
		if got := canhcua.ErrorCode(err); got != canhcua.EREADONLY {
			t.Fatalf("error %v: code %q, want %q", err, got, canhcua.EREADONLY)
		}
		if msg := canhcua.ErrorMessageIn(err, catalog.EN); !strings.Contains(msg, "read-only") || !strings.Contains(msg, path) {
			t.Errorf("English message %q: want the cause and the file", msg)
		}
		leftovers(t, dir)
	})
}

func leftovers(t *testing.T, dir string, allowed ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.Contains(strings.Join(allowed, "\n"), e.Name()) {
			t.Errorf("%s left in %s", e.Name(), dir)
		}
	}
}
