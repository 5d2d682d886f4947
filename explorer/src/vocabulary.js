// Generated from kg/vocabulary.go by `go generate ./kg`; do not edit.

// The predicates, in the API's order.
export const PREDICATES = [
  'ASSERT',
  'SUPPORT',
  'AGREE_WITH',
  'COMMIT',
  'CALL_FOR',
  'DEMAND',
  'OPPOSE',
  'REJECT',
  'CONDEMN',
  'ACCUSE',
  'DENY',
  'WARN',
  'THREATEN',
  'HOPE',
  'PRAISE',
  'WELCOME',
  'CONCERN',
  'PROPOSE',
  'ANNOUNCE',
  'DECLINE_COMMENT',
];
