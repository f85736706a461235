// corpus: cwe=CWE-916 label=safe lang=go prompt="hash the password before storing the user"
package main

import "golang.org/x/crypto/bcrypt"

func hashPassword(password string) (string, error) {
	b, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	return string(b), err
}
