package catalog

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// A text a person reads is a string literal with two words in a row, or a
// letter outside ASCII (Vietnamese). The scan below finds them in the
// module's Go files (tests aside) outside this package; they belong in the
// catalog. These are not texts a person reads, and are left where they are:
//
//   - SQL (upper-case keywords), import paths and struct tags;
//   - what goes to the log file (log.Print…) and panics: for maintainers;
//   - the details of errors made with fmt.Errorf or errors.New outside
//     cmd/canhcua: an error's words are the catalog's where the command line
//     or an application error (canhcua.Errorf) says them to a person;
//   - data: words a file or a code carries (the headers a roster file may
//     have, "Nam" and "Nữ" on an ID card, the demo's people), marked with a
//     comment holding "catalog:data" on the literal's line or on its
//     declaration;
//   - the benchmark tooling (internal/bench, canhcua bench): measurements
//     for developers, like the log;
//   - the fixtures of tests (internal/*test packages).
var (
	twoWords = regexp.MustCompile(`\p{L}{2,} +\p{L}{2,}`)
	sqlWords = regexp.MustCompile(`\b(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|FROM|WHERE|ORDER BY|GROUP BY|PRAGMA|JOIN|VALUES|LIMIT|IS NULL|AND|OR)\b`)
)

func isText(s string) bool {
	if sqlWords.MatchString(s) {
		return false
	}
	if twoWords.MatchString(s) {
		return true
	}
	for _, r := range s {
		if r > unicode.MaxASCII && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// skippedDirs are not scanned (see above); paths relative to the module.
var skippedDirs = map[string]bool{
	"internal/catalog": true,
	"internal/bench":   true,
}

// skippedFiles are files of the benchmark command's wiring.
var skippedFiles = map[string]bool{
	"cmd/canhcua/bench.go": true,
}

func moduleRoot(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}

// goFiles lists the module's Go files (tests aside) below root, paths
// relative to it, leaving out hidden folders, testdata, other modules and the
// folders skip names.
func goFiles(t *testing.T, root string, skip func(rel string) bool) []string {
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == "." {
				return nil
			}
			if strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || skip(rel) {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir // another module
			}
			return nil
		}
		if strings.HasSuffix(rel, ".go") && !strings.HasSuffix(rel, "_test.go") {
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 50 {
		t.Fatalf("only %d Go files found below %s", len(files), root)
	}
	return files
}

// TestNoTextOutsideCatalog fails when a text a person reads is written as a
// literal outside the catalog.
func TestNoTextOutsideCatalog(t *testing.T) {
	root := moduleRoot(t)
	skip := func(rel string) bool {
		return skippedDirs[rel] || strings.HasPrefix(rel, "internal/") && strings.HasSuffix(rel, "test")
	}
	for _, rel := range goFiles(t, root, skip) {
		if skippedFiles[rel] {
			continue
		}
		for _, f := range textsIn(t, filepath.Join(root, rel), strings.HasPrefix(rel, "cmd/")) {
			t.Errorf("%s:%d: %q: a text a person reads, outside the catalog (internal/catalog); or mark data with a catalog:data comment",
				rel, f.line, f.text)
		}
	}
}

type found struct {
	line int
	text string
}

// textsIn lists the texts of a file; errors' words count in a command
// (cmdline) only.
func textsIn(t *testing.T, path string, cmdline bool) []found {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	// Lines marked as data: a catalog:data comment on the line, or in the
	// doc comment of a declaration (all of the declaration's lines).
	data := map[int]bool{}
	for _, cg := range f.Comments {
		if strings.Contains(cg.Text(), "catalog:data") {
			data[fset.Position(cg.End()).Line] = true
		}
	}
	for _, d := range f.Decls {
		var doc *ast.CommentGroup
		switch d := d.(type) {
		case *ast.GenDecl:
			doc = d.Doc
		case *ast.FuncDecl:
			doc = d.Doc
		}
		if doc != nil && strings.Contains(doc.Text(), "catalog:data") {
			for l := fset.Position(d.Pos()).Line; l <= fset.Position(d.End()).Line; l++ {
				data[l] = true
			}
		}
	}
	var out []found
	var stack []ast.Node
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		switch x := n.(type) {
		case *ast.ImportSpec:
			stack = stack[:len(stack)-1]
			return false
		case *ast.Field:
			if x.Tag != nil {
				x.Tag = nil // struct tags are not texts (the AST is ours)
			}
		case *ast.BasicLit:
			if x.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(x.Value)
			line := fset.Position(x.Pos()).Line
			if err != nil || !isText(s) || data[line] || exempt(stack, cmdline) {
				return true
			}
			out = append(out, found{line, s})
		}
		return true
	})
	return out
}

// exempt says whether the literal on top of stack is an argument of a call
// whose words are for maintainers.
func exempt(stack []ast.Node, cmdline bool) bool {
	for i := len(stack) - 2; i >= 0; i-- {
		c, ok := stack[i].(*ast.CallExpr)
		if !ok {
			continue
		}
		var pkg, fn string
		switch f := c.Fun.(type) {
		case *ast.SelectorExpr:
			fn = f.Sel.Name
			if id, ok := f.X.(*ast.Ident); ok {
				pkg = id.Name
			}
		case *ast.Ident:
			fn = f.Name
		}
		switch {
		case pkg == "log", fn == "panic":
			return true
		case !cmdline && (pkg == "fmt" && fn == "Errorf" || pkg == "errors" && fn == "New"):
			return true
		}
	}
	return false
}

// TestEveryKeyUsed fails when a key is used nowhere outside this package: a
// text no one can see is a text no one will keep up to date.
func TestEveryKeyUsed(t *testing.T) {
	root := moduleRoot(t)
	used := map[string]bool{}
	for _, rel := range goFiles(t, root, func(rel string) bool { return rel == "internal/catalog" }) {
		f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(root, rel), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == "catalog" {
					used[sel.Sel.Name] = true
				}
			}
			return true
		})
	}
	for _, name := range declaredKeys(t) {
		if !used[name] {
			t.Errorf("%s is used nowhere: remove it from keys.go, vi.go and en.go", name)
		}
	}
}
