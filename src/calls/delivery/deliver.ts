// Sends a call summary to each recipient it is routed to: e-mail over SMTP (nodemailer) to those with
// an address, SMS to those with a phone. One recipient's failure does not stop the others.
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { BusinessConfig } from '../config.ts';
import type { CallResult } from '../result.ts';
import type { SmsSender } from './sms.ts';

export interface SummaryDeliveryOptions {
  /** a nodemailer transport, or SMTP options (`{ host, port, secure, auth }`) to make one */
  smtp?: Transporter | { host: string; port: number; secure?: boolean; auth?: { user: string; pass: string }; ignoreTLS?: boolean };
  from?: string;
  sms?: SmsSender;
}

export interface DeliveryOutcome {
  recipient: string;
  channel: 'email' | 'sms';
  ok: boolean;
  error?: string;
}

export function subjectFor(config: BusinessConfig, result: CallResult): string {
  const urgent = result.disposition === 'safety_escalation' || result.disposition === 'transfer_on_call';
  const what = result.hazards.length ? `safety escalation (${result.hazards.join(', ')})` : result.disposition.replace(/_/g, ' ');
  return `${urgent ? '[URGENT] ' : ''}${config.business.name}: call ${result.callId}, ${what}`;
}

export function createSummaryDelivery({ smtp, from = 'gatehouse@localhost', sms }: SummaryDeliveryOptions) {
  const mailer: Transporter | undefined = !smtp ? undefined : 'sendMail' in smtp ? smtp : nodemailer.createTransport(smtp);
  return async function deliverSummary(result: CallResult, config: BusinessConfig): Promise<DeliveryOutcome[]> {
    const subject = subjectFor(config, result);
    const jobs: Promise<DeliveryOutcome>[] = [];
    for (const recipient of config.recipients.filter((r) => result.summary.recipients.includes(r.id))) {
      if (recipient.email && mailer) {
        jobs.push(outcome(recipient.id, 'email', () => mailer.sendMail({ from, to: recipient.email, subject, text: result.summary.text })));
      }
      if (recipient.phone && sms) {
        jobs.push(outcome(recipient.id, 'sms', () => sms.send(recipient.phone!, `${subject}\n${result.summary.text}`)));
      }
    }
    return Promise.all(jobs);
  };
}

async function outcome(recipient: string, channel: 'email' | 'sms', send: () => Promise<unknown>): Promise<DeliveryOutcome> {
  try {
    await send();
    return { recipient, channel, ok: true };
  } catch (error) {
    return { recipient, channel, ok: false, error: (error as Error).message };
  }
}
