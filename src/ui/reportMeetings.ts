/**
 * The cohort report's meetings section (docs/outcomes.md, "In the report") in each format: text,
 * Markdown, HTML and the publication CSV's rows. The report modules only call these. In a report
 * for publication who attended none is a count, never names.
 */
import type { ChalkInstance } from 'chalk';
import { formatDate } from '../domain/dates.js';
import { attendanceShare, type MeetingsSection, type PublicationMeetings } from '../domain/meetings.js';
import { percent } from './reportParts.js';
import { escapeHtml as esc } from './svgCharts.js';
import { visible } from './terminalText.js';

type Meetings = MeetingsSection | PublicationMeetings;

const attendedText = (attended: number, participants: number): string =>
  `${attended} of ${participants} ${participants === 1 ? 'participant' : 'participants'} (${percent(attendanceShare(attended, participants))})`;

const heldText = (m: Meetings): string =>
  `${m.held} ${m.held === 1 ? 'meeting' : 'meetings'} held; ${m.participants} ${m.participants === 1 ? 'participant' : 'participants'}`;

/** Who attended none, in words: names (with staff ids) in a named report, a count for publication. */
function neverText(m: Meetings, show: (text: string) => string): string {
  if (typeof m.neverAttended === 'number') {
    return m.neverAttended === 0 ? 'Every participant attended at least one.' : `${m.neverAttended} of ${m.participants} participants attended none.`;
  }
  if (m.neverAttended.length === 0) return 'Every participant attended at least one.';
  return `Attended none (${m.neverAttended.length}): ${m.neverAttended.map((p) => `${show(p.name)} (${show(p.staffId)})`).join(', ')}.`;
}

/** The section's lines in the text report, its heading first. */
export function meetingsTextLines(m: Meetings, colour: Pick<ChalkInstance, 'bold' | 'yellow'>): string[] {
  const lines = ['', colour.bold(`Cohort meetings: ${heldText(m)}`)];
  if (m.held === 0) return [...lines, '  No cohort meetings recorded up to this day.'];
  for (const a of m.attendance) lines.push(`  ${formatDate(a.date)}: ${attendedText(a.attended, m.participants)}`);
  lines.push(`  ${neverText(m, visible)}`);
  lines.push(`  Themes agreed: ${m.themes.length === 0 ? 'none recorded' : m.themes.map(visible).join('; ')}`);
  if (m.actions.length === 0) lines.push('  Actions: none recorded');
  else {
    lines.push('  Actions:');
    m.actions.forEach((action, k) => lines.push(`    ${k + 1}. ${visible(action)}`));
  }
  return lines;
}

/** The section in the Markdown report; `md` escapes text from the data as the rest of the paper does. */
export function meetingsMarkdown(m: Meetings, md: (text: string) => string): string[] {
  const out = ['', '## Cohort meetings', '', `${heldText(m)}.`];
  if (m.held === 0) return [...out, '', 'No cohort meetings recorded up to this day.'];
  out.push('', '| Meeting | Attended |', '|---|---|', ...m.attendance.map((a) => `| ${formatDate(a.date)} | ${attendedText(a.attended, m.participants)} |`));
  out.push('', md(neverText(m, (t) => t)));
  out.push('', `Themes agreed: ${m.themes.length === 0 ? 'none recorded' : m.themes.map(md).join('; ')}.`);
  if (m.actions.length > 0) out.push('', 'Actions:', '', ...m.actions.map((a, k) => `${k + 1}. ${md(a)}`));
  return out;
}

/** The section in the HTML report; every number names where it sits in the JSON (data-metric). */
export function meetingsHtml(m: Meetings): string {
  const n = (path: string, value: number) => `<span data-metric="${esc(path)}">${value}</span>`;
  const body =
    m.held === 0
      ? '<p>No cohort meetings recorded up to this day.</p>'
      : `<div class="table-wrap"><table><thead><tr><th scope="col">Meeting</th><th scope="col" class="num">Attended</th><th scope="col" class="num">Share</th></tr></thead><tbody>${m.attendance
          .map(
            (a, k) =>
              `<tr><td>${esc(formatDate(a.date))}</td><td class="num" data-metric="meetings.attendance.${k}.attended">${a.attended}</td><td class="num">${esc(percent(attendanceShare(a.attended, m.participants)))}</td></tr>`,
          )
          .join('')}</tbody></table></div>
<p>${esc(neverText(m, (t) => t))}</p>
<h3>Themes agreed</h3>
${m.themes.length === 0 ? '<p>None recorded.</p>' : `<ul>${m.themes.map((t) => `<li>${esc(t)}</li>`).join('')}</ul>`}
<h3>Actions asked of the organisation</h3>
${m.actions.length === 0 ? '<p>None recorded.</p>' : `<ol>${m.actions.map((a) => `<li>${esc(a)}</li>`).join('')}</ol>`}`;
  return `<section aria-labelledby="meetings">
<h2 id="meetings">Cohort meetings</h2>
<p>${n('meetings.held', m.held)} ${m.held === 1 ? 'meeting' : 'meetings'} held; ${n('meetings.participants', m.participants)} participants.</p>
${body}
</section>`;
}

/** The section's figures in the publication CSV: section, item, value. */
export function meetingsCsvRows(m: PublicationMeetings): Array<[string, string, string | number]> {
  return [
    ['meetings', 'held', m.held],
    ['meetings', 'participants', m.participants],
    ['meetings', 'attended none', m.neverAttended],
    ...m.attendance.map((a): [string, string, number] => ['meeting attended', a.date, a.attended]),
    ...m.themes.map((t): [string, string, string] => ['meeting theme', t, '']),
    ...m.actions.map((a, k): [string, string, string] => ['meeting action', String(k + 1), a]),
  ];
}
