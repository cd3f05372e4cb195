import type { Settings } from '../settings.ts';
import { type Channel, emailChannel, smsGatewayChannel } from './channels.ts';

/** The email and SMS channels the settings configure (none: notices stay in the inbox). */
export function channelsFromSettings(settings: Settings): Channel[] {
  const channels: Channel[] = [];
  if (settings.smtpUrl !== undefined) {
    channels.push(emailChannel({ smtpUrl: settings.smtpUrl, from: settings.mailFrom }));
  }
  if (settings.smsGatewayUrl !== undefined) {
    channels.push(
      smsGatewayChannel({ url: settings.smsGatewayUrl, token: settings.smsGatewayToken }),
    );
  }
  return channels;
}
