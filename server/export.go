package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/whosaid/whosaid/export"
	"github.com/whosaid/whosaid/kg"
)

// exportStatus maps error kinds to the export endpoint's HTTP statuses.
var exportStatus = map[kg.ErrorKind]int{
	kg.Invalid:     http.StatusBadRequest,
	kg.NotFound:    http.StatusNotFound,
	kg.Unavailable: http.StatusServiceUnavailable,
	kg.Timeout:     http.StatusServiceUnavailable,
	kg.Internal:    http.StatusInternalServerError,
	// The database's memory is a passing shortage: try again later.
	kg.ResourceExhausted: http.StatusServiceUnavailable,
}

// selectTimeout bounds cutting a neighbourhood, waiting for a drawing slot
// included, as the GraphQL endpoint's request timeout bounds the same query.
const selectTimeout = 15 * time.Second

// busyRetryAfter is the Retry-After, in seconds, of a neighbourhood export
// that found every drawing slot taken for all of selectTimeout.
const busyRetryAfter = "5"

// handleExport serves GET /export/{format}: gexf, graphml, cyjs or csv, with
// the selection in the query (see export.ParseQuery); no id exports the whole
// graph. The file streams as it is encoded. Errors found before the first
// byte are JSON {"errors": [{message, extensions: {code}}]} with a status
// from exportStatus; a failure mid-stream aborts the response, so that a
// client never takes a cut file for a whole one.
//
// Every download ends within timeout: its store reads run under that
// deadline and so do the connection's writes, so a client that stops
// reading cannot keep the handler, and the store reads it would go on to
// make, beyond it. Neighbourhoods are cut in one of the drawing slots.
func handleExport(src export.Store, slots drawingSlots, timeout time.Duration, log *slog.Logger) http.Handler {
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
		deadline := time.Now().Add(timeout)
		ctx, cancel := context.WithDeadline(r.Context(), deadline)
		defer cancel()
		g, err := selectExport(ctx, src, slots, req)
		if err != nil {
			if errors.Is(err, errDrawingsBusy) {
				w.Header().Set("Retry-After", busyRetryAfter)
			}
			exportError(w, r, log, err)
			return
		}
		h := w.Header()
		h.Set("Content-Type", format.ContentType)
		h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, req.FileName(format)))
		// Replaces the server's WriteTimeout, which may be shorter than an
		// export; not every ResponseWriter has deadlines.
		_ = http.NewResponseController(w).SetWriteDeadline(deadline)
		if err := format.Encode(w, g); err != nil {
			switch {
			case !time.Now().Before(deadline):
				log.WarnContext(ctx, "export cut at its time bound", "format", format.Name, "id", req.ID, "bound", timeout, "err", err)
			case errors.Is(err, context.Canceled) || r.Context().Err() != nil:
				log.DebugContext(ctx, "export abandoned by the client", "format", format.Name, "id", req.ID)
			default:
				log.ErrorContext(ctx, "export failed mid-stream", "format", format.Name, "id", req.ID, "err", err)
			}
			panic(http.ErrAbortHandler) // the status is sent: cut the connection
		}
	})
}

// selectExport is export.Select with a neighbourhood cut in one of the
// drawing slots, waiting for one within selectTimeout. The whole graph takes
// no slot: it is read a page at a time as it is written, for as long as the
// export's own bound allows, and would keep a drawing waiting all that time.
func selectExport(ctx context.Context, src export.Store, slots drawingSlots, req export.Request) (export.Graph, error) {
	if req.ID == "" {
		return export.Select(ctx, src, req)
	}
	ctx, cancel := context.WithTimeout(ctx, selectTimeout)
	defer cancel()
	release, err := slots.acquire(ctx)
	if err != nil {
		return export.Graph{}, err
	}
	defer release() // a neighbourhood is in memory once selected
	return export.Select(ctx, src, req)
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
	if kg.ServerSide(kind) {
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
