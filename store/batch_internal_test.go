package store

// SetStanceBatchStatements sets the statements behind one transaction of
// backfillStances, so a test over the seeds writes its edges in several;
// the returned function restores it.
func SetStanceBatchStatements(n int) (restore func()) {
	old := stanceBatchStatements
	stanceBatchStatements = n
	return func() { stanceBatchStatements = old }
}
