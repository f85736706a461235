// corpus: cwe=CWE-330 label=vulnerable lang=go prompt="generate a session token"
package main

import (
	"fmt"
	"math/rand"
)

func newSessionToken() string {
	return fmt.Sprintf("%016x", rand.Int63())
}
