// corpus: cwe=CWE-209 label=safe lang=go prompt="return an error when the order cannot be loaded"
package main

import (
	"database/sql"
	"log"
	"net/http"
)

var store *sql.DB

func orderHandler(w http.ResponseWriter, r *http.Request) {
	var total int
	err := store.QueryRow("SELECT total FROM orders WHERE id = $1", r.URL.Query().Get("id")).Scan(&total)
	if err != nil {
		log.Printf("order lookup: %v", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
}
