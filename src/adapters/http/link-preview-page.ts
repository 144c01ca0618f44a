import type { GenericPreview, PublicPreview } from '../../application/index.js';
import { localTime } from '../../domain/index.js';

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);


/** Only the page's own meta refresh and nothing else: no script, no style, no image from anywhere. */
export const PREVIEW_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The page a link-preview client (a messenger unfurling a short link: no token, no browser
 * navigation) reads: Open Graph tags with the film, title, date and time and city of a public
 * screening — nothing private — or a generic card; a person who lands on it anyway goes on to
 * the page with a meta refresh.
 */
export const previewPage = (preview: PublicPreview | GenericPreview, link: string, page: string): string => {
  const title = preview.kind === 'screening' ? preview.title : 'A screening on Watch Together';
  const description = preview.kind === 'screening'
    ? `${preview.film} · ${localTime(preview.startsAt, preview.timeZone)} · ${preview.city}`
    : 'Open the link to see it on Watch Together.';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>${escape(title)} — Watch Together</title>
<meta property="og:type" content="website">
<meta property="og:site_name" content="Watch Together">
<meta property="og:title" content="${escape(title)}">
<meta property="og:description" content="${escape(description)}">
<meta property="og:url" content="${escape(link)}">
<meta name="twitter:card" content="summary">
<meta name="description" content="${escape(description)}">
<meta http-equiv="refresh" content="0; url=${escape(page)}">
</head><body><p><a href="${escape(page)}">${escape(title)}</a></p></body></html>
`;
};
