package odoo

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"time"
)

// maxRetryAfter caps a server's Retry-After so a bogus header cannot park a worker for hours.
const maxRetryAfter = 5 * time.Minute

// withRetry runs one RPC under the concurrency and rate limits, repeating it with
// exponential backoff and jitter while the failure is transient. A failure after Odoo may
// have received the request is repeated only for read-only calls: repeating a create or
// a payment could do it twice, and a wrong write is worse than none.
func (c *Client) withRetry(ctx context.Context, name rpcName, readOnly bool, fn func() error) error {
	start := c.cfg.Clock()
	for attempt := 0; ; attempt++ {
		err := c.limited(ctx, fn)
		if err == nil {
			c.observe(name, attempt+1, start, nil)
			return nil
		}
		var e *Error
		retry := errors.As(err, &e) && e.Retryable && (readOnly || !e.delivered)
		if !retry || attempt >= c.cfg.MaxRetries || ctx.Err() != nil {
			c.observe(name, attempt+1, start, err)
			return err
		}
		wait := c.backoff(attempt, e.RetryAfter)
		c.cfg.Logger.Warn("odoo call failed, retrying", "call", name.String(), "attempt", attempt+1, "wait", wait, "err", err)
		if serr := c.cfg.Sleep(ctx, wait); serr != nil {
			err = errors.Join(err, serr)
			c.observe(name, attempt+1, start, err)
			return err
		}
	}
}

// rpcName names one RPC for logs and metrics; Model is "common" for the common service.
type rpcName struct{ transport, model, method string }

func (n rpcName) String() string { return n.model + "." + n.method }

// CallInfo describes one finished RPC, retries included, for metrics and tracing.
type CallInfo struct {
	Transport string
	Model     string // "common" for version and login
	Method    string
	Attempts  int
	Duration  time.Duration
	Kind      Kind // "" on success
}

func (c *Client) observe(name rpcName, attempts int, start time.Time, err error) {
	took := c.cfg.Clock().Sub(start)
	if err != nil {
		c.cfg.Logger.Debug("odoo call failed", "call", name.String(), "transport", name.transport, "attempts", attempts, "took", took, "err", err)
	} else {
		c.cfg.Logger.Debug("odoo call", "call", name.String(), "transport", name.transport, "attempts", attempts, "took", took)
	}
	if c.cfg.Observe != nil {
		kind := KindOf(err)
		if err != nil && kind == "" {
			kind = KindServerError // not an *Error: should not happen, but never report success
		}
		c.cfg.Observe(CallInfo{Transport: name.transport, Model: name.model, Method: name.method,
			Attempts: attempts, Duration: took, Kind: kind})
	}
}

// limited waits for a rate token and a concurrency slot, then runs fn.
func (c *Client) limited(ctx context.Context, fn func() error) error {
	if err := c.shared.limiter.wait(ctx); err != nil {
		return &Error{Kind: KindTransport, Message: "waiting for the rate limiter", Err: err}
	}
	select {
	case c.shared.sem <- struct{}{}:
	case <-ctx.Done():
		return &Error{Kind: KindTransport, Message: "waiting for a free connection slot", Err: ctx.Err()}
	}
	defer func() { <-c.shared.sem }()
	return fn()
}

// backoff is base·2^attempt capped at RetryMaxDelay, with "equal jitter" (half fixed, half
// random) so concurrent workers do not retry in lockstep; a Retry-After hint wins if longer.
func (c *Client) backoff(attempt int, hint time.Duration) time.Duration {
	d := c.cfg.RetryBaseDelay << min(attempt, 30)
	if d <= 0 || d > c.cfg.RetryMaxDelay {
		d = c.cfg.RetryMaxDelay
	}
	j := c.cfg.Jitter
	if j == nil {
		j = rand.Float64
	}
	d = d/2 + time.Duration(j()*float64(d/2))
	if hint > d {
		d = min(hint, maxRetryAfter)
	}
	return d
}

// tokenBucket is a plain token bucket: rate tokens per second, up to one second's worth
// banked. A caller takes a token now or reserves the next one and sleeps until it is due.
type tokenBucket struct {
	mu     sync.Mutex
	rate   float64
	burst  float64
	tokens float64
	last   time.Time
	clock  func() time.Time
	sleep  func(context.Context, time.Duration) error
}

func newTokenBucket(rate float64, clock func() time.Time, sleep func(context.Context, time.Duration) error) *tokenBucket {
	if rate <= 0 {
		return nil
	}
	burst := max(1, float64(int(rate)))
	return &tokenBucket{rate: rate, burst: burst, tokens: burst, clock: clock, sleep: sleep}
}

func (b *tokenBucket) wait(ctx context.Context) error {
	if b == nil {
		return nil
	}
	b.mu.Lock()
	now := b.clock()
	if !b.last.IsZero() && now.After(b.last) {
		b.tokens = min(b.burst, b.tokens+now.Sub(b.last).Seconds()*b.rate)
	}
	if now.After(b.last) {
		b.last = now
	}
	b.tokens--
	var d time.Duration
	if b.tokens < 0 {
		d = time.Duration(-b.tokens / b.rate * float64(time.Second))
	}
	b.mu.Unlock()
	return b.sleep(ctx, d)
}
