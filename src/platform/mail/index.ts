// E-mail: services queue a rendered message in their transaction; a worker delivers it (SMTP, or .eml files).
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Tx } from '../db/client.ts';
import type { Jobs } from '../jobs/index.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** an HTML part beside the text (notifications and digests) */
  html?: string;
  /** extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) */
  headers?: Record<string, string>;
}

export const mailQueue = 'mail';

export function queueMail(jobs: Jobs, tx: Tx, message: MailMessage): Promise<void> {
  return jobs.send(tx, mailQueue, message);
}

export interface Mailer {
  deliver(message: MailMessage): Promise<void>;
  /** Where .eml files go when no SMTP server is configured. */
  outbox?: string;
}

export function createMailer(options: { smtpUrl?: string; from: string; dataDir?: string }): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return { deliver: async (m) => void (await transport.sendMail({ from: options.from, ...m })) };
  }
  // No SMTP: write each message as a standard .eml file any mail client opens.
  const outbox = join(options.dataDir ?? '.', 'mail');
  mkdirSync(outbox, { recursive: true });
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  let sequence = 0;
  return {
    outbox,
    async deliver(m) {
      const info = await transport.sendMail({ from: options.from, ...m });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      await writeFile(join(outbox, `${stamp}-${process.pid}-${++sequence}.eml`), info.message as Buffer);
    },
  };
}
