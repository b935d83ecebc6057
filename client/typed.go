package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/tsymock/tsymock/internal/soa"
)

// call is the one path of every typed method: it encrypts the request's
// sensitive fields with the platform certificate, calls, decrypts the
// answer's sensitive fields with the merchant key, and decodes the answer
// into out. Which fields are sensitive comes from the method catalogue
// (PROTOCOL.md §4), so request and response structs hold plain text.
func (c *Client) call(ctx context.Context, service, method string, param, out any) error {
	m, serr := c.methods.Lookup(service, method)
	if serr != nil {
		return fmt.Errorf("client: %s.%s: %s", service, method, serr.Message)
	}
	doc, err := toObject(param)
	if err != nil {
		return fmt.Errorf("client: encode %s.%s: %w", service, method, err)
	}
	if err := soa.WalkEncrypted(doc, m.EncryptedRequestPaths(), c.encryptField); err != nil {
		return fmt.Errorf("client: %s.%s: %w", service, method, err)
	}
	raw, err := c.Call(ctx, service, method, doc)
	if err != nil {
		return err
	}
	if err := c.decodeAnswer(raw, m.EncryptedResponse, out); err != nil {
		return fmt.Errorf("client: decode %s.%s answer: %w", service, method, err)
	}
	return nil
}

// decodeAnswer decrypts the paths of an answer and decodes it into out.
func (c *Client) decodeAnswer(raw json.RawMessage, paths []string, out any) error {
	if len(paths) == 0 {
		return json.Unmarshal(raw, out)
	}
	doc, err := toObject(raw)
	if err != nil {
		return err
	}
	if err := soa.WalkEncrypted(doc, paths, c.decryptField); err != nil {
		return err
	}
	plain, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	return json.Unmarshal(plain, out)
}

func (c *Client) encryptField(_, plain string) (string, error) { return c.Encrypt(plain) }

func (c *Client) decryptField(_, hexText string) (string, error) { return c.Decrypt(hexText) }

// toObject turns a struct, a map or JSON text into a JSON object whose
// numbers keep their exact text.
func toObject(v any) (map[string]any, error) {
	raw, ok := v.(json.RawMessage)
	if !ok {
		var err error
		if raw, err = json.Marshal(v); err != nil {
			return nil, err
		}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	if doc == nil {
		doc = map[string]any{}
	}
	return doc, nil
}

// typed is call with the answer decoded into a new T.
func typed[T any](ctx context.Context, c *Client, service, method string, req any) (*T, error) {
	out := new(T)
	if err := c.call(ctx, service, method, req, out); err != nil {
		return nil, err
	}
	return out, nil
}
