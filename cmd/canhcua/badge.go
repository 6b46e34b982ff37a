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
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/store/export"
)

func cmdBadge(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c := newCLI("badge", catalog.BadgeSynopsis, stdout, stderr)
	name := c.fs.String("name", "", say(catalog.BadgeFlagName))
	unit := c.fs.String("unit", "", say(catalog.BadgeFlagUnit))
	id := c.fs.String("id", "", say(catalog.BadgeFlagID))
	from := c.fs.String("from", "", say(catalog.BadgeFlagFrom))
	to := c.fs.String("to", "badges.pdf", say(catalog.BadgeFlagTo))
	keyPath := c.fs.String("key", filepath.Join(dataDir(), "badge.key"), say(catalog.BadgeFlagKey))
	if status, ok := c.parseNone(args); !ok {
		return status
	}
	var people []canhcua.Badge
	if *name != "" {
		people = append(people, canhcua.Badge{ID: *id, Name: *name, Unit: *unit})
	}
	if *from != "" {
		more, err := readBadgeCSV(*from)
		if err != nil {
			return c.fail(err)
		}
		people = append(people, more...)
	}
	if len(people) == 0 {
		return c.failf(catalog.BadgeNobody)
	}
	for i := range people {
		if strings.TrimSpace(people[i].Name) == "" {
			return c.failf(catalog.BadgePersonNoName, i+1)
		}
		if people[i].ID == "" {
			people[i].ID = newBadgeID()
		}
	}
	key, err := loadBadgeKey(*keyPath, true)
	if err != nil {
		return c.fail(err)
	}
	if err := writeBadgePDF(*to, key, people); err != nil {
		return c.fail(err)
	}
	fmt.Fprintln(stdout, say(catalog.BadgeDone, *to, len(people)))
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
			return nil, sayErr(catalog.BadgeKeyShort, path, len(key))
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

// badgeText is a text printed on a badge: in Vietnamese, whatever the
// command line speaks, since the badge is shown at a Vietnamese door.
func badgeText(key catalog.Key, args ...any) string { return catalog.VI.T(key, args...) }

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
			if h == "name" || h == "ho va ten" || h == "ho ten" { // catalog:data: a header row's words
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
			return nil, sayErr(catalog.BadgeCSVNoName, path, i+1)
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
	doc.CellFormat(tw, 4, badgeText(catalog.BadgeCardTitle), "", 2, "L", false, 0, "")
	doc.SetTextColor(0, 0, 0)
	doc.SetFont(export.PDFFont, "B", 11)
	doc.SetX(x + 4)
	doc.MultiCell(tw, 5, b.Name, "", "L", false)
	doc.SetFont(export.PDFFont, "", 9)
	doc.SetX(x + 4)
	doc.MultiCell(tw, 4.5, b.Unit, "", "L", false)
	doc.SetXY(x+4, y+cardH-9)
	doc.SetFont(export.PDFFont, "", 8)
	doc.CellFormat(tw, 4, badgeText(catalog.BadgeCardID, b.ID), "", 0, "L", false, 0, "")
	return doc.Error()
}
