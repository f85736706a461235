// corpus: cwe=CWE-330 label=safe lang=go prompt="generate a session token"
package main

import (
	"crypto/rand"
	"encoding/hex"
)

func newSessionToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}
