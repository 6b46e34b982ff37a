package main

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/camera"
	rt "github.com/canhcua/canhcua/internal/rostertest"
	"github.com/canhcua/canhcua/store/export"
	"github.com/canhcua/canhcua/store/roster"
)

// The PDF rosters read with the real MuPDF and decoder, through the options
// roster import gives roster.Parse.

func TestRosterPDF(t *testing.T) {
	for _, repeat := range []bool{true, false} {
		t.Run(fmt.Sprintf("repeatHeader=%v", repeat), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "danh-sach.pdf")
			rt.WritePDF(t, path, repeat)
			res, err := roster.Parse(context.Background(), path, rosterOptions(path, camera.MaxPages, rt.Identify))
			if err != nil {
				t.Fatal(err)
			}
			if got, want := rt.Names(res.Members), rt.WantNames(); !slices.Equal(got, want) {
				t.Fatalf("names:\n got %q\nwant %q", got, want)
			}
			if len(res.Problems) != 1 {
				t.Fatalf("problems %v, want the malformed row only", res.Problems)
			}
			p := res.Problems[0]
			if p.Page != 1 || p.Reason != "row 27 has no name" || !strings.HasPrefix(p.Text, "27 | ") {
				t.Errorf("problem %+v", p)
			}
			// Row 27 is the 27th row under two title lines and the header,
			// and row 10 takes two lines.
			if p.Line != 2+1+27+1 {
				t.Errorf("problem on line %d, want 31", p.Line)
			}
			byName := map[string]canhcua.Member{}
			for _, m := range res.Members {
				byName[m.Name] = m
			}
			for i, src := range rt.People {
				m, ok := byName[src.Name]
				if !ok {
					continue
				}
				unit := src.Unit
				if i == rt.Wrapped {
					pos, _, _ := strings.Cut(src.Unit, ", ")
					unit = pos + ", " + rt.WrappedUnit
				}
				if m.Unit != unit {
					t.Errorf("%s: unit %q, want %q", m.Name, m.Unit, unit)
				}
				switch i {
				case rt.WithCCCD:
					if m.IDNumber != "001090001234" || m.BirthDate != "01/02/1990" {
						t.Errorf("%s: ID %q born %q: the ID card QR beside the row was not attached", m.Name, m.IDNumber, m.BirthDate)
					}
				case rt.WithBadge:
					if m.BadgeID != "B7KQ2M4XA" {
						t.Errorf("%s: badge %q: the badge beside the row was not attached", m.Name, m.BadgeID)
					}
				default:
					if m.IDNumber != "" || m.BadgeID != "" || m.BirthDate != "" {
						t.Errorf("%s got a code's identity: %+v", m.Name, m)
					}
				}
			}
		})
	}
}

func TestRosterPDFCodeProblems(t *testing.T) {
	path := filepath.Join(t.TempDir(), "codes.pdf")
	rt.WritePDF(t, path, true)
	// Without the badge key the badge is rejected: reported on its row.
	res, err := roster.Parse(context.Background(), path, rosterOptions(path, camera.MaxPages, nil))
	if err != nil {
		t.Fatal(err)
	}
	var reasons []string
	for _, p := range res.Problems {
		reasons = append(reasons, p.String())
	}
	if len(res.Problems) != 2 || res.Problems[1].Page != 2 || !strings.Contains(res.Problems[1].Reason, "rejected") ||
		!strings.Contains(res.Problems[1].Text, rt.People[rt.WithBadge].Name) {
		t.Fatalf("problems:\n%s", strings.Join(reasons, "\n"))
	}
	// NoCodes reads the text only.
	opts := rosterOptions(path, camera.MaxPages, nil)
	opts.NoCodes = true
	res, err = roster.Parse(context.Background(), path, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Members) != 49 || res.Members[rt.WithCCCD].IDNumber != "" {
		t.Fatalf("NoCodes: %d members, %+v", len(res.Members), res.Members[rt.WithCCCD])
	}
}

func TestRosterPDFGarbageAndFooter(t *testing.T) {
	doc := export.NewPDF()
	doc.AddPage()
	w := []float64{15, 60, 60}
	row := func(cells ...string) {
		for i, c := range cells {
			doc.CellFormat(w[i], 8, c, "1", 0, "L", false, 0, "")
		}
		doc.Ln(-1)
	}
	doc.CellFormat(0, 8, "Danh sách đại biểu họp giao ban", "", 1, "C", false, 0, "")
	row("No.", "Full name", "Department")
	row("1", "Nguyễn Văn An", "Văn phòng")
	row("@@", "#### ????", "")
	row("2", "Trần Thị Bình", "Kế toán")
	row("3", "12345", "Kế toán")
	doc.Ln(20)
	doc.CellFormat(0, 8, "Người lập biểu: Lê Văn Cường", "", 1, "L", false, 0, "")
	path := filepath.Join(t.TempDir(), "g.pdf")
	if err := doc.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
	opts := rosterOptions(path, camera.MaxPages, nil)
	opts.NoCodes = true
	res, err := roster.Parse(context.Background(), path, opts)
	if err != nil {
		t.Fatal(err)
	}
	if got := rt.Names(res.Members); !slices.Equal(got, []string{"Nguyễn Văn An", "Trần Thị Bình"}) {
		t.Fatalf("names %q", got)
	}
	var got []string
	for _, p := range res.Problems {
		got = append(got, p.String())
	}
	want := []string{
		`page 1, line 4: row number "@@" is not a number: @@ | #### ????`,
		`page 1, line 6: name "12345" has digits: 3 | 12345 | Kế toán`,
	}
	if !slices.Equal(got, want) {
		t.Fatalf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
