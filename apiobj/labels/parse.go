package labels

import (
	"fmt"
	"strings"
)

// Parse reads a selector in Kubernetes' label selector syntax:
//
//	selector    = [ requirement { "," requirement } ]
//	requirement = [ "!" ] KEY
//	            | KEY ( "=" | "==" | "!=" | ">" | "<" ) [ VALUE ]
//	            | KEY ( "in" | "notin" ) "(" [ VALUE { "," [ VALUE ] } ] ")"
//
// Blanks (space, tab, CR, LF) may stand between tokens. A bare KEY requires the
// label to exist and "!KEY" requires it to be absent. An omitted VALUE is the
// empty string, so "a=" and "a in ()" select an empty value. ">" and "<"
// compare base-10 integers. The words "in" and "notin" are operators only
// after a key; elsewhere they are ordinary keys or values.
//
// Keys and values are validated as NewRequirement does. The requirements are
// sorted by key. The empty string gives a selector that matches everything.
// (Kubernetes' lexer stops at a NUL byte; here NUL is an ordinary, invalid,
// character, so such input is rejected rather than truncated.)
func Parse(s string) (Selector, error) {
	p := parser{src: s}
	reqs, err := p.parse()
	if err != nil {
		return nil, err
	}
	sortByKey(reqs)
	return selector(reqs), nil
}

type tokenKind uint8

const (
	tokEnd tokenKind = iota
	tokIdent
	tokIn
	tokNotIn
	tokComma
	tokOpen
	tokClose
	tokNot
	tokEquals
	tokDoubleEquals
	tokNotEquals
	tokGreater
	tokLess
)

type token struct {
	kind tokenKind
	text string // the source text; "" at the end
}

// parser is a recursive-descent parser with one token of lookahead. The words
// "in" and "notin" lex as keywords; in a key or value position (asValue) they
// read as identifiers.
type parser struct {
	src    string
	pos    int
	ahead  token
	peeked bool
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func isSymbol(c byte) bool {
	switch c {
	case '=', '!', '(', ')', ',', '>', '<':
		return true
	}
	return false
}

// lex reads the next token from src. Symbols take the longest match ("!=",
// "=="); anything else up to a blank or symbol is one identifier.
func (p *parser) lex() token {
	s, i := p.src, p.pos
	for i < len(s) && isBlank(s[i]) {
		i++
	}
	if i == len(s) {
		p.pos = i
		return token{kind: tokEnd}
	}
	kind, n := tokIdent, 1
	switch s[i] {
	case ',':
		kind = tokComma
	case '(':
		kind = tokOpen
	case ')':
		kind = tokClose
	case '>':
		kind = tokGreater
	case '<':
		kind = tokLess
	case '=':
		kind = tokEquals
		if i+1 < len(s) && s[i+1] == '=' {
			kind, n = tokDoubleEquals, 2
		}
	case '!':
		kind = tokNot
		if i+1 < len(s) && s[i+1] == '=' {
			kind, n = tokNotEquals, 2
		}
	default:
		n = 0
		for i+n < len(s) && !isBlank(s[i+n]) && !isSymbol(s[i+n]) {
			n++
		}
	}
	t := token{kind: kind, text: s[i : i+n]}
	p.pos = i + n
	switch {
	case kind != tokIdent:
	case t.text == "in":
		t.kind = tokIn
	case t.text == "notin":
		t.kind = tokNotIn
	}
	return t
}

func asValue(t token) token {
	if t.kind == tokIn || t.kind == tokNotIn {
		t.kind = tokIdent
	}
	return t
}

func (p *parser) peek() token {
	if !p.peeked {
		p.ahead = p.lex()
		p.peeked = true
	}
	return p.ahead
}

func (p *parser) next() token {
	t := p.peek()
	p.peeked = false
	return t
}

func (p *parser) parse() ([]Requirement, error) {
	var reqs []Requirement
	if t := asValue(p.peek()); t.kind == tokEnd {
		return nil, nil
	} else if t.kind != tokIdent && t.kind != tokNot {
		return nil, fmt.Errorf("found '%s', expected: !, identifier, or 'end of string'", t.text)
	}
	for {
		r, err := p.requirement()
		if err != nil {
			return nil, fmt.Errorf("unable to parse requirement: %w", err)
		}
		reqs = append(reqs, r)
		switch t := p.next(); t.kind {
		case tokEnd:
			return reqs, nil
		case tokComma:
			if t := asValue(p.peek()); t.kind != tokIdent && t.kind != tokNot {
				return nil, fmt.Errorf("found '%s', expected: identifier after ','", t.text)
			}
		default:
			return nil, fmt.Errorf("found '%s', expected: ',' or 'end of string'", t.text)
		}
	}
}

func (p *parser) requirement() (Requirement, error) {
	negated := false
	t := asValue(p.next())
	if t.kind == tokNot {
		negated = true
		t = asValue(p.next())
	}
	if t.kind != tokIdent {
		return Requirement{}, fmt.Errorf("found '%s', expected: identifier", t.text)
	}
	key := t.text
	if msgs := ValidateQualifiedName(key); len(msgs) != 0 {
		return Requirement{}, fmt.Errorf("%s", invalid("key", key, strings.Join(msgs, "; ")))
	}
	if negated {
		// "!key" stands alone; whatever follows is the caller's to reject.
		return NewRequirement(key, DoesNotExist, nil)
	}
	if k := p.peek().kind; k == tokEnd || k == tokComma {
		return NewRequirement(key, Exists, nil)
	}
	var op Operator
	switch t := p.next(); t.kind {
	case tokIn:
		op = In
	case tokNotIn:
		op = NotIn
	case tokEquals:
		op = Equals
	case tokDoubleEquals:
		op = DoubleEquals
	case tokNotEquals:
		op = NotEquals
	case tokGreater:
		op = GreaterThan
	case tokLess:
		op = LessThan
	default:
		return Requirement{}, fmt.Errorf("found '%s', expected: in, notin, =, ==, !=, gt, lt", t.text)
	}
	var (
		vals []string
		err  error
	)
	if op == In || op == NotIn {
		vals, err = p.valueSet()
	} else {
		vals, err = p.exactValue()
	}
	if err != nil {
		return Requirement{}, err
	}
	return NewRequirement(key, op, vals)
}

// exactValue reads the operand of =, ==, !=, > and <; it may be omitted.
func (p *parser) exactValue() ([]string, error) {
	switch t := asValue(p.peek()); t.kind {
	case tokEnd, tokComma:
		return []string{""}, nil
	case tokIdent:
		p.next()
		return []string{t.text}, nil
	default:
		return nil, fmt.Errorf("found '%s', expected: identifier", t.text)
	}
}

// valueSet reads "(" values ")". Values are separated by commas and any of
// them may be omitted: "()", "(,a)" and "(a,,b)" all include "".
func (p *parser) valueSet() ([]string, error) {
	if t := p.next(); t.kind != tokOpen {
		return nil, fmt.Errorf("found '%s' expected: '('", t.text)
	}
	var vals []string
	first, slotOpen := true, true // slotOpen: no value yet since '(' or the last ','
	for ; ; first = false {
		t := asValue(p.next())
		switch {
		case t.kind == tokIdent && slotOpen:
			vals = append(vals, t.text)
			slotOpen = false
		case t.kind == tokComma && slotOpen, t.kind == tokClose && slotOpen:
			vals = append(vals, "")
			if t.kind == tokClose {
				return vals, nil
			}
		case t.kind == tokComma:
			slotOpen = true
		case t.kind == tokClose:
			return vals, nil
		case !slotOpen:
			return nil, fmt.Errorf("found '%s', expected: ',' or ')'", t.text)
		case first:
			return nil, fmt.Errorf("found '%s', expected: ',', ')' or identifier", t.text)
		default:
			return nil, fmt.Errorf("found '%s', expected: ',', or identifier", t.text)
		}
	}
}
