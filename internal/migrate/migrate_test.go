package migrate

import (
	"testing"
	"testing/fstest"
)

func TestLoad(t *testing.T) {
	ms, err := Load(fstest.MapFS{
		"m/0002_more.sql": {Data: []byte("B")},
		"m/0001_init.sql": {Data: []byte("A")},
		"m/README":        {Data: []byte("not a migration")},
	}, "m")
	if err != nil || len(ms) != 2 || ms[0].Version != 1 || ms[0].SQL != "A" || ms[1].Name != "0002_more.sql" {
		t.Fatalf("Load: %+v, %v", ms, err)
	}
	if _, err := Load(fstest.MapFS{"m/0001_a.sql": {}, "m/0003_c.sql": {}}, "m"); err == nil {
		t.Error("a missing version was accepted")
	}
	if _, err := Load(fstest.MapFS{"m/init.sql": {}}, "m"); err == nil {
		t.Error("a file without a version was accepted")
	}
}
