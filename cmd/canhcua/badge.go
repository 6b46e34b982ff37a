package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base32"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-pdf/fpdf"
	qrcode "github.com/skip2/go-qrcode"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/store/export"
)

func cmdBadge(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("badge", "canhcua badge [--name NAME --unit UNIT [--id ID]] [--from people.csv] [--to badges.pdf]\n\n"+
		"Prints a PDF sheet of badges (name, unit, QR code) for people without an ID card.\n"+
		"Each badge is signed with the key in canhcua's data folder (badge.key, made on first\n"+
		"use): the desk accepts it, and a forged or edited badge is rejected. people.csv has\n"+
		"the columns name, unit and optionally id (a header row is recognised).", stdout)
	name := fs.String("name", "", "one person's name")
	unit := fs.String("unit", "", "that person's unit or department")
	id := fs.String("id", "", "that person's badge ID (default: a new random one)")
	from := fs.String("from", "", "CSV file of people: name, unit[, id]")
	to := fs.String("to", "badges.pdf", "output PDF")
	keyPath := fs.String("key", filepath.Join(dataDir(), "badge.key"), "badge signing key (made when missing)")
	pos, status, ok := parseFlags(fs, args, stderr)
	if !ok {
		return status
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "canhcua badge: %s\n", oneLine(err))
		return exitUsage
	}
	if len(pos) > 0 {
		return fail(fmt.Errorf("unexpected argument %q", pos[0]))
	}
	var people []canhcua.Badge
	if *name != "" {
		people = append(people, canhcua.Badge{ID: *id, Name: *name, Unit: *unit})
	}
	if *from != "" {
		more, err := readBadgeCSV(*from)
		if err != nil {
			return fail(err)
		}
		people = append(people, more...)
	}
	if len(people) == 0 {
		return fail(errors.New("nobody to print: give --name or --from"))
	}
	for i := range people {
		if strings.TrimSpace(people[i].Name) == "" {
			return fail(fmt.Errorf("person %d has no name", i+1))
		}
		if people[i].ID == "" {
			people[i].ID = newBadgeID()
		}
	}
	key, err := loadBadgeKey(*keyPath, true)
	if err != nil {
		return fail(err)
	}
	if err := writeBadgePDF(*to, key, people); err != nil {
		return fail(err)
	}
	fmt.Fprintf(stdout, "%s: %d badge(s)\n", *to, len(people))
	return exitOK
}

// newBadgeID returns a random badge ID such as "B7KQ2M4XA".
func newBadgeID() string {
	b := make([]byte, 5)
	rand.Read(b)
	return "B" + base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b)
}

// loadBadgeKey reads the badge key, making a new one (mode 0600) when it is
// missing and create is set.
func loadBadgeKey(path string, create bool) ([]byte, error) {
	key, err := os.ReadFile(path)
	switch {
	case err == nil:
		if len(key) < 16 {
			return nil, fmt.Errorf("badge key %s is too short (%d bytes)", path, len(key))
		}
		return key, nil
	case !errors.Is(err, fs.ErrNotExist) || !create:
		return nil, err
	}
	key, err = canhcua.NewBadgeKey(nil)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return loadBadgeKey(path, false) // made meanwhile by another canhcua
	}
	if err != nil {
		return nil, err
	}
	if _, err := f.Write(key); err != nil {
		f.Close()
		return nil, err
	}
	return key, f.Close()
}

func readBadgeCSV(path string) ([]canhcua.Badge, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []canhcua.Badge
	for i, row := range rows {
		if i == 0 && len(row) > 0 {
			h := canhcua.Fold(row[0])
			if h == "name" || h == "ho va ten" || h == "ho ten" {
				continue
			}
		}
		if len(row) == 0 || strings.TrimSpace(strings.Join(row, "")) == "" {
			continue
		}
		b := canhcua.Badge{Name: strings.TrimSpace(row[0])}
		if len(row) > 1 {
			b.Unit = strings.TrimSpace(row[1])
		}
		if len(row) > 2 {
			b.ID = strings.TrimSpace(row[2])
		}
		if b.Name == "" {
			return nil, fmt.Errorf("%s: line %d: no name", path, i+1)
		}
		out = append(out, b)
	}
	return out, nil
}

// Badge layout: cards the size of an ID card (85.6 x 54 mm), 2 x 5 on A4.
const (
	cardW, cardH   = 85.6, 54.0
	cardCols       = 2
	cardRows       = 5
	sheetX, sheetY = (210 - cardCols*cardW) / 2, (297 - cardRows*cardH) / 2
	qrSide         = 38.0
)

func writeBadgePDF(path string, key []byte, people []canhcua.Badge) error {
	doc := export.NewPDF()
	doc.SetMargins(0, 0, 0)
	doc.SetAutoPageBreak(false, 0)
	for i, b := range people {
		slot := i % (cardCols * cardRows)
		if slot == 0 {
			doc.AddPage()
		}
		x := sheetX + float64(slot%cardCols)*cardW
		y := sheetY + float64(slot/cardCols)*cardH
		if err := drawBadge(doc, key, b, x, y, i); err != nil {
			return err
		}
	}
	tmp := path + ".tmp"
	if err := doc.OutputFileAndClose(tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}

func drawBadge(doc *fpdf.Fpdf, key []byte, b canhcua.Badge, x, y float64, n int) error {
	payload := canhcua.SignBadge(key, b)
	png, err := qrcode.Encode(payload, qrcode.Medium, 512)
	if err != nil {
		return fmt.Errorf("badge %s: %w", b.ID, err)
	}
	img := fmt.Sprintf("qr%d", n)
	doc.RegisterImageOptionsReader(img, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
	doc.SetDrawColor(180, 180, 180)
	doc.SetLineWidth(0.2)
	doc.Rect(x, y, cardW, cardH, "D") // cut line
	doc.ImageOptions(img, x+cardW-qrSide-3, y+(cardH-qrSide)/2, qrSide, qrSide, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	tw := cardW - qrSide - 9
	doc.SetXY(x+4, y+6)
	doc.SetFont(export.PDFFont, "", 7)
	doc.SetTextColor(90, 90, 90)
	doc.CellFormat(tw, 4, "THẺ RA VÀO", "", 2, "L", false, 0, "")
	doc.SetTextColor(0, 0, 0)
	doc.SetFont(export.PDFFont, "B", 11)
	doc.SetX(x + 4)
	doc.MultiCell(tw, 5, b.Name, "", "L", false)
	doc.SetFont(export.PDFFont, "", 9)
	doc.SetX(x + 4)
	doc.MultiCell(tw, 4.5, b.Unit, "", "L", false)
	doc.SetXY(x+4, y+cardH-9)
	doc.SetFont(export.PDFFont, "", 8)
	doc.CellFormat(tw, 4, "Mã: "+b.ID, "", 0, "L", false, 0, "")
	return doc.Error()
}
