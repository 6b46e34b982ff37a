package export

import (
	"io"

	"github.com/xuri/excelize/v2"
)

// Sheets writes a workbook row after row and sheet after sheet, for the
// documents made of several tables (a contact trace): each sheet starts
// with Sheet, or NewSheet for a table under a bold, frozen header row. The
// first error is kept and returned by Write. Text cells are strings, never
// formulas: they need no defusing (Defuse is for CSV).
type Sheets struct {
	file        *excelize.File
	Bold, Title int // styles: bold (header rows), a title's larger bold
	sheet       string
	row         int // rows written on the current sheet
	err         error
}

// NewSheets starts a workbook. Close it.
func NewSheets() *Sheets {
	x := &Sheets{file: excelize.NewFile()}
	x.Bold = x.Style(&excelize.Style{Font: &excelize.Font{Bold: true}})
	x.Title = x.Style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	return x
}

// Close releases the workbook.
func (x *Sheets) Close() { x.file.Close() }

// Style adds a cell style and returns its id (0, no style, after an error).
func (x *Sheets) Style(s *excelize.Style) int {
	if x.err != nil {
		return 0
	}
	id, err := x.file.NewStyle(s)
	x.err = err
	return id
}

// Sheet starts a sheet called name (the workbook's first sheet, renamed, when
// none was started yet); rows go there next.
func (x *Sheets) Sheet(name string) {
	if x.err != nil {
		return
	}
	if x.sheet == "" {
		x.err = x.file.SetSheetName(x.file.GetSheetName(0), name)
	} else {
		_, x.err = x.file.NewSheet(name)
	}
	x.sheet, x.row = name, 0
}

// NewSheet starts a sheet with a bold, frozen header row.
func (x *Sheets) NewSheet(name string, headers ...string) {
	x.Sheet(name)
	x.Put(x.Bold, Cells(headers)...)
	if x.err == nil {
		x.err = x.file.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	}
}

// Put writes a row of cells on the current sheet, in style (0: none).
func (x *Sheets) Put(style int, cells ...any) {
	if x.err != nil {
		return
	}
	x.row++
	cell, err := excelize.CoordinatesToCellName(1, x.row)
	if err == nil {
		err = x.file.SetSheetRow(x.sheet, cell, &cells)
	}
	if err == nil && style != 0 {
		end, _ := excelize.CoordinatesToCellName(max(len(cells), 1), x.row)
		err = x.file.SetCellStyle(x.sheet, cell, end, style)
	}
	x.err = err
}

// Skip leaves an empty row.
func (x *Sheets) Skip() { x.row++ }

// Widths sets the current sheet's column widths, in characters.
func (x *Sheets) Widths(ws ...float64) {
	for i, wd := range ws {
		if x.err != nil {
			return
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		x.err = x.file.SetColWidth(x.sheet, col, col, wd)
	}
}

// Write writes the workbook, opened on its first sheet, to w; or returns
// the first error met while it was made.
func (x *Sheets) Write(w io.Writer) error {
	if x.err != nil {
		return x.err
	}
	x.file.SetActiveSheet(0)
	_, err := x.file.WriteTo(w)
	return err
}

// Cells is a row of strings as cells for Put.
func Cells(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
