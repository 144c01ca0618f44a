import { useEffect, useState } from 'preact/hooks';
import { api, type ApiError, type Screening } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { navigate } from '../router.js';
import { asApiError, Loading, PageHeading, ProblemBox } from '../ui.js';

/** `/invites/{token}`: opens the link (the holder is invited from now on) and lands on the screening. */
export const InvitePage = ({ token }: { token: string }) => {
  const { m } = useI18n();
  const [problem, setProblem] = useState<ApiError | null>(null);
  useEffect(() => {
    // The invitation page leaves no entry of its own: back goes where the person came from.
    api<Screening>('GET', `/invites/${token}`).then((s) => navigate(`/screenings/${s.id}`, { replace: true }), (error: unknown) => setProblem(asApiError(error)));
  }, [token]);
  return (
    <section aria-labelledby="invite-title">
      <PageHeading id="invite-title">{m.invites.page}</PageHeading>
      {problem ? <ProblemBox problem={problem} /> : <Loading />}
    </section>
  );
};
