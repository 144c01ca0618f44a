import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import type { Service } from '../../src/main.js';
import type { TestClock } from '../../src/testing/index.js';
import { inDays, openStand, type Stand } from './stand.js';

/**
 * The web client in Chromium, on the embedded demo's people and films (memory storage): the
 * whole flow of a screening, and the error paths a person meets, driven by label and role as a
 * keyboard or screen-reader user finds them.
 */
describe('The web page in a real browser', function () {
  this.timeout(120_000);
  let stand: Stand | undefined;
  let service: Service;
  let browser: Browser;
  let base: string;
  /** The service's time: a test moves it past a screening to rate. */
  let clock: TestClock;

  before(async function () {
    stand = await openStand(this);
    ({ service, browser, base, clock } = stand);
  });
  after(() => stand?.close());

  /** A fresh tab signed in as a demo user through the "sign in as" picker. */
  const as = async (name: string): Promise<Page> => {
    const page = await (await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: `Sign in as ${name}` }).click();
    await page.getByRole('heading', { name: 'Find a screening' }).waitFor();
    return page;
  };

  type Announced = { title: string; city: string; tags: string; days: number; privacy?: 'Anyone' | 'My friends'; seats?: number; approval?: 'I decide each' | 'Accept at once' };
  const announce = async (page: Page, fields: Announced) => {
    await page.getByRole('link', { name: 'Host' }).click();
    await page.getByRole('link', { name: 'Announce a screening' }).click();
    // The film is picked by its title from the films found (GET /movies?q=).
    await page.getByLabel('Film').fill('matrix');
    await page.getByRole('list', { name: 'Films found' }).getByRole('button', { name: /^The Matrix \(/ }).click();
    await page.getByText('Film: The Matrix').waitFor();
    await page.getByLabel('Title').fill(fields.title);
    await page.getByLabel('Description and house rules').fill('Shoes off, popcorn on.');
    await page.getByLabel('Starts').fill(inDays(fields.days));
    await page.getByLabel('City').fill(fields.city);
    await page.getByLabel('Address').fill('Rua Augusta 1');
    await page.getByLabel('Seats', { exact: true }).fill(String(fields.seats ?? 4));
    await page.getByLabel('Tags').fill(fields.tags);
    await page.getByLabel('Who may come').selectOption({ label: fields.privacy ?? 'Anyone' });
    await page.getByLabel('Requests').selectOption({ label: fields.approval ?? 'I decide each' });
    await page.getByRole('button', { name: 'Announce' }).click();
  };

  it('Alice announces, Bob finds it with filters and asks for two seats, Alice accepts, Bob follows the news to the page, and rates her afterwards', async () => {
    const alice = await as('Alice Martin');
    // A field the API refuses shows its message at that field.
    await announce(alice, { title: 'Rooftop Matrix', city: 'Lisbon', tags: 'Snacks!', days: 3 });
    await alice.getByText('a short lowercase word').waitFor();
    expect(await alice.getByLabel('Tags').getAttribute('aria-invalid')).to.equal('true');
    await alice.getByLabel('Tags').fill('snacks, rooftop');
    await alice.getByRole('button', { name: 'Announce' }).click();
    await alice.getByRole('heading', { name: 'Rooftop Matrix' }).waitFor();
    const screeningUrl = alice.url();
    expect(screeningUrl).to.match(/\/screenings\/[0-9a-f-]{36}$/);

    const bob = await as('Bob Nakamura');
    const bobAgain = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await bob.getByLabel('City').fill('Lisbon');
    await bob.getByLabel('Tags').fill('rooftop');
    await bob.getByLabel('Seats left').check();
    await bob.getByRole('button', { name: 'Search' }).click();
    await bob.getByRole('link', { name: 'Rooftop Matrix' }).click();
    await bob.getByLabel('Seats', { exact: true }).fill('2');
    await bob.getByLabel('Message to the host').fill('Two of us, we bring drinks.');
    // Bob's second tab, open before his request: asking again there is refused with a message.
    await bobAgain.goto(`${base}/`);
    await bobAgain.evaluate((token) => (globalThis as any).sessionStorage.setItem('wt.token', token), await service.tokens!.issue('0f8e4c1a-6b2d-4c5e-9a71-3d2b8e6f1a02', 600));
    await bobAgain.goto(bob.url());
    await bobAgain.getByRole('button', { name: 'Ask for a seat' }).waitFor();
    // Before the host accepts him, Bob sees the city and why there is no more (S1).
    await bob.getByText('the address is shown when the host accepts you').waitFor();
    expect(await bob.locator('article').textContent()).to.not.contain('Rua Augusta 1');
    await bob.getByRole('button', { name: 'Ask for 2 seats' }).click();
    await bob.getByText('pending').waitFor();
    await bobAgain.getByRole('button', { name: 'Ask for a seat' }).click();
    expect(await bobAgain.getByRole('alert').textContent()).to.match(/already/i);

    // Alice follows her notification of the request (its short link) to the request, and accepts it.
    await alice.getByRole('link', { name: 'Notifications' }).click();
    await alice.getByRole('link', { name: 'New request for “Rooftop Matrix”' }).click();
    await alice.getByRole('heading', { name: 'Booking for Rooftop Matrix' }).waitFor();
    expect(alice.url()).to.match(/\/bookings\/[0-9a-f-]{36}$/);
    await alice.getByRole('button', { name: 'Accept', exact: true }).click();
    await alice.locator('.status', { hasText: 'accepted' }).waitFor();
    await alice.goto(screeningUrl);
    await alice.getByText('2 of 4 left').waitFor();
    expect(await alice.getByRole('listitem').filter({ hasText: 'Bob Nakamura' }).first().textContent()).to.contain('2 seats');

    // Bob sees the decision in his notifications and follows its link.
    await bob.getByRole('link', { name: 'Notifications' }).click();
    await bob.getByRole('link', { name: 'Booking accepted: “Rooftop Matrix”' }).click();
    await bob.getByRole('heading', { name: 'Booking for Rooftop Matrix' }).waitFor();
    expect(await bob.locator('.status').textContent()).to.equal('accepted');
    await bob.getByRole('link', { name: 'Open the screening' }).click();
    await bob.waitForURL(screeningUrl);
    await bob.getByRole('heading', { name: 'My booking' }).waitFor();
    // Accepted: now he sees where.
    await bob.getByText('Rua Augusta 1, Lisbon').waitFor();
    await bob.getByRole('link', { name: 'Schedule' }).click();
    await bob.getByRole('link', { name: 'Rooftop Matrix' }).waitFor();

    // After the screening, Bob rates his host.
    clock.advance(4 * 86_400_000);
    expect((await service.watcher.execute()).done).to.be.greaterThan(0); // the worker marks ended screenings done
    await bob.getByRole('link', { name: 'Ratings' }).click();
    await bob.getByLabel('Score').selectOption('4');
    await bob.getByLabel('Comment').fill('Great rooftop, a little cold.');
    await bob.getByRole('button', { name: 'Rate Alice Martin' }).click();
    await bob.getByText('Nobody to rate now').waitFor();
    await alice.getByRole('link', { name: 'Ratings' }).click();
    await alice.getByText('You as a host: ★ 4.0 (1)').waitFor();
  });

  it('the host edits a friends-only screening; a stranger does not find it, and its short link lands a friend on the page', async () => {
    const alice = await as('Alice Martin');
    await announce(alice, { title: 'Friends only Totoro', city: 'Porto', tags: 'cosy', days: 5, privacy: 'My friends' });
    await alice.getByRole('heading', { name: 'Friends only Totoro' }).waitFor();
    // The host edits it: one more seat.
    await alice.getByRole('link', { name: 'Edit' }).click();
    await alice.getByLabel('Seats', { exact: true }).fill('5');
    await alice.getByRole('button', { name: 'Save' }).click();
    await alice.getByText('5 of 5 left').waitFor();
    const shortUrl = await alice.getByRole('link', { name: /\/s\// }).textContent();

    const elena = await as('Elena García'); // not Alice's friend
    await elena.goto(alice.url());
    expect(await elena.getByRole('alert').textContent()).to.match(/no screening with this id that you can see/);

    const chloe = await as('Chloé Dubois'); // Alice's friend
    await chloe.goto(shortUrl!);
    await chloe.getByRole('heading', { name: 'Friends only Totoro' }).waitFor();
    expect(chloe.url()).to.equal(alice.url());
  });

  // Runs on the screenings the tests above announced (Alice's friends-only one in Porto).
  it('works from the keyboard alone: sign in, search, open a screening', async () => {
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await page.goto(`${base}/`);
    const focusOn = async (name: string) => {
      for (let i = 0; i < 40; i += 1) {
        await page.keyboard.press('Tab');
        if ((await page.evaluate(() => (globalThis as any).document.activeElement?.textContent?.trim() ?? '')) === name) return;
      }
      throw new Error(`Tab never reached “${name}”`);
    };
    await focusOn('Sign in as Dmitri Volkov');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Find a screening' }).waitFor();
    await page.getByLabel('City').focus();
    await page.keyboard.type('Porto');
    await page.keyboard.press('Enter'); // submits the filters
    await page.getByText('1 screening', { exact: true }).waitFor();
    await focusOn('Friends only Totoro'); // Dmitri is Alice's friend
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Friends only Totoro' }).waitFor();
  });

  it('a full screening that accepts at once puts a guest on its waitlist, and gives them the seat the moment a guest leaves', async () => {
    const alice = await as('Alice Martin');
    await announce(alice, { title: 'Last seat Alien', city: 'Braga', tags: 'horror', days: 8, seats: 1, approval: 'Accept at once' });
    await alice.getByRole('heading', { name: 'Last seat Alien' }).waitFor();
    const screeningUrl = alice.url();
    const grace = await as('Grace Okafor');
    await grace.goto(screeningUrl);
    await grace.getByRole('button', { name: 'Ask for a seat' }).click();
    await grace.locator('.status', { hasText: 'accepted' }).waitFor();

    const hiro = await as('Hiro Tanaka');
    await hiro.goto(screeningUrl);
    await hiro.getByText('0 of 1 left').waitFor();
    await hiro.getByText('Every seat is taken: you join the waitlist').waitFor();
    await hiro.getByRole('button', { name: 'Join the waitlist' }).click();
    await hiro.getByText('1 seat — waitlisted, number 1 on the waitlist').waitFor();
    await hiro.getByRole('link', { name: 'Notifications' }).click();
    await hiro.getByRole('link', { name: 'On the waitlist for “Last seat Alien”' }).waitFor();

    // Grace leaves: in the same transaction, Hiro has her seat, and is told.
    await grace.getByRole('button', { name: 'Cancel my booking' }).click();
    await grace.locator('.status', { hasText: 'cancelled' }).waitFor();
    await hiro.reload();
    await hiro.getByRole('link', { name: 'Booking accepted: “Last seat Alien”' }).click();
    await hiro.getByRole('heading', { name: 'Booking for Last seat Alien' }).waitFor();
    expect(await hiro.locator('.status').textContent()).to.equal('accepted');
    await alice.reload();
    await alice.getByText('0 of 1 left').waitFor();
    expect(await alice.locator('.card', { hasText: 'Hiro Tanaka' }).textContent()).to.contain('asks for 1 seat — accepted');
  });

  it('an invite link lets a stranger see a friends-only screening and ask for a seat, until the host revokes it', async () => {
    const alice = await as('Alice Martin');
    await announce(alice, { title: 'Invited Totoro', city: 'Coimbra', tags: 'cosy', days: 9, privacy: 'My friends' });
    await alice.getByRole('heading', { name: 'Invited Totoro' }).waitFor();
    const screeningUrl = alice.url();
    await alice.getByText('No invite links yet.').waitFor();
    await alice.getByRole('button', { name: 'Make an invite link' }).click();
    const link = await alice.getByLabel('Invite link 1').inputValue();
    expect(link).to.match(new RegExp(`^${base}/invites/[\\w-]+$`));

    const farid = await as('Farid Haddad'); // not Alice's friend
    await farid.goto(screeningUrl);
    expect(await farid.getByRole('alert').textContent()).to.match(/no screening with this id that you can see/);
    await farid.goto(link);
    await farid.getByRole('heading', { name: 'Invited Totoro' }).waitFor();
    expect(farid.url()).to.equal(screeningUrl); // the link lands on the screening's own page
    await farid.getByRole('button', { name: 'Ask for a seat' }).click();
    await farid.locator('.status', { hasText: 'pending' }).waitFor();

    // Revoked, the link opens nothing for anyone new; Farid's request stands.
    await alice.getByRole('button', { name: 'Revoke invite link 1' }).click();
    await alice.getByText('Invite link 1 (revoked)').waitFor();
    const jonas = await as('Jonas Weber'); // a stranger to Alice too
    await jonas.goto(link);
    await jonas.getByRole('heading', { name: 'Invitation' }).waitFor();
    expect(await jonas.getByRole('alert').textContent()).to.match(/revoked/);
    await farid.reload();
    await farid.locator('.status', { hasText: 'pending' }).waitFor();
  });

  it('keeps the search in its address: a link from the cinema’s film page, shared filters, the back button, announcing that film', async () => {
    const chloe = await as('Chloé Dubois');
    // The cinema's film page links here with its film; the filters come from the address.
    await chloe.goto(`${base}/?movieId=tt0133093&city=Braga`);
    await chloe.getByText('Screenings of The Matrix').waitFor();
    expect(await chloe.getByLabel('City').inputValue()).to.equal('Braga');
    await chloe.getByRole('link', { name: 'Last seat Alien' }).waitFor();
    // A new search is written back, and is a new step in the history.
    await chloe.getByLabel('City').fill('Porto');
    await chloe.getByLabel('Free only').check();
    await chloe.getByRole('button', { name: 'Search' }).click();
    await chloe.waitForURL(`${base}/?movieId=tt0133093&city=Porto&isFree=true`);
    await chloe.getByRole('link', { name: 'Friends only Totoro' }).waitFor(); // Chloé is Alice's friend
    expect(await chloe.getByRole('link', { name: 'Last seat Alien' }).count()).to.equal(0);
    await chloe.goBack();
    await chloe.waitForURL(`${base}/?movieId=tt0133093&city=Braga`);
    await chloe.getByRole('link', { name: 'Last seat Alien' }).waitFor();
    expect(await chloe.getByLabel('City').inputValue()).to.equal('Braga');
    expect(await chloe.getByLabel('Free only').isChecked()).to.equal(false);
    await chloe.goForward();
    await chloe.getByRole('link', { name: 'Friends only Totoro' }).waitFor();
    // From the film's search to announcing a screening of it: the film arrives chosen.
    await chloe.getByRole('link', { name: 'Announce a screening of The Matrix' }).click();
    await chloe.waitForURL(`${base}/announce?movieId=tt0133093`);
    await chloe.getByText('Film: The Matrix').waitFor();
    await chloe.getByLabel('Title').fill('Chloé’s Matrix');
    await chloe.getByLabel('Starts').fill(inDays(10));
    await chloe.getByLabel('City').fill('Lyon');
    await chloe.getByLabel('Address').fill('Rue de la République 1');
    await chloe.getByRole('button', { name: 'Announce' }).click();
    await chloe.getByRole('heading', { name: 'Chloé’s Matrix' }).waitFor();
    expect(await chloe.locator('.lead').textContent()).to.contain('The Matrix');
    // A film the catalogue does not know is said so, at the film.
    await chloe.goto(`${base}/announce?movieId=tt-nothing`);
    await chloe.getByText('The catalogue does not know the film “tt-nothing”').waitFor();
  });

  it('a guest blocks a host from the screening’s page: the host’s screenings are gone from search and from their link', async () => {
    const alice = await as('Alice Martin');
    await announce(alice, { title: 'Blocked Matrix', city: 'Faro', tags: 'quiet', days: 6 });
    await alice.getByRole('heading', { name: 'Blocked Matrix' }).waitFor();
    const screeningUrl = alice.url();
    const elena = await as('Elena García');
    await elena.goto(screeningUrl);
    await elena.getByRole('heading', { name: 'Blocked Matrix' }).waitFor();
    elena.once('dialog', (dialog) => void dialog.accept());
    await elena.getByRole('button', { name: 'Block Alice Martin' }).click();
    await elena.getByRole('heading', { name: 'Find a screening' }).waitFor();
    await elena.getByLabel('City').fill('Faro');
    await elena.getByRole('button', { name: 'Search' }).click();
    await elena.getByText('No screening matches.').waitFor();
    await elena.goto(screeningUrl);
    expect(await elena.getByRole('alert').textContent()).to.match(/no screening/i);
  });

  it('renders the API docs under their Content-Security-Policy, with nothing refused', async () => {
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    const refused: string[] = [];
    page.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) refused.push(message.text()); });
    const reply = await page.goto(`${base}/docs`);
    expect(reply!.headers()['content-security-policy']).to.contain("script-src 'self'");
    await page.getByText('Announce a screening').first().waitFor();
    await page.locator('.opblock-summary', { hasText: 'Announce a screening' }).first().click();
    await page.getByRole('button', { name: 'Try it out' }).waitFor();
    expect(refused).to.deep.equal([]);
  });
});
