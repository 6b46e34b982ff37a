package main

import (
	"github.com/canhcua/canhcua/internal/catalog"
	"github.com/canhcua/canhcua/store/export"
)

// sepFlag declares --sep, the separator of the CSV written (default: the
// config's csv_separator, itself a comma by default: export.DefaultSeparator).
func (c *cli) sepFlag(cfg config) *string {
	return c.fs.String("sep", cfg.CSVSeparator, say(catalog.CmdFlagSep))
}

// csvComma is the config's csv_separator, checked by validate (a comma when
// it is not one export.ParseSeparator knows).
func (c config) csvComma() rune {
	r, err := export.ParseSeparator(c.CSVSeparator)
	if err != nil {
		return export.DefaultSeparator
	}
	return r
}
