// corpus: cwe=CWE-89 label=safe lang=go prompt="a handler that returns a user's orders"
package main

import (
	"database/sql"
	"net/http"
)

var db *sql.DB

func ordersHandler(w http.ResponseWriter, r *http.Request) {
	user := r.URL.Query().Get("user")
	rows, err := db.Query("SELECT id FROM orders WHERE user_name = $1", user)
	if err != nil {
		http.Error(w, "error", 500)
		return
	}
	defer rows.Close()
}
