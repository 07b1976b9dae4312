import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeContacts, makeUser } from '../../packages/server/test/factories';
import { ScriptedProvider } from '../../packages/server/test/scripted-provider';
import { parseYuan } from '../../packages/web/src/lib/money';
import { AppDriver, password } from './support/app-driver';
import { openDevice, screenshot, unlabeledControls } from './support/browser';
import { useWebSuite, type WebSuite } from './support/web-suite';

const paymentPassword = '135790';

/** An amount as the page shows it ("¥12.34", "+12.34") in fen, read the way the app reads typed amounts. */
function fenOf(text: string | null): number {
  const parsed = parseYuan((text ?? '').replace(/^[+-]/, ''));
  if (!parsed.ok) throw new Error(`not an amount: ${text}`);
  return parsed.fen;
}

async function openWallet(app: AppDriver): Promise<void> {
  // Phone-sized screens hide the tabs behind a detail screen.
  for (let depth = 0; depth < 3 && !(await app.tab('Me').isVisible()); depth += 1) await app.back();
  await app.tab('Me').click();
  await app.page.getByRole('button', { name: 'Wallet' }).click();
  await app.page.getByRole('heading', { name: 'Wallet' }).waitFor();
}

async function balanceShown(page: Page, text: string): Promise<void> {
  await page.getByTestId('wallet-balance').getByText(text, { exact: true }).waitFor();
}

/** The statement's lines as a person reads them: kind (and whom), signed amount. */
async function statementLines(app: AppDriver): Promise<string[]> {
  await app.page.getByRole('button', { name: 'Statement' }).click();
  await app.page.getByText(/No more|No movements yet/).waitFor();
  const rows = app.page.locator('.movement');
  const lines: string[] = [];
  for (let index = 0; index < (await rows.count()); index += 1) {
    const row = rows.nth(index);
    lines.push(`${await row.locator('.movement-kind').textContent()} ${await row.locator('.movement-amount').textContent()}`);
  }
  return lines;
}

async function pay(page: Page, digits: string): Promise<void> {
  const sheet = page.getByRole('dialog', { name: 'Enter payment password' });
  await sheet.getByLabel('Payment password, six digits').fill(digits);
}

/** Opens a device in Chinese, signs `user` in and opens 我 → 钱包. */
async function openChineseWallet(suite: WebSuite, user: { handle: string; password: string }) {
  const device = await openDevice(suite.browser, suite.server.url, { locale: 'zh-CN' });
  await device.page.getByLabel('Tessera 号或手机号').fill(user.handle);
  await device.page.getByLabel('密码').fill(user.password);
  await device.page.getByRole('button', { name: '登录', exact: true }).click();
  await device.page.getByRole('navigation', { name: 'Tessera' }).getByRole('button', { name: '我' }).click();
  await device.page.getByRole('button', { name: '钱包' }).click();
  return device;
}

describe('web app: wallet, red packets and transfers', () => {
  const suite = useWebSuite();

  it('a group red packet is grabbed by two, seen gone by the third; a transfer is accepted; balances and statements agree', async () => {
    const [alice, bob, carol, dave] = await Promise.all(
      ['Alice', 'Bob', 'Carol', 'Dave'].map((nickname) => makeUser(suite.server.url, { nickname })),
    ) as [Awaited<ReturnType<typeof makeUser>>, Awaited<ReturnType<typeof makeUser>>, Awaited<ReturnType<typeof makeUser>>, Awaited<ReturnType<typeof makeUser>>];
    for (const other of [bob, carol, dave]) await makeContacts(alice, other);
    await alice.api.ok('POST', '/api/v1/groups', { memberIds: [bob.id, carol.id, dave.id], name: 'Lucky four' });

    const devices = await Promise.all([alice, bob, carol, dave].map(() => openDevice(suite.browser, suite.server.url)));
    const [a, b, c, d] = devices.map((device) => new AppDriver(device.page)) as [AppDriver, AppDriver, AppDriver, AppDriver];
    await Promise.all([a.signIn(alice.handle), b.signIn(bob.handle), c.signIn(carol.handle), d.signIn(dave.handle)]);

    // Alice opens her wallet: empty, and marked as test money.
    await openWallet(a);
    await balanceShown(a.page, '¥0.00');
    await a.page.getByText('Test money', { exact: true }).first().waitFor();
    await a.page.getByRole('button', { name: /Payment password\s*Not set/ }).click();
    await a.page.getByLabel('Login password').fill(password);
    await a.page.getByLabel('New payment password (six digits)').fill(paymentPassword);
    await a.page.getByLabel('Repeat the payment password').fill(paymentPassword);
    await a.page.getByRole('button', { name: 'Save' }).click();
    await a.page.getByText('Payment password saved').waitFor();
    await a.back();
    await a.page.getByRole('button', { name: /Payment password\s*Set/ }).waitFor();

    // A top-up of 100.00 test money through the sandbox provider.
    await a.page.getByRole('button', { name: 'Top up' }).click();
    await a.page.getByLabel('Amount (¥)').fill('100');
    await a.page.getByRole('button', { name: 'Top up' }).click();
    await a.page.getByText('Topped up ¥100.00').waitFor();
    await a.back();
    await balanceShown(a.page, '¥100.00');
    await screenshot(a.page, 'wallet');
    expect(await unlabeledControls(a.page)).toEqual([]);
    await a.back();

    // A lucky red packet of 10.00 in two shares, to the group of four.
    await a.openChat('Lucky four');
    await a.page.getByRole('button', { name: 'More', exact: true }).click();
    await a.page.getByRole('button', { name: 'Red packet' }).click();
    const composer = a.page.getByRole('dialog', { name: 'Red packet' });
    // The composer names the limits before asking for the password: four people in the group, 200.00 a packet.
    await composer.getByLabel('Number of packets').fill('5');
    await composer.getByLabel('Total').fill('10.00');
    await composer.getByRole('button', { name: 'Put money in' }).click();
    await composer.getByRole('alert').getByText('At most 4 packets: one for each person in this group').waitFor();
    await composer.getByLabel('Number of packets').fill('2');
    await composer.getByLabel('Total').fill('200.01');
    await composer.getByRole('button', { name: 'Put money in' }).click();
    await composer.getByRole('alert').getByText('At most ¥200.00 per red packet').waitFor();
    await composer.getByLabel('Total').fill('10.00');
    await composer.getByLabel('Greeting').fill('Happy Friday');
    await composer.getByText('¥10.00').waitFor();
    await screenshot(a.page, 'red-packet-composer');
    await composer.getByRole('button', { name: 'Put money in' }).click();
    await a.page.getByRole('dialog', { name: 'Enter payment password' }).getByText('¥10.00').waitFor();
    await screenshot(a.page, 'payment-password-sheet');
    await pay(a.page, paymentPassword);
    const alicesPacket = a.page.locator('.pay-card-red', { hasText: 'Happy Friday' });
    await alicesPacket.waitFor();
    await a.page.getByRole('dialog').waitFor({ state: 'detached' });

    // Bob and Carol open it; each sees what they got.
    const shares: number[] = [];
    for (const app of [b, c]) {
      await app.openChat('Lucky four');
      await app.page.locator('.pay-card-red', { hasText: 'Happy Friday' }).click();
      const view = app.page.getByRole('dialog', { name: 'Red packet' });
      await view.getByText("Alice's red packet").waitFor();
      await view.getByRole('button', { name: 'Open' }).click();
      await view.getByText('You got').waitFor();
      shares.push(fenOf(await view.locator('.red-mine-amount').textContent()));
    }
    expect(shares.every((share) => share >= 1)).toBe(true);
    expect(shares[0]! + shares[1]!).toBe(1000);

    // Carol took the last share: she sees both claims and the luckiest marked.
    const carolsView = c.page.getByRole('dialog', { name: 'Red packet' });
    await carolsView.getByText('2/2 opened, ¥10.00 of ¥10.00').waitFor();
    await expect.poll(() => carolsView.locator('.red-claim').count()).toBe(2);
    await carolsView.getByText('Luckiest').waitFor();
    await screenshot(c.page, 'red-packet-opened');
    await carolsView.getByRole('button', { name: 'Close' }).click();
    await c.page.locator('.pay-card-red', { hasText: 'Happy Friday' }).getByText('Opened').waitFor();
    // Bob, who opened it first, now sees the finished packet too.
    const bobsView = b.page.getByRole('dialog', { name: 'Red packet' });
    await bobsView.getByText('2/2 opened, ¥10.00 of ¥10.00').waitFor();
    await bobsView.getByRole('button', { name: 'Close' }).click();
    await b.page.locator('.pay-card-red', { hasText: 'Happy Friday' }).getByText('Opened').waitFor();

    // Dave was too late: the card says so, and opening it offers no button.
    await d.openChat('Lucky four');
    const davesCard = d.page.locator('.pay-card-red', { hasText: 'Happy Friday' });
    await davesCard.getByText('All gone').waitFor();
    await davesCard.click();
    const davesView = d.page.getByRole('dialog', { name: 'Red packet' });
    await davesView.getByText('Too late, all gone').waitFor();
    expect(await davesView.getByRole('button', { name: 'Open' }).count()).toBe(0);
    await davesView.getByRole('button', { name: 'Close' }).click();
    // The sender's card follows live.
    await alicesPacket.getByText('All gone').waitFor();

    // Dave has no payment password yet: paying is refused, and the sheet offers to set one.
    await d.back();
    await d.openChat('Alice');
    await d.page.getByRole('button', { name: 'More', exact: true }).click();
    await d.page.getByRole('button', { name: 'Transfer' }).click();
    await d.page.getByRole('dialog', { name: 'Transfer' }).getByLabel('Amount (¥)').fill('1');
    await d.page.getByRole('dialog', { name: 'Transfer' }).getByRole('button', { name: 'Transfer' }).click();
    await pay(d.page, '123456');
    await d.page.getByRole('alert').getByText('Set a payment password first').waitFor();
    await d.page.getByRole('button', { name: 'Set payment password' }).click();
    await d.page.getByRole('heading', { name: 'Set payment password' }).waitFor();

    // A transfer of 20.50 to Bob in their direct chat; a wrong password first, then the right one.
    await a.back();
    await a.chatRow('Lucky four').getByText('[Red packet] Happy Friday').waitFor();
    await a.openChat('Bob');
    await a.page.getByRole('button', { name: 'More', exact: true }).click();
    await a.page.getByRole('button', { name: 'Transfer' }).click();
    const transferComposer = a.page.getByRole('dialog', { name: 'Transfer' });
    await transferComposer.getByLabel('Amount (¥)').fill('20.5');
    await transferComposer.getByLabel('Note (optional)').fill('Lunch');
    await transferComposer.getByRole('button', { name: 'Transfer' }).click();
    await a.page.getByRole('dialog', { name: 'Enter payment password' }).getByText('Transfer to Bob').waitFor();
    await pay(a.page, '000000');
    await a.page.getByRole('alert').getByText('Wrong password, 4 tries left').waitFor();
    await pay(a.page, paymentPassword);
    const alicesTransfer = a.page.locator('.pay-card', { hasText: '¥20.50' });
    await alicesTransfer.getByText('Waiting for Bob to accept').waitFor();

    await b.back();
    await b.chatRow('Alice').getByText('[Transfer]').waitFor();
    await b.openChat('Alice');
    const bobsTransfer = b.page.locator('.pay-card', { hasText: '¥20.50' });
    await bobsTransfer.getByText('Tap to accept').waitFor();
    // The card opens from the keyboard as well (Enter on it is not the bubble's menu key).
    await bobsTransfer.press('Enter');
    const details = b.page.getByRole('dialog', { name: 'Transfer details' });
    await details.getByText('Lunch').waitFor();
    await screenshot(b.page, 'transfer-details');
    await details.getByRole('button', { name: 'Accept' }).click();
    await details.getByRole('status').getByText('Accepted').waitFor();
    await details.getByRole('button', { name: 'Close' }).click();
    await bobsTransfer.getByText('Accepted').waitFor();
    await alicesTransfer.getByText('Accepted').waitFor();
    await screenshot(a.page, 'transfer-accepted');

    // Every wallet agrees with what moved: Alice paid 10.00 + 20.50 out of 100.00.
    await openWallet(a);
    await balanceShown(a.page, '¥69.50');
    expect(await statementLines(a)).toEqual(['Transfer sent · Bob -20.50', 'Red packet sent -10.00', 'Top-up +100.00']);
    await screenshot(a.page, 'wallet-statement');

    const [bobsShare, carolsShare] = shares as [number, number];
    await openWallet(b);
    await balanceShown(b.page, `¥${((bobsShare + 2050) / 100).toFixed(2)}`);
    expect(await statementLines(b)).toEqual([`Transfer received · Alice +20.50`, `Red packet received · Alice +${(bobsShare / 100).toFixed(2)}`]);

    await openWallet(c);
    await balanceShown(c.page, `¥${(carolsShare / 100).toFixed(2)}`);
    expect(await statementLines(c)).toEqual([`Red packet received · Alice +${(carolsShare / 100).toFixed(2)}`]);

    await openWallet(d);
    await balanceShown(d.page, '¥0.00');
    expect(await statementLines(d)).toEqual([]);

    // The statement filters: Alice's money out, then only top-ups.
    await a.page.getByLabel('In or out').selectOption('out');
    await expect.poll(() => a.page.locator('.movement').count()).toBe(2);
    await a.page.getByLabel('Kind').selectOption('top_up');
    await a.page.getByText('No movements yet').waitFor();
    await a.page.getByLabel('In or out').selectOption('in');
    await expect.poll(() => a.page.locator('.movement-kind').allTextContents()).toEqual(['Top-up']);

    // The one refused request was the wrong payment password (403), which Chromium logs.
    const [alicesDevice, ...others] = devices;
    expect(alicesDevice!.errors).toEqual(['Failed to load resource: the server responded with a status of 403 (Forbidden)']);
    const [bobsDevice, carolsDevice, davesDevice] = others as [(typeof devices)[number], (typeof devices)[number], (typeof devices)[number]];
    expect(bobsDevice.errors).toEqual([]);
    expect(carolsDevice.errors).toEqual([]);
    // Dave's refused payment (no payment password: 409).
    expect(davesDevice.errors).toEqual(['Failed to load resource: the server responded with a status of 409 (Conflict)']);
  });

  it('withdraws with the payment password, sums up the month, and keeps a second device live, in Chinese', async () => {
    const erin = await makeUser(suite.server.url, { nickname: 'Erin' });
    await erin.api.ok('PUT', '/api/v1/wallet/payment-password', { newPassword: '246810', loginPassword: erin.password });
    // The same top-up sent twice (a retry after a lost answer) adds the money once.
    for (let attempt = 0; attempt < 2; attempt += 1) await erin.api.ok('POST', '/api/v1/wallet/top-ups', { amount: 5000, idempotencyKey: 'e2e-erin-top-up-1' });

    const phone = await openDevice(suite.browser, suite.server.url);
    const app = new AppDriver(phone.page);
    await app.signIn(erin.handle);
    await openWallet(app);
    await balanceShown(app.page, '¥50.00');

    await app.page.getByRole('button', { name: 'Withdraw' }).click();
    await app.page.getByRole('button', { name: 'Withdraw all' }).click();
    expect(await app.page.getByLabel('Amount (¥)').inputValue()).toBe('50.00');
    await app.page.getByLabel('Amount (¥)').fill('20');
    await app.page.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await app.page.getByRole('dialog', { name: 'Enter payment password' }).getByText('¥20.00').waitFor();
    await pay(app.page, '246810');
    await app.page.getByText('Withdrew ¥20.00').waitFor();
    await app.back();
    await balanceShown(app.page, '¥30.00');

    await app.page.getByRole('button', { name: 'Monthly summary' }).click();
    await app.page.locator('.cell', { hasText: 'Income' }).getByText('¥50.00').waitFor();
    await app.page.locator('.cell', { hasText: 'Expense' }).getByText('¥20.00').waitFor();
    await app.page.getByText('2 movements').waitFor();
    await app.page.locator('.cell', { hasText: 'Top-up' }).getByText('+50.00').waitFor();
    await app.page.locator('.cell', { hasText: 'Withdrawal' }).getByText('-20.00').waitFor();
    await screenshot(app.page, 'wallet-summary');
    await app.back();

    // A second device in Chinese shows the same wallet, and follows a top-up made on the first.
    const tablet = await openChineseWallet(suite, erin);
    await tablet.page.getByText('零钱').waitFor();
    await tablet.page.getByText('测试金', { exact: true }).waitFor();
    await balanceShown(tablet.page, '¥30.00');

    await app.page.getByRole('button', { name: 'Top up' }).click();
    await app.page.getByLabel('Amount (¥)').fill('0.29');
    await app.page.getByRole('button', { name: 'Top up' }).click();
    await app.page.getByText('Topped up ¥0.29').waitFor();
    await balanceShown(tablet.page, '¥30.29');
    await screenshot(tablet.page, 'wallet-zh');

    // A wrong payment password on the Chinese device says how many tries are left.
    await tablet.page.getByRole('button', { name: '提现' }).click();
    await tablet.page.getByLabel('金额（元）').fill('1');
    await tablet.page.getByRole('button', { name: '提现', exact: true }).click();
    await tablet.page.getByRole('dialog', { name: '请输入支付密码' }).getByLabel('支付密码，六位数字').fill('000000');
    await tablet.page.getByRole('alert').getByText('支付密码错误，还可以再试4次').waitFor();

    expect(phone.errors).toEqual([]);
    expect(tablet.errors).toEqual(['Failed to load resource: the server responded with a status of 403 (Forbidden)']);
  });

  it('sends a one-share red packet in a direct chat and pages through a long statement', async () => {
    const [finn, gina] = await Promise.all([makeUser(suite.server.url, { nickname: 'Finn' }), makeUser(suite.server.url, { nickname: 'Gina' })]);
    await makeContacts(finn, gina);
    await finn.api.ok('PUT', '/api/v1/wallet/payment-password', { newPassword: '975310', loginPassword: finn.password });
    // 25 top-ups of 1 to 25 fen: 3.25 in all, more lines than one statement page holds.
    for (let fen = 1; fen <= 25; fen += 1) await finn.api.ok('POST', '/api/v1/wallet/top-ups', { amount: fen, idempotencyKey: `e2e-finn-${fen}` });

    const [finnsDevice, ginasDevice] = await Promise.all([openDevice(suite.browser, suite.server.url), openDevice(suite.browser, suite.server.url)]);
    const f = new AppDriver(finnsDevice.page);
    const g = new AppDriver(ginasDevice.page);
    await f.signIn(finn.handle);
    await g.signIn(gina.handle);

    // In a direct chat there is no kind or count to choose: one packet for the other person.
    await f.openChat('Gina');
    await f.page.getByRole('button', { name: 'More', exact: true }).click();
    await f.page.getByRole('button', { name: 'Red packet' }).click();
    const composer = f.page.getByRole('dialog', { name: 'Red packet' });
    expect(await composer.getByLabel('Number of packets').count()).toBe(0);
    await composer.getByLabel('Amount', { exact: true }).fill('1');
    await composer.getByRole('button', { name: 'Put money in' }).click();
    await pay(f.page, '975310');
    const finnsCard = f.page.locator('.pay-card-red', { hasText: 'Best wishes' });
    await finnsCard.click();
    const finnsView = f.page.getByRole('dialog', { name: 'Red packet' });
    await finnsView.getByText('Waiting to be opened').waitFor();
    expect(await finnsView.getByRole('button', { name: 'Open' }).count()).toBe(0);
    await finnsView.getByRole('button', { name: 'Close' }).click();

    await g.openChat('Finn');
    await g.page.locator('.pay-card-red', { hasText: 'Best wishes' }).click();
    const ginasView = g.page.getByRole('dialog', { name: 'Red packet' });
    await ginasView.getByRole('button', { name: 'Open' }).click();
    await ginasView.locator('.red-mine-amount').getByText('¥1.00').waitFor();
    await finnsCard.getByText('All gone').waitFor();

    // Finn's statement: 26 lines, newest first, 20 to a page.
    await openWallet(f);
    await balanceShown(f.page, '¥2.25');
    await f.page.getByRole('button', { name: 'Statement' }).click();
    await f.page.getByRole('button', { name: 'Load more' }).waitFor();
    expect(await f.page.locator('.movement').count()).toBe(20);
    expect(await f.page.locator('.movement-amount').first().textContent()).toBe('-1.00');
    await f.page.getByRole('button', { name: 'Load more' }).click();
    await f.page.getByText('No more').waitFor();
    const amounts = await f.page.locator('.movement-amount').allTextContents();
    expect(amounts).toEqual(['-1.00', ...Array.from({ length: 25 }, (_, index) => `+${((25 - index) / 100).toFixed(2)}`)]);

    expect(finnsDevice.errors).toEqual([]);
    expect(ginasDevice.errors).toEqual([]);
  });
});

describe('web app: withdrawals the provider refuses or has not answered yet', () => {
  const provider = new ScriptedProvider();
  const suite = useWebSuite({ fundingProvider: provider });

  it('says the money is back after a refusal, and that a withdrawal is with the bank while it waits, in English and Chinese', async () => {
    const hana = await makeUser(suite.server.url, { nickname: 'Hana' });
    await hana.api.ok('PUT', '/api/v1/wallet/payment-password', { newPassword: paymentPassword, loginPassword: hana.password });
    await hana.api.ok('POST', '/api/v1/wallet/top-ups', { amount: 5000, idempotencyKey: 'e2e-hana-top-up' });
    const phone = await openDevice(suite.browser, suite.server.url);
    const app = new AppDriver(phone.page);
    await app.signIn(hana.handle);
    await openWallet(app);
    await balanceShown(app.page, '¥50.00');

    const withdraw = async (yuan: string) => {
      await app.page.getByLabel('Amount (¥)').fill(yuan);
      await app.page.getByRole('button', { name: 'Withdraw', exact: true }).click();
      await pay(app.page, paymentPassword);
    };
    provider.answers = ['refuse', 'silent'];
    await app.page.getByRole('button', { name: 'Withdraw' }).click();
    await withdraw('12');
    await app.page.getByRole('alert').getByText('The bank refused the withdrawal of ¥12.00 (the bank account is closed); the money is back in your wallet').waitFor();
    await withdraw('5');
    await app.page.getByText('Withdrawal of ¥5.00 is with the bank; your wallet shows when it is done').waitFor();
    await app.back();
    // The refused money is back; the pending withdrawal's is held.
    await balanceShown(app.page, '¥45.00');
    expect(await statementLines(app)).toEqual(['Withdrawal -5.00', 'Withdrawal returned +12.00', 'Withdrawal -12.00', 'Top-up +50.00']);

    provider.answers = ['refuse'];
    const tablet = await openChineseWallet(suite, hana);
    await tablet.page.getByRole('button', { name: '提现' }).click();
    await tablet.page.getByLabel('金额（元）').fill('3');
    await tablet.page.getByRole('button', { name: '提现', exact: true }).click();
    await tablet.page.getByRole('dialog', { name: '请输入支付密码' }).getByLabel('支付密码，六位数字').fill(paymentPassword);
    await tablet.page.getByRole('alert').getByText('银行未受理 ¥3.00 的提现（the bank account is closed），钱已退回零钱').waitFor();
    expect(phone.errors).toEqual([]);
    expect(tablet.errors).toEqual([]);
  });
});
