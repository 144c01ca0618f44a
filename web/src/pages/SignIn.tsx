import { useState } from 'preact/hooks';
import { api, session, type DemoSignIn } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { Loading, PageHeading, useLoad } from '../ui.js';

export const SignIn = ({ onSignedIn }: { onSignedIn: () => void }) => {
  const { m } = useI18n();
  const demo = useLoad(() => api<DemoSignIn>('GET', '/dev/sign-in').catch(() => null), []);
  const [token, setToken] = useState('');
  const done = (t: string, name?: string) => { session.signIn(t, name); onSignedIn(); };
  return (
    <section aria-labelledby="signin-title">
      <PageHeading id="signin-title">{m.signIn.title}</PageHeading>
      {demo.data ? (
        <>
          <p>{m.signIn.demo}</p>
          <ul class="people">
            {demo.data.users.map((u) => <li key={u.id}><button type="button" onClick={() => done(u.token, u.name)}>{m.signIn.as({ name: u.name })}</button></li>)}
          </ul>
        </>
      ) : demo.data === null ? <p>{m.signIn.embedded}</p> : <Loading />}
      <form onSubmit={(e) => { e.preventDefault(); if (token.trim()) done(token.trim()); }}>
        <div class="field"><label for="token">{m.signIn.token}</label>
          <input id="token" type="password" autocomplete="off" value={token} onInput={(e) => setToken(e.currentTarget.value)} /></div>
        <button type="submit">{m.signIn.useToken}</button>
      </form>
    </section>
  );
};
