/** Counters every soak client adds to (one object for the whole load generator). */
export interface SoakTally {
  typed: number;
  acked: number;
  ackedOnRetry: number;
  ackTimeouts: number;
  refused: Record<string, number>;
  /** Live `message` events received (the progress line's deliveries/s). */
  deliveries: number;
  duplicateDeliveries: number;
  recoveredOnResume: number;
  gapResumes: number;
  epochChanges: number;
  blips: number;
  aways: number;
  resumedSessions: number;
  identityChanges: number;
  typingSent: number;
  typingReceived: number;
  presenceEvents: number;
}

export function newTally(): SoakTally {
  return {
    typed: 0,
    acked: 0,
    ackedOnRetry: 0,
    ackTimeouts: 0,
    refused: {},
    deliveries: 0,
    duplicateDeliveries: 0,
    recoveredOnResume: 0,
    gapResumes: 0,
    epochChanges: 0,
    blips: 0,
    aways: 0,
    resumedSessions: 0,
    identityChanges: 0,
    typingSent: 0,
    typingReceived: 0,
    presenceEvents: 0,
  };
}
