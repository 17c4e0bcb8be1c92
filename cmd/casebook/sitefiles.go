package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/casebook/casebook/internal/check"
	"github.com/casebook/casebook/internal/sitefs"
)

// writtenRecord is the file in the site folder where casebook keeps a
// digest of each file that cms and schema --editors wrote there, so that
// running them again replaces what casebook wrote and keeps what someone
// changed since (a config.yml given its sign-in service, a .nvim.lua of
// the project's own).
const writtenRecord = check.EditorSchemaDir + "/written.json"

// writeSiteFiles writes files, by slash path in the site folder source,
// and prints the path of each one written or already as it would be to
// stdout. A file that is there and differs is replaced only when casebook
// wrote it as it is (by writtenRecord's digest) or when force; otherwise
// it is kept and named on stderr, with ok[name] when keeping it is as it
// should be, or else with how to replace it, and then the error says how
// many were kept. Each file is written beside its path and renamed onto
// it, so that a full disk leaves the old file whole.
func writeSiteFiles(source string, files map[string][]byte, force bool, ok map[string]string, stdout, stderr io.Writer) error {
	record := readWritten(source)
	kept := 0
	for _, name := range slices.Sorted(maps.Keys(files)) {
		file := filepath.Join(source, filepath.FromSlash(name))
		data := files[name]
		old, err := os.ReadFile(file)
		switch {
		case err == nil && string(old) == string(data):
		case err == nil && !force && record[name] != digest(old):
			if hint := ok[name]; hint != "" {
				fmt.Fprintf(stderr, "%s exists: kept; %s\n", file, hint)
			} else {
				fmt.Fprintf(stderr, "%s has changed since casebook wrote it, or casebook did not write it: kept\n", file)
				kept++
			}
			continue
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return err
		default:
			if err := sitefs.ReplaceBytes(file, 0o644, data); err != nil {
				return err
			}
		}
		record[name] = digest(data)
		fmt.Fprintln(stdout, file)
	}
	if err := writeWritten(source, record); err != nil {
		return err
	}
	if kept > 0 {
		return fmt.Errorf("kept %d file(s) that casebook did not write as they are, so that no change to them is lost: carry your changes over into what casebook writes now, or run again with --force to replace them", kept)
	}
	return nil
}

// digest returns the SHA-256 of data, in hexadecimal.
func digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// readWritten returns writtenRecord's digests by file, or an empty map.
func readWritten(source string) map[string]string {
	record := make(map[string]string)
	data, err := os.ReadFile(filepath.Join(source, filepath.FromSlash(writtenRecord)))
	if err == nil {
		_ = json.Unmarshal(data, &record) // a record that does not parse keeps nothing
	}
	return record
}

// writeWritten writes record as writtenRecord.
func writeWritten(source string, record map[string]string) error {
	data, err := json.MarshalIndent(record, "", "  ")
	if err != nil {
		return err
	}
	return sitefs.ReplaceBytes(filepath.Join(source, filepath.FromSlash(writtenRecord)), 0o644, append(data, '\n'))
}
