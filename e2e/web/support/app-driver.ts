import { randomBytes } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';

export const password = 'correct horse battery';

/** A fresh Tessera ID. */
export function newHandle(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

/** Drives the web app as a person would: by labels, roles and visible text. */
export class AppDriver {
  constructor(readonly page: Page) {}

  tab(name: 'Chats' | 'Contacts' | 'Discover' | 'Me'): Locator {
    return this.page.getByRole('navigation', { name: 'Tessera' }).getByRole('button', { name: new RegExp(`^(\\d+ unread)?\\s*${name}$`) });
  }

  async register(handle: string, nickname: string): Promise<void> {
    await this.page.getByRole('button', { name: 'New to Tessera? Sign up' }).click();
    await this.page.getByLabel('Tessera ID').fill(handle);
    await this.page.getByLabel('Name').fill(nickname);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign up', exact: true }).click();
    await this.tab('Chats').waitFor();
  }

  async signIn(login: string, secret = password): Promise<void> {
    await this.page.getByLabel('Tessera ID or phone').fill(login);
    await this.page.getByLabel('Password').fill(secret);
    await this.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await this.tab('Chats').waitFor();
  }

  async signInExpectingError(login: string, secret: string, error: string): Promise<void> {
    await this.page.getByLabel('Tessera ID or phone').fill(login);
    await this.page.getByLabel('Password').fill(secret);
    await this.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await this.page.getByRole('alert').getByText(error).waitFor();
  }

  /** Waits until the socket has synced (the title stops saying Connecting/Receiving). */
  async online(): Promise<void> {
    await this.page.getByRole('heading', { name: 'Chats', exact: true }).waitFor();
  }

  async sendFriendRequest(handle: string): Promise<void> {
    await this.tab('Contacts').click();
    await this.page.getByRole('button', { name: 'More actions' }).click();
    await this.page.getByRole('menuitem', { name: 'Add contacts' }).click();
    await this.page.getByLabel('Tessera ID or phone number').fill(handle);
    await this.page.getByRole('button', { name: 'Search', exact: true }).click();
    await this.page.getByRole('button', { name: 'Add to contacts' }).click();
    await this.page.getByText('Request sent').waitFor();
    await this.page.getByRole('button', { name: 'Back' }).click();
  }

  async acceptFriendRequest(fromName: string): Promise<void> {
    await this.tab('Contacts').click();
    await this.page.getByRole('button', { name: /New friends/ }).click();
    const row = this.page.locator('.request-row', { hasText: fromName });
    await row.getByRole('button', { name: 'Accept' }).click();
    await row.getByText('Added').waitFor();
    await this.page.getByRole('button', { name: 'Back' }).click();
  }

  chatRow(title: string): Locator {
    return this.page.locator('.chat-row', { has: this.page.locator('.chat-row-title', { hasText: title }) });
  }

  async openChat(title: string): Promise<void> {
    await this.tab('Chats').click();
    await this.chatRow(title).locator('.chat-row-main').click();
    await this.page.getByRole('textbox', { name: 'Message' }).waitFor();
  }

  async back(): Promise<void> {
    await this.page.getByRole('button', { name: 'Back' }).first().click();
  }

  composer(): Locator {
    return this.page.getByRole('textbox', { name: 'Message' });
  }

  async sendText(text: string): Promise<void> {
    await this.composer().fill(text);
    await this.composer().press('Enter');
  }

  /** A delivered bubble (not one still sending) containing the text. */
  bubble(text: string): Locator {
    return this.page.locator('.message-row', { has: this.page.locator('.message-text', { hasText: text }) });
  }

  async waitDelivered(text: string): Promise<void> {
    const row = this.bubble(text);
    await row.waitFor();
    await row.locator('.message-status').waitFor({ state: 'detached' });
  }

  /** The unread badge on a chat row; resolves to its text, or null when there is none. */
  async unread(title: string): Promise<string | null> {
    const badge = this.chatRow(title).locator('.badge');
    return (await badge.count()) > 0 ? badge.textContent() : null;
  }
}
