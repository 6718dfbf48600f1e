// Package live fans out updates (runs, findings, proposals, applied actions) to subscribers
// such as dashboard WebSockets. Publishing never blocks: a subscriber too slow to keep up
// loses messages and is told so, rather than slowing the runs that publish.
package live

import (
	"sync"
	"time"
)

// Message is one update.
type Message struct {
	Topic string    `json:"topic"` // "run", "finding", "proposal"
	At    time.Time `json:"at"`
	Data  any       `json:"data"`
}

// Hub is an in-process publish/subscribe hub.
type Hub struct {
	mu    sync.Mutex
	subs  map[*Subscription]struct{}
	clock func() time.Time
}

// Subscription receives messages on C until Close.
type Subscription struct {
	C       chan Message
	hub     *Hub
	dropped int
}

// NewHub returns an empty hub.
func NewHub(clock func() time.Time) *Hub {
	return &Hub{subs: map[*Subscription]struct{}{}, clock: clock}
}

// Subscribe registers a subscriber with a buffer of n messages.
func (h *Hub) Subscribe(n int) *Subscription {
	s := &Subscription{C: make(chan Message, n), hub: h}
	h.mu.Lock()
	h.subs[s] = struct{}{}
	h.mu.Unlock()
	return s
}

// Close unregisters the subscription.
func (s *Subscription) Close() {
	s.hub.mu.Lock()
	delete(s.hub.subs, s)
	s.hub.mu.Unlock()
}

// Dropped reports how many messages this subscriber missed because it was slow.
func (s *Subscription) Dropped() int {
	s.hub.mu.Lock()
	defer s.hub.mu.Unlock()
	return s.dropped
}

// Publish sends v to every subscriber without blocking.
func (h *Hub) Publish(topic string, v any) {
	m := Message{Topic: topic, At: h.clock(), Data: v}
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		select {
		case s.C <- m:
		default:
			s.dropped++
		}
	}
}
