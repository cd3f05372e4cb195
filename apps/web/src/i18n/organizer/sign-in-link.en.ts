// Sign-in link dialog (same keys as sign-in-link.zh-CN.ts).
import type { SignInLinkMessages } from './sign-in-link.zh-CN.ts';

export const signInLinkEn: SignInLinkMessages = {
  titlePerson: 'Sign-in link for {{name}}',
  titleUnit: 'Organizer sign-in link for {{name}}',
  creating: 'Creating the sign-in link…',
  helpPerson:
    'Let {{name}} scan the QR code with their phone, or send them the link. It works once, until {{expires}}.',
  helpUnit:
    'Whoever opens this link signs in as an organizer of "{{name}}" and can manage its activities and people, and those of every unit below it. It works once, until {{expires}}.',
  qr: 'Sign-in QR code',
  url: 'Sign-in link',
  copy: 'Copy the link',
  copied: 'Copied',
  close: 'Done',
  again: 'Create another',
};
