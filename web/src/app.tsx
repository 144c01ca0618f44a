import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, session, type Inbox } from './api.js';
import { chooseLocale, I18nContext, i18nFor, LOCALE_NAMES, saveLocale, savedLocale, useI18n, type Locale } from './i18n/index.js';
import { BookingPage } from './pages/Booking.js';
import { Find } from './pages/Find.js';
import { HostPage } from './pages/Host.js';
import { InvitePage } from './pages/Invite.js';
import { MyBookings } from './pages/MyBookings.js';
import { INBOX_CHANGED, Notifications } from './pages/Notifications.js';
import { Ratings } from './pages/Ratings.js';
import { Schedule } from './pages/Schedule.js';
import { ScreeningPage } from './pages/Screening.js';
import { AnnouncePage, EditPage } from './pages/ScreeningForm.js';
import { SignIn } from './pages/SignIn.js';
import { Link, match, usePath, type Route } from './router.js';

/** Every page and its address (the server answers each with this page: src/adapters/http/web-client.ts). */
const ROUTES: readonly Route[] = [
  [/^\/screenings\/([0-9a-f-]{36})\/edit$/, ([id]) => <EditPage id={id!} />],
  [/^\/screenings\/([0-9a-f-]{36})$/, ([id]) => <ScreeningPage key={id} id={id!} />],
  [/^\/bookings\/([0-9a-f-]{36})$/, ([id]) => <BookingPage key={id} id={id!} />],
  [/^\/invites\/([\w-]{1,64})$/, ([token]) => <InvitePage token={token!} />],
  [/^\/(announce|host\/new)$/, () => <AnnouncePage />],
  [/^\/host$/, () => <HostPage />],
  [/^\/me\/bookings$/, () => <MyBookings />],
  [/^\/me\/notifications$/, () => <Notifications />],
  [/^\/me\/schedule$/, () => <Schedule />],
  [/^\/me\/ratings$/, () => <Ratings />],
];

/** The unread count beside "Notifications": asked again on every navigation and after "mark all read". */
const useUnread = (signedIn: boolean, path: string): number => {
  const [unread, setUnread] = useState(0);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const changed = () => setTick((t) => t + 1);
    addEventListener(INBOX_CHANGED, changed);
    return () => removeEventListener(INBOX_CHANGED, changed);
  }, []);
  useEffect(() => {
    if (!signedIn) return;
    api<Inbox>('GET', '/me/notifications?limit=1').then((inbox) => setUnread(inbox.unreadCount), () => undefined);
  }, [signedIn, path, tick]);
  return unread;
};

const LanguagePicker = () => {
  const { m, locale, setLocale } = useI18n();
  return (
    <label class="language">{m.app.language}{' '}
      <select value={locale} onChange={(e) => setLocale(e.currentTarget.value as Locale)}>
        {(Object.keys(LOCALE_NAMES) as Locale[]).map((l) => <option key={l} value={l} lang={l}>{LOCALE_NAMES[l]}</option>)}
      </select>
    </label>
  );
};

const Frame = () => {
  const { m, n } = useI18n();
  const path = usePath();
  const [signedIn, setSignedIn] = useState(Boolean(session.token()));
  const unread = useUnread(signedIn, path);
  const nav = (href: string, label: string) => <Link href={href} aria-current={path === href ? 'page' : undefined}>{label}</Link>;
  return (
    <>
      <a class="skip" href="#main">{m.app.skip}</a>
      <header>
        <Link href="/" class="brand">{m.app.name}</Link>
        {signedIn ? (
          <nav aria-label={m.app.nav}>
            {nav('/', m.app.find)}{nav('/host', m.app.host)}{nav('/me/bookings', m.app.bookings)}{nav('/me/schedule', m.app.schedule)}{nav('/me/ratings', m.app.ratings)}
            <Link href="/me/notifications" aria-current={path === '/me/notifications' ? 'page' : undefined}>{m.app.notifications}
              {unread > 0 ? <span class="badge"><span aria-hidden="true">{unread}</span><span class="sr-only">, {n(m.app.unread, unread)}</span></span> : null}</Link>
            <button type="button" class="link" onClick={() => { session.signOut(); setSignedIn(false); }}>{session.name() ? m.app.signOutAs({ name: session.name()! }) : m.app.signOut}</button>
          </nav>
        ) : null}
        <LanguagePicker />
      </header>
      <main id="main" tabIndex={-1}>{signedIn ? match(ROUTES, path, () => <Find />) : <SignIn onSignedIn={() => setSignedIn(true)} />}</main>
    </>
  );
};

const App = () => {
  const [locale, setLocale] = useState<Locale>(() => chooseLocale(navigator.languages ?? [navigator.language], savedLocale()));
  const i18n = useMemo(() => i18nFor(locale, (next) => { saveLocale(next); setLocale(next); }), [locale]);
  useEffect(() => { document.documentElement.lang = locale; }, [locale]);
  return <I18nContext.Provider value={i18n}><Frame /></I18nContext.Provider>;
};

/** For the site that embeds this page: `watchTogether.signIn(token)` signs its user in (docs: README, web client). */
(window as unknown as { watchTogether: unknown }).watchTogether = {
  signIn: (token: string, name?: string) => { session.signIn(token, name); location.reload(); },
};

render(<App />, document.getElementById('app')!);
