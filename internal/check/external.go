package check

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/casebook/casebook/internal/problem"
	"github.com/casebook/casebook/internal/progress"
)

// maxFetches bounds the external requests in flight, and
// maxFetchesPerHost those to one host: a municipality's site linked from
// 300 cases is asked two at a time, not eight, which servers answer with
// 429 Too Many Requests or take for an attack.
const maxFetches, maxFetchesPerHost = 8, 2

// checkExternal fetches each distinct URL once and reports the links whose
// URL failed. A page that is gone (404, 410) is an error; any other
// failure (a timeout, a refusal, a server error) may pass, and is a warning.
// It counts the URLs fetched into report.
func checkExternal(ctx context.Context, cfg Config, links []externalLink, report *progress.Reporter) problem.List {
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
	report.Set("checking external links", 0, len(urls))
	var wg sync.WaitGroup
	sem := make(chan struct{}, maxFetches)
	hosts := make(map[string]chan struct{}) // each host's share of sem
	for _, u := range urls {
		host := u
		if parsed, err := url.Parse(u); err == nil {
			host = parsed.Host
		}
		if hosts[host] == nil {
			hosts[host] = make(chan struct{}, maxFetchesPerHost)
		}
		wg.Add(1)
		go func(r *result, perHost chan struct{}) {
			defer wg.Done()
			perHost <- struct{}{}
			sem <- struct{}{}
			defer func() { <-sem; <-perHost }()
			r.sev, r.msg = fetch(ctx, client, u, timeout)
			report.Add(1)
		}(results[u], hosts[host])
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
// HEAD as it should, and says what is wrong. A page is broken only when
// GET says so too: some servers answer HEAD with 404 Not Found for pages
// that they serve, and a link checker that fails CI must not guess. A
// server that asks to be asked later (429) is asked once more, after the
// time it gives, within the timeout.
func fetch(ctx context.Context, client *http.Client, u string, timeout time.Duration) (problem.Severity, string) {
	status, wait, err := request(ctx, client, http.MethodHead, u, timeout)
	if err == nil && status >= 400 {
		status, wait, err = request(ctx, client, http.MethodGet, u, timeout)
	}
	if err == nil && status == http.StatusTooManyRequests && wait <= timeout {
		select {
		case <-ctx.Done():
			return problem.Warning, fmt.Sprintf("external link %q was not checked: %v", u, ctx.Err())
		case <-time.After(wait):
		}
		status, _, err = request(ctx, client, http.MethodGet, u, timeout)
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return problem.Warning, fmt.Sprintf("external link %q did not answer within %s", u, timeout)
	case err != nil:
		return problem.Warning, fmt.Sprintf("external link %q cannot be fetched: %v", u, err)
	case status == http.StatusNotFound || status == http.StatusGone:
		return problem.Error, fmt.Sprintf("external link %q is broken: the server answers %d %s", u, status, http.StatusText(status))
	case status == http.StatusTooManyRequests:
		return problem.Warning, fmt.Sprintf("external link %q was not checked: the server answers %d %s (check it again later, or with fewer links to its site)", u, status, http.StatusText(status))
	case status >= 400:
		return problem.Warning, fmt.Sprintf("external link %q may be broken: the server answers %d %s", u, status, http.StatusText(status))
	}
	return problem.Error, ""
}

// request requests u and returns the status and, for 429 Too Many
// Requests, how long its Retry-After asks to wait (a second when it says
// nothing that parses).
func request(ctx context.Context, client *http.Client, method, u string, timeout time.Duration) (status int, wait time.Duration, err error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return 0, 0, err
	}
	req.Header.Set("User-Agent", "casebook-check (link checker)")
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return 0, 0, ctx.Err()
		}
		var ue interface{ Unwrap() error }
		if errors.As(err, &ue) && ue.Unwrap() != nil {
			err = ue.Unwrap()
		}
		return 0, 0, err
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	if resp.StatusCode == http.StatusTooManyRequests {
		wait = time.Second
		after := resp.Header.Get("Retry-After")
		if n, err := strconv.Atoi(after); err == nil && n >= 0 {
			wait = time.Duration(n) * time.Second
		} else if t, err := http.ParseTime(after); err == nil {
			wait = max(0, time.Until(t))
		}
	}
	return resp.StatusCode, wait, nil
}
