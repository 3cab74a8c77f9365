// @ts-check
/**
 * The page script of certibot's tabs: « Mes certificats », « Certificats de l'équipe » and the team tab's configuration.
 * No framework and no build step: the server serves this file as it is (type-checked by tsconfig.tab.json). Every text
 * goes into the page as a text node, never as HTML: a certificate's name shows as typed, whatever it holds.
 *
 * In Teams (inside a frame) the Teams JavaScript library gives the language, the theme, the team and the SSO token the
 * API wants. Opened as a plain page it works only when certibot runs in local mode, and then says so.
 */
(() => {
  'use strict';

  /** @typedef {import('../tab-views').PageConfig} PageConfig */
  /** @typedef {import('../tab-views').PageString} PageString */
  /** @typedef {import('../tab-views').MeView} MeView */
  /** @typedef {import('../tab-views').TeamView} TeamView */
  /** @typedef {import('../tab-views').CertificateView} CertificateView */
  /** @typedef {import('../tab-views').TeamCertificateView} TeamCertificateView */
  /** @typedef {import('../tab-views').ViewerView} ViewerView */
  /** @typedef {import('../tab-views').RequestView} RequestView */
  /** @typedef {import('../tab-views').QueueView} QueueView */
  /** @typedef {import('../tab-views').HistoryLineView} HistoryLineView */
  /** @typedef {import('../tab-views').ActionResultView} ActionResultView */
  /** @typedef {import('../tab-views').RenewalView} RenewalView */
  /** @typedef {import('../tab-views').ChoiceView} ChoiceView */
  /** @typedef {import('../../../domain/locale').Locale} Locale */
  /** @typedef {typeof import('@microsoft/teams-js')} TeamsJs */
  /** @typedef {Node | string | undefined | false} Child */
  /** @typedef {Record<string, string | boolean | EventListener | undefined>} Attributes */

  /** How long the Teams library may take to answer before the page gives up on Teams (outside Teams it never answers). */
  const TEAMS_TIMEOUT_MS = 5000;

  const body = document.body;
  const config = /** @type {PageConfig} */ (JSON.parse(body.dataset.config ?? '{}'));
  const main = /** @type {HTMLElement} */ (document.getElementById('app'));
  const query = new URLSearchParams(location.search);

  /** @type {Locale} */
  let locale = config.defaultLocale;
  /** @type {TeamsJs | undefined} */
  let teams;
  /** @type {string | undefined} */
  let token;
  /** The team the team tab is in (Teams only). */
  /** @type {string | undefined} */
  let teamId;
  /** A certificate a deep link points at: shown and focused once the list is drawn. */
  /** @type {string | undefined} */
  let pointedAt = query.get('certificate') ?? undefined;
  let rendered = false;

  /** @param {PageString} key */
  const t = (key) => config.strings[locale][key];

  /**
   * An element with attributes (`on…` ones are listeners) and children (strings become text nodes).
   * @param {string} tag
   * @param {Attributes} [attributes]
   * @param {Child[]} [children]
   * @returns {HTMLElement}
   */
  function h(tag, attributes = {}, children = []) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (typeof value === 'function') element.addEventListener(name.slice(2), value);
      else if (value === true) element.setAttribute(name, '');
      else if (typeof value === 'string') element.setAttribute(name, value);
    }
    for (const child of children) if (child !== undefined && child !== false) element.append(child);
    return element;
  }

  /** @param {string | null | undefined} tag @returns {Locale | undefined} */
  function localeOf(tag) {
    const primary = (tag ?? '').toLowerCase().split(/[-_]/)[0];
    return primary === 'fr' || primary === 'en' ? primary : undefined;
  }

  /** @param {string | undefined} theme */
  function applyTheme(theme) {
    document.documentElement.dataset.theme = theme === 'dark' || theme === 'contrast' ? theme : 'light';
  }

  /** @param {Locale} next */
  function applyLocale(next) {
    locale = next;
    document.documentElement.lang = next;
  }

  /** @param {string} src @returns {Promise<void>} */
  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const script = h('script', { src });
      script.addEventListener('load', () => resolve());
      script.addEventListener('error', () => reject(new Error('script')));
      document.head.append(script);
    });
  }

  /**
   * @template T
   * @param {Promise<T>} promise
   * @returns {Promise<T>}
   */
  function withTimeout(promise) {
    return Promise.race([promise, new Promise((_resolve, reject) => setTimeout(() => reject(new Error('timeout')), TEAMS_TIMEOUT_MS))]);
  }

  /** The Teams library, initialized, when the page runs inside Teams; undefined as a plain page. */
  async function connectTeams() {
    if (window.parent === window) return undefined;
    try {
      await loadScript(config.teamsJs);
      const library = /** @type {Window & { microsoftTeams?: TeamsJs }} */ (window).microsoftTeams;
      if (!library) return undefined;
      await withTimeout(library.app.initialize());
      return library;
    } catch {
      return undefined;
    }
  }

  class ApiError extends Error {
    /** @param {number} status */
    constructor(status) {
      super(`HTTP ${status}`);
      this.status = status;
    }
  }

  /** The Teams SSO token; Teams refusing one (no consent, no app registration) is a sign-in failure, said as such. */
  async function signIn() {
    if (!teams) return undefined;
    try {
      return await teams.authentication.getAuthToken();
    } catch {
      throw new ApiError(401);
    }
  }

  /**
   * The tab API, with the SSO token in Teams (fetched again once when refused: it may have expired).
   * @param {string} path
   * @param {unknown} [payload]
   * @returns {Promise<unknown>}
   */
  async function api(path, payload) {
    const separator = path.includes('?') ? '&' : '?';
    const url = `${config.api}/${path}${separator}locale=${locale}`;
    const send = () =>
      fetch(url, {
        method: payload === undefined ? 'GET' : 'POST',
        headers: {
          Accept: 'application/json',
          ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
      });
    let response = await send();
    if (response.status === 401 && teams) {
      token = await signIn();
      response = await send();
    }
    if (!response.ok) throw new ApiError(response.status);
    return response.json();
  }

  /** Replaces the page's content. @param {Child[]} children */
  function show(children) {
    main.replaceChildren(...children.filter(/** @returns {child is Node | string} */ (child) => child !== undefined && child !== false));
    main.removeAttribute('aria-busy');
  }

  /** A failure said plainly, with a way to try again. @param {unknown} error */
  function showError(error) {
    const status = error instanceof ApiError ? error.status : 0;
    const message = status === 401 ? t('tab.error.auth') : status === 403 ? t('tab.error.forbidden') : t('tab.error.unavailable');
    show([h('p', { role: 'alert', class: 'notice error' }, [message]), h('button', { type: 'button', onclick: () => void start() }, [t('tab.retry')])]);
  }

  /** The local mode banner: nobody signed in, and whose data this is. @param {ViewerView} viewer */
  function banner(viewer) {
    if (!viewer.banner) return undefined;
    return h('section', { class: 'banner', role: 'note', 'aria-labelledby': 'local-mode' }, [h('strong', { id: 'local-mode' }, [t('tab.local.title')]), ' ', viewer.banner]);
  }

  /** @param {string} status @param {string} label */
  const badge = (status, label) => h('span', { class: `badge ${status}` }, [label]);

  /** The first render: measured by the browser test (performance mark) and waited for (data-rendered). */
  function markRendered() {
    if (rendered) return;
    rendered = true;
    performance.mark('certibot:first-render');
    body.dataset.rendered = 'true';
  }

  // --- « Mes certificats » -----------------------------------------------------------------------------------------

  /** @type {MeView | undefined} */
  let me;
  const status = h('p', { id: 'status', class: 'status', role: 'status', 'aria-live': 'polite' });

  /** Says what an action came to; a refusal as an alert. @param {ActionResultView} result */
  function say(result) {
    status.textContent = result.message;
    status.className = result.ok ? 'status' : 'status error';
  }

  /**
   * Runs an action, says what came of it, and draws the list again; focus goes back to the certificate.
   * @param {unknown} command
   * @param {string | undefined} certificateId
   */
  async function act(command, certificateId) {
    try {
      const result = /** @type {ActionResultView} */ (await api('actions', command));
      say(result);
      await loadMine(certificateId);
      return result;
    } catch (error) {
      showError(error);
      return undefined;
    }
  }

  /** @param {string | undefined} focusId */
  async function loadMine(focusId) {
    me = /** @type {MeView} */ (await api('me'));
    if (me.locale !== locale) applyLocale(me.locale);
    drawMine();
    markRendered();
    const target = focusId ?? pointedAt;
    pointedAt = undefined;
    const article = target ? document.getElementById(`certificate-${target}`) : null;
    if (article) {
      article.classList.add('pointed');
      article.scrollIntoView({ block: 'center' });
      article.focus();
    }
  }

  function drawMine() {
    if (!me) return;
    const view = me;
    const list = h('ul', { class: 'certificates', 'aria-labelledby': 'title' }, view.certificates.map((certificate) => h('li', {}, [certificateArticle(certificate, view)])));
    show([
      h('header', { class: 'top' }, [
        h('h1', { id: 'title' }, [t('list.title')]),
        view.notice ? undefined : h('button', { type: 'button', class: 'primary', onclick: () => openForm(undefined, view) }, [t('list.add')]),
      ]),
      banner(view.viewer),
      view.notice ? h('p', { class: 'notice' }, [view.notice]) : undefined,
      status,
      h('div', { id: 'form-slot' }),
      view.certificates.length === 0 && !view.notice ? h('p', { class: 'muted' }, [t('list.empty')]) : undefined,
      view.certificates.length > 0 ? list : undefined,
      view.notice ? undefined : requests(view.requests),
      calculator(),
    ]);
  }

  /** The support requests the person opened: where each stands, and what they were told in the chat. @param {readonly RequestView[]} items */
  function requests(items) {
    /** @param {RequestView} request */
    const item = (request) => {
      const titleId = `request-${request.id}`;
      return h('li', {}, [
        h('article', { class: 'certificate', 'aria-labelledby': titleId }, [
          h('div', { class: 'heading' }, [h('h3', { id: titleId }, [request.number, ' — ', request.title]), badge(request.tone, request.state)]),
          h('p', { class: 'muted' }, [request.queue, ' · ', request.dates]),
          request.history.length > 0
            ? h('details', {}, [
                h('summary', { 'aria-describedby': titleId }, [t('tab.requests.history')]),
                h(
                  'ul',
                  { class: 'history' },
                  request.history.map((line) => h('li', {}, [h('span', { class: 'when' }, [line.when]), ' · ', h('span', { class: 'who' }, [line.who]), ' — ', h('span', { class: 'text' }, [line.text])])),
                ),
              ])
            : undefined,
        ]),
      ]);
    };
    return h('section', { class: 'requests', 'aria-labelledby': 'requests-title' }, [
      h('h2', { id: 'requests-title' }, [t('tab.requests.title')]),
      items.length === 0 ? h('p', { class: 'muted' }, [t('tab.requests.empty')]) : h('p', { class: 'muted' }, [t('tab.requests.hint')]),
      items.length > 0 ? h('ul', { class: 'certificates' }, items.map(item)) : undefined,
    ]);
  }

  /** @param {CertificateView} certificate @param {MeView} view */
  function certificateArticle(certificate, view) {
    const titleId = `title-${certificate.id}`;
    const actions = h('div', { class: 'actions' });
    const defaultActions = () => {
      actions.replaceChildren(
        ...[
          certificate.owner ? h('button', { type: 'button', 'aria-describedby': titleId, onclick: () => openForm(certificate, view) }, [t('register.list.edit')]) : undefined,
          certificate.owner && certificate.remindersOn
            ? h('button', { type: 'button', 'aria-describedby': titleId, onclick: () => void act({ command: 'stop', certificate: certificate.id }, certificate.id) }, [t('reminder.action.stop')])
            : undefined,
          certificate.owner ? h('button', { type: 'button', class: 'danger', 'aria-describedby': titleId, onclick: confirmDelete }, [t('list.delete')]) : undefined,
        ].filter(/** @returns {node is HTMLElement} */ (node) => node !== undefined),
      );
    };
    function confirmDelete() {
      const confirm = h('button', { type: 'button', class: 'danger strong', 'aria-describedby': titleId, onclick: () => void act({ command: 'delete', certificate: certificate.id }, undefined) }, [
        t('tab.delete.confirm'),
      ]);
      actions.replaceChildren(
        confirm,
        h('button', { type: 'button', onclick: () => { defaultActions(); actions.querySelector('button')?.focus(); } }, [t('tab.cancel')]),
      );
      confirm.focus();
    }
    defaultActions();
    return h('article', { id: `certificate-${certificate.id}`, class: 'certificate', tabindex: '-1', 'aria-labelledby': titleId }, [
      h('div', { class: 'heading' }, [h('h2', { id: titleId }, [certificate.label]), badge(certificate.status, certificate.statusLabel)]),
      h('p', {}, [certificate.expiryText]),
      h('p', { class: 'muted' }, [certificate.remindersOn ? certificate.nextText : t('tab.remindersOff')]),
      h('h3', {}, [t('tab.destinations')]),
      h(
        'ul',
        { class: 'destinations' },
        certificate.destinations.map((destination, index) => {
          const destinationId = `destination-${certificate.id}-${index}`;
          const latest = destination.latest;
          return h('li', {}, [
            h('span', { id: destinationId }, [destination.text]),
            destination.unreachable ? h('span', { class: 'warning' }, [' — ', destination.unreachable]) : undefined,
            latest ? h('span', { class: 'muted' }, [' — ', latest.text]) : undefined,
            latest && latest.canSnooze
              ? h('span', { class: 'inline-actions' }, [
                  snoozeButton(latest.delivery, 1, t('reminder.action.snoozeDay'), `${titleId} ${destinationId}`, certificate.id),
                  snoozeButton(latest.delivery, 7, t('reminder.action.snoozeWeek'), `${titleId} ${destinationId}`, certificate.id),
                ])
              : undefined,
          ]);
        }),
      ),
      history(certificate),
      actions,
    ]);
  }

  /**
   * @param {string} delivery @param {1 | 7} days @param {string} label
   * @param {string} describedBy @param {string} certificateId
   */
  function snoozeButton(delivery, days, label, describedBy, certificateId) {
    return h('button', { type: 'button', class: 'small', 'aria-describedby': describedBy, onclick: () => void act({ command: 'snooze', delivery, days }, certificateId) }, [label]);
  }

  /** @param {CertificateView} certificate */
  function history(certificate) {
    const { upcoming, past, older } = certificate.history;
    if (upcoming.length === 0 && past.length === 0) return undefined;
    /** @param {readonly HistoryLineView[]} lines */
    const lines = (lines) => h('ul', { class: 'history' }, lines.map((line) => h('li', { class: line.tone }, [h('span', {}, [line.title]), ' — ', h('span', { class: 'state' }, [line.status])])));
    return h('details', {}, [
      h('summary', {}, [t('list.history')]),
      upcoming.length > 0 ? h('h4', {}, [t('history.upcoming')]) : undefined,
      upcoming.length > 0 ? lines(upcoming) : undefined,
      past.length > 0 ? h('h4', {}, [t('history.past')]) : undefined,
      past.length > 0 ? lines(past) : undefined,
      older ? h('p', { class: 'muted' }, [older]) : undefined,
    ]);
  }

  /** The add or edit form, in place above the list. @param {CertificateView | undefined} certificate @param {MeView} view */
  function openForm(certificate, view) {
    const slot = document.getElementById('form-slot');
    if (!slot) return;
    const fields = certificate?.fields;
    const error = h('p', { class: 'error', role: 'alert' });
    /** @param {string} name @param {PageString} label @param {Attributes} attributes */
    const input = (name, label, attributes) => [h('label', { for: `field-${name}` }, [t(label)]), h('input', { id: `field-${name}`, name, ...attributes })];
    /** @param {'usage' | 'corridor' | 'structure' | 'scope'} name @param {PageString} label */
    const select = (name, label) => [
      h('label', { for: `field-${name}` }, [t(label)]),
      h('select', { id: `field-${name}`, name }, [
        h('option', { value: '' }, [t('tab.choice.none')]),
        ...view.choices[name].map((choice) => h('option', { value: choice.value, selected: fields?.[name] === choice.value }, [choice.title])),
      ]),
    ];
    const close = () => {
      slot.replaceChildren();
      document.getElementById(certificate ? `certificate-${certificate.id}` : 'title')?.focus();
    };
    /** @param {Event} event */
    const submit = async (event) => {
      event.preventDefault();
      const data = new FormData(/** @type {HTMLFormElement} */ (event.target));
      /** @type {Record<string, string>} */
      const values = {};
      for (const name of ['label', 'expiry', 'finess', 'usage', 'corridor', 'structure', 'scope']) values[name] = String(data.get(name) ?? '');
      const command = certificate ? { command: 'edit', certificate: certificate.id, fields: values } : { command: 'add', fields: values };
      try {
        const result = /** @type {ActionResultView} */ (await api('actions', command));
        if (!result.ok) {
          error.textContent = result.message;
          return;
        }
        say(result);
        slot.replaceChildren();
        await loadMine(certificate?.id);
      } catch (failure) {
        showError(failure);
      }
    };
    const form = h('form', { class: 'panel', 'aria-labelledby': 'form-title', onsubmit: submit }, [
      h('h2', { id: 'form-title' }, [t(certificate ? 'tab.edit.title' : 'tab.add.title')]),
      h('div', { class: 'fields' }, [
        ...input('label', 'register.field.label', { required: true, maxlength: '120', placeholder: t('register.field.labelHint'), value: fields?.label ?? '', autocomplete: 'off' }),
        ...input('expiry', 'register.field.expiry', { type: 'date', required: true, value: fields?.expiry ?? '' }),
        ...input('finess', 'register.field.finess', { maxlength: '20', inputmode: 'numeric', value: fields?.finess ?? '', autocomplete: 'off' }),
        ...select('usage', 'register.field.usage'),
        ...select('corridor', 'register.field.corridor'),
        ...select('structure', 'register.field.structure'),
        ...select('scope', 'register.field.scope'),
      ]),
      error,
      h('div', { class: 'actions' }, [h('button', { type: 'submit', class: 'primary' }, [t('tab.save')]), h('button', { type: 'button', onclick: close }, [t('tab.cancel')])]),
    ]);
    slot.replaceChildren(form);
    form.querySelector('input')?.focus();
  }

  /** The renewal calculator: a date and what it is, or a certificate file (read by certibot, never kept). */
  function calculator() {
    const result = h('div', { class: 'result', 'aria-live': 'polite' });
    /** @param {unknown} question */
    const compute = async (question) => {
      try {
        const answer = /** @type {RenewalView} */ (await api('renewal', question));
        result.replaceChildren(...renewal(answer));
      } catch {
        result.replaceChildren(h('p', { class: 'error', role: 'alert' }, [t('tab.error.unavailable')]));
      }
    };
    /** @param {File | undefined} file */
    const readFile = (file) => {
      if (!file) return;
      const reader = new FileReader();
      reader.addEventListener('load', () => {
        const bytes = new Uint8Array(/** @type {ArrayBuffer} */ (reader.result));
        let binary = '';
        for (const byte of bytes) binary += String.fromCharCode(byte);
        void compute({ file: btoa(binary) });
      });
      reader.readAsArrayBuffer(file);
    };
    const fileInput = /** @type {HTMLInputElement} */ (h('input', { type: 'file', id: 'calc-file', accept: '.cer,.crt,.pem,.der', onchange: () => readFile(fileInput.files?.[0]) }));
    const drop = h('div', { class: 'drop' }, [h('label', { for: 'calc-file' }, [t('tab.calculator.file')]), fileInput, h('p', { class: 'muted' }, [t('tab.calculator.fileHint')])]);
    drop.addEventListener('dragover', (event) => {
      event.preventDefault();
      drop.classList.add('over');
    });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (event) => {
      event.preventDefault();
      drop.classList.remove('over');
      readFile(event.dataTransfer?.files[0]);
    });
    /** @param {Event} event */
    const submit = (event) => {
      event.preventDefault();
      const data = new FormData(/** @type {HTMLFormElement} */ (event.target));
      void compute({ date: String(data.get('date') ?? ''), role: String(data.get('role') ?? 'expiry') });
    };
    /** @param {'issue' | 'expiry'} value @param {PageString} label */
    const role = (value, label) => h('label', { class: 'choice' }, [h('input', { type: 'radio', name: 'role', value, checked: value === 'expiry' }), ' ', t(label)]);
    return h('section', { class: 'panel', 'aria-labelledby': 'calc-title' }, [
      h('h2', { id: 'calc-title' }, [t('tab.calculator.title')]),
      h('form', { onsubmit: submit }, [
        h('div', { class: 'fields' }, [h('label', { for: 'calc-date' }, [t('tab.calculator.date')]), h('input', { id: 'calc-date', name: 'date', type: 'date', required: true })]),
        h('fieldset', {}, [h('legend', {}, [t('tab.calculator.role')]), role('issue', 'dates.role.issue'), role('expiry', 'dates.role.expiry')]),
        h('div', { class: 'actions' }, [h('button', { type: 'submit', class: 'primary' }, [t('tab.calculator.compute')])]),
      ]),
      drop,
      result,
    ]);
  }

  /** @param {RenewalView} answer @returns {Node[]} */
  function renewal(answer) {
    if (!answer.ok) return [h('p', { class: 'error', role: 'alert' }, [answer.message])];
    /** @param {ReadonlyArray<{ title: string, value: string }>} rows */
    const facts = (rows) => h('dl', { class: 'facts' }, rows.flatMap((row) => [h('dt', {}, [row.title]), h('dd', {}, [row.value])]));
    return [
      h('p', { class: `verdict ${answer.status}` }, [answer.statusText]),
      facts(answer.rows),
      h('p', {}, [answer.advice]),
      ...(answer.facts.length > 0 ? [h('h3', {}, [t('timeline.certificateTitle')]), facts(answer.facts)] : []),
      ...answer.notes.map((note) => h('p', { class: 'warning' }, [note])),
    ];
  }

  // --- « Certificats de l'équipe » -----------------------------------------------------------------------------------

  async function loadTeam() {
    const view = /** @type {TeamView} */ (await api(teamId ? `team?team=${encodeURIComponent(teamId)}` : 'team'));
    if (view.locale !== locale) applyLocale(view.locale);
    /** @param {TeamCertificateView} certificate */
    const item = (certificate) =>
      h('li', {}, [
        h('article', { class: 'certificate', 'aria-labelledby': `title-${certificate.id}` }, [
          h('div', { class: 'heading' }, [h('h2', { id: `title-${certificate.id}` }, [certificate.label]), badge(certificate.status, certificate.statusLabel)]),
          h('p', {}, [certificate.expiryText]),
          h('p', { class: 'muted' }, [certificate.nextText]),
        ]),
      ]);
    show([
      h('header', { class: 'top' }, [h('h1', { id: 'title' }, [t('tab.team.title')])]),
      banner(view.viewer),
      h('p', { class: 'muted' }, [t('tab.team.intro')]),
      view.notice ? h('p', { class: 'notice' }, [view.notice]) : undefined,
      view.certificates.length > 0 ? h('ul', { class: 'certificates', 'aria-labelledby': 'title' }, view.certificates.map(item)) : view.notice ? undefined : h('p', { class: 'muted' }, [t('tab.team.empty')]),
      view.queues.length > 0 ? h('h2', { id: 'queues-title' }, [t('tab.queues.title')]) : undefined,
      ...view.queues.map(queue),
    ]);
    markRendered();
  }

  /** A support queue worked in the team's channels: its open tickets, oldest first. @param {QueueView} view */
  function queue(view) {
    const titleId = `queue-${view.id}`;
    return h('section', { class: 'queue', 'aria-labelledby': titleId }, [
      h('h3', { id: titleId }, [view.title]),
      view.empty ? h('p', { class: 'muted' }, [view.empty]) : undefined,
      view.tickets.length > 0
        ? h(
            'ul',
            { class: 'certificates', 'aria-labelledby': titleId },
            view.tickets.map((ticket) =>
              h('li', {}, [
                h('article', { class: 'certificate', 'aria-labelledby': `ticket-${ticket.id}` }, [
                  h('div', { class: 'heading' }, [
                    h('h4', { id: `ticket-${ticket.id}` }, [ticket.number, ' — ', ticket.title]),
                    badge(ticket.tone, ticket.state),
                    ticket.urgent ? badge('urgent', ticket.urgency) : undefined,
                  ]),
                  h('p', { class: 'muted' }, [ticket.urgent ? '' : `${ticket.urgency} · `, ticket.age]),
                ]),
              ]),
            ),
          )
        : undefined,
    ]);
  }

  /** The team tab's configuration: one fixed page, saved as is. */
  function configure() {
    show([h('h1', {}, [t('tab.team.title')]), h('p', {}, [t('tab.config.intro')])]);
    markRendered();
    const library = teams;
    if (!library) return;
    const url = new URL(config.teamTabUrl, location.href).href;
    library.pages.config.registerOnSaveHandler((event) => {
      library.pages.config.setConfig({ entityId: 'team-certificates', contentUrl: url, websiteUrl: url, suggestedDisplayName: t('tab.team.title') }).then(
        () => event.notifySuccess(),
        (error) => event.notifyFailure(String(error)),
      );
    });
    library.pages.config.setValidityState(true);
  }

  // --- Start ---------------------------------------------------------------------------------------------------------

  async function start() {
    main.setAttribute('aria-busy', 'true');
    try {
      teams ??= await connectTeams();
      if (!teams && !config.localMode) {
        show([h('p', { class: 'notice' }, [t('tab.openInTeams')])]);
        return;
      }
      const context = teams ? await teams.app.getContext() : undefined;
      applyLocale(localeOf(context?.app.locale) ?? localeOf(query.get('locale')) ?? localeOf(navigator.language) ?? config.defaultLocale);
      applyTheme(context?.app.theme ?? query.get('theme') ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'));
      teams?.app.registerOnThemeChangeHandler(applyTheme);
      teamId = context?.team?.internalId;
      pointedAt = context?.page.subPageId || pointedAt;
      if (config.page !== 'team-config') token = await signIn();
      if (config.page === 'certificates') await loadMine(undefined);
      else if (config.page === 'team') await loadTeam();
      else configure();
    } catch (error) {
      showError(error);
    }
  }

  void start();
})();
