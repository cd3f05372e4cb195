import nodemailer from 'nodemailer';

/** A notice as a channel sends it: already rendered in the person's language. */
export interface OutgoingMessage {
  address: string;
  title: string;
  body: string;
  language: 'zh-CN' | 'en';
}

/**
 * One seam for every way a notice leaves Rota. The in-app inbox is written by the dispatcher
 * in the change's fan-out, webhooks have their own signed, ordered deliveries; email and SMS
 * go through a Channel (a provider is one implementation of `send`). `send` throws to ask for
 * a retry.
 */
export interface Channel {
  readonly kind: 'email' | 'sms';
  send(message: OutgoingMessage): Promise<void>;
}

/** Email over SMTP (nodemailer). `smtpUrl`: `smtp://user:pass@host:port` or `smtps://…`. */
export function emailChannel(options: { smtpUrl: string; from: string }): Channel {
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    kind: 'email',
    async send(message) {
      await transport.sendMail({
        from: options.from,
        to: message.address,
        subject: message.title,
        text: message.body,
        headers: { 'Content-Language': message.language },
      });
    },
  };
}

/**
 * SMS through a generic HTTP gateway: POST `{ to, text, language }` as JSON, with
 * `Authorization: Bearer <token>` when a token is set; any 2xx is sent. An Aliyun or Tencent
 * Cloud SMS adapter is another Channel of kind `sms` (or a small relay that takes this body).
 */
export function smsGatewayChannel(options: {
  url: string;
  token?: string | undefined;
  timeoutMs?: number;
}): Channel {
  return {
    kind: 'sms',
    async send(message) {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        body: JSON.stringify({
          to: message.address,
          text: `${message.title}\n${message.body}`,
          language: message.language,
        }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`SMS gateway answered HTTP ${response.status}`);
    },
  };
}
