package roster

import (
	"context"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/canhcua/canhcua"
	"github.com/canhcua/canhcua/internal/catalog"
)

// parseXLSX reads the first sheet that has a header row. Cells are read raw
// (not formatted): dates come as serial numbers and ID numbers as numbers,
// which the column readers convert (see birthDate, idNumber, clock).
func parseXLSX(ctx context.Context, path string) (*Result, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, canhcua.Errorf(canhcua.EINVALID, catalog.RosterXLSXUnreadable, path, err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		recs, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, canhcua.Errorf(canhcua.EINVALID, catalog.RosterXLSXSheet, path, sheet, err)
		}
		var (
			cols []column
			rows []*row
		)
		for i, rec := range recs {
			if cols == nil {
				cols = headerRow(rec)
				continue
			}
			rw := &row{line: i + 1, text: strings.Join(trimCells(rec), " | ")}
			for j, c := range rec {
				if j < len(cols) {
					rw.add(cols[j], c)
				}
			}
			if strings.TrimSpace(strings.Join(rec, "")) == "" {
				continue // a blank row
			}
			rows = append(rows, rw)
		}
		if cols != nil {
			return collect(rows), nil
		}
	}
	return nil, errNoHeader(path)
}
