package roster

import (
	"context"
	"errors"
	"fmt"
	"html"
	"image"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/internal/pdf"
	rt "github.com/canhcua/canhcua/internal/rostertest"
)

// The table logic of PDF rosters, on pages as MuPDF's HTML gives them (made
// here) and codes found at given places. The real MuPDF and decoder read real
// PDFs in cmd/canhcua's roster tests.

// fakeDoc is a Document of HTML pages; Image returns a pageImage.
type fakeDoc struct {
	pages    []string
	htmlErr  error
	imageErr error
	rendered []float64 // the dpi of each Image call
	closed   int
	dpi      float64 // what DPI says for every page; 0: the dpi asked
}

func (d *fakeDoc) Pages() int { return len(d.pages) }

func (d *fakeDoc) HTML(page int) (string, error) {
	if d.htmlErr != nil {
		return "", d.htmlErr
	}
	return d.pages[page], nil
}

func (d *fakeDoc) DPI(page int, dpi float64) (float64, error) {
	if d.dpi > 0 {
		return d.dpi, nil
	}
	return dpi, nil
}

func (d *fakeDoc) Image(page int, dpi float64) (image.Image, error) {
	d.rendered = append(d.rendered, dpi)
	if d.imageErr != nil {
		return nil, d.imageErr
	}
	return pageImage{Gray: image.NewGray(image.Rect(0, 0, 1, 1)), page: page}, nil
}

func (d *fakeDoc) Close() error {
	d.closed++
	return nil
}

// pageImage is a rendered page: fakeCodes knows it by its number.
type pageImage struct {
	*image.Gray
	page int
}

// fakeCodes reads, on each page, the codes listed for it.
type fakeCodes struct {
	codes map[int][]canhcua.Code
	err   error
}

func (f fakeCodes) ReadCodes(img image.Image) ([]canhcua.Code, error) {
	return f.codes[img.(pageImage).page], f.err
}

// codeAt is a code of text centred at height top (points) on a page
// rendered at pdf.DPI, right of the table.
func codeAt(text string, top float64) canhcua.Code { return codeAtDPI(text, top, pdf.DPI) }

// codeAtDPI is codeAt on a page rendered at dpi.
func codeAtDPI(text string, top, dpi float64) canhcua.Code {
	c := canhcua.Code{Text: text}
	y := int(top * dpi / 72)
	for i := range c.Points {
		c.Points[i] = canhcua.Point{X: 2000, Y: y}
	}
	return c
}

// htmlLine is one line of text on a page: its top and its cells at lefts.
type htmlLine struct {
	top   float64
	cells []string
}

// cols are the lefts of the fake table's columns, as fpdf's cells put them.
var cols = []float64{31.2, 73.7, 243.8}

// pageHTML is the HTML MuPDF gives for a page of those lines (11 pt text).
func pageHTML(lines ...htmlLine) string {
	var b strings.Builder
	b.WriteString(`<div id="page0" style="width:595.3pt;height:841.9pt">` + "\n")
	for _, l := range lines {
		for i, c := range l.cells {
			if c == "" {
				continue
			}
			left := cols[i]
			if len(l.cells) == 1 {
				left = 207.1 // a title, centred
			}
			fmt.Fprintf(&b, `<p style="top:%.1fpt;left:%.1fpt;line-height:11.0pt"><span style="font-family:utf8dejavu,serif;font-size:11.0pt">%s</span></p>`+"\n",
				l.top, left, html.EscapeString(c))
		}
	}
	b.WriteString("</div>\n")
	return b.String()
}

// rowTop is the top of the table's row n (0: the header) on page 1.
func rowTop(n int) float64 { return 56.9 + 22.7*float64(n) }

// fakeRoster is a two-page list: a title, the header, rows 1 to 4 (row 2's
// unit wrapped over two lines, a garbage line after row 3), a signature; on
// page 2 a page number and rows 5 and 6 under no header.
func fakeRoster() *fakeDoc {
	return &fakeDoc{pages: []string{
		pageHTML(
			htmlLine{34.2, []string{"Danh sách đại biểu"}},
			htmlLine{rowTop(0), []string{"STT", "Họ và tên", "Đơn vị"}},
			htmlLine{rowTop(1), []string{"1", "Nguyễn Văn An", "Văn phòng"}},
			htmlLine{rowTop(2), []string{"2", "Trần Thị Bình", "Phòng Kế hoạch –"}},
			htmlLine{rowTop(2) + 11, []string{"", "", "Tài chính"}},
			htmlLine{rowTop(3), []string{"3", "Lê Văn Cường", "Kế toán"}},
			htmlLine{rowTop(4), []string{"@@", "#### ????"}},
			htmlLine{rowTop(5), []string{"4", "Phạm Thị Dung", "Kế toán"}},
			htmlLine{rowTop(5) + 120, []string{"Người lập biểu"}},
		),
		pageHTML(
			htmlLine{30, []string{"Trang 2"}},
			htmlLine{56.9, []string{"5", "Hoàng Văn Em", "Bảo vệ"}},
			htmlLine{79.6, []string{"6", "Huỳnh Thị Giang", "Bảo vệ"}},
		),
	}}
}

// writeFakePDF writes a file that Detect takes for a PDF; its pages come
// from the fake Document.
func writeFakePDF(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "fake.pdf")
	if err := os.WriteFile(path, []byte("%PDF-1.7\nfake\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// fakeOptions open doc (checking it is given the file's bytes) and read
// codes from their lists.
func fakeOptions(t *testing.T, doc *fakeDoc, codes map[int][]canhcua.Code) Options {
	return Options{
		OpenPDF: func(data []byte) (Document, error) {
			if !pdf.Sniff(data) {
				t.Errorf("OpenPDF given %q", data)
			}
			return doc, nil
		},
		Codes:    fakeCodes{codes: codes},
		Identify: rt.Identify,
	}
}

func TestParsePDFTable(t *testing.T) {
	path := writeFakePDF(t)
	doc := fakeRoster()
	an := canhcua.Member{Name: "Nguyễn Văn An"}
	codes := map[int][]canhcua.Code{
		0: {
			codeAt(rt.CCCDText(an), rowTop(1)+5.5),                                    // beside row 1: attached
			codeAt(rt.CCCDText(canhcua.Member{Name: "Lê Văn Cường"}), rowTop(2)+11),   // beside row 2, another name
			codeAt(rt.CCCDText(canhcua.Member{Name: "Ngô Văn Hải"}), rowTop(4)+5.5),   // beside the garbage line
			codeAt(rt.CCCDText(canhcua.Member{Name: "Đỗ Thị Hạnh"}), rowTop(5)+120+6), // beside the signature
		},
		1: {codeAt(rt.BadgeText(), 79.6+5.5)}, // a badge of another name beside row 6
	}
	res, err := Parse(context.Background(), path, fakeOptions(t, doc, codes))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Huỳnh Thị Giang"}
	if got := rt.Names(res.Members); !slices.Equal(got, want) {
		t.Fatalf("names:\n got %q\nwant %q", got, want)
	}
	if m := res.Members[0]; m.IDNumber != "001090001234" || m.BirthDate != "01/02/1990" {
		t.Errorf("the ID card beside row 1 was not attached: %+v", m)
	}
	if m := res.Members[1]; m.Unit != "Phòng Kế hoạch – Tài chính" || m.IDNumber != "" {
		t.Errorf("row 2: %+v", m)
	}
	var got []string
	for _, p := range res.Problems {
		got = append(got, p.String())
	}
	wantProblems := []string{
		"page 1, line 4: the code beside the row is Lê Văn Cường's, not Trần Thị Bình's: not attached: 2 | Trần Thị Bình | Phòng Kế hoạch – / Tài chính",
		`page 1, line 7: row number "@@" is not a number: @@ | #### ????`,
		"page 1, line 7: a code (cccd Ngô Văn Hải ********1234) beside a row that was not imported: @@ | #### ????",
		"page 1, line 9: a code beside no row of the table: cccd Đỗ Thị Hạnh ********1234",
		"page 2, line 3: the code beside the row is " + rt.People[rt.WithBadge].Name + "'s, not Huỳnh Thị Giang's: not attached: 6 | Huỳnh Thị Giang | Bảo vệ",
	}
	if !slices.Equal(got, wantProblems) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantProblems, "\n"))
	}
	if !slices.Equal(doc.rendered, []float64{pdf.DPI, pdf.DPI}) || doc.closed != 1 {
		t.Errorf("pages rendered at %v, document closed %d times", doc.rendered, doc.closed)
	}

	// NoCodes needs no CodeReader and renders nothing.
	doc = fakeRoster()
	opts := fakeOptions(t, doc, nil)
	opts.Codes, opts.NoCodes = nil, true
	res, err = Parse(context.Background(), path, opts)
	if err != nil || !slices.Equal(rt.Names(res.Members), want) || len(res.Problems) != 1 {
		t.Fatalf("NoCodes: %v %+v", err, res)
	}
	if len(doc.rendered) != 0 || doc.closed != 1 {
		t.Errorf("NoCodes: %d pages rendered, document closed %d times", len(doc.rendered), doc.closed)
	}
}

// A page too large to render at pdf.DPI is rendered at the lower resolution
// the Document gives, and its codes' places are read at that resolution.
func TestParsePDFLowDPI(t *testing.T) {
	path := writeFakePDF(t)
	doc := fakeRoster()
	doc.dpi = 40
	an := canhcua.Member{Name: "Nguyễn Văn An"}
	codes := map[int][]canhcua.Code{0: {codeAtDPI(rt.CCCDText(an), rowTop(1)+5.5, doc.dpi)}}
	res, err := Parse(context.Background(), path, fakeOptions(t, doc, codes))
	if err != nil {
		t.Fatal(err)
	}
	if m := res.Members[0]; m.Name != an.Name || m.IDNumber != "001090001234" {
		t.Errorf("the ID card beside row 1 was not attached: %+v", m)
	}
	if !slices.Equal(doc.rendered, []float64{40, 40}) {
		t.Errorf("pages rendered at %v, want 40 dpi", doc.rendered)
	}
}

// OpenPDF's refusal in words (an application error: too many pages, say) is
// Parse's error as it is, not "not a readable PDF".
func TestParsePDFRefused(t *testing.T) {
	path := writeFakePDF(t)
	refused := canhcua.Errorf(canhcua.EINVALID, catalog.ErrDetail, path, "2000 pages")
	opts := fakeOptions(t, fakeRoster(), nil)
	opts.OpenPDF = func([]byte) (Document, error) { return nil, refused }
	if _, err := Parse(context.Background(), path, opts); err == nil || err.Error() != refused.Message {
		t.Errorf("error %v, want %q", err, refused.Message)
	}
}

// A PDF over maxFileSize is refused without being read whole (a sparse file
// of zeros after its header).
func TestParsePDFTooLarge(t *testing.T) {
	path := writeFakePDF(t)
	if err := os.Truncate(path, 1<<30); err != nil {
		t.Fatal(err)
	}
	opts := fakeOptions(t, fakeRoster(), nil)
	opts.OpenPDF = func([]byte) (Document, error) { t.Error("a 1 GB file was read"); return nil, errNoPDF }
	if _, err := Parse(context.Background(), path, opts); err == nil || !strings.HasSuffix(err.Error(), "is larger than 64 MB") {
		t.Errorf("error %v, want larger than 64 MB", err)
	}
}

func TestParsePDFErrors(t *testing.T) {
	path := writeFakePDF(t)
	boom := errors.New("boom")
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, c := range []struct {
		name string
		ctx  context.Context
		doc  *fakeDoc
		opts func(*Options)
		want string // in the error
		code string // its canhcua.ErrorCode
		is   error
	}{
		{name: "no OpenPDF", opts: func(o *Options) { o.OpenPDF = nil }, want: "needs Options.OpenPDF", code: canhcua.EINTERNAL, is: errNoPDF},
		{name: "no Codes", opts: func(o *Options) { o.Codes = nil }, want: "Options.Codes unless NoCodes", code: canhcua.EINTERNAL, is: errNoPDF},
		{name: "open fails", opts: func(o *Options) {
			o.OpenPDF = func([]byte) (Document, error) { return nil, boom }
		}, want: "fake.pdf: not a readable PDF: boom", code: canhcua.EINVALID},
		{name: "text fails", doc: &fakeDoc{pages: []string{""}, htmlErr: boom}, want: "not a readable PDF: boom", code: canhcua.EINVALID},
		{name: "render fails", doc: &fakeDoc{pages: fakeRoster().pages, imageErr: boom}, want: "fake.pdf: boom", code: canhcua.EINVALID},
		{name: "decoder fails", opts: func(o *Options) { o.Codes = fakeCodes{err: boom} }, want: "fake.pdf: page 1: boom", code: canhcua.EINTERNAL, is: boom},
		{name: "no pages", doc: &fakeDoc{}, want: "has no text (a scanned image?)", code: canhcua.EINVALID},
		{name: "no text", doc: &fakeDoc{pages: []string{pageHTML(), pageHTML()}}, want: "has no text (a scanned image?)", code: canhcua.EINVALID},
		{name: "no header", doc: &fakeDoc{pages: []string{pageHTML(htmlLine{100, []string{"1", "Nguyễn Văn An"}})}},
			want: "no header row", code: canhcua.EINVALID},
		{name: "cancelled", ctx: cancelled, want: "context canceled", code: canhcua.EINTERNAL, is: context.Canceled},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx, doc := c.ctx, c.doc
			if ctx == nil {
				ctx = context.Background()
			}
			if doc == nil {
				doc = fakeRoster()
			}
			opts := fakeOptions(t, doc, nil)
			if c.opts != nil {
				c.opts(&opts)
			}
			_, err := Parse(ctx, path, opts)
			if err == nil || !strings.Contains(err.Error(), c.want) || canhcua.ErrorCode(err) != c.code ||
				c.is != nil && !errors.Is(err, c.is) {
				t.Fatalf("error %v (code %q), want %q (code %q, is %v)", err, canhcua.ErrorCode(err), c.want, c.code, c.is)
			}
			// The document is closed once when it was opened.
			if opened := c.is != errNoPDF && c.name != "open fails"; opened && doc.closed != 1 || !opened && doc.closed != 0 {
				t.Errorf("document closed %d times", doc.closed)
			}
		})
	}
}
