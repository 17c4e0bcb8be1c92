package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"os"
	"os/signal"
	"strings"
	"syscall"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/serve"
)

func runServe(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", "serve [flags]",
		"Build the site in --source in memory, serve it, and rebuild and reload the\nbrowser on every change to content/, layouts/ or assets/.", stderr)
	cfg := serve.Config{Layouts: casebook.Layouts, Assets: casebook.Assets, I18n: casebook.I18n, Log: stdout}
	fs.StringVar(&cfg.Source, "source", ".", "the site `folder`, holding content/")
	fs.IntVar(&cfg.Port, "port", 1313, "the `port` to listen on")
	fs.StringVar(&cfg.Bind, "bind", "127.0.0.1", "the `address` to listen on; anything but loopback lets other machines read the site")
	fs.BoolVar(&cfg.Drafts, "drafts", false, "include cases marked draft: true")
	if err := parse(fs, args, stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if err := checkSource(stderr, "serve", cfg.Source); err != nil {
		return err
	}
	if cfg.Port < 0 || cfg.Port > 65535 {
		fmt.Fprintf(stderr, "casebook serve: --port %d: expected a port from 0 to 65535 (0: any free port)\n", cfg.Port)
		return errUsage
	}
	if info, err := os.Stat(cfg.Source); err != nil || !info.IsDir() {
		fmt.Fprintf(stderr, "casebook serve: --source %s: expected the site's folder, holding content/\n", cfg.Source)
		return errUsage
	}
	host, local, err := bindHost(cfg.Bind)
	if err != nil {
		fmt.Fprintf(stderr, "casebook serve: %v\n", err)
		return errUsage
	}
	cfg.Bind = host
	if !local {
		fmt.Fprintf(stderr, "warning: --bind %s is not a loopback address: anyone who can reach this machine can read the site", cfg.Bind)
		if cfg.Drafts {
			fmt.Fprint(stderr, ", drafts included")
		}
		fmt.Fprintln(stderr)
	}
	srv, err := serve.New(cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "serving %s at %s (press Ctrl-C to stop)\n", cfg.Source, srv.URL())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return srv.Run(ctx)
}

// bindHost checks the address of --bind and returns it as net.Listen
// takes it: an IPv6 address without the brackets a URL puts around it
// ("[::1]" -> "::1"). local reports whether only this machine can reach it:
// a loopback address or localhost. "" listens on every interface.
func bindHost(bind string) (host string, local bool, err error) {
	host = bind
	if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		host = host[1 : len(host)-1]
		if addr, err := netip.ParseAddr(host); err == nil && addr.Is6() {
			return host, addr.Unmap().IsLoopback(), nil
		}
		return "", false, fmt.Errorf("--bind %q: expected an IPv6 address between the brackets, such as [::1]", bind)
	}
	if addr, err := netip.ParseAddr(host); err == nil {
		return host, addr.Unmap().IsLoopback(), nil
	}
	if host == "" {
		return "", false, nil
	}
	if !hostName(host) {
		return "", false, fmt.Errorf("--bind %q: expected an IP address such as 127.0.0.1 or ::1, or a host name such as localhost", bind)
	}
	return host, strings.EqualFold(strings.TrimSuffix(host, "."), "localhost"), nil
}

// hostName reports whether s is a DNS host name: labels of letters,
// digits and hyphens, separated by dots.
func hostName(s string) bool {
	if len(s) > 253 {
		return false
	}
	for _, label := range strings.Split(strings.TrimSuffix(s, "."), ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			if c := label[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}
