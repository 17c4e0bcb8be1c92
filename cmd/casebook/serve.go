package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"

	casebook "github.com/casebook/casebook"
	"github.com/casebook/casebook/internal/serve"
)

func runServe(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", "serve [flags]",
		"Build the site in --source in memory, serve it, and rebuild and reload the\nbrowser on every change to content/, layouts/ or assets/.", stderr)
	cfg := serve.Config{Layouts: casebook.Layouts, Assets: casebook.Assets, Log: stdout}
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
	if !loopback(cfg.Bind) {
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

// loopback reports whether the address is only reachable from this
// machine.
func loopback(bind string) bool {
	if bind == "localhost" {
		return true
	}
	ip := net.ParseIP(bind)
	return ip != nil && ip.IsLoopback()
}
