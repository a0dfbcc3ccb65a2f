// The dashboard: every view reads the service's public GraphQL API only. Text from CleverTap or from webhook
// callers is always inserted as text (textContent), never as HTML.
'use strict';

(() => {
  const $ = id => document.getElementById(id);
  const CHANNELS = ['PUSH', 'WEBPUSH', 'EMAIL', 'SMS', 'WHATSAPP', 'INAPP', 'WEBHOOK', 'WEB_POPUP', 'WEB_EXIT_INTENT',
    'WEB_NATIVE_DISPLAY', 'WEB_INBOX', 'AUDIENCES'];
  const STATUSES = ['SCHEDULED', 'RUNNING', 'STOPPED', 'COMPLETED'];
  const DELIVERIES = ['ONE_TIME', 'INACTION', 'ACTION', 'RECURRING', 'PROPERTY_TIME', 'API'];
  const fmt = new Intl.NumberFormat();
  const pct = v => v == null ? '–' : (v * 100).toFixed(1) + ' %';
  const signed = v => v == null ? '–' : (v >= 0 ? '+' : '') + (v * 100).toFixed(1) + ' %';
  const iso = d => d.toISOString().slice(0, 10);

  function row(tbody, cells) {
    const tr = document.createElement('tr');
    cells.forEach(cell => {
      const td = document.createElement('td');
      if (cell instanceof Node) { td.appendChild(cell); } else { td.textContent = cell == null ? '' : String(cell); }
      tr.appendChild(td);
    });
    tbody.appendChild(tr);
    return tr;
  }

  function options(select, values) {
    values.forEach(v => { const o = document.createElement('option'); o.value = v; o.textContent = v.toLowerCase(); select.appendChild(o); });
  }

  // ---- credentials ----
  $('credential').value = GraphQL.credential();
  $('auth').addEventListener('submit', e => {
    e.preventDefault();
    GraphQL.setCredential($('credential').value);
    $('auth-status').textContent = GraphQL.credential() ? 'credential set for this tab' : 'no credential';
    loadAll();
  });
  GraphQL.onAuthProblem(message => { $('auth-status').textContent = message; $('credential').focus(); });

  // ---- channel performance ----
  options($('perf-channel'), CHANNELS);
  options($('perf-status'), STATUSES);
  options($('perf-delivery'), DELIVERIES);
  const PERFORMANCE = `query Performance($range: DateRange!, $filter: PerformanceFilter) {
    channelPerformance(range: $range, filter: $filter, compare: true) {
      from to previousFrom previousTo
      overall { messages totals { sent viewed clicked viewRate clickRate clickThroughRate } change { sent viewed clicked } }
      channels { channel messages totals { sent viewed clicked viewRate clickRate } change { sent }
        daily { date totals { sent } } }
    }
  }`;

  async function loadPerformance() {
    $('perf-error').textContent = '';
    const days = Number($('perf-days').value);
    const to = new Date();
    const from = new Date(to.getTime() - (days - 1) * 86400000);
    const filter = {};
    if ($('perf-channel').value) { filter.channels = [$('perf-channel').value]; }
    if ($('perf-status').value) { filter.statuses = [$('perf-status').value]; }
    if ($('perf-delivery').value) { filter.deliveryTypes = [$('perf-delivery').value]; }
    if ($('perf-label').value.trim()) { filter.labels = [$('perf-label').value.trim()]; }
    try {
      const data = await GraphQL.query(PERFORMANCE, { range: { from: iso(from), to: iso(to) }, filter });
      renderPerformance(data.channelPerformance);
    } catch (e) { $('perf-error').textContent = e.message; }
  }

  function renderPerformance(report) {
    const cards = $('perf-totals');
    cards.innerHTML = '';
    const t = report.overall.totals;
    const ch = report.overall.change || {};
    [['Sent', t.sent, ch.sent], ['Viewed', t.viewed, ch.viewed], ['Clicked', t.clicked, ch.clicked],
      ['View rate', pct(t.viewRate)], ['Click rate', pct(t.clickRate)], ['Click-through', pct(t.clickThroughRate)]]
      .forEach(([name, value, change]) => {
        const card = document.createElement('div');
        card.className = 'card';
        const b = document.createElement('b');
        b.textContent = typeof value === 'number' ? fmt.format(value) : value;
        card.append(name, b);
        if (change !== undefined) {
          const s = document.createElement('small');
          s.className = change == null ? '' : change >= 0 ? 'up' : 'down';
          s.textContent = signed(change) + ' vs previous ' + (report.previousFrom || '') + '…' + (report.previousTo || '');
          card.appendChild(s);
        }
        cards.appendChild(card);
      });
    const channels = report.channels.filter(c => c.channel);
    Charts.bars($('chart-channels'), channels.map(c => ({ label: c.channel.toLowerCase(),
      values: [c.totals.sent, c.totals.viewed, c.totals.clicked] })),
    [{ name: 'sent', color: '#3b6fd8' }, { name: 'viewed', color: '#14a37f' }, { name: 'clicked', color: '#e8833a' }]);
    const labels = channels.length ? channels[0].daily.map(d => d.date.slice(5)) : [];
    Charts.lines($('chart-daily'), labels, channels.slice(0, 6).map(c => ({ name: c.channel.toLowerCase(),
      values: c.daily.map(d => d.totals.sent) })));
    const tbody = $('perf-table').querySelector('tbody');
    tbody.innerHTML = '';
    report.channels.forEach(c => row(tbody, [c.channel ? c.channel.toLowerCase() : 'other', c.messages,
      fmt.format(c.totals.sent), fmt.format(c.totals.viewed), fmt.format(c.totals.clicked), pct(c.totals.viewRate),
      pct(c.totals.clickRate), c.change ? signed(c.change.sent) : '–']));
  }

  const CAMPAIGNS = `query Campaigns($range: DateRange!) {
    campaigns(range: $range) { id name channel status report { ready sent viewed clicked } }
  }`;

  async function loadCampaigns() {
    const days = Number($('perf-days').value);
    const to = new Date();
    const from = new Date(to.getTime() - (days - 1) * 86400000);
    const tbody = $('campaign-table').querySelector('tbody');
    try {
      const data = await GraphQL.query(CAMPAIGNS, { range: { from: iso(from), to: iso(to) } });
      tbody.innerHTML = '';
      data.campaigns.forEach(c => {
        const r = c.report || {};
        const n = v => r.ready && v != null ? fmt.format(v) : 'not ready';
        row(tbody, [c.name || c.id, c.channel ? c.channel.toLowerCase() : '', (c.status || '').toLowerCase(), n(r.sent),
          n(r.viewed), n(r.clicked)]);
      });
    } catch (e) { $('perf-error').textContent = e.message; }
  }

  $('performance-form').addEventListener('submit', e => { e.preventDefault(); loadPerformance(); loadCampaigns(); });

  // ---- live view ----
  const LIVE = `subscription Live { liveUsers(splitBy: [OS], intervalSeconds: 2) { total polledAt breakdown { value count } } }`;
  const readings = [];
  let stopLive;
  function startLive() {
    if (stopLive) { stopLive(); }
    stopLive = GraphQL.subscribe(LIVE, {}, {
      next: data => {
        const live = data.liveUsers;
        $('live-count').textContent = fmt.format(live.total);
        $('live-at').textContent = 'at ' + new Date(live.polledAt).toLocaleTimeString();
        readings.push(live.total);
        if (readings.length > 60) { readings.shift(); }
        Charts.sparkline($('live-spark'), readings);
        const list = $('live-breakdown');
        list.innerHTML = '';
        live.breakdown.forEach(b => { const li = document.createElement('li'); li.textContent = `${b.value}: ${fmt.format(b.count)}`; list.appendChild(li); });
      },
      error: message => { $('live-at').textContent = message; },
      status: text => { $('live-at').textContent = text; }
    });
  }

  // ---- profile and activity ----
  const PROFILE = `query Profile($identity: String, $email: String, $objectId: ID) {
    profile(identity: $identity, email: $email, objectId: $objectId) {
      objectId identity email name phone platforms { platform }
      eventSummary { eventName count lastSeen }
      activity(days: 30, limit: 50) { eventName occurredAt properties }
    }
  }`;

  async function lookUp() {
    $('profile-error').textContent = '';
    const card = $('profile-card');
    const summary = $('profile-summary').querySelector('tbody');
    const timeline = $('profile-timeline');
    card.textContent = 'Loading…';
    summary.innerHTML = '';
    timeline.innerHTML = '';
    try {
      const data = await GraphQL.query(PROFILE, { [$('profile-key').value]: $('profile-value').value.trim() });
      const p = data.profile;
      if (!p) { card.textContent = 'No such profile.'; return; }
      card.textContent = `${p.name || '(no name)'} · ${p.identity || ''} · ${p.email || ''} · ${p.phone || ''} · ` +
        (p.platforms || []).map(x => x.platform).join(', ');
      card.setAttribute('data-identity', p.identity || '');
      p.eventSummary.forEach(s => row(summary, [s.eventName, fmt.format(s.count), s.lastSeen ? new Date(s.lastSeen).toLocaleString() : '']));
      p.activity.forEach(a => {
        const li = document.createElement('li');
        li.textContent = `${a.occurredAt ? new Date(a.occurredAt).toLocaleString() : '?'} — ${a.eventName}` +
          (a.properties ? ' ' + JSON.stringify(a.properties) : '');
        timeline.appendChild(li);
      });
      if (!p.activity.length) { const li = document.createElement('li'); li.textContent = 'No events in the last 30 days.'; timeline.appendChild(li); }
    } catch (e) { card.textContent = ''; $('profile-error').textContent = e.message; }
  }

  $('profile-form').addEventListener('submit', e => { e.preventDefault(); lookUp(); });

  // ---- audience builder: pickers from the account's catalogue, reach from profileCount (polled while PENDING) ----
  const CATALOG = `query Catalog { eventCatalog { name properties { name type } } profilePropertyCatalog { name } }`;
  const REACH = `query Reach($query: EventQuery!) { profileCount(query: $query) { status value requestId } }`;
  const RESUME = `query Resume($id: ID!) { countResult(requestId: $id) { status value requestId } }`;
  const REACH_POLL_MS = 2000;
  const REACH_POLLS = 30;
  let catalog = [];
  let reachRun = 0;

  function fillSelect(select, values, keep) {
    const chosen = select.value;
    while (select.options.length > (keep ? 1 : 0)) { select.remove(select.options.length - 1); }
    values.forEach(v => { const o = document.createElement('option'); o.value = v; o.textContent = v; select.appendChild(o); });
    if (values.includes(chosen)) { select.value = chosen; }
  }

  function fillEventProperties() {
    const event = catalog.find(e => e.name === $('aud-event').value);
    fillSelect($('aud-prop'), event ? event.properties.map(p => p.name) : [], true);
  }

  async function loadCatalog() {
    try {
      const data = await GraphQL.query(CATALOG);
      catalog = data.eventCatalog;
      fillSelect($('aud-event'), catalog.map(e => e.name), false);
      if (catalog.some(e => e.name === 'Charged')) { $('aud-event').value = 'Charged'; }
      fillEventProperties();
      fillSelect($('aud-field'), data.profilePropertyCatalog.map(p => p.name), true);
    } catch (err) { $('aud-error').textContent = err.message; }
  }

  $('aud-event').addEventListener('change', fillEventProperties);

  const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

  $('audience-form').addEventListener('submit', async e => {
    e.preventDefault();
    const run = ++reachRun;
    $('aud-error').textContent = '';
    $('aud-reach').textContent = '…';
    const days = Number($('aud-days').value);
    const to = new Date();
    const query = { eventName: $('aud-event').value,
      range: { from: iso(new Date(to.getTime() - (days - 1) * 86400000)), to: iso(to) } };
    if ($('aud-prop').value) {
      query.eventProperties = [{ name: $('aud-prop').value, operator: 'EQUALS', value: $('aud-prop-value').value }];
    }
    if ($('aud-field').value) {
      query.profileFields = [{ name: $('aud-field').value, operator: 'EQUALS', value: $('aud-value').value }];
    }
    try {
      let count = (await GraphQL.query(REACH, { query })).profileCount;
      // CleverTap may still be counting: resume with countResult until it answers (a newer estimate wins)
      for (let poll = 0; count.status === 'PENDING' && poll < REACH_POLLS && run === reachRun; poll++) {
        $('aud-reach').textContent = 'still counting…';
        await sleep(REACH_POLL_MS);
        count = (await GraphQL.query(RESUME, { id: count.requestId })).countResult;
      }
      if (run !== reachRun) { return; }
      $('aud-reach').textContent = count.status === 'COMPLETE' ? fmt.format(count.value) : 'still counting, try again later';
    } catch (err) {
      if (run === reachRun) { $('aud-reach').textContent = '–'; $('aud-error').textContent = err.message; }
    }
  });

  // ---- webhooks and journeys ----
  const DELIVERY_FIELDS = 'id receivedAt targetId test broadcast profiles { identity }';
  const WEBHOOKS = `query Webhooks { webhookDeliveries(last: 20) { ${DELIVERY_FIELDS} }
    webhookTargets { targetId deliveries users lastReceivedAt } }`;
  const RECEIVED = `subscription Received { webhookReceived { ${DELIVERY_FIELDS} } }`;

  function deliveryRow(tbody, d, first) {
    const tr = row(tbody, [d.id, new Date(d.receivedAt).toLocaleTimeString(), d.targetId || '–',
      (d.test ? 'test, ' : '') + (d.broadcast ? 'broadcast' : 'per user'),
      d.profiles.map(p => p.identity).filter(Boolean).join(', ') || d.profiles.length]);
    tr.setAttribute('data-delivery', d.id);
    if (first) { tbody.insertBefore(tr, tbody.firstChild); }
    while (tbody.children.length > 50) { tbody.removeChild(tbody.lastChild); }
  }

  async function loadWebhooks() {
    try {
      const data = await GraphQL.query(WEBHOOKS);
      const tbody = $('webhook-table').querySelector('tbody');
      tbody.innerHTML = '';
      data.webhookDeliveries.forEach(d => deliveryRow(tbody, d, false));
      renderTargets(data.webhookTargets);
    } catch (e) { /* shown by the auth prompt or left empty */ }
  }

  function renderTargets(targets) {
    const tbody = $('journey-table').querySelector('tbody');
    tbody.innerHTML = '';
    targets.forEach(t => row(tbody, [t.targetId || '–', t.deliveries, t.users, new Date(t.lastReceivedAt).toLocaleString()]));
  }

  let stopWebhooks;
  function startWebhooks() {
    if (stopWebhooks) { stopWebhooks(); }
    stopWebhooks = GraphQL.subscribe(RECEIVED, {}, {
      next: data => {
        deliveryRow($('webhook-table').querySelector('tbody'), data.webhookReceived, true);
        GraphQL.query('{ webhookTargets { targetId deliveries users lastReceivedAt } }').then(d => renderTargets(d.webhookTargets), () => {});
      }
    });
  }

  function loadAll() {
    loadPerformance();
    loadCampaigns();
    lookUp();
    loadCatalog();
    loadWebhooks();
    startLive();
    startWebhooks();
  }

  loadAll();
})();
