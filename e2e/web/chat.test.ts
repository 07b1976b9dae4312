import { describe, expect, it } from 'vitest';
import { AppDriver, newHandle } from './support/app-driver';
import { openDevice, screenshot, unlabeledControls } from './support/browser';
import { useWebSuite } from './support/web-suite';

describe('web app: two people', () => {
  const suite = useWebSuite();

  it('register, become friends and chat both ways in real time', async () => {
    const alice = await openDevice(suite.browser, suite.server.url);
    const bob = await openDevice(suite.browser, suite.server.url, { width: 1280, height: 800 });
    const a = new AppDriver(alice.page);
    const b = new AppDriver(bob.page);
    const aliceHandle = newHandle('alice');
    const bobHandle = newHandle('bob');

    await screenshot(alice.page, 'sign-in');
    expect(await unlabeledControls(alice.page)).toEqual([]);
    await a.register(aliceHandle, 'Alice');
    await b.register(bobHandle, 'Bob');
    await a.online();
    await alice.page.getByText('No chats yet').waitFor();
    await screenshot(alice.page, 'chats-empty');

    await a.sendFriendRequest(bobHandle);
    // Bob's Contacts tab shows the pending request as it arrives.
    await b.tab('Contacts').getByText('1', { exact: true }).waitFor();
    await b.acceptFriendRequest('Alice');
    await bob.page.locator('.contact-row', { hasText: 'Alice' }).waitFor();
    await screenshot(bob.page, 'contacts-desktop');
    expect(await unlabeledControls(bob.page)).toEqual([]);

    // The accepted request opens a direct chat on both sides.
    await a.tab('Chats').click();
    await a.chatRow('Bob').waitFor();
    await a.openChat('Bob');
    await b.openChat('Alice');

    await a.sendText('Hello Bob 👋');
    await b.bubble('Hello Bob 👋').waitFor();
    await a.waitDelivered('Hello Bob 👋');
    // Bob has the chat open, so he reads it at once, and Alice sees that under her message.
    await a.bubble('Hello Bob 👋').locator('.message-receipt', { hasText: 'Read' }).waitFor();

    // Typing shows in the other's header.
    await b.composer().pressSequentially('Hi Al');
    await alice.page.getByText('Typing…').waitFor();
    await b.composer().fill('Hi Alice, good to see you');
    await b.composer().press('Enter');
    await a.bubble('Hi Alice, good to see you').waitFor();

    // Quote-reply: Alice quotes Bob's message.
    await a.bubble('Hi Alice, good to see you').locator('.bubble').click({ button: 'right' });
    await alice.page.getByRole('menuitem', { name: 'Quote' }).click();
    await a.sendText('Quoted you');
    const quoted = b.bubble('Quoted you');
    await quoted.waitFor();
    await b.page.locator('.message-quote', { hasText: 'Hi Alice, good to see you' }).waitFor();
    expect(await quoted.count()).toBe(1);

    // Emoji from the panel.
    await alice.page.getByRole('button', { name: 'Emoji' }).click();
    await alice.page.getByRole('button', { name: '🎉' }).click();
    await a.composer().press('Enter');
    await b.bubble('🎉').waitFor();

    await screenshot(alice.page, 'conversation-phone');
    await screenshot(bob.page, 'conversation-desktop');
    expect(await unlabeledControls(alice.page)).toEqual([]);
    expect(await unlabeledControls(bob.page)).toEqual([]);

    // Each side's list shows the last message; nothing is unread while the chat is open.
    await a.back();
    await a.chatRow('Bob').getByText('🎉').waitFor();
    expect(await a.unread('Bob')).toBeNull();
    await screenshot(alice.page, 'chats-list');
    expect(await unlabeledControls(alice.page)).toEqual([]);

    // Bob replies while Alice is on the list: the badge counts it, opening clears it.
    await b.sendText('One more thing');
    await a.chatRow('Bob').locator('.badge', { hasText: '1' }).waitFor();
    await a.openChat('Bob');
    await a.bubble('One more thing').waitFor();
    await a.back();
    await a.chatRow('Bob').locator('.badge').waitFor({ state: 'detached' });

    // The row menu pins and mutes; a muted chat shows its marker.
    await a.page.getByRole('button', { name: 'Chat actions for Bob' }).click();
    await alice.page.getByRole('menuitem', { name: 'Pin' }).click();
    await a.page.locator('.chat-row-pinned', { hasText: 'Bob' }).waitFor();
    await a.page.getByRole('button', { name: 'Chat actions for Bob' }).click();
    await alice.page.getByRole('menuitem', { name: 'Mute notifications' }).click();
    await a.chatRow('Bob').locator('.chat-row-muted').waitFor();

    // Keyboard: a focused message opens its menu with Enter; Escape closes it and gives focus back.
    await b.bubble('Quoted you').locator('.bubble').focus();
    await bob.page.keyboard.press('Enter');
    await bob.page.getByRole('menuitem', { name: 'Quote' }).waitFor();
    await bob.page.keyboard.press('Escape');
    await bob.page.getByRole('menu').waitFor({ state: 'detached' });
    expect(await b.bubble('Quoted you').locator('.bubble').evaluate((element) => element === (element.ownerDocument as unknown as { activeElement: unknown }).activeElement)).toBe(true);

    // Deleting the chat clears it from the list; the contact's profile opens it again.
    await a.page.getByRole('button', { name: 'Chat actions for Bob' }).click();
    await alice.page.getByRole('menuitem', { name: 'Delete chat' }).click();
    await a.chatRow('Bob').waitFor({ state: 'detached' });
    await a.tab('Contacts').click();
    await alice.page.locator('.contact-row', { hasText: 'Bob' }).click();
    await alice.page.getByRole('button', { name: 'Messages' }).click();
    await a.composer().waitFor();
    expect(await a.bubble('Hello Bob 👋').count()).toBe(0);
    await a.sendText('Back again');
    await b.bubble('Back again').waitFor();
    await a.back(); // to Bob's profile
    await a.back(); // to Contacts
    await a.tab('Chats').click();
    await a.chatRow('Bob').getByText('Back again').waitFor();

    // Switch language to Chinese in settings.
    await a.tab('Me').click();
    await screenshot(alice.page, 'me');
    expect(await unlabeledControls(alice.page)).toEqual([]);
    await alice.page.getByRole('button', { name: 'Settings' }).click();
    await alice.page.getByLabel('Language').selectOption('zh-CN');
    await alice.page.getByRole('heading', { name: '设置' }).waitFor();
    await alice.page.getByRole('button', { name: '返回' }).click();
    await alice.page.getByRole('button', { name: /^聊天$/ }).click();
    await alice.page.getByRole('heading', { name: '聊天' }).waitFor();
    await screenshot(alice.page, 'chats-zh');

    expect(alice.errors).toEqual([]);
    expect(bob.errors).toEqual([]);
  });
});
