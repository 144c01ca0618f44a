/**
 * Request bodies for the docs page's "Try it out": each succeeds in the embedded default, whose
 * demo directory (demo/directory.json) knows the film and the people named here.
 */
const DAY_MS = 86_400_000;
/** A film of the demo directory. */
export const DEMO_FILM_ID = 'tt0133093';
/** Alice Martin, the first demo user: a host to rate. */
export const DEMO_HOST_ID = '0f8e4c1a-6b2d-4c5e-9a71-3d2b8e6f1a01';

/** Three days from `now`, at 19:30 UTC: in the coming days, and a time people watch films. */
const inThreeDays = (now: Date): string => {
  const day = new Date(now.getTime() + 3 * DAY_MS);
  day.setUTCHours(19, 30, 0, 0);
  return day.toISOString();
};

export const examples = {
  createAnnouncement: (now: Date) => ({
    movieId: DEMO_FILM_ID, title: 'The Matrix on the rooftop', description: 'Bring a blanket; popcorn is on me.',
    startsAt: inThreeDays(now), place: { city: 'Berlin', address: 'Torstraße 1', lat: 52.529, lon: 13.401 },
    capacity: 6, privacy: 'public' as const, isFree: true, tags: ['snacks', 'original-audio'], approval: 'manual' as const,
  }),
  updateAnnouncement: () => ({ capacity: 8, description: 'Two more seats: a friend lent me chairs.' }),
  createBooking: () => ({ seats: 2, message: 'Two of us; we will bring drinks.' }),
  updateBooking: () => ({ status: 'accepted' as const }),
  createRating: () => ({ rateeId: DEMO_HOST_ID, score: 5, comment: 'A warm welcome and a great print.' }),
  changeRating: () => ({ score: 4, comment: 'Great evening; the start was a little late.' }),
  /** Dmitri Volkov, another demo user. */
  block: () => ({ userId: '0f8e4c1a-6b2d-4c5e-9a71-3d2b8e6f1a04' }),
  report: () => ({ subject: { userId: '0f8e4c1a-6b2d-4c5e-9a71-3d2b8e6f1a04' }, reason: 'spam' as const, details: 'Sends the same invitation to everyone, every day.' }),
  markAttendance: () => ({ attended: true }),
  /** Dmitri Volkov again: the demo host invites him. */
  invitations: () => ({ userIds: ['0f8e4c1a-6b2d-4c5e-9a71-3d2b8e6f1a04'] }),
};
