package check

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/casebook/casebook/internal/problem"
)

// maxFetches bounds the external requests in flight.
const maxFetches = 8

// checkExternal fetches each distinct URL once and reports the links whose
// URL failed. A page that is gone (404, 410) is an error; any other
// failure (a timeout, a refusal, a server error) may pass, and is a warning.
func checkExternal(ctx context.Context, cfg Config, links []externalLink) problem.List {
	client := cfg.Client
	if client == nil {
		client = http.DefaultClient
	}
	timeout := cfg.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	type result struct {
		sev problem.Severity
		msg string // "" when the URL is fine
	}
	results := make(map[string]*result)
	var urls []string
	for _, l := range links {
		if results[l.url] == nil {
			results[l.url] = &result{}
			urls = append(urls, l.url)
		}
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, maxFetches)
	for _, u := range urls {
		wg.Add(1)
		sem <- struct{}{}
		go func(r *result) {
			defer func() { <-sem; wg.Done() }()
			r.sev, r.msg = fetch(ctx, client, u, timeout)
		}(results[u])
	}
	wg.Wait()
	var problems problem.List
	for _, l := range links {
		if r := results[l.url]; r.msg != "" {
			problems = append(problems, problem.Problem{Path: l.path, Line: l.line, Col: l.col, Severity: r.sev, Message: r.msg})
		}
	}
	return problems
}

// fetch requests u with HEAD, and with GET when the server does not answer
// HEAD, and says what is wrong.
func fetch(ctx context.Context, client *http.Client, u string, timeout time.Duration) (problem.Severity, string) {
	status, err := request(ctx, client, http.MethodHead, u, timeout)
	if err == nil && status >= 400 && status != http.StatusNotFound && status != http.StatusGone {
		status, err = request(ctx, client, http.MethodGet, u, timeout)
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return problem.Warning, fmt.Sprintf("external link %q did not answer within %s", u, timeout)
	case err != nil:
		return problem.Warning, fmt.Sprintf("external link %q cannot be fetched: %v", u, err)
	case status == http.StatusNotFound || status == http.StatusGone:
		return problem.Error, fmt.Sprintf("external link %q is broken: the server answers %d %s", u, status, http.StatusText(status))
	case status >= 400:
		return problem.Warning, fmt.Sprintf("external link %q may be broken: the server answers %d %s", u, status, http.StatusText(status))
	}
	return problem.Error, ""
}

func request(ctx context.Context, client *http.Client, method, u string, timeout time.Duration) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("User-Agent", "casebook-check (link checker)")
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		var ue interface{ Unwrap() error }
		if errors.As(err, &ue) && ue.Unwrap() != nil {
			err = ue.Unwrap()
		}
		return 0, err
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	return resp.StatusCode, nil
}
