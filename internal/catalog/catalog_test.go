package catalog

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// declaredKeys reads the Key constants of keys.go from its source, so that a
// key declared and given no text in some language is caught.
func declaredKeys(t *testing.T) map[Key]string {
	t.Helper()
	_, self, _, _ := runtime.Caller(0)
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Join(filepath.Dir(self), "keys.go"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	keys := map[Key]string{}
	values := map[string]string{}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, s := range gd.Specs {
			vs := s.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Key" {
				t.Errorf("keys.go:%d: a constant that is not a Key", fset.Position(vs.Pos()).Line)
				continue
			}
			for i, name := range vs.Names {
				lit, ok := vs.Values[i].(*ast.BasicLit)
				if !ok {
					t.Errorf("%s: not a string literal", name.Name)
					continue
				}
				v, _ := strconv.Unquote(lit.Value)
				if other, dup := values[v]; dup {
					t.Errorf("%s and %s have the same value %q", other, name.Name, v)
				}
				values[v] = name.Name
				keys[Key(v)] = name.Name
			}
		}
	}
	if len(keys) < 100 {
		t.Fatalf("only %d keys read from keys.go", len(keys))
	}
	return keys
}

// TestEveryKeyInEveryLanguage fails when a key has a text in one language and
// not in another, or a text exists for a key keys.go does not declare.
func TestEveryKeyInEveryLanguage(t *testing.T) {
	keys := declaredKeys(t)
	for _, l := range Langs {
		m := texts[l]
		for k, name := range keys {
			if _, ok := m[k]; !ok {
				t.Errorf("%s (%s) has no %s text", name, k, l)
			}
		}
		for k := range m {
			if _, ok := keys[k]; !ok {
				t.Errorf("%s text for %q, which keys.go does not declare", l, k)
			}
		}
	}
}

// TestTextsAgree: no text is empty, and a key's texts take the same
// arguments in the same order (one may stop early: a detail left out).
func TestTextsAgree(t *testing.T) {
	for k, name := range declaredKeys(t) {
		var vs [][]byte
		for _, l := range Langs {
			s := texts[l][k]
			if strings.TrimSpace(s) == "" {
				t.Errorf("%s: empty %s text", name, l)
			}
			vs = append(vs, verbs(s))
		}
		a, b := vs[0], vs[1]
		n := min(len(a), len(b))
		if !slices.Equal(a[:n], b[:n]) {
			t.Errorf("%s: %s text takes %%%s, %s text %%%s", name, Langs[0], a, Langs[1], b)
		}
	}
}

func TestT(t *testing.T) {
	cases := []struct {
		lang Lang
		key  Key
		args []any
		want string
	}{
		{VI, UIDoorName, []any{"Cổng chính"}, "Cửa: Cổng chính"},
		{EN, UIDoorName, []any{"Main gate"}, "Door: Main gate"},
		{Lang("fr"), UIDoorName, []any{"X"}, "Cửa: X"}, // an unknown language is Vietnamese
		{VI, RejectTooLong, []any{5000, 4096}, "Mã quá dài"},
		{EN, RejectTooLong, []any{5000, 4096}, "code too long (5000 bytes, limit 4096)"},
		{EN, UIBannerAccepted, nil, "ACCEPTED"},
		{VI, Key("no.such.key"), nil, "[no.such.key]"},
	}
	for _, c := range cases {
		if got := c.lang.T(c.key, c.args...); got != c.want {
			t.Errorf("%s.T(%s, %v) = %q, want %q", c.lang, c.key, c.args, got, c.want)
		}
	}
	en, vi := Both(RejectEmpty)
	if en != "empty code" || vi != "Mã rỗng" {
		t.Errorf("Both(RejectEmpty) = %q, %q", en, vi)
	}
}

func TestVerbs(t *testing.T) {
	cases := map[string]string{
		"plain":              "",
		"%s: %d/%d (%.1f%%)": "sddf",
		"%-10q and %+v":      "qv",
		"100%%":              "",
		"trailing %":         "",
	}
	for s, want := range cases {
		if got := string(verbs(s)); got != want {
			t.Errorf("verbs(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestParse(t *testing.T) {
	if l, ok := Parse("en"); !ok || l != EN {
		t.Errorf("Parse(en) = %v, %v", l, ok)
	}
	if _, ok := Parse("fr"); ok {
		t.Error("Parse(fr) ok")
	}
	if Of("") != VI || Of("en") != EN {
		t.Error("Of: want vi by default")
	}
}

// TestNoWrapVerb: the catalog formats with Sprintf, which has no %w (errors
// are wrapped by the caller, e.g. cmd/canhcua's sayErr).
func TestNoWrapVerb(t *testing.T) {
	for _, l := range Langs {
		for k, s := range texts[l] {
			if strings.Contains(string(verbs(s)), "w") {
				t.Errorf("%s %s: %%w in %q", l, k, s)
			}
		}
	}
}
