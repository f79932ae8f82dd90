import { type AddressInfo, createServer } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { dialects } from '../../../test/support/db.js';
import { listOutbox, MAX_MAIL_ATTEMPTS, maskAddress, queueMail, sendPending } from './outbox.js';

/** A real SMTP server on a free local port that keeps what it receives. */
async function smtpSink() {
  const received: { to: string[]; data: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (c: Buffer) => {
        data += c.toString('utf8');
      });
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('maskAddress', () => {
  it('keeps the first character and the domain', () => {
    expect(maskAddress('zhang@example.com')).toBe('z***@example.com');
    expect(maskAddress('bad')).toBe('***');
  });
});

describe.each(dialects)('outbox on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { seed: false });
  });
  afterAll(() => t.close());

  it('queues once per key, seals the address, and sends through SMTP', async () => {
    const db = t.deps.db;
    const m = {
      dedupeKey: 'test:1',
      to: 'li@example.com',
      subject: '测试通知',
      body: '正文：答复期限 2026-12-01',
    };
    expect(await queueMail(db, t.config, m)).toBe(true);
    expect(await queueMail(db, t.config, m)).toBe(false);
    const row = await db
      .selectFrom('outbox')
      .selectAll()
      .where('dedupe_key', '=', 'test:1')
      .executeTakeFirstOrThrow();
    expect(row.to_sealed).not.toContain('li@example.com');
    expect(row.to_masked).toBe('l***@example.com');

    // Without SMTP nothing leaves, and the reason is shown.
    expect(await sendPending(db, { ...t.config, smtpUrl: null })).toEqual({ sent: 0, failed: 0 });
    expect((await listOutbox(db))[0]).toMatchObject({
      status: 'pending',
      last_error: expect.stringContaining('SMTP_URL'),
    });

    const sink = await smtpSink();
    try {
      expect(await sendPending(db, { ...t.config, smtpUrl: sink.url })).toEqual({ sent: 1, failed: 0 });
      expect(sink.received).toHaveLength(1);
      expect(sink.received[0]!.to).toEqual(['li@example.com']);
      expect(sink.received[0]!.data).toContain('Subject: =?UTF-8?');
      expect((await listOutbox(db, { status: 'sent' })).map((r) => r.subject)).toContain('测试通知');
      // Nothing is sent twice.
      expect(await sendPending(db, { ...t.config, smtpUrl: sink.url })).toEqual({ sent: 0, failed: 0 });
    } finally {
      await sink.close();
    }
  });

  it('retries a failing server and gives up after the last attempt, keeping the error', async () => {
    const db = t.deps.db;
    await queueMail(db, t.config, {
      dedupeKey: 'test:2',
      to: 'wang@example.com',
      subject: '失败测试',
      body: 'x',
    });
    const url = `smtp://127.0.0.1:${await closedPort()}`;
    for (let i = 1; i <= MAX_MAIL_ATTEMPTS; i++)
      expect(await sendPending(db, { ...t.config, smtpUrl: url })).toEqual({ sent: 0, failed: 1 });
    const row = await db
      .selectFrom('outbox')
      .selectAll()
      .where('dedupe_key', '=', 'test:2')
      .executeTakeFirstOrThrow();
    expect([row.status, row.attempts]).toEqual(['failed', MAX_MAIL_ATTEMPTS]);
    expect(row.last_error).toBeTruthy();
    expect(await sendPending(db, { ...t.config, smtpUrl: url })).toEqual({ sent: 0, failed: 0 });
  });
});
