import { useState } from 'preact/hooks';
import { api, type Screening } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { Field, ProblemBox, useProblem } from '../ui.js';
import { seats as seatText } from '../views.js';

/** Ask for seats; on a full screening that accepts at once, join its waitlist (B8, W1). */
export const BookingForm = ({ screening, onBooked }: { screening: Screening; onBooked: () => void }) => {
  const i18n = useI18n();
  const { m, n } = i18n;
  const [seats, setSeats] = useState('1');
  const [message, setMessage] = useState('');
  const { problem, fields, run } = useProblem();
  const waits = screening.approval === 'auto' && Number(seats) > screening.seatsLeft;
  return (
    <form aria-labelledby="book-title" onSubmit={(e) => {
      e.preventDefault();
      void run(async () => {
        await api('POST', `/announcements/${screening.id}/bookings`, { seats: Number(seats), ...(message.trim() ? { message: message.trim() } : {}) });
        onBooked();
      });
    }}>
      <h2 id="book-title">{m.book.title}</h2>
      <Field label={m.book.seats} path="seats" errors={fields}>
        {(id, d) => <input id={id} type="number" min={1} value={seats} aria-describedby={d} onInput={(e) => setSeats(e.currentTarget.value)} />}
      </Field>
      <Field label={m.book.message} path="message" errors={fields}>
        {(id, d) => <textarea id={id} value={message} aria-describedby={d} onInput={(e) => setMessage(e.currentTarget.value)} />}
      </Field>
      {waits ? <p class="muted" id="waitlist-note">{screening.seatsLeft === 0 ? m.book.allTaken : m.book.onlyLeft({ seats: seatText(i18n, screening.seatsLeft) })}{m.book.waitlistNote}</p> : null}
      <ProblemBox problem={problem} />
      <button type="submit" aria-describedby={waits ? 'waitlist-note' : undefined}>{waits ? m.book.join : n(m.book.ask, Number(seats) || 1)}</button>
    </form>
  );
};
