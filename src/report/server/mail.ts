import { createTransport } from 'nodemailer';

/** SMTP settings from the environment (never from flags: a password in a crontab line leaks into `ps`). */
export interface SmtpSettings {
  host: string;
  port: number;
  /** Implicit TLS (port 465 style); otherwise STARTTLS when the server offers it, or always with `requireTls`. */
  secure: boolean;
  requireTls: boolean;
  user?: string;
  password?: string;
  from: string;
}

export type SmtpFromEnv = { ok: true; settings: SmtpSettings } | { ok: false; problem: string };

const EMAIL = /^[^\s@<>]+@[^\s@<>]+$/;

/** Reads `SMTP_HOST` (host or host:port), `SMTP_PORT`, `SMTP_USER`, `SMTP_PASSWORD`, `SMTP_FROM`, `SMTP_SECURE`, `SMTP_REQUIRE_TLS`. */
export function smtpFromEnv(env: NodeJS.ProcessEnv): SmtpFromEnv {
  const hostPort = (env.SMTP_HOST ?? '').trim();
  if (!hostPort) {
    return { ok: false, problem: 'SMTP_HOST is not set (e.g. SMTP_HOST=localhost:1025 for the dev stack’s Mailpit)' };
  }
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostPort);
  if (!m) {
    return { ok: false, problem: `SMTP_HOST "${hostPort.slice(0, 60)}" is not host or host:port` };
  }
  const secure = env.SMTP_SECURE === 'true' || env.SMTP_SECURE === '1';
  const port = Number(env.SMTP_PORT || m[2] || (secure ? 465 : 587));
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return { ok: false, problem: `SMTP port "${env.SMTP_PORT ?? m[2]}" is not a port number` };
  }
  const from = (env.SMTP_FROM ?? '').trim();
  if (!EMAIL.test(from.replace(/^.*<([^>]+)>\s*$/, '$1'))) {
    return {
      ok: false,
      problem: 'SMTP_FROM must be the sender address (e.g. "Sovgrid reports <reports@example.com>")',
    };
  }
  return {
    ok: true,
    settings: {
      host: m[1].replace(/^\[|\]$/g, ''),
      port,
      secure,
      requireTls: env.SMTP_REQUIRE_TLS === 'true' || env.SMTP_REQUIRE_TLS === '1',
      user: env.SMTP_USER || undefined,
      password: env.SMTP_PASSWORD || undefined,
      from,
    },
  };
}

/** True for one plain address (no display name, no list): what `--mail-to` takes. */
export function isMailAddress(s: string): boolean {
  return EMAIL.test(s) && s.length <= 254;
}

export interface ReportMail {
  to: string;
  subject: string;
  text: string;
  filename: string;
  pdf: Buffer;
}

/** Sends the report as a PDF attachment; resolves with the server's answer, rejects with its error. */
export async function sendReportMail(s: SmtpSettings, mail: ReportMail, timeoutMs = 60_000): Promise<string> {
  const transport = createTransport({
    host: s.host,
    port: s.port,
    secure: s.secure,
    requireTLS: s.requireTls,
    auth: s.user ? { user: s.user, pass: s.password ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    const info = await transport.sendMail({
      from: s.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      attachments: [{ filename: mail.filename, content: mail.pdf, contentType: 'application/pdf' }],
    });
    return String(info.response ?? 'accepted');
  } finally {
    transport.close();
  }
}
