/** What sending through Twilio's Messages API needs. */
export interface TwilioAccount {
  /** Base URL of the REST API (https://api.twilio.com; a test points it at a local stand-in). */
  apiUrl: string;
  accountSid: string;
  authToken: string;
  /** A Twilio number (E.164) or a messaging service SID (MG…). */
  from: string;
}

/** HTTP basic auth with the account SID and auth token, as Twilio's REST API expects. */
export const twilioBasicAuth = (a: Pick<TwilioAccount, 'accountSid' | 'authToken'>) =>
  `Basic ${Buffer.from(`${a.accountSid}:${a.authToken}`).toString('base64')}`;

/**
 * Sends one SMS: POST /2010-04-01/Accounts/<sid>/Messages.json with a form body To, From (or
 * MessagingServiceSid) and Body (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource).
 * Resolves with the message SID; rejects with Twilio's own error text when it refuses.
 */
export async function twilioSend(account: TwilioAccount, to: string, body: string): Promise<string> {
  const url = `${account.apiUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(account.accountSid)}/Messages.json`;
  const form = new URLSearchParams({ To: to, Body: body });
  form.set(account.from.startsWith('MG') ? 'MessagingServiceSid' : 'From', account.from);
  const res = await fetch(url, {
    method: 'POST',
    body: form,
    headers: { authorization: twilioBasicAuth(account), accept: 'application/json' },
    signal: AbortSignal.timeout(30_000),
  });
  const answer = (await res.json().catch(() => ({}))) as { sid?: unknown; message?: unknown; code?: unknown };
  if (!res.ok)
    throw new Error(
      `Twilio refused the message (${res.status}${answer.code ? ` ${answer.code}` : ''}): ${String(answer.message ?? '')}`,
    );
  return typeof answer.sid === 'string' ? answer.sid : '';
}
