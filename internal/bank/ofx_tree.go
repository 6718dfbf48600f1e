package bank

import (
	"html"
	"strings"

	"github.com/smartodoo/smartodoo/internal/core"
)

// ofxNode is an element of an OFX document. OFX 1.x is SGML: leaf elements ("<TRNAMT>-6.60")
// are usually not closed, aggregates are. OFX 2.x is XML and closes everything. One tolerant
// tree builder reads both.
type ofxNode struct {
	name     string
	text     string
	line     int
	children []*ofxNode
}

func (n *ofxNode) child(name string) *ofxNode {
	for _, c := range n.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

// value is the text of the named child, "" when absent.
func (n *ofxNode) value(name string) string {
	if c := n.child(name); c != nil {
		return c.text
	}
	return ""
}

// findAll collects every descendant with the name, in document order.
func (n *ofxNode) findAll(name string, out []*ofxNode) []*ofxNode {
	for _, c := range n.children {
		if c.name == name {
			out = append(out, c)
		}
		out = c.findAll(name, out)
	}
	return out
}

// parseOFXTree builds the element tree from the <OFX> element on.
func parseOFXTree(text string) (*ofxNode, error) {
	start := strings.Index(strings.ToUpper(text), "<OFX>")
	if start < 0 {
		return nil, core.Errorf(core.CodeInvalid, "OFX: no <OFX> element found")
	}
	line := 1 + strings.Count(text[:start], "\n")
	root := &ofxNode{name: "#root"}
	stack := []*ofxNode{root}
	s := text[start:]
	for len(s) > 0 {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			break
		}
		line += strings.Count(s[:lt], "\n")
		s = s[lt:]
		gt := strings.IndexByte(s, '>')
		if gt < 0 {
			return nil, core.Errorf(core.CodeInvalid, "OFX line %d: tag is not closed with '>'", line)
		}
		tag := strings.TrimSpace(s[1:gt])
		line += strings.Count(s[:gt], "\n")
		s = s[gt+1:]
		switch {
		case strings.HasPrefix(tag, "?") || strings.HasPrefix(tag, "!"):
			continue // XML declaration, processing instruction or comment
		case strings.HasPrefix(tag, "/"):
			var err error
			if stack, err = closeOFX(stack, strings.ToUpper(strings.TrimSpace(tag[1:])), line); err != nil {
				return nil, err
			}
			continue
		}
		if tag == "" || strings.ContainsAny(tag, " \t\n") {
			return nil, core.Errorf(core.CodeInvalid, "OFX line %d: malformed tag <%s>", line, tag)
		}
		node := &ofxNode{name: strings.ToUpper(strings.TrimSuffix(tag, "/")), line: line}
		parent := stack[len(stack)-1]
		parent.children = append(parent.children, node)
		next := strings.IndexByte(s, '<')
		if next < 0 {
			next = len(s)
		}
		if content := strings.TrimSpace(s[:next]); content != "" {
			node.text = html.UnescapeString(content) // a leaf; its closing tag, if any, is skipped by closeOFX
			continue
		}
		if strings.HasPrefix(s[next:], "</"+node.name+">") || strings.HasSuffix(tag, "/") {
			continue // an empty leaf such as <DTPOSTED></DTPOSTED>
		}
		stack = append(stack, node)
	}
	return root, nil
}

// closeOFX pops up to and including the named aggregate; SGML lets a closing tag end
// unclosed children too. A closing tag of a leaf that was already complete is ignored.
func closeOFX(stack []*ofxNode, name string, line int) ([]*ofxNode, error) {
	for i := len(stack) - 1; i > 0; i-- {
		if stack[i].name == name {
			return stack[:i], nil
		}
	}
	top := stack[len(stack)-1]
	if n := len(top.children); n > 0 && top.children[n-1].name == name {
		return stack, nil
	}
	return nil, core.Errorf(core.CodeInvalid, "OFX line %d: </%s> closes no open element", line, name)
}
