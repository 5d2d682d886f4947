package store

// SetStanceBatchStatements sets the statements behind one transaction of
// backfillStances, so a test over the seeds writes its edges in several;
// the returned function restores it.
func SetStanceBatchStatements(n int) (restore func()) {
	old := stanceBatchStatements
	stanceBatchStatements = n
	return func() { stanceBatchStatements = old }
}

// SetMatrixSide forces the side the stance matrix counts statements from
// (true: the propositions', false: the speakers'), nil for the degrees'
// choice; the returned function restores it.
func SetMatrixSide(side *bool) (restore func()) {
	old := matrixSide
	matrixSide = side
	return func() { matrixSide = old }
}
