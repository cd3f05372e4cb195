// A transaction's BEGIN, sent without waiting for its answer. Kysely awaits BEGIN before it
// sends the transaction's first statement, so every transaction paid one more round trip, and
// on a busy server the answer waits its turn in the event loop behind the HTTP work: 1-2 ms of
// every signup batch's critical path (docs/performance.md, "Session 6"). `pg` queues a
// client's queries and sends the next the moment the previous one's answer arrives, so BEGIN
// can be queued and answered at once: the first statement follows it on the wire in the same
// order, inside the transaction.
// Nothing is lost by not waiting: on a connection between transactions BEGIN cannot fail but
// with the connection itself, and then the first statement, queued behind it on the same
// connection, fails with that error (answered 503 like any lost connection).
import type pg from 'pg';

/** Kysely's statement for a transaction with default settings. */
const begin = 'begin';

/** Makes `client` answer a bare BEGIN at once and send it ahead of the next query. */
export function pipelineBegin(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const patched = (...args: unknown[]) => {
    const [text, values] = args;
    if (
      text === begin &&
      (values === undefined || (Array.isArray(values) && values.length === 0))
    ) {
      // Its failure is the connection's, and the next query reports it.
      query(begin).catch(() => {});
      return Promise.resolve({ command: 'BEGIN', rowCount: null, rows: [], fields: [] });
    }
    return query(...args);
  };
  (client as unknown as { query: typeof patched }).query = patched;
}
