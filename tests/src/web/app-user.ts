import type { Page } from 'playwright-core';

/** Timeout for UI waits: generous, because CI machines are slow and scrypt (NIP-49) is deliberately costly. */
export const UI_TIMEOUT = 20_000;

/** Drives the web app as one person would, through visible controls only. */
export class AppUser {
  npub = '';
  constructor(
    readonly page: Page,
    readonly origin: string,
  ) {
    // Confirmation dialogs (delete, wipe) are accepted, as a user clicking "OK" would.
    page.on('dialog', (d) => void d.accept());
    page.setDefaultTimeout(UI_TIMEOUT);
  }

  /** Opens the app and creates an account; returns the ncryptsec backup the app showed. */
  async signUp(passphrase: string): Promise<string> {
    await this.page.goto(`${this.origin}/`);
    await this.page.getByRole('button', { name: 'Create account' }).click();
    await this.page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await this.page.getByLabel('Repeat passphrase').fill(passphrase);
    await this.page.getByRole('button', { name: 'Continue' }).click();
    const backup = this.page.getByTestId('ncryptsec');
    await backup.filter({ hasText: 'ncryptsec1' }).waitFor();
    const ncryptsec = (await backup.textContent()) ?? '';
    await this.page.getByRole('button', { name: 'I saved it' }).click();
    // The name and avatar step (issue 15) is optional.
    await this.page.getByRole('button', { name: 'Skip for now' }).click();
    await this.page.getByRole('navigation', { name: 'Main navigation' }).first().waitFor();
    const href = await this.page.getByRole('link', { name: 'Profile', exact: true }).getAttribute('href');
    this.npub = href!.replace('#/p/', '');
    return ncryptsec;
  }

  /** Opens the app with no account ("Just read, without an account"). */
  async justRead(): Promise<void> {
    await this.page.goto(`${this.origin}/`);
    await this.page.getByRole('button', { name: 'Just read, without an account' }).click();
  }

  /** Sets the display name (Settings → Edit profile) and waits for the relay to accept it. */
  async setName(name: string): Promise<void> {
    await this.go('#/settings');
    await this.page.getByLabel('Name', { exact: true }).fill(name);
    await this.page.getByRole('button', { name: 'Save' }).click();
    await this.page.getByTestId('publish-results').first().filter({ hasText: 'accepted' }).waitFor();
  }

  /** Navigates to a hash route. */
  async go(hash: string): Promise<void> {
    // A string, because this project compiles without DOM types; it runs in the page.
    await this.page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
  }

  /** Posts from the composer on the current screen; waits for a relay's acceptance. */
  async post(text: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Compose' }).first();
    await form.getByRole('textbox').fill(text);
    await form.getByRole('button', { name: 'Post' }).click();
    await form.getByTestId('publish-results').filter({ hasText: 'accepted' }).waitFor();
  }

  /** The first post showing `text` as its own words (quotes that embed it are skipped). */
  note(text: string) {
    return this.page
      .getByTestId('note')
      .filter({ hasText: text, hasNot: this.page.getByTestId('embedded') })
      .first();
  }

  /** The first post that embeds another (a quote) and shows `text`. */
  quote(text: string) {
    return this.page
      .getByTestId('note')
      .filter({ hasText: text, has: this.page.getByTestId('embedded') })
      .first();
  }

  /** Opens a profile and follows it. */
  async follow(npub: string): Promise<void> {
    await this.go(`#/p/${npub}`);
    await this.page
      .getByTestId('follow')
      .filter({ hasText: /^Follow$/ })
      .click();
    await this.page.getByTestId('follow').filter({ hasText: 'Unfollow' }).waitFor();
  }
}
