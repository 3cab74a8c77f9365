import ICAL from 'ical.js';
import { escapeText, foldLine, renewalCalendar } from '../../src/calendar/ics';
import { planFromIssue } from '../../src/domain/renewal';

const texts = {
  summary: 'Expiration : MSSanté – site de Nîmes',
  description: 'Le certificat expire le 15 mars 2027; commencez le renouvellement, sur IGC Santé.\nPuis installez-le.',
  alarmRenewal: 'Commencer le renouvellement',
  alarmNoticeFaq: 'Avis ANS (60 jours)',
  alarmNoticeSheet: 'Avis ANS (un mois)',
};

function parse(ics: string) {
  const component = new ICAL.Component(ICAL.parse(ics));
  const event = component.getFirstSubcomponent('vevent');
  if (!event) throw new Error('no VEVENT');
  return { component, event };
}

describe('the renewal calendar file (RFC 5545)', () => {
  const plan = planFromIssue('2024-03-15', { today: '2026-11-26' });
  const ics = renewalCalendar({ plan, texts, uid: 'cert-42@certibot', createdAt: new Date('2026-11-26T10:00:00Z') });

  it('parses with an RFC 5545 parser, as one all-day event on the expiry date', () => {
    const { component, event } = parse(ics);
    expect(component.getFirstPropertyValue('version')).toBe('2.0');
    expect(event.getFirstPropertyValue('uid')).toBe('cert-42@certibot');
    const start = event.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect([start.isDate, start.toString()]).toEqual([true, '2027-03-15']);
    expect((event.getFirstPropertyValue('dtend') as ICAL.Time).toString()).toBe('2027-03-16');
  });

  it('keeps accents, semicolons, commas and newlines intact through escaping', () => {
    const { event } = parse(ics);
    expect(event.getFirstPropertyValue('summary')).toBe(texts.summary);
    expect(event.getFirstPropertyValue('description')).toBe(texts.description);
  });

  it('alarms at 09:00 Paris time on the renewal start and both ANS notice dates', () => {
    const { event } = parse(ics);
    const alarms = event.getAllSubcomponents('valarm').map((alarm) => ({
      text: alarm.getFirstPropertyValue('description'),
      at: (alarm.getFirstPropertyValue('trigger') as ICAL.Time).toJSDate().toISOString(),
    }));
    expect(alarms).toEqual([
      { text: 'Commencer le renouvellement', at: '2027-01-15T08:00:00.000Z' },
      { text: 'Avis ANS (60 jours)', at: '2027-01-14T08:00:00.000Z' },
      { text: 'Avis ANS (un mois)', at: '2027-02-15T08:00:00.000Z' },
    ]);
  });

  it('uses CRLF line endings and no line over 75 octets', () => {
    expect(ics.endsWith('\r\n')).toBe(true);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(ics.replace(/\r\n/g, '').includes('\n')).toBe(false);
  });

  it('leaves out alarms whose date has passed', () => {
    const late = planFromIssue('2024-03-15', { today: '2027-02-01' });
    const { event } = parse(renewalCalendar({ plan: late, texts, uid: 'x', createdAt: new Date('2027-02-01T10:00:00Z') }));
    expect(event.getAllSubcomponents('valarm').map((a) => a.getFirstPropertyValue('description'))).toEqual(['Avis ANS (un mois)']);
  });
});

describe('iCalendar helpers', () => {
  it('escapes TEXT values', () => {
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
  });

  it('folds on octets without splitting a multi-byte character', () => {
    const folded = foldLine(`DESCRIPTION:${'é'.repeat(80)}`);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(`DESCRIPTION:${'é'.repeat(80)}`);
  });
});
