// Command worldgen writes package worldmap's data (countries.txt) from the
// npm package world-atlas, which holds Natural Earth's countries as
// TopoJSON, and Debian's iso-codes, which map world-atlas's numeric ISO
// 3166-1 ids to the alpha-2 codes the site uses. Run it with go generate in
// internal/worldmap; it runs "npm pack" to fetch world-atlas unless -atlas
// names a folder that holds its files. See ../README.md.
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// atlas is the version of world-atlas the data comes from.
const atlas = "world-atlas@2.0.2"

func main() {
	out := flag.String("o", "countries.txt", "the file to write")
	dir := flag.String("atlas", "", "a folder holding world-atlas's countries-110m.json and countries-50m.json (default: fetch "+atlas+" with npm pack)")
	isoFile := flag.String("iso", "/usr/share/iso-codes/json/iso_3166-1.json", "Debian iso-codes' ISO 3166-1 table")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("worldgen: ")

	files, err := readAtlas(*dir, "countries-110m.json", "countries-50m.json")
	if err != nil {
		log.Fatal(err)
	}
	codes, err := readISO(*isoFile)
	if err != nil {
		log.Fatal(err)
	}
	var coarse, fine topology
	if err := json.Unmarshal(files[0], &coarse); err != nil {
		log.Fatalf("countries-110m.json: %v", err)
	}
	if err := json.Unmarshal(files[1], &fine); err != nil {
		log.Fatalf("countries-50m.json: %v", err)
	}
	text, err := build(&coarse, &fine, codes)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, text, 0o644); err != nil {
		log.Fatal(err)
	}
}

// readAtlas returns the named files of world-atlas, from dir or, when dir
// is "", from the package fetched with npm pack.
func readAtlas(dir string, names ...string) ([][]byte, error) {
	out := make([][]byte, len(names))
	if dir != "" {
		for i, n := range names {
			b, err := os.ReadFile(filepath.Join(dir, n))
			if err != nil {
				return nil, err
			}
			out[i] = b
		}
		return out, nil
	}
	tmp, err := os.MkdirTemp("", "worldgen-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	cmd := exec.Command("npm", "pack", "--silent", atlas)
	cmd.Dir, cmd.Stderr = tmp, os.Stderr
	name, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("npm pack %s: %v", atlas, err)
	}
	tgz, err := os.ReadFile(filepath.Join(tmp, strings.TrimSpace(string(name))))
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		for i, n := range names {
			if h.Name == "package/"+n {
				if out[i], err = io.ReadAll(tr); err != nil {
					return nil, err
				}
			}
		}
	}
	for i, n := range names {
		if out[i] == nil {
			return nil, fmt.Errorf("%s has no %s", atlas, n)
		}
	}
	return out, nil
}

// readISO returns the alpha-2 codes by numeric code ("056" -> "BE").
func readISO(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var t struct {
		List []struct {
			Alpha2  string `json:"alpha_2"`
			Numeric string `json:"numeric"`
		} `json:"3166-1"`
	}
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	m := make(map[string]string, len(t.List))
	for _, c := range t.List {
		m[c.Numeric] = c.Alpha2
	}
	return m, nil
}
