/** The one interface the server sends mail through (SMTP or the outbox folder). */
export interface MailMessage {
  to: string;
  subject: string;
  /** Plain text. Never a secret: links carry one-time tokens, never passwords or keys. */
  text: string;
}

export interface Mailer {
  /** Sends one message; rejects when the transport fails. */
  send(message: MailMessage): Promise<void>;
  /** Where mail goes, for the start-up line: `smtp://host:port` or the outbox folder. */
  readonly destination: string;
  /** Waits for messages still being sent, then releases the transport. */
  close(): Promise<void>;
}

/** Keeps track of sends in flight so `close()` can wait for them. */
export function inFlight(): { track<T>(work: Promise<T>): Promise<T>; drain(): Promise<void> } {
  const pending = new Set<Promise<void>>();
  return {
    track(work) {
      // The tracked copy never rejects: the caller handles `work`'s failure.
      const settled: Promise<void> = work.then(
        () => undefined,
        () => undefined,
      );
      void settled.finally(() => pending.delete(settled));
      pending.add(settled);
      return work;
    },
    async drain() {
      await Promise.allSettled([...pending]);
    },
  };
}
