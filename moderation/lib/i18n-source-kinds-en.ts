/** The source forms in English. */
import type { SourceKindMessages } from './i18n-source-kinds.js';

const rateLimit = {
  'rateLimit.perMinute': { label: 'Messages per minute from one number', help: 'Beyond it, nothing is stored.' },
  'rateLimit.perHour': { label: 'Messages per hour from one number' },
};

const mailSize = { label: 'Largest message (bytes)', help: 'Attachments included; 10 MB by default.' };

export const en: SourceKindMessages = {
  x: {
    name: 'X (Twitter)',
    summary: 'Posts with the event’s hashtags on X. Needs a developer account.',
    needs:
      'You need the bearer token of an app on the X developer portal. The Test button tells you which access your ' +
      'plan gives: the live stream (instant), or search only (checked every 30 seconds).',
    fields: {
      bearerToken: {
        label: 'Bearer token',
        help: 'X developer portal (developer.x.com) → Projects & Apps → your app → Keys and tokens → Bearer Token → Generate.',
      },
      mode: { label: 'How to read X', help: '“Automatic” uses the stream when your plan allows it, else search.' },
      pollSeconds: { label: 'Seconds between two searches' },
      recheckSeconds: {
        label: 'Seconds between two checks that posts still exist',
        help: 'Posts deleted on X leave the wall. 0 turns it off.',
      },
      backfillMinutes: { label: 'Minutes of past posts to fetch at the first start' },
      apiBase: { label: 'API address', help: 'Only for a proxy or a test server.' },
    },
    options: { auto: 'Automatic', stream: 'Stream only', search: 'Search only' },
  },
  mastodon: {
    name: 'Mastodon',
    summary: 'Posts with the event’s hashtags on one or more Mastodon servers. No account needed.',
    needs:
      'List the Mastodon servers to read (a hashtag does not reach every server: list the ones your audience uses). ' +
      'Without a token a server is checked every 12 seconds; with one, posts arrive instantly.',
    fields: {
      'instances.url': { label: 'Server address', placeholder: 'https://mastodon.social' },
      'instances.token': {
        label: 'Access token (optional)',
        help: 'On that server: Preferences → Development → New application, with only “read” ticked → Submit → open it → Your access token.',
      },
      'instances.streamingUrl': {
        label: 'Streaming address',
        help: 'Only when the server’s streaming runs elsewhere than it announces.',
      },
      pollSeconds: { label: 'Seconds between two checks of a server' },
      recheckSeconds: {
        label: 'Seconds between two checks that posts on the wall still exist',
        help: 'On servers read without a token: posts deleted there leave the wall, edited ones go back to the queue. 0 turns it off.',
      },
    },
  },
  bluesky: {
    name: 'Bluesky',
    summary: 'Posts with the event’s hashtags on Bluesky. Nothing to set up.',
    needs: 'Bluesky posts are public: no account or key is needed. Turn it on, and that is all.',
    fields: {
      jetstreamUrl: { label: 'Jetstream address', help: 'Any public Jetstream server, or your own.' },
      appviewUrl: { label: 'Profile service address', help: 'For authors’ names and pictures.' },
      cdnUrl: { label: 'Image server address' },
      videoUrl: { label: 'Video server address' },
      lookupTimeoutSeconds: { label: 'Longest wait for an author’s profile (seconds)' },
    },
  },
  twilio: {
    name: 'SMS with Twilio',
    summary: 'Text messages sent to a Twilio phone number.',
    needs:
      'You need a Twilio phone number that can receive SMS, and your account’s Account SID and Auth Token, shown ' +
      'on the Twilio console’s home page (console.twilio.com → Account Info).',
    endpointHelp:
      'Paste this address in Twilio: Phone Numbers → Manage → Active numbers → your number → Messaging configuration → “A message comes in”: Webhook, HTTP POST.',
    fields: {
      phoneNumber: {
        label: 'Phone number',
        help: 'Shown on the wall. International format (+33 6 12 34 56 78), or as dialled in the event’s country (06 12 34 56 78 for a French event).',
        placeholder: '+33 6 12 34 56 78',
      },
      accountSid: { label: 'Account SID', help: 'Starts with AC. Twilio console → Account Info.' },
      authToken: { label: 'Auth Token', help: 'Twilio console → Account Info → Auth Token (click “Show”).' },
      'reply.fr': { label: 'Reply sent back (French)', help: 'Leave empty to send no reply.' },
      'reply.en': { label: 'Reply sent back (English)', help: 'Leave empty to send no reply.' },
      ...rateLimit,
      publicUrl: {
        label: 'Public address of this server',
        help: 'Only when Twilio must reach the server at another address than the one set for the server.',
      },
      apiBase: { label: 'Twilio API address', help: 'Only for a test server.' },
    },
  },
  'sms-gateway': {
    name: 'SMS gateway',
    summary: 'Text messages forwarded by another SMS service or an Android gateway app.',
    needs:
      'Your gateway must send each SMS it receives to the address below, with the secret in the X-Murmure-Secret ' +
      'header (or as ?secret=… at the end of the address).',
    endpointHelp: 'Set this address as the gateway’s “incoming message” webhook (HTTP POST).',
    fields: {
      phoneNumber: {
        label: 'Phone number',
        help: 'Shown on the wall. International format (+33 6 12 34 56 78), or as dialled in the event’s country (06 12 34 56 78 for a French event).',
        placeholder: '+33 6 12 34 56 78',
      },
      secret: { label: 'Shared secret', help: 'Any long random text; the gateway sends it with every message.' },
      ...rateLimit,
    },
  },
  'email-imap': {
    name: 'Email (mailbox)',
    summary: 'Emails sent to an existing mailbox, read by IMAP. Best with a dedicated address.',
    needs:
      'You need the mailbox’s IMAP server, user name and password, found in your mail provider’s help (e.g. ' +
      'imap.gmail.com, outlook.office365.com). Gmail needs an app password: Google Account → Security → ' +
      '2-Step Verification → App passwords.',
    fields: {
      address: { label: 'Email address shown on the wall', placeholder: 'wall@example.org' },
      host: { label: 'IMAP server', placeholder: 'imap.example.org' },
      user: { label: 'User name', help: 'Often the email address itself.' },
      password: { label: 'Password', help: 'For Gmail or Outlook with two-step sign-in, an app password.' },
      port: { label: 'Port', help: '993 for a secure connection.' },
      secure: { label: 'Secure connection from the start (port 993)' },
      accessToken: { label: 'OAuth2 access token', help: 'Instead of a password, for Gmail or Microsoft 365.' },
      mailbox: { label: 'Folder to read' },
      moveTo: { label: 'Move read messages to this folder', help: 'Left empty, they are only marked as read.' },
      idle: { label: 'Receive new mail instantly (IDLE)', help: 'Off: check every few seconds instead.' },
      pollSeconds: { label: 'Seconds between two checks' },
      maxBytes: mailSize,
    },
  },
  'email-smtp': {
    name: 'Email (receive directly)',
    summary: 'This server receives email itself. Needs your domain’s mail pointed at it.',
    needs:
      'Whoever manages your domain must point its mail (MX record) at this server, with port 25 forwarded to the ' +
      'port below. Mail to any other address is refused.',
    endpointHelp: 'Mail sent to this address reaches the moderation queue.',
    fields: {
      addresses: {
        label: 'Addresses to receive',
        help: 'Separated by commas.',
        placeholder: 'wall@example.org',
      },
      port: { label: 'Port to listen on', help: '2525 needs no special rights; forward port 25 to it.' },
      host: { label: 'Network interface', help: '0.0.0.0 receives from the internet.' },
      maxBytes: mailSize,
      'tls.certFile': { label: 'Certificate file (PEM)', help: 'With its key, enables encryption (STARTTLS).' },
      'tls.keyFile': { label: 'Key file (PEM)' },
    },
  },
  web: {
    name: 'Web form',
    summary: 'A form on the event’s web page where anyone can write a message.',
    needs: 'Nothing to set up: the form appears on the web view (its link and QR code are in the event).',
    fields: {
      maxLength: { label: 'Longest message (characters)' },
      perMinute: { label: 'Messages per minute from one visitor' },
    },
  },
  demo: {
    name: 'Demonstration',
    summary: 'Sample messages of every kind, to try the wall before the event.',
    needs: 'Sends sample messages through the real moderation queue. Turn it off before the event starts.',
    fields: { intervalSeconds: { label: 'Seconds between two samples' } },
  },
};
