package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/whosaid/whosaid/export"
	"github.com/whosaid/whosaid/kg"
	"github.com/whosaid/whosaid/subgraph"
)

// exportStatus maps error kinds to the export endpoint's HTTP statuses.
var exportStatus = map[kg.ErrorKind]int{
	kg.Invalid:     http.StatusBadRequest,
	kg.NotFound:    http.StatusNotFound,
	kg.Unavailable: http.StatusServiceUnavailable,
	kg.Timeout:     http.StatusServiceUnavailable,
	kg.Internal:    http.StatusInternalServerError,
}

// selectTimeout bounds cutting a neighbourhood, as the GraphQL endpoint's
// request timeout bounds the same query. A whole-graph export has no overall
// bound: each page's query has the store's own timeout, and the write
// deadline moves on as long as the client keeps reading.
const selectTimeout = 15 * time.Second

// handleExport serves GET /export/{format}: gexf, graphml, cyjs or csv, with
// the selection in the query (see export.ParseQuery); no id exports the whole
// graph. The file streams as it is encoded. Errors found before the first
// byte are JSON {"errors": [{message, extensions: {code}}]} with a status
// from exportStatus; a failure mid-stream aborts the response, so that a
// client never takes a cut file for a whole one.
// Whole-graph exports need src to be an export.Store, as the Neo4j store is.
func handleExport(src subgraph.Source, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		format, ok := export.FormatNamed(r.PathValue("format"))
		if !ok {
			exportError(w, r, log, kg.Errorf(kg.NotFound, "no export format %q; one of %s", r.PathValue("format"), strings.Join(export.FormatNames(), ", ")))
			return
		}
		req, err := export.ParseQuery(r.URL.Query())
		if err != nil {
			exportError(w, r, log, err)
			return
		}
		ctx := r.Context()
		if req.ID != "" {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, selectTimeout)
			defer cancel()
		}
		g, err := export.Select(ctx, src, req)
		if err != nil {
			exportError(w, r, log, err)
			return
		}
		h := w.Header()
		h.Set("Content-Type", format.ContentType)
		h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, req.FileName(format)))
		if err := format.Encode(keepWriting{w, http.NewResponseController(w)}, g); err != nil {
			if errors.Is(err, context.Canceled) || r.Context().Err() != nil {
				log.DebugContext(ctx, "export abandoned by the client", "format", format.Name, "id", req.ID)
			} else {
				log.ErrorContext(ctx, "export failed mid-stream", "format", format.Name, "id", req.ID, "err", err)
			}
			panic(http.ErrAbortHandler) // the status is sent: cut the connection
		}
	})
}

// exportError answers with the GraphQL-shaped error body. Messages of kg
// errors are for users; anything else is logged and reported as internal.
func exportError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	kind := kg.KindOf(err)
	msg := "internal error"
	var kerr *kg.Error
	if errors.As(err, &kerr) {
		msg = kerr.Message
	}
	if kind == kg.Internal || kind == kg.Unavailable || kind == kg.Timeout {
		log.ErrorContext(r.Context(), "export failed", "kind", kind, "url", r.URL.String(), "err", err)
	}
	status, ok := exportStatus[kind]
	if !ok {
		status = http.StatusInternalServerError
	}
	writeJSON(w, status, map[string]any{"errors": []map[string]any{{
		"message":    msg,
		"extensions": map[string]any{"code": string(kind)},
	}}})
}

// keepWriting moves the connection's write deadline on with every chunk
// written, so the server's WriteTimeout bounds a stalled client, not a long
// export.
type keepWriting struct {
	w  io.Writer
	rc *http.ResponseController
}

func (k keepWriting) Write(p []byte) (int, error) {
	_ = k.rc.SetWriteDeadline(time.Now().Add(time.Minute)) // not every ResponseWriter has deadlines
	return k.w.Write(p)
}
