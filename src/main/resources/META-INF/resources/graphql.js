// A small GraphQL client for the dashboard: queries over fetch, subscriptions over WebSocket (graphql-transport-ws).
// The optional credential (API key or JWT) lives in sessionStorage and is sent as Authorization on both.
'use strict';

const GraphQL = (() => {
  const KEY = 'ctg.credential';
  const listeners = [];

  function credential() { return sessionStorage.getItem(KEY) || ''; }

  function setCredential(value) {
    if (value) { sessionStorage.setItem(KEY, value.trim()); } else { sessionStorage.removeItem(KEY); }
  }

  // A JWT has three base64url parts; anything else is taken as an API key.
  function authorization() {
    const c = credential();
    if (!c) { return null; }
    if (/^(ApiKey|Bearer) /i.test(c)) { return c; }
    return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(c) ? 'Bearer ' + c : 'ApiKey ' + c;
  }

  function onAuthProblem(listener) { listeners.push(listener); }
  function authProblem(message) { listeners.forEach(l => l(message)); }

  class GraphQLError extends Error {
    constructor(message, code) { super(message); this.code = code; }
  }

  async function query(document, variables) {
    const headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    const auth = authorization();
    if (auth) { headers.Authorization = auth; }
    const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query: document, variables: variables || {} }) });
    if (response.status === 401 || response.status === 403) {
      authProblem('Enter an API key (or a bearer token) to use the dashboard.');
      throw new GraphQLError('Not authorized: enter an API key', 'UNAUTHENTICATED');
    }
    const body = await response.json();
    if (body.errors && body.errors.length) {
      const error = body.errors[0];
      const code = (error.extensions && (error.extensions.code || error.extensions.classification)) || '';
      if (/unauthori[sz]ed|forbidden|UNAUTHENTICATED|FORBIDDEN/.test(code)) {
        authProblem('Enter an API key (or a bearer token) with access to this view.');
      }
      throw new GraphQLError(error.message + (code ? ' (' + code + ')' : ''), code);
    }
    return body.data;
  }

  // Subscribes and keeps the subscription alive: on a dropped socket it reconnects with a growing pause.
  function subscribe(document, variables, handlers) {
    let socket;
    let closed = false;
    let pause = 1000;
    function open() {
      const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/graphql';
      socket = new WebSocket(url, 'graphql-transport-ws');
      socket.onopen = () => {
        const auth = authorization();
        socket.send(JSON.stringify({ type: 'connection_init', payload: auth ? { Authorization: auth } : {} }));
      };
      socket.onmessage = event => {
        const message = JSON.parse(event.data);
        if (message.type === 'connection_ack') {
          pause = 1000;
          socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: document, variables: variables || {} } }));
        } else if (message.type === 'next') {
          if (message.payload.errors && message.payload.errors.length) {
            handlers.error && handlers.error(message.payload.errors[0].message);
          } else {
            handlers.next(message.payload.data);
          }
        } else if (message.type === 'error') {
          handlers.error && handlers.error((message.payload && message.payload[0] && message.payload[0].message) || 'subscription refused');
        } else if (message.type === 'ping') {
          socket.send(JSON.stringify({ type: 'pong' }));
        }
      };
      socket.onclose = event => {
        if (event.code === 4401 || event.code === 4403) {
          authProblem('Enter an API key (or a bearer token) for live updates.');
        }
        if (!closed) {
          handlers.status && handlers.status('reconnecting…');
          setTimeout(open, pause);
          pause = Math.min(pause * 2, 30000);
        }
      };
    }
    open();
    return () => { closed = true; socket && socket.close(); };
  }

  return { query, subscribe, credential, setCredential, onAuthProblem };
})();
