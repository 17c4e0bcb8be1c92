package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNewLongTitle checks that a title too long for a file name makes a
// shortened one, which then checks clean.
func TestNewLongTitle(t *testing.T) {
	tests := []struct {
		name, title, want string
	}{
		{"Words", strings.Repeat("word ", 1000), strings.TrimSuffix(strings.Repeat("word-", 40), "-") + ".md"},
		{"OneWord", strings.Repeat("x", 5000), strings.Repeat("x", 200) + ".md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := testSite(t, "Fine.\n", nil)
			var stdout, stderr bytes.Buffer
			if err := run([]string{"new", "--source", dir, "case", tt.title}, &stdout, &stderr); err != nil {
				t.Fatalf("new: %v (stderr: %s)", err, stderr.String())
			}
			if got, want := strings.TrimSpace(stdout.String()), filepath.Join(dir, "content", "cases", tt.want); got != want {
				t.Fatalf("got file %s, want %s", got, want)
			}
			if _, err := os.Stat(filepath.Join(dir, "content", "cases", tt.want)); err != nil {
				t.Fatal(err)
			}
			stdout.Reset()
			if err := run([]string{"check", "--source", dir}, &stdout, &stderr); err != nil {
				t.Fatalf("check after new: %v\n%s", err, stdout.String())
			}
		})
	}
}

func TestBindHost(t *testing.T) {
	tests := []struct {
		bind      string
		wantHost  string
		wantLocal bool
		wantErr   bool
	}{
		{"127.0.0.1", "127.0.0.1", true, false},
		{"127.0.0.2", "127.0.0.2", true, false},
		{"::1", "::1", true, false},
		{"[::1]", "::1", true, false},
		{"::ffff:127.0.0.1", "::ffff:127.0.0.1", true, false},
		{"localhost", "localhost", true, false},
		{"LOCALHOST.", "LOCALHOST.", true, false},
		{"0.0.0.0", "0.0.0.0", false, false},
		{"[::]", "::", false, false},
		{"", "", false, false},
		{"192.168.1.10", "192.168.1.10", false, false},
		{"fe80::1%eth0", "fe80::1%eth0", false, false},
		{"example.org", "example.org", false, false},
		{"[::1", "", false, true},
		{"::1]", "", false, true},
		{"[localhost]", "", false, true},
		{"bad host", "", false, true},
		{"127.0.0.1:1313", "", false, true},
		{"-x.org", "", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.bind, func(t *testing.T) {
			host, local, err := bindHost(tt.bind)
			if (err != nil) != tt.wantErr {
				t.Fatalf("got error %v, want error %v", err, tt.wantErr)
			}
			if host != tt.wantHost || local != tt.wantLocal {
				t.Fatalf("got %q, local %v; want %q, local %v", host, local, tt.wantHost, tt.wantLocal)
			}
		})
	}
}

// TestServeBadBind checks that a --bind that is no address is a usage
// error that says what was expected, before anything is built.
func TestServeBadBind(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := run([]string{"serve", "--source", t.TempDir(), "--bind", "[::1"}, &stdout, &stderr)
	if !errors.Is(err, errUsage) {
		t.Fatalf("got %v, want %v", err, errUsage)
	}
	want := "casebook serve: --bind \"[::1\": expected an IP address such as 127.0.0.1 or ::1, or a host name such as localhost\n"
	if got := stderr.String(); got != want {
		t.Fatalf("stderr: got %q, want %q", got, want)
	}
}
