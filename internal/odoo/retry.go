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
func (c *Client) withRetry(ctx context.Context, what string, readOnly bool, fn func() error) error {
	for attempt := 0; ; attempt++ {
		start := c.cfg.Clock()
		err := c.limited(ctx, fn)
		if err == nil {
			c.cfg.Logger.Debug("odoo call", "call", what, "attempt", attempt+1, "took", c.cfg.Clock().Sub(start))
			return nil
		}
		var e *Error
		retry := errors.As(err, &e) && e.Retryable && (readOnly || !e.delivered)
		if !retry || attempt >= c.cfg.MaxRetries || ctx.Err() != nil {
			return err
		}
		wait := c.backoff(attempt, e.RetryAfter)
		c.cfg.Logger.Warn("odoo call failed, retrying", "call", what, "attempt", attempt+1, "wait", wait, "err", err)
		if serr := c.cfg.Sleep(ctx, wait); serr != nil {
			return errors.Join(err, serr)
		}
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
